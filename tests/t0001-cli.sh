#!/bin/sh
# The command line itself: help, version, unknown commands, exit codes.
. "$TESTS_DIR/lib.sh"

test_expect "help lists commands and exit codes" '
	"$ZORGDOC" --help >out
	grep -q "^usage: zorgdoc COMMAND" out
	grep -q "Exit status" out
'
test_expect "no arguments is a usage error" '
	run_status 2 "$ZORGDOC" 2>err
	grep -q "usage" err
'
test_expect "unknown command is a usage error" '
	run_status 2 "$ZORGDOC" frobnicate 2>err
	grep -q "frobnicate. is not a command" err
'
test_expect "version" '
	"$ZORGDOC" --version >out
	grep -Eq "^zorgdoc [0-9]+\.[0-9]+\.[0-9]+$" out
'
test_expect "every command has --help" '
	for c in $("$ZORGDOC" --help | sed -n "s/^  \([a-z]*\) .*/\1/p"); do
		"$ZORGDOC" $c --help >out || { echo "$c --help failed"; exit 1; }
		grep -q "usage: zorgdoc $c" out || { echo "$c --help has no usage"; exit 1; }
	done
'
