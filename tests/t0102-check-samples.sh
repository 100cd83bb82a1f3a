#!/bin/sh
# zorgdoc check on the four sample practices: accepted (exit 0) with
# exactly the legal warnings their seeds deserve (golden files in
# tests/golden/practice/); --strict turns them into errors. The lint files
# in tests/bad/practice/lint-*.xml trigger every warning the lint has.
. "$TESTS_DIR/lib.sh"
ROOT="$TESTS_DIR/.."
GOLD="$TESTS_DIR/golden/practice"
BAD="$TESTS_DIR/bad/practice"

for s in chakora ontmoetingsatelier duurzame-balans biobalans; do
	test_expect "sample $s: valid, with its warnings" '
		(cd "$ROOT" && "$ZORGDOC" check "samples/$s/practice.xml") >out 2>err
		test_golden "$GOLD/$s.warnings" err
		grep -q ": warning: " err
		! grep -q ": error: " err
		echo "samples/$s/practice.xml: ok (with warnings)" >expected
		test_cmp expected out
	'
	test_expect "sample $s: --strict makes warnings errors" '
		(cd "$ROOT" && run_status 1 "$ZORGDOC" check --strict "samples/$s/practice.xml") 2>err
		[ $(grep -c ": error: " err) -eq $(grep -c ": warning: " "$GOLD/$s.warnings") ]
		! grep -q ": warning: " err
	'
done

test_expect "the seeds facts the law has moved past are flagged" '
	grep -q "ontmoetingsatelier/practice.xml:[0-9]*:[0-9]*: warning: retention/rule/@years: the dossier is kept 15 years" "$GOLD/ontmoetingsatelier.warnings"
	grep -q "biobalans/practice.xml:[0-9]*:[0-9]*: warning: retention/rule/@from: the dossier retention is counted from the 18th birthday" "$GOLD/biobalans.warnings"
	grep -q "cookie .ck-ga. is placed without consent" "$GOLD/ontmoetingsatelier.warnings"
'

test_expect "a complete minimal practice has no warnings" '
	cp "$GOLD/minimal.xml" .
	"$ZORGDOC" check --strict minimal.xml >out 2>err
	! test -s err
	echo "minimal.xml: ok" >expected
	test_cmp expected out
'

for f in "$BAD"/lint-*.xml; do
	name=$(basename "$f" .xml)
	test_expect "lint $name: warnings, exit 0; --strict exit 1" '
		cp "$BAD/$name.xml" .
		"$ZORGDOC" check "$name.xml" >out 2>err
		test_golden "$BAD/$name.err" err
		run_status 1 "$ZORGDOC" check --strict "$name.xml" 2>/dev/null
	'
done

test_expect "all samples at once" '
	(cd "$ROOT" && "$ZORGDOC" check samples/*/practice.xml) >out 2>err
	[ $(wc -l <out) -eq 4 ]
	cat "$GOLD/biobalans.warnings" "$GOLD/chakora.warnings" "$GOLD/duurzame-balans.warnings" "$GOLD/ontmoetingsatelier.warnings" >expected
	test_cmp expected err
'

test_expect "usage errors" '
	run_status 2 "$ZORGDOC" check 2>err
	grep -q "^usage: zorgdoc check" err
	run_status 2 "$ZORGDOC" check --frobnicate x.xml 2>err
	grep -q "unknown option" err
	"$ZORGDOC" check --help | grep -q "^usage: zorgdoc check \[--strict\]"
'

test_expect "a missing file is an input error" '
	run_status 1 "$ZORGDOC" check nothere.xml 2>err
	grep -q "^nothere.xml: error: cannot open" err
'

# The model is a contract with the templates: every sample must still make
# its documents (here the privacy statement as text, the fastest form).
for s in chakora ontmoetingsatelier duurzame-balans biobalans; do
	test_expect "sample $s still makes its privacy statement" '
		"$ZORGDOC" privacy "$ROOT/samples/$s/practice.xml" --format txt -o privacy.txt
		grep -q "Autoriteit Persoonsgegevens" privacy.txt
		[ $(wc -l <privacy.txt) -gt 50 ]
	'
done
