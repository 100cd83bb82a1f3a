#!/bin/sh
# zorgdoc render: document XML → pages. Golden layout traces for documents
# that use every element of the vocabulary (tests/layout/*.xml), generated
# documents (300-row table, 200 pages), properties of the pages, file:line:col
# errors for documents that do not match the vocabulary, and the real output
# files checked with poppler and qpdf.
. "$TESTS_DIR/lib.sh"
L="$TESTS_DIR/layout"

for doc in agreement verwerkersovereenkomst zorgnota heading-bottom narrow-cell; do
	test_expect "golden trace: $doc" '
		"$ZORGDOC" render "$L/$doc.xml" -o out.trace
		test_golden "$L/golden/'$doc'.trace" out.trace
	'
done

test_expect "trace is stable across runs" '
	"$ZORGDOC" render "$L/verwerkersovereenkomst.xml" -o a.trace
	"$ZORGDOC" render "$L/verwerkersovereenkomst.xml" -o b.trace
	cmp a.trace b.trace
'

test_expect "a heading at the bottom of a page moves to the next page" '
	"$ZORGDOC" render "$L/heading-bottom.xml" -o out.trace
	grep -q "^outline 1 2 .*Deze kop valt onderaan" out.trace
'

# every page of a trace has a footer "pagina N van M" with the right numbers
check_footers() {
	awk -v want="$2" '
		/^page / { p = $2; next }
		/"pagina [0-9]+ van [0-9]+"$/ {
			match($0, /"pagina [0-9]+ van [0-9]+"$/)
			split(substr($0, RSTART + 1, RLENGTH - 2), w, " ")
			if (w[2] != p || w[4] != want) { print "page " p ": " w[2] "/" w[4]; bad = 1 }
			seen[p] = 1
		}
		END { for (i = 1; i <= want; i++) if (!seen[i]) { print "no footer on page " i; bad = 1 }
		      exit bad }' "$1"
}

test_expect "300-row table: header row on every page, golden trace" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Tabel</title></meta>"
		echo "<footer><right>pagina <page/> van <pages/></right></footer><body>"
		echo "<table><col width=\"3*\"/><col width=\"30mm\" align=\"numeric\"/>"
		echo "<thead><row><cell>Omschrijving</cell><cell>Bedrag</cell></row></thead><tbody>"
		i=1; while [ $i -le 300 ]; do
			echo "<row><cell>Consult $i</cell><cell>€ $i,00</cell></row>"; i=$((i + 1)); done
		echo "</tbody></table></body></doc>"
	} >t.xml
	"$ZORGDOC" render t.xml -o out.trace
	pages=$(grep -c "^page " out.trace)
	test "$pages" -ge 6
	test "$(grep -c "\"Omschrijving\"$" out.trace)" -eq "$pages"
	test "$(grep -c "\"Consult [0-9]*\"$" out.trace)" -eq 300
	check_footers out.trace "$pages"
	test_golden "$L/golden/table300.trace" out.trace
'

test_expect "200-page document: footers, headings never last on a page" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Lang</title></meta>"
		echo "<footer><left>Lang document</left><right>pagina <page/> van <pages/></right></footer><body>"
		s=1; while [ $s -le 290 ]; do
			echo "<section numbered=\"yes\"><title>Artikel $s over de verwerking</title>"
			i=0; while [ $i -lt 8 ]; do
				echo "<p>De verwerkingsverantwoordelijke en de verwerker leggen in deze geheimhoudingsovereenkomst vast hoe persoonsgegevens worden verwerkt, welke beveiligingsmaatregelen worden genomen en wat er gebeurt wanneer zich een incident voordoet, ook bij subverwerkers.</p>"
				i=$((i + 1)); done
			echo "<ul><li>een</li><li>twee<ul><li>drie<ol><li>vier</li></ol></li></ul></li></ul></section>"
			s=$((s + 1)); done
		echo "</body></doc>"
	} >big.xml
	"$ZORGDOC" render big.xml -o out.trace
	pages=$(grep -c "^page " out.trace)
	test "$pages" -ge 200
	check_footers out.trace "$pages"
	# the last text above the footer rule on a page is never a heading
	awk '"'"'
		/^page / { if (last ~ / 700 normal 12\.74 /) { print "heading ends page " p; bad = 1 } p = $2; last = ""; next }
		/^text / && $3 < 760 { last = $0 }
		END { exit bad }'"'"' out.trace
	grep "^page \|pagina" out.trace >summary.txt
	test_golden "$L/golden/big-summary.txt" summary.txt
'

test_expect "a document that does not match the vocabulary: file:line:col" '
	run_status 1 "$ZORGDOC" render "$L/bad/unknown-element.xml" -o out.pdf 2>err
	grep -q "unknown-element.xml:6:5: error: .*<heading>" err
	test ! -e out.pdf
	run_status 1 "$ZORGDOC" render "$L/bad/missing-title.xml" -o out.pdf 2>err
	grep -q "missing-title.xml:3:3: error: " err
	run_status 1 "$ZORGDOC" render "$L/bad/bad-ref.xml" -o out.pdf 2>err
	grep -q "bad-ref.xml:5:12: error: .*nergens" err
	run_status 1 "$ZORGDOC" render "$L/bad/malformed.xml" -o out.pdf 2>err
	grep -q "malformed.xml:4:[0-9]*: error: " err
	run_status 1 "$ZORGDOC" render "$L/bad/missing-logo.xml" -o out.pdf 2>err
	grep -q "missing-logo.xml:5:5: error: logo" err
	run_status 1 "$ZORGDOC" render "$L/bad/bad-date.xml" -o out.pdf 2>err
	grep -q "bad-date.xml:4:5: error: .*<date>" err
	test ! -e out.pdf
'

test_expect "hostile input: no crash, an error" '
	printf "<doc xmlns=\"urn:zorgdoc:doc:1\">" >deep.xml
	i=0; while [ $i -lt 200 ]; do printf "<em>" >>deep.xml; i=$((i + 1)); done
	run_status 1 "$ZORGDOC" render deep.xml -o out.trace 2>err
	grep -q "deep.xml" err
	printf "<!DOCTYPE doc [<!ENTITY x \"y\">]><doc/>" >dtd.xml
	run_status 1 "$ZORGDOC" render dtd.xml -o out.trace 2>err
	grep -q "DOCTYPE" err
	: >empty.xml
	run_status 1 "$ZORGDOC" render empty.xml -o out.trace 2>err
'

test_expect "usage errors" '
	run_status 2 "$ZORGDOC" render 2>err
	run_status 2 "$ZORGDOC" render "$L/agreement.xml" 2>err
	run_status 2 "$ZORGDOC" render "$L/agreement.xml" -o out.doc 2>err
	run_status 2 "$ZORGDOC" render "$L/agreement.xml" -o out.png --password-file x 2>err
	"$ZORGDOC" render --help | grep -q "^usage: zorgdoc render"
'

test_expect "PDF: metadata, fonts embedded, text extractable, qpdf --check" '
	"$ZORGDOC" render "$L/verwerkersovereenkomst.xml" -o vo.pdf
	pdfinfo vo.pdf >info
	grep -q "^Title: *Verwerkersovereenkomst$" info
	grep -q "^Author: *Praktijk Zonnewijzer$" info
	grep -q "^Pages: *7$" info
	pdffonts vo.pdf | tail -n +3 >fonts
	test -s fonts

	test "$(awk "\$(NF-4) != \"yes\"" fonts | wc -l)" -eq 0
	qpdf --check vo.pdf >/dev/null
	pdftotext vo.pdf vo.txt
	grep -q "geheimhoudingsovereenkomst" vo.txt
	grep -q "pagina 7 van 7" vo.txt
	grep -q "NL91 ABNA 0417 1643 00" vo.txt
	grep -q "info@praktijkzonnewijzer.nl" vo.txt
	refute grep -q "$(printf "\302\255")" vo.txt
'

test_expect "PDF is byte-reproducible" '
	"$ZORGDOC" render "$L/zorgnota.xml" -o a.pdf
	"$ZORGDOC" render "$L/zorgnota.xml" -o b.pdf
	cmp a.pdf b.pdf
'

test_expect "protected PDF: AES-256, haru device with an attachment" '
	printf "geheim\n" >pw
	"$ZORGDOC" render "$L/zorgnota.xml" -o p.pdf --password-file pw
	qpdf --show-encryption --password=geheim p.pdf >enc
	grep -qi "AESv3\|AES-256\|aes.*256" enc
	pdfinfo -upw geheim p.pdf | grep -q "^Encrypted: *yes"
	"$ZORGDOC" render "$L/zorgnota.xml" -o h.pdf --device haru --attach "$L/zorgnota.xml"
	qpdf --check h.pdf >/dev/null
	pdfinfo h.pdf | grep -q "^Pages: *1$"
'

test_expect "PNG and SVG: one file per page" '
	"$ZORGDOC" render "$L/agreement.xml" -o a.png
	test -s a-1.png && test -s a-2.png && test ! -e a-3.png
	"$ZORGDOC" render "$L/zorgnota.xml" -o z.svg
	grep -q "<svg" z.svg
'
