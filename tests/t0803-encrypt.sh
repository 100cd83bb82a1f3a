#!/bin/sh
# zorgdoc store encrypt: a store made before encryption (schema version 1,
# unencrypted: tests/data/store/plain-v1.sql, from the pre-encryption
# build) becomes an encrypted one with the same records.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=old.db
D="$TESTS_DIR/data/store"

setup() {
	sqlite3 old.db <"$D/plain-v1.sql"
	test "$(sqlite3 old.db "PRAGMA user_version")" = 1
	strings old.db | grep -q Zoekmerk
}

test_expect "an unencrypted store is refused with the way out, and left alone" '
	setup
	cp old.db before.db
	run_status 3 "$ZORGDOC" client list 2>err
	grep -q "this store is not encrypted (made by an older zorgdoc): encrypt it first with .zorgdoc store encrypt." err
	cmp old.db before.db
'
test_expect "encrypt: same records, nothing readable, check ok, old invoice renders" '
	setup
	sqlite3 old.db "SELECT id, name, birth_date, city FROM clients ORDER BY id" | tr "|" "\t" >clients.before
	sqlite3 old.db "SELECT number, snapshot_sha256 FROM invoices ORDER BY id" >inv.before
	sqlite3 old.db "SELECT note FROM treatment_notes" >notes.before
	"$ZORGDOC" store encrypt >out
	grep -q "encrypted: old.db (schema version" out
	test "$(head -c 4 old.db)" = ZDK1
	test "$(stat -c %a old.db)" = 600
	for m in Zoekmerk Verzinselstraat Nergensdorp 1980-02-29 slaapt "SQLite format"; do
		if strings old.db | grep -q "$m"; then echo "unexpected: old.db shows $m"; false; fi
	done
	"$ZORGDOC" client list >clients.after
	test_cmp clients.before clients.after
	zsql old.db "SELECT number, snapshot_sha256 FROM invoices ORDER BY id" >inv.after
	test_cmp inv.before inv.after
	zsql old.db "SELECT note FROM treatment_notes" >notes.after
	test_cmp notes.before notes.after
	zsql old.db "SELECT count(*) FROM sqlite_master WHERE type = \"trigger\"" >trig
	test "$(cat trig)" -ge 5
	zsql old.db "PRAGMA application_id" >appid
	test "$(cat appid)" = 2053402467
	"$ZORGDOC" store check >check
	grep -q "^ok:" check
	"$ZORGDOC" invoice render CH2023-0001 -o n1.txt
	grep -q CH2023-0001 n1.txt
	grep -q "Zoekmerk Verzonnen" n1.txt
	ls -a >files
	refute grep -q tmp files
'
test_expect "the old invoices stay frozen after conversion" '
	setup
	"$ZORGDOC" store encrypt >/dev/null
	refute zsql old.db "UPDATE invoices SET total_cents = 1" 2>err
	grep -q "never changed" err
'
test_expect "encrypt refuses what it cannot convert, changing nothing" '
	setup
	"$ZORGDOC" store encrypt >/dev/null
	cp old.db enc.db
	run_status 1 "$ZORGDOC" store encrypt 2>err
	grep -q "encrypted already" err
	cmp old.db enc.db
	sqlite3 other.db "CREATE TABLE x (y)"
	cp other.db other.before
	run_status 1 "$ZORGDOC" store encrypt --db other.db 2>err
	grep -q "not a zorgdoc store" err
	cmp other.db other.before
	run_status 1 "$ZORGDOC" store encrypt --db missing.db 2>err
	test ! -e missing.db
	sqlite3 newer.db <"$D/plain-v1.sql"
	sqlite3 newer.db "PRAGMA user_version = 99"
	cp newer.db newer.before
	run_status 3 "$ZORGDOC" store encrypt --db newer.db 2>err
	grep -q "newer zorgdoc" err
	cmp newer.db newer.before
	ZORGDOC_PASSPHRASE=kort run_status 3 "$ZORGDOC" store encrypt --db newer.db 2>err
	cmp newer.db newer.before
'
test_expect "encrypt with a short passphrase changes nothing" '
	setup
	cp old.db before.db
	ZORGDOC_PASSPHRASE=kort run_status 3 "$ZORGDOC" store encrypt 2>err
	grep -q "too short" err
	cmp old.db before.db
	ls -a >files
	refute grep -q tmp files
'
