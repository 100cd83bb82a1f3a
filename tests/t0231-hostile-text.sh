#!/bin/sh
# Hostile text never hangs and is never dropped (issue 14): very long
# words are shaped in pieces and broken over lines, every character on
# the pages; a block taller than a page is an error; check refuses names
# of absurd length. Layout time grows linearly (measured in the bench and
# the branch's report, not here: these tests assert completeness).
. "$TESTS_DIR/lib.sh"

# word N: N letters a..z repeated, no space
word() {
	awk -v n="$1" 'BEGIN { s = "abcdefghijklmnopqrstuvwxyz"; while (n >= 26) { printf "%s", s; n -= 26 }
		printf "%s", substr(s, 1, n) }'
}

# the letters of the word in a PDF's text: no white space, no hyphens
# (a break inside a word may show one)
letters() {
	pdftotext "$1" - | tr -d " \n\f-" | grep -o "abcdefghijklm[a-z]*" | tr -d "\n"
}

for n in 400000 1000000; do
	test_expect "a word of $n letters: every letter on the pages" '
		{
			echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Lang woord</title></meta><body><p>"
			word '$n'
			echo "</p></body></doc>"
		} >w.xml
		"$ZORGDOC" render w.xml -o w.pdf
		word '$n' | md5sum >want
		letters w.pdf | md5sum >got
		test_cmp want got
		test "$(qpdf --show-npages w.pdf)" -gt 10
	'
done

test_expect "a paragraph of 300,000 characters with spaces: every word, within the margins" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Lange alinea</title></meta><body><p>"
		awk "BEGIN { for (i = 1; i <= 30000; i++) printf \"w%d \", i }"
		echo "</p></body></doc>"
	} >p.xml
	"$ZORGDOC" render p.xml -o p.trace
	test "$(grep -o "\"[^\"]*\"$" p.trace | grep -o "w[0-9][0-9]*" | sort -u | wc -l)" -eq 30000
	# no line wider than the text block
	awk "/^text / { sub(/w=/, \"\", \$4); if (\$2 + \$4 > 533.5) { print; bad = 1 } } END { exit bad }" p.trace
'

test_expect "a long word in a table cell: broken inside the cell, every letter there" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Cel</title></meta><body>"
		echo "<table rules=\"grid\"><col/><col/><tbody><row><cell>links</cell><cell>"
		word 100000
		echo "</cell></row></tbody></table></body></doc>"
	} >c.xml
	"$ZORGDOC" render c.xml -o c.pdf
	word 100000 | md5sum >want
	letters c.pdf | md5sum >got
	test_cmp want got
'

test_expect "a block taller than a page: an error, nothing written" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Hoog</title></meta><body><columns>"
		echo "<column><p>links</p></column><column><fields><field label=\"Veld\">"
		awk "BEGIN { for (i = 1; i <= 5000; i++) printf \"woord%d \", i }"
		echo "</field></fields></column></columns></body></doc>"
	} >t.xml
	run_status 1 "$ZORGDOC" render t.xml -o t.pdf 2>err
	grep -q "taller than a page" err
	test ! -e t.pdf
'

test_expect "a letterhead name of 3.5 MB: refused at once" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Brief</title></meta>"
		printf "<letterhead><name>"
		word 3500000
		echo "</name></letterhead><body><p>Tekst.</p></body></doc>"
	} >l.xml
	run_status 1 "$ZORGDOC" render l.xml -o l.pdf 2>err
	grep -q "letterhead: the name is 3500000 characters long" err
	test ! -e l.pdf
'

test_expect "check: a practice name over 200 characters, with file, line and field" '
	cp "$TESTS_DIR/data/store/practice.xml" "$TESTS_DIR/data/store/logo.png" .
	name=$(word 250)
	awk -v n="$name" "!done && /<name>/ { sub(/<name>[^<]*<\/name>/, \"<name>\" n \"</name>\"); done = 1 } { print }" \
		practice.xml >long.xml
	run_status 1 "$ZORGDOC" check long.xml 2>err
	grep -q "^long.xml:[0-9]*:[0-9]*: error: .*name: is 250 characters long; at most 200" err
	refute grep -q "abcdefghij" err
	run_status 1 "$ZORGDOC" privacy long.xml -o p.pdf 2>err
	test ! -e p.pdf
'
