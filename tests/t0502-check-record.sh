#!/bin/sh
# zorgdoc check: the warnings for what the processor agreements (art. 28(3)
# GDPR) and the register of processing activities (art. 30) need from the
# model (src/practice/lint.c, lint_record).
. "$TESTS_DIR/lib.sh"
FIX="$TESTS_DIR/dpa/biobalans.xml"

test_expect "the fixture is valid; what the seed has wrong here is advice (notes)" '
	"$ZORGDOC" check "$FIX" >out 2>err
	grep -q "ok (with notes)" out
	grep -q "note: processor-agreement/@practice-role: the practice calls itself the processor" err
	grep -q "note: processor-agreement/@liability-cap-cents: a liability cap towards a client is void" err
	refute grep -q ": warning: " err
	refute grep -q "does not say which data it uses" err
	refute grep -q "have no retention rule" err
'

test_expect "processors without purposes or sub-processor location" '
	sed -e "/<processor-agreement/,/\/>/d" \
	    -e "s/ purposes=\"invoicing\">/>/" \
	    -e "s|<location eea=\"yes\" country=\"NL\"/>|&<sub-processor><name>Hosting BV</name></sub-processor>|" \
	    "$FIX" >p.xml
	"$ZORGDOC" check p.xml >out 2>err
	grep -q "processor .moneybird. does not say for which purposes" err
	grep -q "a sub-processor of .moneybird. has no location" err
	refute grep -q "practice calls itself the processor" err
	run_status 1 "$ZORGDOC" check --strict p.xml >/dev/null 2>&1
'

test_expect "purposes without data and data without retention" '
	sed -e "s/ categories=\"c-naw c-birthdate c-insurance\">/>/" \
	    -e "s/ categories=\"c-insurance\">/>/" "$FIX" >q.xml
	# the second edit leaves r-financial without categories: a general rule
	"$ZORGDOC" check q.xml >out 2>err
	grep -q "purpose .invoicing. does not say which data it uses; art. 30(1)(c)" err
	sed -e "s/categories=\"c-insurance\">/categories=\"c-naw\">/" \
	    -e "/r-dossier-deceased/,/<\/rule>/d" "$FIX" >r.xml
	"$ZORGDOC" check r.xml >out 2>err
	grep -q "1 data categories have no retention rule (c-insurance)" err
'
