#!/bin/sh
# zorgdoc invoice create|credit|list|show: numbering, frozen snapshots,
# pre-flight refusals, credit notes, VAT.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db
P="$TESTS_DIR/data/store/practice.xml"
# (practice.xml and its logo are copied into each test directory)
export ZORGDOC_PRACTICE=practice.xml

# Two complete clients with treatments in November 2023, one in December.
setup() {
	cp "$P" "$(dirname "$P")/logo.png" .
	cat >clients.csv <<-\EOF2
	ref,name,street,postcode,city,birth_date
	A1,Anna Verzonnen,Verzinselstraat 1,1234 AB,Nergensdorp,1980-02-29
	A2,Bram Fictief,Proeflaan 2,1000 AA,Fictiedam,1975-06-01
	EOF2
	cat >treatments.csv <<-\EOF2
	client_ref,date,tariff
	A1,2023-11-03,consult
	A1,2023-11-10,intake
	A2,2023-11-04,consult-short
	A1,2023-12-01,consult
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >/dev/null
}
series() { zsql dossier.db "SELECT count(*) FROM number_series"; }

test_expect "create numbers invoices per the practice pattern" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >n1
	echo CH2023-0001 >exp
	test_cmp exp n1
	"$ZORGDOC" invoice create --client 2 --date 2023-11-30 >n2
	echo CH2023-0002 >exp
	test_cmp exp n2
	"$ZORGDOC" invoice list >out
	printf "CH2023-0001\t2023-11-30\tinvoice\tA1\t175.00\t2\nCH2023-0002\t2023-11-30\tinvoice\tA2\t45.00\t1\n" >exp
	test_cmp exp out
	run_status 1 "$ZORGDOC" invoice create --client 2 --date 2023-11-30 2>err
	grep -q "client 2 has no uninvoiced treatments" err
	"$ZORGDOC" invoice create --client 1 --date 2024-01-02 >n3
	echo CH2024-0001 >exp
	test_cmp exp n3
'
test_expect "the snapshot holds what the zorgnota needs" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice show CH2023-0001 >snap.xml
	xmllint --noout --relaxng "$ZORGDOC_DATADIR/schema/invoice.rng" snap.xml
	for f in "<number>CH2023-0001</number>" "<date>2023-11-30</date>" "<due-date>2023-12-14</due-date>" \
	    "<kvk>71234567</kvk>" "<agb-practice>90061234</agb-practice>" "<agb-therapist>90054321</agb-therapist>" \
	    "<membership>IT-20417</membership>" "<iban>NL67INGB0006543210</iban>" "<name>Anna Verzonnen</name>" \
	    "<birth-date>1980-02-29</birth-date>" "<prestatiecode>24004</prestatiecode>" \
	    "<description>Intakeconsult integratieve therapie</description>" "<amount-cents>9500</amount-cents>" \
	    "<count>2</count>" "<total-cents>17500</total-cents>"; do
		grep -qF "$f" snap.xml || { echo "missing $f"; exit 1; }
	done
	test "$(xmllint --xpath "namespace-uri(/*)" snap.xml)" = urn:zorgdoc:invoice:1
	refute grep -q "bsn\|note" snap.xml
'
test_expect "a later change of address, tariff or practice leaves the invoice byte-identical" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice show CH2023-0001 >before.xml
	zsql dossier.db "SELECT snapshot_sha256 FROM invoices" >sha.before
	"$ZORGDOC" client edit 1 --street "Nieuwe Straat 9" --postcode "9999 ZZ" --city Elders
	sed -i "s|<street>Lindelaan 12</street>|<street>Andere Laan 1</street>|; s|amount-cents=\"8000\"|amount-cents=\"9900\"|; s|<kvk>71234567</kvk>|<kvk>79999999</kvk>|" practice.xml
	"$ZORGDOC" invoice show CH2023-0001 >after.xml
	cmp before.xml after.xml
	zsql dossier.db "SELECT snapshot_sha256 FROM invoices" >sha.after
	test_cmp sha.before sha.after
	test "$(sha256sum <after.xml | cut -d" " -f1)" = "$(cat sha.after)"
	"$ZORGDOC" invoice create --client 1 --date 2023-12-31 >/dev/null
	"$ZORGDOC" invoice show CH2023-0002 | grep -q "<street>Nieuwe Straat 9</street>"
	"$ZORGDOC" invoice show CH2023-0002 | grep -q "<kvk>79999999</kvk>"
'
test_expect "pre-flight: missing practice fields are named, nothing is numbered" '
	setup
	sed -i "/<kvk>/d; /<agb-therapist>/d; /<membership-number>/d; /<iban>/d" practice.xml
	run_status 1 "$ZORGDOC" invoice create --client 1 --date 2023-11-30 2>err
	grep -q "practice.xml: error: cannot invoice: the practice has no KvK number" err
	grep -q "the practice has no AGB code of the therapist" err
	grep -q "the practice has no association membership number" err
	grep -q "the practice has no IBAN" err
	test "$(series)" = 0
	run_status 1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 2>err
	grep -q "the practice has no KvK number" err
	test "$(series)" = 0
	cp "$P" "$(dirname "$P")/logo.png" .
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >n
	echo CH2023-0001 >exp
	test_cmp exp n
'
test_expect "pre-flight: a wrong IBAN or KvK is refused" '
	setup
	sed -i "s|<iban>NL67INGB0006543210</iban>|<iban>NL67INGB0006543211</iban>|; s|<kvk>71234567</kvk>|<kvk>7123</kvk>|" practice.xml
	run_status 1 "$ZORGDOC" invoice create --client 1 --date 2023-11-30 2>err
	grep -q "practice.xml:[0-9]*:[0-9]*: error: identity/iban: not a valid IBAN" err
	grep -q "practice.xml:[0-9]*:[0-9]*: error: identity/kvk: a KvK number has exactly 8 digits" err
	test "$(series)" = 0
'
test_expect "pre-flight: missing client fields are named by client id only" '
	setup
	"$ZORGDOC" client edit 1 --birth-date "" --postcode ""
	run_status 1 "$ZORGDOC" invoice create --client 1 --date 2023-11-30 2>err
	grep -qx "zorgdoc: error: cannot invoice client 1: field .birth_date. is missing" err
	grep -qx "zorgdoc: error: cannot invoice client 1: field .postcode. is missing" err
	refute grep -q "Anna\|Verzonnen" err
	run_status 1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 2>err
	grep -q "cannot invoice client 1: field .birth_date. is missing" err
	test "$(series)" = 0
	test "$(zsql dossier.db "SELECT count(*) FROM invoices")" = 0
'
test_expect "pre-flight: a treatment without prestatiecode or with a bare description" '
	setup
	sed -i "s|<tariff id=\"consult\" prestatiecode=\"24004\"|<tariff id=\"consult\"|; s|<description>Kort consult integratieve therapie</description>|<description>Behandeling</description>|" practice.xml
	"$ZORGDOC" treatment add --client 2 --date 2023-11-20 --tariff consult >t1
	"$ZORGDOC" treatment add --client 2 --date 2023-11-21 --tariff consult-short >t2
	run_status 1 "$ZORGDOC" invoice create --client 2 --date 2023-11-30 2>err
	grep -q "cannot invoice client 2: treatment $(cat t1) has no prestatiecode" err
	grep -q "cannot invoice client 2: treatment $(cat t2).s description is too general" err
	test "$(series)" = 0
'
test_expect "credit notes: own number, negated lines, reference; treatments freed" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice credit CH2023-0001 --date 2023-12-02 >c
	echo CH2023-0002 >exp
	test_cmp exp c
	"$ZORGDOC" invoice show CH2023-0002 >credit.xml
	xmllint --noout --relaxng "$ZORGDOC_DATADIR/schema/invoice.rng" credit.xml
	grep -q "kind=\"credit\"" credit.xml
	grep -q "<credits>" credit.xml
	sed -n "/<credits>/,/<\/credits>/p" credit.xml | grep -q "<number>CH2023-0001</number>"
	grep -q "<amount-cents>-8000</amount-cents>" credit.xml
	grep -q "<total-cents>-17500</total-cents>" credit.xml
	refute grep -q "<due-date>" credit.xml
	"$ZORGDOC" invoice list >out
	grep -q "CH2023-0001.*credited by CH2023-0002" out
	grep -q "CH2023-0002	2023-12-02	credit	A1	-175.00	2	credits CH2023-0001" out
	run_status 1 "$ZORGDOC" invoice credit CH2023-0001 --date 2023-12-02 2>err
	grep -q "credited already by CH2023-0002" err
	run_status 1 "$ZORGDOC" invoice credit CH2023-0002 --date 2023-12-02 2>err
	grep -q "is a credit note" err
	run_status 1 "$ZORGDOC" invoice credit CH2023-9999 2>err
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-12-02 >n
	echo CH2023-0003 >exp
	test_cmp exp n
'
test_expect "credit notes in their own series when the practice says so" '
	setup
	sed -i "s|<invoicing number-pattern=\"CH{year}-{seq:04}\"|<invoicing number-pattern=\"CH{year}-{seq:04}\" credit-pattern=\"CR{year}-{seq:03}\"|" practice.xml
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice credit CH2023-0001 --date 2023-11-30 >c
	echo CR2023-001 >exp
	test_cmp exp c
	"$ZORGDOC" invoice create --client 2 --date 2023-11-30 >n
	echo CH2023-0002 >exp
	test_cmp exp n
'
test_expect "dates run with the numbers; bad dates and periods are refused" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	run_status 1 "$ZORGDOC" invoice create --client 2 --date 2023-11-29 2>err
	grep -q "before 2023-11-30, the date of the last invoice of 2023" err
	run_status 2 "$ZORGDOC" invoice create --client 2 --date 2023-11-31 2>err
	"$ZORGDOC" treatment add --client 2 --date 2023-12-20 --tariff consult >t
	run_status 1 "$ZORGDOC" invoice create --client 2 --date 2023-12-19 2>err
	grep -q "cannot invoice client 2: treatment $(cat t) is dated after the invoice date 2023-12-19" err
	run_status 2 "$ZORGDOC" invoice batch --period 2023-13 2>err
	run_status 2 "$ZORGDOC" invoice batch 2>err
	grep -q "needs --period" err
	test "$(series)" = 1
'
test_expect "VAT at 21 % needs a VAT number and is computed from the amount" '
	setup
	sed -i "s|<tariff id=\"consult\" prestatiecode=\"24004\" vat=\"exempt\" amount-cents=\"8000\"|<tariff id=\"consult\" prestatiecode=\"24004\" vat=\"standard\" amount-cents=\"12100\"|" practice.xml
	"$ZORGDOC" treatment add --client 2 --date 2023-11-20 --tariff consult >/dev/null
	run_status 1 "$ZORGDOC" invoice create --client 2 --date 2023-11-30 2>err
	grep -q "the practice has no VAT number" err
	sed -i "s|<bic>INGBNL2A</bic>|<bic>INGBNL2A</bic><vat-number>NL001234567B01</vat-number>|" practice.xml
	"$ZORGDOC" invoice create --client 2 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice show CH2023-0001 >s.xml
	grep -q "<vat-group treatment=\"standard\" rate-percent=\"21\" amount-cents=\"12100\" vat-cents=\"2100\"/>" s.xml
	grep -q "<vat-group treatment=\"exempt\" rate-percent=\"0\" amount-cents=\"4500\" vat-cents=\"0\"/>" s.xml
	grep -q "<vat-cents>2100</vat-cents>" s.xml
	grep -q "<total-cents>16600</total-cents>" s.xml
	grep -q "<vat-number>NL001234567B01</vat-number>" s.xml
	xmllint --noout --relaxng "$ZORGDOC_DATADIR/schema/invoice.rng" s.xml
'
test_expect "the BSN is on the snapshot only when the zorgnota shows it" '
	setup
	"$ZORGDOC" client edit 1 --bsn 111222333
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	if "$ZORGDOC" invoice show CH2023-0001 | grep -q bsn; then echo "unexpected: a BSN on the snapshot"; false; fi
	sed -i "s|<field name=\"client-name\"/>|<field name=\"client-name\"/><field name=\"client-bsn\"/>|" practice.xml
	"$ZORGDOC" invoice create --client 1 --date 2023-12-31 >/dev/null
	"$ZORGDOC" invoice show CH2023-0002 | grep -q "<bsn>111222333</bsn>"
'
test_expect "an invoice without period, today's date, a minor's guardians; its credit note" '
	setup
	"$ZORGDOC" client edit 2 --birth-date 2015-01-01 --guardian "Ouder Een" --guardian "Ouder Twee"
	"$ZORGDOC" invoice create --client 2 >n
	echo CH2023-0001 >exp
	test_cmp exp n
	"$ZORGDOC" invoice show CH2023-0001 >inv.xml
	grep -q "<date>2023-11-14</date>" inv.xml
	refute grep -q "<period>" inv.xml
	grep -A1 "<guardian>Ouder Een</guardian>" inv.xml | grep -q "<guardian>Ouder Twee</guardian>"
	xmllint --noout --relaxng "$ZORGDOC_DATADIR/schema/invoice.rng" inv.xml
	"$ZORGDOC" invoice credit CH2023-0001 >c
	echo CH2023-0002 >exp
	test_cmp exp c
	"$ZORGDOC" invoice show CH2023-0002 >cr.xml
	xmllint --noout --relaxng "$ZORGDOC_DATADIR/schema/invoice.rng" cr.xml
	refute grep -q "<period>" cr.xml
'
test_expect "list names clients by the number on the invoice, the store id only without one" '
	setup
	"$ZORGDOC" client add --name "Cas Zondernummer" --street "Nulweg 3" --postcode 9999ZZ \
	    --city Niemandsland --birth-date 1990-01-01 >/dev/null
	"$ZORGDOC" treatment add --client 3 --date 2023-11-05 --tariff consult >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >/dev/null
	# a number given or changed after the invoice does not change it
	"$ZORGDOC" client edit 1 --ref A1-NIEUW
	"$ZORGDOC" client edit 3 --ref C3
	"$ZORGDOC" invoice credit CH2023-0003 --date 2023-12-01 >/dev/null
	"$ZORGDOC" invoice list >out
	printf "%s\t%s\t%s\t%s\t%s\t%s%s\n" \
	    CH2023-0001 2023-11-30 invoice A1 175.00 2 "" \
	    CH2023-0002 2023-11-30 invoice A2 45.00 1 "" \
	    CH2023-0003 2023-11-30 invoice "id 3" 80.00 1 "	credited by CH2023-0004" \
	    CH2023-0004 2023-12-01 credit C3 -80.00 1 "	credits CH2023-0003" >exp
	test_cmp exp out
	"$ZORGDOC" invoice list --client 3 | cut -f1,4 >out
	printf "CH2023-0003\tid 3\nCH2023-0004\tC3\n" >exp
	test_cmp exp out
	"$ZORGDOC" invoice --help >help
	grep -q "client (the practice.s client number as on the invoice;" help
	grep -q "'"'"'id N'"'"', the store id that --client takes, when it had none" help
	refute grep -q "client id, total" help
'
