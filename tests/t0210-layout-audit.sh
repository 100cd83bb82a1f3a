#!/bin/sh
# The layout audit's pagination and running header/footer rules
# (docs/layout-audit.md): each hand-made document in tests/layout/audit/
# breaks the rule it is named after, and `render --audit` reports exactly
# that rule and exits 1. The rules no document can break (the engine never
# does it: row-split, running-overlap) are unit tests (test_layout_audit.c).
. "$TESTS_DIR/lib.sh"
A="$TESTS_DIR/layout/audit"

for doc in "$A"/*.xml; do
	rule=$(basename "$doc" .xml)
	test_expect "audit finds $rule" '
		st=0
		"$ZORGDOC" render "'"$doc"'" -o out.pdf --audit 2>err || st=$?
		cat err
		test "$st" -eq 1
		sed -n "s/.*: audit: page [0-9]*: \([a-z-]*\): .*/\1/p" err | sort -u >rules
		echo "'"$rule"'" >exp
		test_cmp exp rules
	'
done

test_expect "a strict audit writes nothing" '
	st=0
	ZORGDOC_AUDIT=strict "$ZORGDOC" render "'"$A"'/lead-at-foot.xml" -o out.pdf 2>err || st=$?
	test "$st" -ne 0
	grep -q "error: audit: page 1: lead-at-foot: «Op de nota staan:»" err
	test ! -e out.pdf
'

test_expect "a long footer wraps beside the page number, never over it" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Voet</title></meta>"
		echo "<footer><left>Verwerkersovereenkomst Stichting Praktijk voor Integrale Kindergeneeskunde en Gezinsbegeleiding Noord-Holland Noord – Leverancier van het digitale cliëntendossier · versie 2022.1, 1 september 2022</left>"
		echo "<right>pagina <page/> van <pages/></right></footer><body><p>Tekst.</p></body></doc>"
	} >t.xml
	"$ZORGDOC" render t.xml -o out.pdf --audit
	"$ZORGDOC" render t.xml -o out.trace
	# every word is there, the left slot in two lines
	grep -q "\"pagina 1 van 1\"" out.trace
	grep -q "Noord-Holland" out.trace
	grep -q "september 2022\"" out.trace
'

test_expect "a footer too long for the paper is an error, not lost text" '
	{
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Voet</title></meta><footer><left>"
		i=0; while [ $i -lt 60 ]; do echo "Verwerkersovereenkomst Stichting Praktijk $i,"; i=$((i + 1)); done
		echo "</left></footer><body><p>Tekst.</p></body></doc>"
	} >t.xml
	st=0
	"$ZORGDOC" render t.xml -o out.pdf 2>err || st=$?
	test "$st" -eq 1
	grep -q "the running footer.s text is too long for the page" err
	test ! -e out.pdf
'
