#!/bin/sh
# zorgdoc client export with the practice file (AVG art. 15): the PDF a
# practice hands to the client who asked. It names the practice
# (letterhead, <controller> in the XML), speaks the practice's form of
# address, language and brand colour, and carries what art. 15(1)(a)-(h)
# gives besides the data, worded as the privacy statement words it.
# Without a practice it still works and says what is missing; a practice
# file with errors is refused before anything is read or written.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
export ZORGDOC_DB=dossier.db
unset ZORGDOC_PRACTICE
SAMPLES="$TESTS_DIR/../samples"
CH="$SAMPLES/chakora/practice.xml"            # address="je", colour #6b3fa0
DB="$SAMPLES/duurzame-balans/practice.xml"    # address="u", a transfer to CH
RNG="$TESTS_DIR/../schema/client-export.rng"

setup() {
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Verzinselstraat 1" \
	    --postcode 1234AB --city Nergensdorp --birth-date 1980-02-29 >/dev/null
	"$ZORGDOC" treatment add --client 1 --date 2023-11-03 --tariff consult \
	    --note "slaapt slecht" --practice "$CH" >/dev/null
	"$ZORGDOC" invoice create --client 1 --date 2023-11-30 --practice "$CH" >/dev/null
}

# the PDF's text as one line, words broken at a line end joined again
flat() {
	pdftotext "$1" - | tr '\n' ' ' | sed 's/- //g; s/  */ /g'
}

test_expect "with a je-practice: letterhead, je, art. 15 items, the practice in the XML" '
	setup
	"$ZORGDOC" client export 1 -o uit --practice "$CH" >paths 2>err
	printf "uit/client-1.xml\nuit/client-1.pdf\n" >exp
	test_cmp exp paths
	test ! -s err
	xmllint --noout --relaxng "$RNG" uit/client-1.xml
	x=uit/client-1.xml
	grep -q "<controller>" $x
	grep -q "<name>Chakora</name>" $x
	grep -q "<street>Lindelaan 12</street>" $x
	grep -q "<email>praktijk@chakora.example</email>" $x
	grep -q "<kvk>71234567</kvk>" $x
	# the controller comes before the client, the data are all still there
	test "$(grep -n "<controller>" $x | cut -d: -f1)" -lt "$(grep -n "<client " $x | cut -d: -f1)"
	grep -q "<note>slaapt slecht</note>" $x
	flat uit/client-1.pdf >t
	# who gives it: the letterhead, first thing on the page
	test "$(pdftotext uit/client-1.pdf - | head -1)" = Chakora
	grep -q "Lindelaan 12, 3581 AB Utrecht" t
	grep -q "KvK 71234567" t
	grep -q "Dit overzicht bevat alles wat Chakora op 14 november 2023" t
	# je, never u
	grep -q "Overzicht van je gegevens" t
	grep -q "over je bewaart: je persoonsgegevens" t
	refute grep -qiw "uw" t
	refute grep -q "kunt u\|hebt u\|leest u" t
	# the data
	grep -q "Anna Verzonnen" t
	grep -q "slaapt slecht" t
	grep -q "CH2023-0001" t
	# art. 15(1): controller, purposes (a), categories (b), recipients and
	# processors (c), transfers (c, 15(2)), retention (d), rights (e),
	# the AP (f), sources (g), automated decisions (h)
	grep -q "Wat er met je gegevens gebeurt" t
	grep -q "Naast je gegevens heb je recht op deze informatie" t
	grep -q "privacyverklaring van Chakora (versie 2023.10, 19 oktober 2023)" t
	grep -q "Chakora is verantwoordelijk voor de verwerking van je persoonsgegevens" t
	grep -q "Waarom verwerk ik je gegevens?" t
	grep -q "Het aanleggen en bijhouden van een dossier" t
	grep -q "Welke gegevens verwerk ik?" t
	grep -q "Aantekeningen over je gezondheidstoestand (bijzonder persoonsgegeven)" t
	grep -q "Wie krijgt je gegevens?" t
	grep -q "Mijn Diad" t
	grep -q "Therapieland" t
	grep -q "Gegevens buiten Europa" t
	grep -q "Hoe lang bewaar ik je gegevens?" t
	grep -q "Je dossier: 20 jaar na de laatste wijziging" t
	grep -q "Zorgnota.s en financiële administratie: 7 jaar na afloop van het jaar" t
	grep -q "Je rechten" t
	grep -q "Correctie\." t
	grep -q "Verwijdering\." t
	grep -q "Beperking\." t
	grep -q "Bezwaar\." t
	grep -q "klacht in te dienen bij de Autoriteit Persoonsgegevens" t
	grep -q "Gegevens die ik van anderen krijg" t
	grep -q "Geautomatiseerde besluiten" t
	# the statement is not repeated whole: no cookies, no security annex
	refute grep -q "Cookies\|Beveiliging" t
	# an export with a practice is a logged read too
	"$ZORGDOC" audit --client 1 --action export --csv >a
	test "$(grep -c ",export,client,1,1," a)" = 1
'

test_expect "the art. 15 part is the privacy statement'\''s own wording" '
	setup
	"$ZORGDOC" client export 1 -o uit --practice "$DB" >/dev/null
	"$ZORGDOC" privacy "$DB" -o statement.pdf
	flat uit/client-1.pdf >t
	flat statement.pdf >s
	# sentences the statement makes from the model, found in both
	for k in "Proton (Protonmail): Zwitserland. De Europese Commissie heeft besloten" \
	    "Zijn uw gegevens onjuist of onvolledig, dan verbeter of vul ik ze aan" \
	    "u hebt ook altijd het recht een klacht in te dienen bij de Autoriteit Persoonsgegevens"; do
		grep -qi "$k" s || { echo "statement lacks: $k"; false; }
		grep -qi "$k" t || { echo "export lacks: $k"; false; }
	done
	# an adequacy decision (Switzerland) is public: no copy to ask for
	refute grep -qi "een kopie van deze waarborgen" s
	refute grep -qi "een kopie van deze waarborgen" t
	# the practice'\''s own wording of a section replaces it in both
	mkdir p
	cp "$SAMPLES/duurzame-balans/logo.png" p/
	sed "s|<passages>|<passages><passage id=\"retention\"><title>Bewaren bij Duurzame Balans</title><p>Eigen bewaartekst van de praktijk.</p></passage>|" "$DB" >p/practice.xml
	"$ZORGDOC" check p/practice.xml >/dev/null 2>&1
	"$ZORGDOC" client export 1 -o eigen --practice p/practice.xml >/dev/null
	"$ZORGDOC" privacy p/practice.xml -o eigen.pdf
	for f in eigen/client-1.pdf eigen.pdf; do
		flat $f >e
		grep -q "Bewaren bij Duurzame Balans Eigen bewaartekst van de praktijk." e
		refute grep -q "Hoe lang bewaar ik uw gegevens?" e
	done
	# u-practice: u throughout
	grep -q "Overzicht van uw gegevens" t
	grep -q "Naast uw gegevens hebt u recht op deze informatie" t
	grep -q "Dit overzicht bevat alles wat Duurzame Balans op" t
'

test_expect "the practice's brand colour and logo, not the default blue" '
	setup
	"$ZORGDOC" client export 1 -o met --practice "$CH" >/dev/null 2>&1
	"$ZORGDOC" client export 1 -o zonder >/dev/null 2>&1
	qpdf --qdf --object-streams=disable met/client-1.pdf met.qdf
	qpdf --qdf --object-streams=disable zonder/client-1.pdf zonder.qdf
	# #6b3fa0 as cairo writes it; 0.122 0.306 0.475 is the default blue
	grep -aq "0.419608 0.247059 0.627451 rg" met.qdf
	refute grep -aq "0.122 0.306 0.475 rg" met.qdf
	grep -aq "0.122 0.306 0.475 rg" zonder.qdf
	refute grep -aq "0.419608 0.247059 0.627451" zonder.qdf
	test "$(pdfimages -list met/client-1.pdf | tail -n +3 | wc -l)" -ge 1
	test "$(pdfimages -list zonder/client-1.pdf | tail -n +3 | wc -l)" = 0
'

test_expect "language: the practice's unless --locale says otherwise; \$ZORGDOC_PRACTICE is the default" '
	setup
	ZORGDOC_PRACTICE="$CH" "$ZORGDOC" client export 1 -o nl >/dev/null 2>err
	test ! -s err
	grep -q "<name>Chakora</name>" nl/client-1.xml
	flat nl/client-1.pdf | grep -q "Wat er met je gegevens gebeurt"
	"$ZORGDOC" client export 1 -o en --practice "$CH" --locale en >/dev/null
	flat en/client-1.pdf >t
	grep -q "Overview of your data" t
	grep -q "This overview holds everything Chakora keeps about you" t
	grep -q "What happens to your data" t
	grep -q "the privacy statement of Chakora (version 2023.10, 19 October 2023)" t
	grep -q "Autoriteit Persoonsgegevens" t
	refute grep -q "Overzicht\|Waarom verwerk" t
	# an English practice gets English without --locale
	mkdir p
	sed "s/lang=\"nl\"/lang=\"en\"/" "$CH" >p/practice.xml
	cp "$SAMPLES/chakora/logo.png" p/
	"$ZORGDOC" client export 1 -o en2 --practice p/practice.xml >/dev/null
	flat en2/client-1.pdf | grep -q "What happens to your data"
'

test_expect "without a practice: the export as before, and a warning saying what it lacks" '
	setup
	"$ZORGDOC" client export 1 -o uit >paths 2>err
	printf "uit/client-1.xml\nuit/client-1.pdf\n" >exp
	test_cmp exp paths
	cat >exp <<-EOF
	warning: the export does not name the practice, nor tell the client the purposes, recipients, retention terms and rights that AVG art. 15(1) asks for; give the practice file with --practice FILE (or \$ZORGDOC_PRACTICE) to add them
	EOF
	test_cmp exp err
	xmllint --noout --relaxng "$RNG" uit/client-1.xml
	refute grep -q "<controller>" uit/client-1.xml
	flat uit/client-1.pdf >t
	grep -q "Overzicht van uw gegevens" t
	grep -q "alles wat de praktijk op 14 november 2023" t
	grep -q "Anna Verzonnen" t
	refute grep -q "Wat er met uw gegevens gebeurt\|Autoriteit" t
'

test_expect "a practice file with errors is refused with its errors; nothing read or written" '
	setup
	sed "s|<kvk>71234567</kvk>|<kvk>7123</kvk>|" "$CH" >bad.xml
	cp "$SAMPLES/chakora/logo.png" .
	"$ZORGDOC" audit --csv >before
	cp dossier.db before.db
	run_status 1 "$ZORGDOC" client export 1 -o uit --practice bad.xml 2>err
	grep -qx "bad.xml:32:5: error: identity/kvk: a KvK number has exactly 8 digits" err
	test ! -e uit
	cmp dossier.db before.db
	refute grep -q "Anna" err
	# the same through the environment
	ZORGDOC_PRACTICE=bad.xml run_status 1 "$ZORGDOC" client export 1 -o uit 2>err
	grep -q "identity/kvk" err
	test ! -e uit
	# a missing file
	run_status 1 "$ZORGDOC" client export 1 -o uit --practice nergens.xml 2>err
	grep -q "nergens.xml" err
	test ! -e uit
	cmp dossier.db before.db
	# --practice is not for the other subcommands
	run_status 2 "$ZORGDOC" client show 1 --practice "$CH" 2>err
	grep -q -- "--practice is for client export and forget" err
'
