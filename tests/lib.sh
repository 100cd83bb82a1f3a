# lib.sh — helpers for the CLI test scripts (tests/tNNNN-*.sh), after git's
# t/test-lib.sh. Source it, then:
#
#   test_expect "name" 'shell commands'   ok if the commands exit 0
#   test_cmp EXPECTED ACTUAL              diff, fails when they differ
#   refute CMD...                        fails when CMD succeeds (`! CMD`
#                                         does not stop a `set -e` body;
#                                         t0002 refuses it); a pipeline:
#                                         if A | grep -q x; then echo ...; false; fi
#   test_golden GOLDEN ACTUAL             like test_cmp; with
#                                         ZORGDOC_UPDATE_GOLDEN=1 rewrites GOLDEN
#
# Each test runs in a subshell with `set -e` inside a fresh scratch
# directory $TMP (removed at the end).
TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT
SCRIPT=$(basename "$0" .sh)
: "${ZORGDOC:?run tests through tests/run.sh}"

test_expect() {
	_name=$1
	_body=$2
	_dir="$TMP/$(echo "$_name" | tr -c 'A-Za-z0-9_-' _)"
	mkdir -p "$_dir"
	# Not inside `if`: there the shell ignores `set -e` in the subshell,
	# and only the body's last command would count.
	(cd "$_dir" && set -e && eval "$_body") >"$_dir.log" 2>&1
	if [ $? -eq 0 ]; then
		echo "ok $SCRIPT: $_name"
	else
		echo "--- $SCRIPT: $_name"
		tail -n 40 "$_dir.log"
		echo "not ok $SCRIPT: $_name"
	fi
}

# refute CMD...: fails when CMD succeeds (`! CMD` does not stop a
# `set -e` script: the shell ignores -e for a negated command)
refute() {
	if "$@"; then
		echo "unexpectedly true: $*"
		return 1
	fi
	return 0
}

test_cmp() {
	diff -u "$1" "$2"
}

test_golden() {
	if [ "${ZORGDOC_UPDATE_GOLDEN:-}" = 1 ]; then
		mkdir -p "$(dirname "$1")"
		cp "$2" "$1"
	fi
	diff -u "$1" "$2"
}

# zsql DB "SQL": SQL on an (encrypted) store, printed like the sqlite3
# command line prints it; stdin when no SQL is given. Test-only: it keys
# the store with $ZORGDOC_PASSPHRASE and skips every check
# (tests/tools/zsql.c). Use it wherever a test would run `sqlite3 DB`.
zsql() {
	"${ZORGDOC_ZSQL:?run tests through tests/run.sh}" "$@"
}

# run_status EXPECTED CMD...: runs CMD, fails unless it exits EXPECTED.
run_status() {
	_want=$1
	shift
	set +e
	"$@"
	_got=$?
	set -e
	if [ "$_got" != "$_want" ]; then
		echo "expected exit $_want, got $_got: $*" >&2
		return 1
	fi
}
