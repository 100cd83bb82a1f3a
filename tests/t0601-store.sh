#!/bin/sh
# The dossier store itself: created 0600, schema version, refusing files
# that are not ours or come from a newer zorgdoc, busy errors, pragmas.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db

test_expect "store is created on first use with mode 0600" '
	umask 022
	"$ZORGDOC" client list >out
	test -f dossier.db
	test "$(stat -c %a dossier.db)" = 600
	test ! -s out
	test "$(zsql dossier.db "PRAGMA user_version")" = 3
	test "$(zsql dossier.db "PRAGMA journal_mode")" = delete
'
test_expect "--db overrides ZORGDOC_DB" '
	"$ZORGDOC" client add --name "Anna Verzonnen" --db other.db >id
	test "$(cat id)" = 1
	test -f other.db
	test ! -f dossier.db
'
test_expect "a store from a newer zorgdoc is refused and left alone" '
	"$ZORGDOC" client list
	zsql dossier.db "PRAGMA user_version = 99"
	cp dossier.db before.db
	run_status 3 "$ZORGDOC" client add --name "Anna Verzonnen" 2>err
	grep -q "newer zorgdoc (schema version 99; this zorgdoc knows up to 3)" err
	cmp dossier.db before.db
'
test_expect "a file that is not a store is refused" '
	echo "not a database at all, just text" >dossier.db
	run_status 3 "$ZORGDOC" client list 2>err
	grep -q "not a zorgdoc store" err
	sqlite3 other.db "CREATE TABLE x (y)"
	run_status 3 "$ZORGDOC" client list --db other.db 2>err
	grep -q "not a zorgdoc store" err
'
test_expect "a locked store gives a clear busy error (exit 3) and loses nothing" '
	# a 2 s lock: under valgrind (make check-valgrind) zorgdoc starts
	# slower than that; t0902 tests locks without such a race
	[ -z "${ZORGDOC_WRAP:-}" ] || { echo "under a wrapper: skipped"; exit 0; }
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	( echo "BEGIN IMMEDIATE;"; sleep 2; echo "COMMIT;" ) | zsql dossier.db &
	sleep 0.5
	ZORGDOC_BUSY_TIMEOUT=100 run_status 3 "$ZORGDOC" client add --name "Bram Fictief" 2>err
	grep -q "store is busy" err
	wait
	test "$(zsql dossier.db "SELECT count(*) FROM clients")" = 1
'
test_expect "a writer waits for a short lock within the busy timeout" '
	"$ZORGDOC" client list
	( echo "BEGIN IMMEDIATE;"; sleep 1; echo "COMMIT;" ) | zsql dossier.db &
	sleep 0.3
	"$ZORGDOC" client add --name "Bram Fictief" >id
	wait
	test "$(cat id)" = 1
'
test_expect "issued invoices cannot be changed even with SQL" '
	"$ZORGDOC" client list
	zsql dossier.db "INSERT INTO clients (name, created, updated, content_changed) VALUES (\"x\", 1, 1, 1);
	  INSERT INTO invoices (number, series, year, seq, kind, client_id, date, due_date, total_cents,
	    vat_cents, nlines, snapshot, snapshot_sha256, created) VALUES
	    (\"T1\", \"invoice\", 2023, 1, \"invoice\", 1, \"2023-11-14\", \"2023-11-28\", 1, 0, 0, \"x\", \"x\", 1);"
	refute zsql dossier.db "UPDATE invoices SET total_cents = 2" 2>err
	grep -q "never changed" err
	refute zsql dossier.db "DELETE FROM invoices" 2>err
	grep -q "never deleted" err
	refute zsql dossier.db "PRAGMA foreign_keys=ON; INSERT INTO treatments (client_id, date, tariff_id, amount_cents, vat, created) VALUES (42, \"2023-11-01\", \"t\", 1, \"exempt\", 1)" 2>err
	grep -qi "foreign key" err
'
test_expect "errors never show client names" '
	"$ZORGDOC" client add --name "Geheime Naam" --birth-date 1980-13-01 2>err && exit 1
	refute grep -q Geheime err
	grep -q "field .birth_date. is not a date" err
'
test_expect "a file: name is a file, not a URI" '
	"$ZORGDOC" client add --name "Anna Verzonnen" --db "file:x.db?mode=memory" >/dev/null
	test -f "file:x.db?mode=memory"
	test "$("$ZORGDOC" client list --db "file:x.db?mode=memory" | wc -l)" = 1
'
