#!/bin/sh
# The test scripts themselves: no `! CMD` check, which a `set -e` body
# ignores unless it is its last command (tests/lint-negation.pl; use
# lib.sh's refute).
. "$TESTS_DIR/lib.sh"

LINT="$TESTS_DIR/lint-negation.pl"

test_expect "the lint finds a negated check and lets the right forms pass" '
	cat >bad.sh <<-\EOF
	test_expect "x" "
		! grep -q x f
		echo more
	"
	EOF
	cat >chain.sh <<-\EOF
		grep -q a f &&
		! grep -q b f &&
		true
	EOF
	cat >loop.sh <<-\EOF
		for f in a b; do ! grep -q x $f; done
	EOF
	cat >good.sh <<-\EOF
		refute grep -q x f
		if ! command -v chromium >/dev/null; then echo skip; fi
		if true ||
		    ! grep -q x f; then echo y; fi
		while ! test -e f && [ 1 = 1 ]; do sleep 1; done
		test ! -e f && [ ! -s g ]
		find . -type f ! -name x
		sed ":a;N;\$!ba;s/-\n//g" f
		# ! a comment
		cat <<-EOT
		! text of a here-document
		EOT
	EOF
	run_status 1 perl "$LINT" bad.sh >out
	grep -q "^bad.sh:2: .! CMD. does not fail a set -e test body; use .refute CMD." out
	run_status 1 perl "$LINT" chain.sh >out
	grep -q "^chain.sh:2: " out
	run_status 1 perl "$LINT" loop.sh >out
	grep -q "^loop.sh:1: " out
	perl "$LINT" good.sh >out
	test ! -s out
'

test_expect "no test script checks with a bare negation" '
	perl "$LINT" "$TESTS_DIR"/t[0-9]*.sh "$TESTS_DIR/lib.sh" "$TESTS_DIR/faultlib.sh"
'
