#!/bin/sh
# Tables: column widths from the content (automatic table layout) and the
# audit rule cell-word-break, on the hand-made documents in
# tests/layout/audit-tables/.
. "$TESTS_DIR/lib.sh"
A="$TESTS_DIR/layout/audit-tables"

test_expect "cookie table: every name, provider and term on one line, no finding" '
	"$ZORGDOC" render "$A/cookies.xml" -o c.pdf --audit 2>err
	refute grep -q "cell-word-break" err
	pdftotext -layout c.pdf c.txt
	for w in sessiecookie wordpress_test_cookie comments-cookie Voorbeeldpraktijk \
	    "Google Analytics" "1 jaar (permanent)" "niet gevraagd" Bewaartermijn Toestemming; do
		grep -q "$w" c.txt || { echo "broken: $w"; exit 1; }
	done
'

test_expect "Bijlage 1: the names of groups each on one line beside the data" '
	"$ZORGDOC" render "$A/betrokkenen.xml" -o b.pdf --audit 2>err
	refute grep -q "cell-word-break" err
	pdftotext -layout b.pdf b.txt
	grep -q "Naam, adres en woonplaats  *Cliënten en hun wettelijk vertegenwoordigers" b.txt
	grep -q "E-mailadres en telefoonnummer  *Ouders van minderjarige cliënten" b.txt
'

test_expect "too narrow for every word: breaks at hyphenation points, the rest reported" '
	run_status 1 "$ZORGDOC" render "$A/forced.xml" -o f.pdf --audit 2>err
	# only the code without hyphenation points is broken anywhere
	test "$(grep -c "cell-word-break" err)" -ge 1
	if grep "cell-word-break" err | grep -v "«QX7\|«MRT5\|«WJ4"; then echo "unexpected: a cell-word-break outside the three codes"; false; fi
	pdftotext -layout f.pdf f.txt
	# the Dutch words are broken at hyphenation points only (hyph_nl)
	grep -q "verwerkingsver-" f.txt
	grep -q "beveiligings-" f.txt
	# and a short word in a narrow column stays whole
	grep -q " ja$" f.txt
	# every letter is there: 151 in the cells, 14 in the title
	test "$(pdftotext f.pdf - | tr -cd "a-zA-Z0-9" | wc -c)" -ge 165
'

test_expect "explicit widths are kept when the words fit them (zorgnota)" '
	"$ZORGDOC" render "$TESTS_DIR/layout/zorgnota.xml" -o z.trace
	test_golden "$TESTS_DIR/layout/golden/zorgnota.trace" z.trace
'

test_expect "a tall row of 4,000 paragraphs: split over pages, every paragraph once" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Lange cel</title></meta><body>"
		echo "<table rules=\"grid\"><col/><col/><thead><row><cell>Kop</cell><cell>Tekst</cell></row></thead><tbody>"
		echo "<row><cell>links</cell><cell>"
		i=1; while [ $i -le 4000 ]; do echo "<p>Alinea $i van de cel.</p>"; i=$((i + 1)); done
		echo "</cell></row></tbody></table></body></doc>"
	} >cell.xml
	"$ZORGDOC" render cell.xml -o cell.trace
	test "$(grep -c "\"Alinea [0-9]* van de cel.\"$" cell.trace)" -eq 4000
	test "$(grep "\"Alinea [0-9]* van de cel.\"$" cell.trace | sort -u | wc -l)" -eq 4000
	test "$(grep -c "^page " cell.trace)" -ge 50
	# the header row on every page
	test "$(grep -c "\"Kop\"$" cell.trace)" -eq "$(grep -c "^page " cell.trace)"
'
