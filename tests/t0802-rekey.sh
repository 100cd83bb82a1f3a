#!/bin/sh
# zorgdoc store rekey: a new passphrase and a new salt; the old passphrase
# stops working, the data stays, a failure changes nothing.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db

setup() {
	"$ZORGDOC" client add --name "Anna Verzonnen" --city Nergensdorp >/dev/null
	"$ZORGDOC" client add --name "Bram Fictief" >/dev/null
	"$ZORGDOC" client list >list.before
}

test_expect "rekey: the old passphrase fails, the new one opens the same data" '
	setup
	head -c 16 dossier.db >salt.before
	ZORGDOC_NEW_PASSPHRASE="the new passphrase" "$ZORGDOC" store rekey >out
	grep -q "new passphrase" out
	head -c 16 dossier.db >salt.after
	refute cmp -s salt.before salt.after
	test "$(head -c 4 dossier.db)" = ZDK1
	run_status 3 "$ZORGDOC" client list 2>err
	grep -q "wrong passphrase" err
	ZORGDOC_PASSPHRASE="the new passphrase" "$ZORGDOC" client list >list.after
	test_cmp list.before list.after
	ZORGDOC_PASSPHRASE="the new passphrase" "$ZORGDOC" store check >/dev/null
	test "$(stat -c %a dossier.db)" = 600
	ls -a >files
	refute grep -q tmp files
'
test_expect "rekey reads --new-passphrase-file; the old passphrase from --passphrase-file" '
	setup
	printf "second passphrase\n" >new
	"$ZORGDOC" store rekey --new-passphrase-file new >/dev/null
	printf "third passphrase\n" >third
	"$ZORGDOC" store rekey --passphrase-file new --new-passphrase-file third >/dev/null
	run_status 3 "$ZORGDOC" client list --passphrase-file new 2>/dev/null
	"$ZORGDOC" client list --passphrase-file third >list.after
	test_cmp list.before list.after
'
test_expect "a refused rekey changes nothing" '
	setup
	cp dossier.db before.db
	ZORGDOC_NEW_PASSPHRASE=kort run_status 3 "$ZORGDOC" store rekey 2>err
	grep -q "too short" err
	cmp dossier.db before.db
	ZORGDOC_PASSPHRASE=wrongwrong ZORGDOC_NEW_PASSPHRASE="the new passphrase" \
	    run_status 3 "$ZORGDOC" store rekey 2>err
	grep -q "wrong passphrase" err
	cmp dossier.db before.db
	run_status 3 env -u ZORGDOC_NEW_PASSPHRASE setsid -w "$ZORGDOC" store rekey </dev/null 2>err
	grep -q "give --new-passphrase-file FILE or set \$ZORGDOC_NEW_PASSPHRASE" err
	cmp dossier.db before.db
	ls -a >files
	refute grep -q tmp files
'
test_expect "a rekey waits for a writer and is not lost to one" '
	setup
	( echo "BEGIN IMMEDIATE;"; sleep 1; echo "INSERT INTO meta VALUES (\"x\", \"y\");"; echo "COMMIT;" ) | zsql dossier.db &
	sleep 0.3
	ZORGDOC_NEW_PASSPHRASE="the new passphrase" "$ZORGDOC" store rekey >/dev/null
	wait
	ZORGDOC_PASSPHRASE="the new passphrase" zsql dossier.db "SELECT value FROM meta WHERE key = \"x\"" >out
	echo y >exp
	test_cmp exp out
'
