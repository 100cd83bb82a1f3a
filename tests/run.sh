#!/bin/sh
# run.sh — runs the whole test suite: the unit tests, then every
# tests/t*.sh script (git style). Each prints "ok ..." / "not ok ..."
# lines; this script counts them and ends with "N passed, N failed".
# The environment is pinned so that outputs are byte-stable.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${ZORGDOC_BUILD:-build}
# $ZORGDOC_WRAP: a program to run in place of the binary, which it finds
# in $ZORGDOC_BIN (make check-valgrind: tests/valgrind/zorgdoc)
export ZORGDOC_BIN="$PWD/$BUILD/zorgdoc"
export ZORGDOC="${ZORGDOC_WRAP:-$ZORGDOC_BIN}"
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

${ZORGDOC_UNIT_WRAP:-} "$BUILD/unit-tests" ${ZORGDOC_TEST_FILTER:-} >>"$log" 2>&1 ||
	echo "not ok unit-tests: exited $?" >>"$log"
for t in tests/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	case "$t" in *"${ZORGDOC_TEST_FILTER:-}"*) ;; *) continue ;; esac
	# $ZORGDOC_TESTS: only these scripts (numbers, e.g. "t0001 t0910")
	if [ -n "${ZORGDOC_TESTS:-}" ]; then
		case " $ZORGDOC_TESTS " in *" $(basename "$t" | cut -d- -f1) "*) ;; *) continue ;; esac
	fi
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
