#!/bin/sh
# run.sh — runs the whole test suite: the unit tests, then every
# tests/t*.sh script (git style). Each prints "ok ..." / "not ok ..."
# lines; this script counts them and ends with "N passed, N failed".
# The environment is pinned so that outputs are byte-stable.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${ZORGDOC_BUILD:-build}
export ZORGDOC="$PWD/$BUILD/zorgdoc"
export ZORGDOC_DATADIR="$PWD"
export TESTS_DIR="$PWD/tests"
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1700000000
export ZORGDOC_BUILD="$BUILD"
# The store is encrypted: every test's store gets this passphrase, and the
# test-only cheap key derivation (only for stores CREATED under this flag;
# `store check` warns about such a store). Tests inspect stores with
# lib.sh's `zsql DB "SQL"` (build/zsql), not the sqlite3 command line.
export ZORGDOC_PASSPHRASE="test passphrase, not a secret"
export ZORGDOC_TEST_ONLY_WEAK_KDF=1
export ZORGDOC_ZSQL="$PWD/$BUILD/zsql"
unset ZORGDOC_NEW_PASSPHRASE
log=$(mktemp)
trap 'rm -f "$log"' EXIT

"$BUILD/unit-tests" ${ZORGDOC_TEST_FILTER:-} >>"$log" 2>&1 || true
for t in tests/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	case "$t" in *"${ZORGDOC_TEST_FILTER:-}"*) ;; *) continue ;; esac
	sh "$t" >>"$log" 2>&1 || echo "not ok $t: script exited $?" >>"$log"
done

grep -E '^(not )?ok ' "$log" | grep '^not ok' >/dev/null && {
	echo "--- failures (with context) ---"
	grep -B30 '^not ok' "$log" | grep -v '^ok '
	echo "---"
}
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
