#!/bin/sh
# Replays every input the fuzzers ever found troublesome
# (tests/fuzz/regressions/<target>/) and the seed corpora through the real
# commands: each must end with a clean error or success, never a crash or
# sanitizer report, and within a time bound (the fuzzers' timeouts).
#   practice -> zorgdoc check      doc -> zorgdoc render --format trace
#   csv      -> zorgdoc import (into a scratch store)
. "$TESTS_DIR/lib.sh"
case $ZORGDOC_BUILD in *san*) LIMIT=30000 ;; *) LIMIT=10000 ;; esac
[ -z "${ZORGDOC_WRAP:-}" ] || LIMIT=600000

# ends_cleanly CMD...: exit 0 or 1, no sanitizer report, within LIMIT ms
ends_cleanly() {
	t0=$(date +%s%3N)
	set +e
	"$@" >out 2>err
	rc=$?
	set -e
	t1=$(date +%s%3N)
	[ $rc -le 1 ] || { echo "exit $rc"; cat err; return 1; }
	if grep -q 'Sanitizer\|runtime error' err; then cat err; return 1; fi
	[ $((t1 - t0)) -lt $LIMIT ] || { echo "took $((t1 - t0)) ms"; return 1; }
}

for f in "$TESTS_DIR"/fuzz/regressions/practice/* "$TESTS_DIR"/fuzz/corpus/practice/*; do
	[ -f "$f" ] || continue
	test_expect "practice input $(basename "$f") ends cleanly" "ends_cleanly \"\$ZORGDOC\" check \"$f\""
done
for f in "$TESTS_DIR"/fuzz/regressions/doc/* "$TESTS_DIR"/fuzz/corpus/doc/*; do
	[ -f "$f" ] || continue
	test_expect "doc input $(basename "$f") ends cleanly" "ends_cleanly \"\$ZORGDOC\" render \"$f\" --format trace -o out.trace"
done
for f in "$TESTS_DIR"/fuzz/regressions/csv/* "$TESTS_DIR"/fuzz/corpus/csv/*; do
	[ -f "$f" ] || continue
	test_expect "csv input $(basename "$f") ends cleanly" "ends_cleanly \"\$ZORGDOC\" import --db scratch.db --practice \"$TESTS_DIR/data/store/practice.xml\" \"$f\""
done
