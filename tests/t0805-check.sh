#!/bin/sh
# zorgdoc store check: integrity (SQLCipher checks every page's HMAC),
# foreign keys, schema version, invoice numbers without gaps or
# duplicates per series and year, snapshots against their SHA-256. Each
# planted problem is found and listed without personal data; the check
# itself changes nothing.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

setup() {
	sh "$SAMPLE" -z "$ZORGDOC" -n 20 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" client list | cut -f2 >names
}
# No client name in the check's output.
no_names() {
	while read -r name; do
		if grep -qF -- "$name" "$1"; then return 1; fi
	done <names
}

test_expect "a clean store: exit 0, says what it checked, changes nothing" '
	setup
	cp dossier.db before.db
	"$ZORGDOC" store check >out 2>err
	grep -q "^ok: schema version [0-9]*, integrity and foreign keys ok, 1 invoice number series without gaps, 20 invoice snapshots match their hashes" out
	cmp dossier.db before.db
'
test_expect "a snapshot that no longer matches its hash" '
	setup
	zsql dossier.db "DROP TRIGGER invoices_frozen;
	    UPDATE invoices SET snapshot = CAST(replace(CAST(snapshot AS TEXT), \"CH2023-0003\", \"CH2023-0033\") AS BLOB) WHERE seq = 3"
	run_status 1 "$ZORGDOC" store check >out 2>err
	grep -qx "problem: invoice CH2023-0003: the snapshot does not match its SHA-256" out
	grep -qx "1 problem found" out
	no_names out
'
test_expect "a gap in the numbers, and a counter ahead of the last invoice" '
	setup
	zsql dossier.db "DROP TRIGGER invoices_kept; DROP TRIGGER invoice_lines_kept;
	    UPDATE treatments SET invoice_id = NULL WHERE invoice_id = (SELECT id FROM invoices WHERE seq = 5);
	    DELETE FROM invoice_lines WHERE invoice_id = (SELECT id FROM invoices WHERE seq = 5);
	    DELETE FROM invoices WHERE seq = 5;
	    DROP TRIGGER series_forward; UPDATE number_series SET last_seq = 21"
	run_status 1 "$ZORGDOC" store check >out 2>err
	grep -qx "problem: numbers: series invoice 2023 has gaps: 19 numbers between 1 and 20" out
	grep -qx "problem: numbers: series invoice 2023: the counter is at 21, the last invoice at 20" out
	no_names out
'
test_expect "a counter without invoices, lines that do not add up" '
	setup
	zsql dossier.db "INSERT INTO number_series VALUES (\"credit\", 2023, 2, \"2023-11-30\");
	    DROP TRIGGER invoice_lines_kept; DELETE FROM invoice_lines WHERE invoice_id = 7 AND line_no = 1"
	run_status 1 "$ZORGDOC" store check >out 2>err
	grep -qx "problem: numbers: series credit 2023 counted to 2 but holds no invoice" out
	grep -q "problem: invoice CH2023-0007: [0-9]* lines recorded, [0-9]* present" out
	grep -qx "problem: invoice CH2023-0007: the total differs from the sum of its lines" out
'
test_expect "a broken foreign key" '
	setup
	zsql dossier.db "INSERT INTO treatments (client_id, date, tariff_id, amount_cents, vat, created)
	    VALUES (999, \"2023-11-01\", \"consult\", 100, \"exempt\", \"x\")"
	run_status 1 "$ZORGDOC" store check >out 2>err
	grep -q "^problem: foreign key: treatments row [0-9]* refers to a missing clients row" out
'
test_expect "a damaged page is found (its HMAC fails), with no personal data shown" '
	setup
	pages=$(( $(stat -c %s dossier.db) / 4096 ))
	# a byte in the middle of the second-last page
	printf "\377\377\377\377" | dd of=dossier.db bs=1 seek=$(( (pages - 2) * 4096 + 2000 )) conv=notrunc 2>/dev/null
	run_status 1 "$ZORGDOC" store check >out 2>err
	grep -q "^problem: integrity: " out
	grep -q "problem.* found" out
	no_names out
	no_names err
'
test_expect "a store from an older schema is checked as it is, not migrated" '
	sqlite3 old.db <"$TESTS_DIR/data/store/plain-v1.sql"
	"$ZORGDOC" store encrypt --db old.db >/dev/null
	zsql old.db "PRAGMA user_version" >v
	test "$(cat v)" = 1
	"$ZORGDOC" store check --db old.db >out 2>err
	zsql old.db "PRAGMA user_version" >v2
	test_cmp v v2
	grep -q "^ok: schema version 1," out
	grep -q "^note: schema version 1; this zorgdoc writes" out
	"$ZORGDOC" client list --db old.db >/dev/null
	"$ZORGDOC" store check --db old.db >out
	refute grep -q "^note:" out
'
test_expect "check of a missing store makes none; a wrong passphrase exits 3" '
	run_status 3 "$ZORGDOC" store check 2>err
	grep -q "no store here" err
	test ! -e dossier.db
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	ZORGDOC_PASSPHRASE=wrongwrong run_status 3 "$ZORGDOC" store check 2>err
	grep -q "wrong passphrase" err
'
