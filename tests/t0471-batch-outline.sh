#!/bin/sh
# The merged PDF of `invoice batch -o DIR` (notas-PERIOD.pdf): a document
# title in the practice's language from the locales (nota.batch.title,
# templates/notas-title.xsl), shown by viewers instead of the file name,
# and one bookmark per invoice number at that invoice's first page, a
# credit note's included (read back with qpdf --json).
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

# outline PDF: "title page" per bookmark, in order
outline() {
	qpdf --json --json-key=outlines "$1" | python3 -c '
import json, sys
for o in json.load(sys.stdin)["outlines"]:
    assert not o["kids"]
    print(o["title"], o["destpageposfrom1"])'
}

test_expect "title and one bookmark per invoice at its first page" '
	P="$TESTS_DIR/data/store/practice.xml"
	sh "$SAMPLE" -z "$ZORGDOC" -n 5 "$P" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --practice "$P" --period 2023-11 --date 2023-11-30 -o out >issued
	pdfinfo out/notas-2023-11.pdf >info
	grep -q "^Title: *Zorgnota'"'"'s Chakora, november 2023$" info
	outline out/notas-2023-11.pdf >got
	printf "%s\n" CH2023-0001 CH2023-0002 CH2023-0003 CH2023-0004 CH2023-0005 | awk "{ print \$0, NR }" >exp
	test_cmp exp got
	# a credit note gets its own bookmark; the merged file is made again
	"$ZORGDOC" invoice credit CH2023-0002 --practice "$P" --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice batch --practice "$P" --period 2023-11 --date 2023-11-30 -o out >/dev/null
	outline out/notas-2023-11.pdf >got2
	test "$(wc -l <got2)" = "$(pdfinfo out/notas-2023-11.pdf | sed -n "s/^Pages: *//p")"
	n=$(grep -c . got2)
	i=1
	while read -r num page; do
		test "$page" = "$i"
		pdftotext -f "$page" -l "$page" out/notas-2023-11.pdf - | grep -q "$num"
		i=$((i + 1))
	done <got2
	test "$i" = $((n + 1))
	grep -q "^CH2023-0006 " got2
	pdftotext -f "$(sed -n "s/^CH2023-0006 //p" got2)" -l "$(sed -n "s/^CH2023-0006 //p" got2)" \
		out/notas-2023-11.pdf - | grep -q Creditnota
	qpdf --check out/notas-2023-11.pdf >/dev/null
'

test_expect "an English practice: an English title" '
	sed "s/model-version=\"1\" lang=\"nl\"/model-version=\"1\" lang=\"en\"/" \
		"$TESTS_DIR/data/store/practice.xml" >practice.xml
	cp "$TESTS_DIR/data/store/logo.png" .
	grep -q "lang=\"en\"" practice.xml
	sh "$SAMPLE" -z "$ZORGDOC" -n 2 practice.xml dossier.db >/dev/null
	"$ZORGDOC" invoice batch --practice practice.xml --period 2023-11 --date 2023-11-30 -o out >/dev/null
	pdfinfo out/notas-2023-11.pdf | grep -q "^Title: *Invoices Chakora, November 2023$"
	outline out/notas-2023-11.pdf >got
	printf "CH2023-0001 1\nCH2023-0002 2\n" >exp
	test_cmp exp got
'
