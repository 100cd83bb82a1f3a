#!/bin/sh
# t0300 — `zorgdoc render` through every output device, end to end on the
# layout test documents: cairo PDF (text, metadata, fonts, links, qpdf
# check, byte-reproducible), libharu PDF (same text and look, attachments),
# AES-256 protection, PNG and SVG per page, and failures that leave nothing.
. "$TESTS_DIR/lib.sh"

DOC="$TESTS_DIR/layout/verwerkersovereenkomst.xml"
NOTA="$TESTS_DIR/render/nota.xml"

# pages FILE.pdf [password]: prints the page count.
pages() {
	pdfinfo ${2:+-upw "$2"} "$1" | sed -n 's/^Pages: *//p'
}

# differing_pixels A.pgm B.pgm: pixels whose grey differs by more than 64.
differing_pixels() {
	cmp -l "$1" "$2" | awk 'function oct(s, v, i) { v = 0;
		for (i = 1; i <= length(s); i++) v = v * 8 + substr(s, i, 1); return v }
		{ d = oct($2) - oct($3); if (d < 0) d = -d; if (d > 64) n++ } END { print n + 0 }'
}

test_expect "cairo PDF: text in reading order, metadata, embedded subset fonts" '
	"$ZORGDOC" render "$DOC" -o out.pdf
	n=$(pages out.pdf)
	test "$n" -ge 2
	pdfinfo out.pdf >info
	grep "^Title: *[^ ]" info
	grep "^Producer: *cairo" info
	pdffonts out.pdf | tail -n +3 >fonts
	test -s fonts
	refute grep -v " yes yes " fonts
	pdftotext out.pdf out.txt 2>err
	test ! -s err
	grep -q "verwerker" out.txt
'

test_expect "cairo PDF: qpdf --check is clean, outline and links survive" '
	"$ZORGDOC" render "$DOC" -o out.pdf
	qpdf --check out.pdf >check 2>&1
	grep "No syntax or stream encoding errors" check
	qpdf --json=2 --json-key=outlines out.pdf | grep "\"title\""
'

test_expect "cairo PDF is byte-identical run to run, whatever the clock" '
	"$ZORGDOC" render "$DOC" -o a.pdf
	SOURCE_DATE_EPOCH=1800000000 "$ZORGDOC" render "$DOC" -o b.pdf
	cmp a.pdf b.pdf
'

test_expect "haru PDF: same pages, same text, looks the same as cairo" '
	"$ZORGDOC" render "$DOC" -o c.pdf
	"$ZORGDOC" render --device haru "$DOC" -o h.pdf
	test "$(pages c.pdf)" = "$(pages h.pdf)"
	pdfinfo h.pdf | grep "^Producer: *Haru"
	pdftotext c.pdf c.txt
	pdftotext h.pdf h.txt 2>err
	test ! -s err
	tr -s " \n" "  " <c.txt >c.words
	tr -s " \n" "  " <h.txt >h.words
	cmp c.words h.words
	qpdf --check h.pdf
	pdftoppm -gray -r 40 c.pdf c
	pdftoppm -gray -r 40 h.pdf h
	for p in c-*.pgm; do
		total=$(wc -c <"$p")
		diff=$(differing_pixels "$p" "h${p#c}")
		echo "$p: $diff of $total"
		test $((diff * 1000)) -lt "$total"
	done
'

test_expect "haru PDF carries attachments under their own names, reproducibly" '
	printf "<factuur nummer=\"2023-001\"/>\n" >factuur.xml
	"$ZORGDOC" render --device haru --attach factuur.xml "$NOTA" -o a.pdf
	"$ZORGDOC" render --device haru --attach factuur.xml "$NOTA" -o b.pdf
	cmp a.pdf b.pdf
	pdfdetach -list a.pdf >list
	printf "1 embedded files\n1: factuur.xml\n" >expect
	test_cmp expect list
	pdfdetach -save 1 -o got.xml a.pdf
	cmp factuur.xml got.xml
	refute grep -a "$PWD" a.pdf
'

test_expect "cairo PDF carries attachments too (embedded by qpdf)" '
	printf "<factuur nummer=\"2023-001\"/>\n" >factuur.xml
	"$ZORGDOC" render --attach factuur.xml "$NOTA" -o a.pdf
	pdfinfo a.pdf | grep "^Producer: *cairo"
	pdfdetach -list a.pdf >list
	printf "1 embedded files\n1: factuur.xml\n" >expect
	test_cmp expect list
	pdfdetach -save 1 -o got.xml a.pdf
	cmp factuur.xml got.xml
	qpdf --check a.pdf
	qpdf --qdf --object-streams=disable a.pdf - | grep -a "/Subtype /application#2fxml"
'

for dev in cairo haru; do
test_expect "$dev PDF with a password: AES-256 (R6), print yes, modify no" '
	printf "paard-batterij-nietje\n" >pw
	"$ZORGDOC" render --device '$dev' --password-file pw "$NOTA" -o p.pdf
	qpdf --password=paard-batterij-nietje --show-encryption p.pdf >enc
	grep "R = 6" enc
	grep "AESv3" enc
	grep "print high resolution: allowed" enc
	grep "modify other: not allowed" enc
	pdftotext -upw paard-batterij-nietje p.pdf - | grep -q .
	refute pdfinfo -upw verkeerd p.pdf
	refute pdfinfo p.pdf
	refute grep -a "paard-batterij" p.pdf
'
done

test_expect "PNG: one file per page at 96 dpi" '
	"$ZORGDOC" render "$DOC" -o out.pdf
	n=$(pages out.pdf)
	"$ZORGDOC" render "$DOC" -o page.png
	test ! -e page.png
	test ! -e "page-$((n + 1)).png"
	i=1
	while [ $i -le "$n" ]; do
		file "page-$i.png" | grep "PNG image data, 794 x 1123"
		i=$((i + 1))
	done
	"$ZORGDOC" render "$NOTA" -o nota.png
	file nota.png | grep "PNG image data, 794 x 1123"
	"$ZORGDOC" render "$NOTA" -o again.png
	cmp nota.png again.png
'

test_expect "SVG: one well-formed file per page" '
	"$ZORGDOC" render "$DOC" -o out.pdf
	n=$(pages out.pdf)
	"$ZORGDOC" render --format svg "$DOC" -o page.svg
	ls page-*.svg >list
	test "$(wc -l <list)" -eq "$n"
	xmllint --noout page-*.svg
	grep -l "<use xlink:href=\"#glyph" page-1.svg
	"$ZORGDOC" render --format svg "$DOC" -o again.svg
	cmp page-2.svg again-2.svg
'

test_expect "failures leave nothing behind" '
	mkdir out
	run_status 1 "$ZORGDOC" render --device haru --attach missing.xml "$NOTA" -o out/a.pdf
	run_status 1 "$ZORGDOC" render --attach missing.xml "$NOTA" -o out/b.pdf
	run_status 1 "$ZORGDOC" render "$NOTA" -o nodir/c.pdf
	test -z "$(ls -A out)"
'
