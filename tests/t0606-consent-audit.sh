#!/bin/sh
# zorgdoc consent add|list, and the audit log: every change is logged with
# who, what and which record — never the content.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db

test_expect "consents are recorded with document and version" '
	"$ZORGDOC" client add --name "Kind Verzonnen" --guardian "Ouder Verzonnen" >/dev/null
	"$ZORGDOC" consent add --client 1 --what "opvragen gegevens bij de huisarts" \
	    --by "Ouder Verzonnen" --date 2023-10-20 --document privacyverklaring --version 2023.10 >id
	test "$(cat id)" = 1
	"$ZORGDOC" consent list --client 1 >out
	printf "1\t1\t2023-10-20\tprivacyverklaring\t2023.10\tOuder Verzonnen\topvragen gegevens bij de huisarts\n" >exp
	test_cmp exp out
	run_status 1 "$ZORGDOC" consent add --client 7 --what x --by y 2>err
	grep -q "no client with id 7" err
	run_status 1 "$ZORGDOC" consent add --client 1 --what x --by y --date 2023-02-30 2>err
	grep -q "field .date. is not a date" err
	run_status 2 "$ZORGDOC" consent add --client 1 --what x 2>err
'
test_expect "the audit log names user, action and record, never content" '
	export ZORGDOC_USER=therapeut
	"$ZORGDOC" client add --name "Geheime Naam" --city Nergensdorp >/dev/null
	"$ZORGDOC" client edit 1 --city Fictiedam
	ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml" \
	    "$ZORGDOC" treatment add --client 1 --date 2023-11-03 --tariff consult --note "vertrouwelijk" >/dev/null
	zsql dossier.db "SELECT user, action, entity, record_id FROM audit ORDER BY id" >out
	printf "therapeut|add|client|1\ntherapeut|edit|client|1\ntherapeut|add|treatment|1\n" >exp
	test_cmp exp out
	zsql dossier.db "SELECT * FROM audit" >all
	refute grep -q "Geheime\|Nergensdorp\|Fictiedam\|vertrouwelijk" all
	test "$(zsql dossier.db "SELECT count(*) FROM audit WHERE at GLOB \"20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z\"")" = 3
'
test_expect "the clinical note is kept apart and shown only by treatment show" '
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml" \
	    "$ZORGDOC" treatment add --client 1 --date 2023-11-03 --tariff consult --note "slaapt slecht" >/dev/null
	"$ZORGDOC" treatment list >list
	refute grep -q "slaapt" list
	"$ZORGDOC" treatment show 1 | grep -qx "note: slaapt slecht"
	test "$(zsql dossier.db "SELECT count(*) FROM treatments WHERE description LIKE \"%slaapt%\"")" = 0
	test "$(zsql dossier.db "SELECT note FROM treatment_notes")" = "slaapt slecht"
'
