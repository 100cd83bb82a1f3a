#!/bin/sh
# zorgdoc invoice render: the zorgnota PDF carries every field insurers and
# the Belastingdienst ask for, credit notes say what they credit, the VAT
# wording follows the practice's declaration, and an old invoice renders
# byte-identically after the client's address and the tariff changed.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE=practice.xml
P="$TESTS_DIR/data/store/practice.xml"

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
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >/dev/null
}

# has FILE TEXT...: every TEXT occurs in FILE (whitespace folded), else
# names the first one missing.
has() {
	_f=$1
	shift
	tr -s " \n" "  " <"$_f" >"$_f.flat"
	for _t in "$@"; do
		grep -qF -- "$_t" "$_f.flat" || { echo "missing: $_t" >&2; return 1; }
	done
}

test_expect "a zorgnota carries every required field" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >n
	"$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	test "$(pdfinfo nota.pdf | sed -n "s/^Pages: *//p")" = 1
	pdftotext nota.pdf nota.txt
	has nota.txt "Zorgnota" \
		"Chakora" "Lindelaan 12, 3581 AB Utrecht" "KvK 71234567" \
		"AGB-code praktijk 90061234" "AGB-code therapeut 90054321" \
		"Vereniging voor Integratieve Therapie" "IT-20417" "RBCZ-registratienummer 211034R" \
		"Anna Verzonnen" "Verzinselstraat 1" "1234 AB" "Nergensdorp" \
		"Geboortedatum" "29 februari 1980" \
		"03-11-2023" "10-11-2023" "24004" \
		"Consult integratieve therapie" "Intakeconsult integratieve therapie" \
		"€ 80,00" "€ 95,00" "Aantal behandelingen: 2" "Totaal te betalen" "€ 175,00" \
		"Notanummer" "CH2023-0001" "Notadatum" "30 november 2023" \
		"Vervaldatum" "14 december 2023" "binnen 14 dagen" \
		"NL67 INGB 0006 5432 10" \
		"Vrijgesteld van btw op grond van artikel 11, lid 1, onderdeel g, Wet op de omzetbelasting 1968"
	refute grep -q "{[0-9]}" nota.txt.flat
'

test_expect "a credit note says Creditnota, refers to the original and has negative amounts" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice credit CH2023-0001 --date 2023-12-01 >n
	"$ZORGDOC" invoice render "$(cat n)" -o credit.pdf
	pdftotext credit.pdf credit.txt
	has credit.txt "Creditnota" "CH2023-0002" "Crediteert nota" "CH2023-0001" \
		"crediteert nota CH2023-0001 van 30 november 2023" \
		"-€ 80,00" "-€ 95,00" "Totaal gecrediteerd" "-€ 175,00" "Anna Verzonnen"
	refute grep -q "Totaal te betalen" credit.txt.flat
	refute grep -q "Vervaldatum" credit.txt.flat
'

test_expect "21 % VAT and the small-business scheme get their own wording" '
	setup
	sed -i "s|<tariff id=\"consult\" prestatiecode=\"24004\" vat=\"exempt\" amount-cents=\"8000\"|<tariff id=\"consult\" prestatiecode=\"24004\" vat=\"standard\" amount-cents=\"12100\"|; s|<bic>INGBNL2A</bic>|<bic>INGBNL2A</bic><vat-number>NL001234567B01</vat-number>|; s|<tariff id=\"consult-short\" prestatiecode=\"24004\" vat=\"exempt\"|<tariff id=\"consult-short\" prestatiecode=\"24004\" vat=\"kor\"|" practice.xml
	"$ZORGDOC" treatment add --client 1 --date 2023-11-20 --tariff consult >/dev/null
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o vat.pdf
	pdftotext vat.pdf vat.txt
	has vat.txt "Btw 21 % over € 121,00" "€ 21,00" "btw-id NL001234567B01" \
		"Vrijgesteld van btw op grond van artikel 11" "21 %" "vrijgesteld"
	# tariffs are taken when a treatment is recorded: a new one is KOR
	"$ZORGDOC" treatment add --client 2 --date 2023-12-05 --tariff consult-short >/dev/null
	"$ZORGDOC" invoice create --client 2 --period 2023-12 --date 2023-12-31 >/dev/null
	"$ZORGDOC" invoice render CH2023-0002 -o kor.pdf
	pdftotext kor.pdf kor.txt
	has kor.txt "kleineondernemersregeling (KOR)" "€ 45,00"
	refute grep -q "Vrijgesteld van btw op grond" kor.txt.flat
'

test_expect "an old invoice renders byte-identically after address and tariff changed" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o before.pdf
	"$ZORGDOC" invoice render CH2023-0001 -o before-data.pdf --embed-data
	"$ZORGDOC" client edit 1 --street "Nieuwe Straat 9" --postcode "9999 ZZ" --city Elders >/dev/null
	sed -i "s|amount-cents=\"8000\"|amount-cents=\"9900\"|; s|<street>Lindelaan 12</street>|<street>Andere Laan 1</street>|" practice.xml
	"$ZORGDOC" treatment add --client 1 --date 2023-11-20 --tariff consult >/dev/null
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o after.pdf
	"$ZORGDOC" invoice render CH2023-0001 -o after-data.pdf --embed-data
	cmp before.pdf after.pdf
	cmp before-data.pdf after-data.pdf
	# ... and the change is real: the new invoice shows it.
	"$ZORGDOC" invoice render CH2023-0002 -o new.pdf
	pdftotext new.pdf new.txt
	has new.txt "Nieuwe Straat 9" "Andere Laan 1" "€ 99,00"
	refute cmp -s before.pdf new.pdf
'

test_expect "--embed-data attaches the snapshot; --password-file protects the PDF" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o data.pdf --embed-data
	pdfdetach -list data.pdf >list
	grep -q "zorgnota-CH2023-0001.xml" list
	pdfdetach -save 1 -o got.xml data.pdf
	"$ZORGDOC" invoice show CH2023-0001 >want.xml
	test_cmp want.xml got.xml
	test -z "$(ls | grep snapshot.tmp)"
	printf "Zeer-geheim-42\n" >pw
	"$ZORGDOC" invoice render CH2023-0001 -o locked.pdf --password-file pw
	if pdftotext locked.pdf - >/dev/null 2>&1; then echo "unexpected: locked.pdf opens without its password"; false; fi
	pdftotext -upw Zeer-geheim-42 locked.pdf - | grep -q CH2023-0001
'

test_expect "render refuses what it cannot do" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	run_status 1 "$ZORGDOC" invoice render CH2099-0001 -o x.pdf 2>err
	grep -q "CH2099-0001" err
	test ! -e x.pdf
	run_status 2 "$ZORGDOC" invoice render CH2023-0001 2>err
	grep -q "needs -o FILE" err
	run_status 2 "$ZORGDOC" invoice render CH2023-0001 -o x.html --embed-data 2>err
	grep -q "need a PDF" err
	: >empty
	run_status 1 "$ZORGDOC" invoice render CH2023-0001 -o x.pdf --password-file empty 2>err
	grep -q "empty" err
	test ! -e x.pdf
	run_status 2 "$ZORGDOC" invoice show CH2023-0001 --embed-data 2>err
'
