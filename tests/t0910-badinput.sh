#!/bin/sh
# The bad-input suite, table-driven: one directory per kind under
# tests/badinput/. A kind holds
#   cmd        the command under test (sh, run in a scratch directory
#              holding the kind's other files and a copy of the test
#              practice as practice.xml with its logo.png)
#   setup      optional: sh run first (its output is discarded), e.g. to
#              make a store and then damage it; exit 77 skips the kind
#              (e.g. a plain-SQLite trick on an encrypted store)
#   status     the expected exit status
#   stderr     the expected error output, exactly (a golden file:
#              `make update-golden` rewrites it), or
#   stderr.re  instead: a grep -E pattern every stderr line must match
#   check      optional: run afterwards with sh -e, more assertions (every
#              command in it must succeed)
#   secret     optional: strings (one a line) that must never appear in
#              the output: the personal data of the input
#   may-change optional: files a failing command may still change, one
#              name a line, '#' lines saying why (e.g. the audit row of an
#              attempted read)
# Every kind, whatever it says: no crash (status <= 3, no sanitizer
# report), and when it fails, nothing written: no file appears, no file
# changes (the store included), nothing half-written is left.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
BAD="$TESTS_DIR/badinput"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE=practice.xml
export SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

# snapshot: every file below . with its hash (the captured outputs, and
# the files the kind's may-change names, aside)
snapshot() {
	find . -type f ! -name "stdout" ! -name "stderr" ! -name "*.snap" -print0 |
		sort -z | xargs -0 -r sha256sum |
		awk -v list="$BAD/$k/may-change" 'BEGIN {
			while ((getline l < list) > 0) if (l !~ /^#/ && l != "") skip["./" l] = 1
		} !($2 in skip)'
}

run_kind() {
	k=$1
	for f in "$BAD/$k"/*; do
		case $(basename "$f") in
		cmd|setup|status|stderr|stderr.re|check|secret|may-change) ;;
		*) cp "$f" . ;;
		esac
	done
	[ -e practice.xml ] || cp "$TESTS_DIR/data/store/practice.xml" .
	cp "$TESTS_DIR/data/store/logo.png" .
	if [ -f "$BAD/$k/setup" ]; then
		set +e
		sh "$BAD/$k/setup" >setup.log 2>&1
		_src=$?
		set -e
		[ $_src != 77 ] || { echo "skipped: the setup cannot make this here"; return 0; }
		[ $_src = 0 ] || { echo "setup failed:"; cat setup.log; return 1; }
		rm -f setup.log
	fi
	snapshot >before.snap
	set +e
	sh "$BAD/$k/cmd" >stdout 2>stderr
	rc=$?
	set -e
	want=$(cat "$BAD/$k/status")
	echo "exit $rc (want $want)"
	cat stderr
	[ "$rc" = "$want" ] || { echo "wrong exit status"; return 1; }
	[ "$rc" -le 3 ] || { echo "crashed"; return 1; }
	refute grep -q "Sanitizer\|runtime error:\|Assertion\|valgrind" stderr
	if [ -f "$BAD/$k/stderr.re" ]; then
		[ -s stderr ]
		refute grep -Ev "$(cat "$BAD/$k/stderr.re")" stderr
	else
		test_golden "$BAD/$k/stderr" stderr
	fi
	if [ -f "$BAD/$k/secret" ]; then
		while IFS= read -r s; do
			[ -n "$s" ] || continue
			if grep -qF -- "$s" stderr; then echo "personal data in the errors"; return 1; fi
			if [ "$rc" != 0 ] && grep -qF -- "$s" stdout; then echo "personal data echoed"; return 1; fi
		done <"$BAD/$k/secret"
	fi
	if [ "$rc" != 0 ]; then
		snapshot >after.snap
		diff before.snap after.snap || { echo "a failed command changed files"; return 1; }
	fi
	[ -z "$(find . -name "*.tmp*" -o -name "*partial*")" ] || { echo "temp files left"; return 1; }
	if [ -f "$BAD/$k/check" ]; then
		sh -e "$BAD/$k/check"
	fi
}

n=0
for d in "$BAD"/*/; do
	k=$(basename "$d")
	[ -f "$d/cmd" ] || continue
	n=$((n + 1))
	test_expect "bad input: $k" 'run_kind "$k"'
done
echo "# $n bad-input kinds"
test_expect "at least 25 kinds of bad input" '[ $n -ge 25 ]'
