#!/bin/sh
# Replays every input the fuzzers ever found troublesome
# (tests/fuzz/regressions/<target>/) through the real command: each must
# end with a clean error or success, never a crash or sanitizer report.
. "$TESTS_DIR/lib.sh"

for f in "$TESTS_DIR"/fuzz/regressions/practice/* "$TESTS_DIR"/fuzz/corpus/practice/*; do
	[ -f "$f" ] || continue
	test_expect "practice input $(basename "$f") ends cleanly" "
		set +e
		\"\$ZORGDOC\" check \"$f\" >out 2>err
		rc=\$?
		set -e
		[ \$rc -le 1 ] || { echo \"exit \$rc\"; cat err; exit 1; }
		! grep -q 'Sanitizer' err
	"
done
