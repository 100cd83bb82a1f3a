#!/bin/sh
# zorgdoc client export (AVG art. 15, 20) and client forget (art. 17):
# everything on a client as XML and PDF inside DIR only; erasure that
# refuses with the legal reason while a term runs, keeps the treatments
# anonymised, and never changes an issued invoice.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
export ZORGDOC_DB=dossier.db
unset ZORGDOC_PRACTICE
P="$TESTS_DIR/data/store/practice.xml"

sql() {
	zsql dossier.db "$1"
}

setup() {
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Verzinselstraat 1" \
	    --postcode 1234AB --city Nergensdorp --birth-date 1980-02-29 --ref A1 \
	    --email anna@voorbeeld.example --phone 0612345678 --guardian "Ouder Verzonnen" >/dev/null
	"$ZORGDOC" treatment add --client 1 --date 2023-11-03 --tariff consult \
	    --note "slaapt slecht" --practice "$P" >/dev/null
	"$ZORGDOC" consent add --client 1 --what "opvragen gegevens huisarts" \
	    --by "Ouder Verzonnen" --date 2023-11-01 >/dev/null
	"$ZORGDOC" invoice create --client 1 --date 2023-11-30 --practice "$P" >/dev/null
	# a second client, to show the export holds only the first
	"$ZORGDOC" client add --name "Bram Fictief" --city Elders >/dev/null
}

test_expect "export writes everything on the client as XML and PDF, in DIR only" '
	setup
	"$ZORGDOC" client export 1 -o uit >paths
	printf "uit/client-1.xml\nuit/client-1.pdf\n" >exp
	test_cmp exp paths
	test "$(ls uit | tr "\n" " ")" = "client-1.pdf client-1.xml "
	test "$(ls | tr "\n" " ")" = "dossier.db exp paths uit "
	test "$(stat -c %a uit/client-1.xml)" = 600
	test "$(stat -c %a uit/client-1.pdf)" = 600
	xmllint --noout --relaxng "$TESTS_DIR/../schema/client-export.rng" uit/client-1.xml
	x=uit/client-1.xml
	grep -q "<name>Anna Verzonnen</name>" $x
	grep -q "<guardian>Ouder Verzonnen</guardian>" $x
	grep -q "<note>slaapt slecht</note>" $x
	grep -q "<what>opvragen gegevens huisarts</what>" $x
	grep -q "<number>CH2023-0001</number>" $x
	grep -q "<action>issue</action>" $x
	grep -q "<action>export</action>" $x
	refute grep -q "Bram\|Elders" $x
	pdftotext -layout uit/client-1.pdf out.txt
	grep -q "Overzicht van uw gegevens" out.txt
	grep -q "Anna Verzonnen" out.txt
	grep -q "29 februari 1980" out.txt
	grep -q "slaapt slecht" out.txt
	grep -q "CH2023-0001" out.txt
	grep -q "overzicht gemaakt" out.txt
	refute grep -q "Bram" out.txt
	# a PDF password: that it exists and since when, never the password
	pw=$("$ZORGDOC" client password 1 --generate)
	"$ZORGDOC" client export 1 -o uit >/dev/null
	grep -q "<pdf-password-created>20.*Z</pdf-password-created>" uit/client-1.xml
	refute grep -q "$pw" uit/client-1.xml
	xmllint --noout --relaxng "$TESTS_DIR/../schema/client-export.rng" uit/client-1.xml
	"$ZORGDOC" client export 1 -o uit --locale en >/dev/null
	pdftotext uit/client-1.pdf - | grep -q "Overview of your data"
'
test_expect "export refuses bad values and writes nothing" '
	setup
	run_status 1 "$ZORGDOC" client export 9 -o uit 2>err
	grep -q "no client with id 9" err
	test ! -e uit
	run_status 2 "$ZORGDOC" client export 1 2>err
	grep -q "client export needs -o DIR" err
	run_status 2 "$ZORGDOC" client export 1 -o uit --locale fr 2>err
	grep -q -- "--locale must be nl or en" err
	run_status 2 "$ZORGDOC" client export 1 -o uit --name X 2>err
	run_status 2 "$ZORGDOC" client show 1 -o uit 2>err
	test ! -e uit
'
test_expect "forget refuses while the WGBO and fiscal terms run, naming the law and the date" '
	setup
	run_status 1 "$ZORGDOC" client forget 1 --date 2030-01-01 2>err
	grep -q "client 1: refusing to erase: the dossier must be kept until 20[4-9][0-9]-[0-9][0-9]-[0-9][0-9] (WGBO art. 7:454: 20 years" err
	grep -q "WGBO art. 7:455), use --force" err
	grep -q "1 issued invoice must be kept until 2030-12-31 (art. 52 AWR: 7 years" err
	grep -q "frozen copies keep the name, address and birth date" err
	refute grep -q "Anna" err
	"$ZORGDOC" client show 1 | grep -qx "name: Anna Verzonnen"
	"$ZORGDOC" treatment show 1 | grep -qx "note: slaapt slecht"
'
test_expect "forget --force erases the personal data, keeps treatments anonymised and invoices unchanged" '
	setup
	"$ZORGDOC" invoice show CH2023-0001 >before.xml
	"$ZORGDOC" client password 1 --generate >/dev/null
	"$ZORGDOC" client forget 1 --force --date 2030-01-01 2>msg
	test "$(sql "SELECT count(*) FROM client_passwords")" = 0
	grep -q "client 1: personal data erased; treatments kept anonymised; 1 issued invoice kept unchanged until 2030-12-31" msg
	"$ZORGDOC" client show 1 >show
	refute grep -q "Anna\|Verzinsel\|1980\|anna@\|0612345678\|A1\|Ouder" show
	"$ZORGDOC" treatment show 1 >t
	grep -qx "date: 2023-11-03" t
	grep -qx "prestatiecode: 24004" t
	grep -qx "amount: 80.00" t
	refute grep -q "note" t
	test "$("$ZORGDOC" consent list --client 1 | wc -l)" = 0
	"$ZORGDOC" invoice show CH2023-0001 >after.xml
	test_cmp before.xml after.xml
	"$ZORGDOC" client show 2 | grep -qx "name: Bram Fictief"
	"$ZORGDOC" audit --client 1 --action erase --csv | grep -q ",erase,client,1,1,forget (forced)$"
	"$ZORGDOC" client export 1 -o uit >/dev/null
	grep -q "<erased>2030-01-01</erased>" uit/client-1.xml
	pdftotext uit/client-1.pdf - | grep -q "Uw persoonsgegevens zijn op 1 januari 2030 gewist"
	# gone from the tables, and VACUUM left no free page with old bytes
	test "$(sql "SELECT count(*) FROM treatment_notes") $(sql "SELECT count(*) FROM guardians")" = "0 0"
	test "$(sql "SELECT count(*) FROM consents")" = 0
	sql "SELECT * FROM clients WHERE id = 1" >row
	refute grep -q "Anna\|Verzinsel\|anna@\|0612345678\|1980\|A1" row
	test "$(sql "PRAGMA freelist_count")" = 0
	run_status 1 "$ZORGDOC" client forget 1 --force 2>err
	grep -q "already erased" err
	run_status 1 "$ZORGDOC" client edit 1 --city Fictiedam 2>err
	grep -q "client 1: the personal data were erased" err
'
test_expect "a credit note for an erased client names the client as the invoice does" '
	setup
	"$ZORGDOC" client forget 1 --force --date 2030-01-01 2>/dev/null
	"$ZORGDOC" invoice credit CH2023-0001 --date 2030-02-01 --practice "$P" >num
	c=$(cat num)
	"$ZORGDOC" invoice show "$c" >credit.xml
	grep -q "<name>Anna Verzonnen</name>" credit.xml
	grep -q "<street>Verzinselstraat 1</street>" credit.xml
	grep -q "<credits>" credit.xml
	"$ZORGDOC" invoice show CH2023-0001 | sed -n "/<client /,/<\/client>/p" >orig.block
	sed -n "/<client /,/<\/client>/p" credit.xml >credit.block
	test_cmp orig.block credit.block
	"$ZORGDOC" invoice render "$c" -o credit.pdf
	pdftotext credit.pdf - >credit.txt
	grep -q "Anna Verzonnen" credit.txt
	grep -q "CH2023-0001" credit.txt
	# the erased client stays erased
	"$ZORGDOC" client show 1 >show
	refute grep -q "Anna" show
'
test_expect "forget without invoices after the dossier term needs no force and leaves no trace of the name" '
	"$ZORGDOC" client add --name "Cees Verzonnen" --street "Nepstraat 9" --city Fictiedam >/dev/null
	"$ZORGDOC" treatment add --client 1 --date 2023-11-03 --tariff consult --practice "$P" >/dev/null
	run_status 1 "$ZORGDOC" client forget 1 --date 2030-01-01 2>err
	refute grep -q "invoice" err
	"$ZORGDOC" client forget 1 --date 2070-01-01 2>msg
	grep -q "personal data erased; treatments kept anonymised$" msg
	sql "SELECT * FROM clients" >rows
	refute grep -q "Cees\|Nepstraat\|Fictiedam" rows
	test "$(sql "PRAGMA freelist_count")" = 0
	run_status 1 "$ZORGDOC" client forget 7 2>err
	grep -q "no client with id 7" err
	run_status 2 "$ZORGDOC" client forget 1 --date 2070-13-01 2>err
	grep -q -- "--date must be a real date" err
	run_status 2 "$ZORGDOC" client forget 1 -o x 2>err
'
test_expect "an erased client is left out of client list, listed by --erased, and show says when" '
	setup
	"$ZORGDOC" client add --name "Cees Verzonnen" --birth-date 1990-05-05 --city Fictiedam >/dev/null
	"$ZORGDOC" client forget 1 --force --date 2030-01-01 2>/dev/null
	"$ZORGDOC" client list >out 2>err
	printf "2\tBram Fictief\t\tElders\n3\tCees Verzonnen\t1990-05-05\tFictiedam\n" >exp
	test_cmp exp out
	echo "client list: 1 erased client not shown (see '"'"'zorgdoc client list --erased'"'"')" >exp
	test_cmp exp err
	"$ZORGDOC" client list --erased >out 2>err
	printf "1\t2030-01-01\n" >exp
	test_cmp exp out
	test ! -s err
	"$ZORGDOC" client forget 3 --force --date 2030-02-01 2>/dev/null
	"$ZORGDOC" client list 2>err >/dev/null
	echo "client list: 2 erased clients not shown (see '"'"'zorgdoc client list --erased'"'"')" >exp
	test_cmp exp err
	"$ZORGDOC" client list --erased >out
	printf "1\t2030-01-01\n3\t2030-02-01\n" >exp
	test_cmp exp out
	# show: no empty fields, the date of the erasure
	"$ZORGDOC" client show 1 >out 2>err
	printf "id: 1\nerased: 2030-01-01\n" >exp
	test_cmp exp out
	echo "client 1: the personal data were erased on 2030-01-01; only the anonymised treatments are kept ('"'"'zorgdoc treatment list --client 1'"'"')" >exp
	test_cmp exp err
	# both reads are logged like any other
	"$ZORGDOC" audit --client 1 --action read --csv | grep -q ",read,client,1,1,$"
	"$ZORGDOC" audit --action list --csv | grep -q ",list,client,,,erased$"
	# nothing erased: nothing said; --erased is for list only
	rm dossier.db
	"$ZORGDOC" client add --name "Dirk Bedacht" >/dev/null
	"$ZORGDOC" client list >out 2>err
	test ! -s err
	"$ZORGDOC" client list --erased >out
	test ! -s out
	run_status 2 "$ZORGDOC" client show 1 --erased 2>err
	grep -q -- "--erased is for client list" err
	"$ZORGDOC" client --help | grep -q "list --erased"
'
test_expect "an erased client takes no new data and is left out of a batch, which still invoices the others" '
	setup
	"$ZORGDOC" client add --name "Cees Verzonnen" --street "Nepstraat 9" --postcode 2345BC \
	    --city Fictiedam --birth-date 1990-05-05 >/dev/null
	"$ZORGDOC" treatment add --client 1 --date 2023-12-04 --tariff consult --practice "$P" >/dev/null
	"$ZORGDOC" treatment add --client 3 --date 2023-12-05 --tariff consult --practice "$P" >/dev/null
	"$ZORGDOC" client forget 1 --force --date 2030-01-01 2>/dev/null
	before=$(sql "SELECT count(*) FROM treatments"):$(sql "SELECT count(*) FROM consents")
	run_status 1 "$ZORGDOC" treatment add --client 1 --date 2023-12-06 --tariff consult --practice "$P" 2>err
	echo "zorgdoc: error: client 1: the personal data were erased on 2030-01-01: no treatment can be added (add the person again as a new client)" >exp
	test_cmp exp err
	run_status 1 "$ZORGDOC" consent add --client 1 --what "opvragen gegevens" --by "Ouder Verzonnen" --date 2023-12-01 2>err
	echo "zorgdoc: error: client 1: the personal data were erased on 2030-01-01: no consent can be added (add the person again as a new client)" >exp
	test_cmp exp err
	test "$(sql "SELECT count(*) FROM treatments"):$(sql "SELECT count(*) FROM consents")" = "$before"
	run_status 1 "$ZORGDOC" invoice create --client 1 --date 2023-12-31 --practice "$P" 2>err
	echo "zorgdoc: error: cannot invoice client 1: the personal data were erased on 2030-01-01 (there is no one to address the invoice to)" >exp
	test_cmp exp err
	# the batch invoices client 3 and says it left client 1 out
	"$ZORGDOC" invoice batch --period 2023-12 --date 2023-12-31 --practice "$P" >issued 2>err
	echo CH2023-0002 >exp
	test_cmp exp issued
	echo "invoice batch: 1 erased client with uninvoiced treatments in 2023-12 left out (see '"'"'zorgdoc client list --erased'"'"')" >exp
	test_cmp exp err
	test "$(sql "SELECT client_id FROM invoices WHERE number = '"'"'CH2023-0002'"'"'")" = 3
	# unknown clients are still "no client"
	run_status 1 "$ZORGDOC" treatment add --client 9 --date 2023-12-06 --tariff consult --practice "$P" 2>err
	grep -qx "zorgdoc: error: no client with id 9" err
'
