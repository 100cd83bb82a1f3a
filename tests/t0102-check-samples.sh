#!/bin/sh
# zorgdoc check on the four sample practices: accepted (exit 0) without a
# blocking finding, even with --strict, and with exactly their notes
# (golden files in tests/golden/practice/). The seeds' own facts, kept in
# tests/data/seeds/, give the blocking findings (warnings; errors with
# --strict). The lint files in tests/bad/practice/lint-*.xml trigger every
# finding the lint has.
. "$TESTS_DIR/lib.sh"
ROOT="$TESTS_DIR/.."
GOLD="$TESTS_DIR/golden/practice"
BAD="$TESTS_DIR/bad/practice"
SEEDS="$TESTS_DIR/data/seeds"

for s in chakora ontmoetingsatelier duurzame-balans biobalans; do
	test_expect "sample $s: valid, no blocking finding, its notes" '
		(cd "$ROOT" && "$ZORGDOC" check "samples/$s/practice.xml") >out 2>err
		test_golden "$GOLD/$s.notes" err
		refute grep -q ": warning: " err
		refute grep -q ": error: " err
		echo "samples/$s/practice.xml: ok (with notes)" >expected
		test_cmp expected out
	'
	test_expect "sample $s: --strict passes (notes stay notes)" '
		(cd "$ROOT" && "$ZORGDOC" check --strict "samples/$s/practice.xml") >out 2>err
		refute grep -q ": error: " err
		grep -q ": note: " err
	'
	# the seed's facts as the seed states them (tests/data/seeds)
	test_expect "seed $s: its violations are blocking findings; --strict makes them errors" '
		cp "$SEEDS/$s.xml" practice.xml
		cp "$ROOT/samples/$s/logo.png" .
		"$ZORGDOC" check practice.xml >out 2>err
		test_golden "$GOLD/seed-$s.findings" err
		grep -q ": warning: " err
		echo "practice.xml: ok (with warnings)" >expected
		test_cmp expected out
		run_status 1 "$ZORGDOC" check --strict practice.xml 2>err
		[ $(grep -c ": error: " err) -eq $(grep -c ": warning: " "$GOLD/seed-$s.findings") ]
		refute grep -q ": warning: " err
	'
done

test_expect "the seeds facts the law has moved past are flagged as blocking" '
	grep -q "^practice.xml:[0-9]*:[0-9]*: warning: retention/rule/@years: the dossier is kept 15 years" "$GOLD/seed-ontmoetingsatelier.findings"
	grep -q "^practice.xml:[0-9]*:[0-9]*: warning: retention/rule/@from: the dossier retention is counted from the 18th birthday" "$GOLD/seed-biobalans.findings"
	grep -q "warning: cookies/cookie/@consent: third-party cookie .ck-ga. is placed without consent" "$GOLD/seed-ontmoetingsatelier.findings"
	grep -q "warning: processors/processor/location: processor .google-analytics. is outside the EEA without a safeguard" "$GOLD/seed-ontmoetingsatelier.findings"
	grep -q "warning: processors/processor/location: processor .google-apps. is outside the EEA without a safeguard" "$GOLD/seed-biobalans.findings"
	grep -q "warning: dossier/inspection/@fee: costs are charged" "$GOLD/seed-duurzame-balans.findings"
	grep -q "warning: dossier/part/@client-access: part .closed." "$GOLD/seed-duurzame-balans.findings"
	grep -q "warning: purposes/purpose: purpose .contact. has no legal basis" "$GOLD/seed-chakora.findings"
'

test_expect "a complete minimal practice has no warnings" '
	cp "$GOLD/minimal.xml" .
	"$ZORGDOC" check --strict minimal.xml >out 2>err
	refute test -s err
	echo "minimal.xml: ok" >expected
	test_cmp expected out
'

for f in "$BAD"/lint-*.xml; do
	name=$(basename "$f" .xml)
	test_expect "lint $name: findings, exit 0; --strict exit 1" '
		cp "$BAD/$name.xml" .
		"$ZORGDOC" check "$name.xml" >out 2>err
		test_golden "$BAD/$name.err" err
		run_status 1 "$ZORGDOC" check --strict "$name.xml" 2>/dev/null
	'
done

test_expect "all samples at once" '
	(cd "$ROOT" && "$ZORGDOC" check samples/*/practice.xml) >out 2>err
	[ $(wc -l <out) -eq 4 ]
	cat "$GOLD/biobalans.notes" "$GOLD/chakora.notes" "$GOLD/duurzame-balans.notes" "$GOLD/ontmoetingsatelier.notes" >expected
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
