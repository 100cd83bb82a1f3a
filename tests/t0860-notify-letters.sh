#!/bin/sh
# zorgdoc regen --notify: the letter as its reader gets it. A letter about
# a minor goes to the parent or guardian who consented, about their child;
# a new processor is told with what it does and which data it gets; a
# change already in force is told as such, never as advance notice.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
SAMPLES="$TESTS_DIR/../samples"

edit() {
	python3 -c '
import sys
s = open("practice.xml").read()
assert sys.argv[1] in s, sys.argv[1]
open("practice.xml", "w").write(s.replace(sys.argv[1], sys.argv[2], 1))' "$1" "$2"
}
# the PDF's text as one line, words broken at a line end joined again
flat() {
	pdftotext "$1" - | tr '\n' ' ' | sed 's/- //g; s/  */ /g'
}
# the practice of sample $1 with its first version published
start() {
	cp "$SAMPLES/$1/practice.xml" "$SAMPLES/$1/logo.png" .
	export ZORGDOC_DB=$PWD/dossier.db
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
}
# client $1 received version $2 of the statement, consent given by $3
consent() {
	"$ZORGDOC" consent add --client "$1" --what privacyverklaring --by "$3" \
	    --date 2023-10-20 --document privacyverklaring --version "$2" >/dev/null
}
ZIVVER='<processor id="zivver" agreement="signed" categories="c-naw c-contact c-health" purposes="contact"><name>Zivver</name><role>Beveiligde e-mail</role><processing>Versleuteld versturen van e-mail met medische gegevens.</processing><location eea="yes" country="NL"/></processor>
  </processors>'

# (the tests run on 14 November 2023: SOURCE_DATE_EPOCH)
test_expect "a minor's letter goes to the parent who consented, about the child" '
	start chakora
	# 12 years old, consent by a parent; 8 years old, consent by one of
	# two parents; 8 years old, no consent giver recorded (a document):
	# each parent; 17 years old with a parent still recorded: the client
	"$ZORGDOC" client add --name "Mees Testmans" --street "Fictielaan 4" --postcode "1234 AB" \
	    --city Nergensdorp --birth-date 2011-05-03 --guardian "Sanne Testmans" >/dev/null
	"$ZORGDOC" client add --name "Noor Proefmans" --birth-date 2015-01-10 \
	    --guardian "Piet Proefmans" --guardian "Els Proefmans" >/dev/null
	"$ZORGDOC" client add --name "Otto Nepveld" --birth-date 2015-06-01 \
	    --guardian "Joost Nepveld" --guardian "Roos Nepveld" >/dev/null
	"$ZORGDOC" client add --name "Tess Bedacht" --birth-date 2006-03-01 --guardian "Kees Bedacht" >/dev/null
	consent 1 2023.10 "Sanne Testmans"
	consent 2 2023.10 "Els Proefmans"
	zsql dossier.db "INSERT INTO documents (kind, version, input_sha256, path, date, client_id, created)
	    VALUES (\"privacyverklaring\", \"2023.10\", \"0\", NULL, \"2023-10-21\", 3, \"x\")"
	consent 4 2023.10 "Tess Bedacht"
	edit "  </processors>" "$ZIVVER"
	"$ZORGDOC" regen practice.xml -o out --bump --notify >log 2>progress
	refute grep -q "Testmans\|Proefmans\|Nepveld\|Bedacht" log progress
	flat out/notify/2023.11/kennisgeving-1.pdf >a
	grep -q "Sanne Testmans Fictielaan 4 1234 AB Nergensdorp" a
	grep -q "Beste Sanne Testmans," a
	refute grep -q "Beste Mees" a
	grep -q "Datum Nieuwe versie Over 14 november 2023 2023.11 Mees Testmans" a
	grep -q "de gegevens van je kind Mees Testmans" a
	grep -q "Omdat je eerder voor je kind een versie van mij kreeg" a
	grep -q "wie de gegevens van je kind krijgt" a
	# 12 to 15: the child has the rights too
	grep -q "Mees Testmans is 12 jaar of ouder en heeft naast jou ook zelf de rechten" a
	# one of two parents consented: the letter goes to that one
	flat out/notify/2023.11/kennisgeving-2.pdf >b
	grep -q "Beste Els Proefmans," b
	refute grep -q "Piet\|Beste Noor\|12 jaar of ouder" b
	test "$(pdfinfo out/notify/2023.11/kennisgeving-2.pdf | sed -n "s/^Pages: *//p")" = 1
	# nobody recorded as consenting: each parent gets a letter
	test "$(pdfinfo out/notify/2023.11/kennisgeving-3.pdf | sed -n "s/^Pages: *//p")" = 2
	flat out/notify/2023.11/kennisgeving-3.pdf >c
	grep -q "Beste Joost Nepveld," c
	grep -q "Beste Roos Nepveld," c
	refute grep -q "Beste Otto" c
	# 16 and older: the client
	flat out/notify/2023.11/kennisgeving-4.pdf >d
	grep -q "Beste Tess Bedacht," d
	refute grep -q "Kees\|je kind" d
	# all letters together, one per page
	test "$(pdfinfo out/notify/2023.11/kennisgevingen.pdf | sed -n "s/^Pages: *//p")" = 5
'

test_expect "a new processor: its role, its work, its data and what that means; advance notice only when true" '
	start chakora
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	consent 1 2023.10 "Anna Verzonnen"
	edit "  </processors>" "$ZIVVER"
	"$ZORGDOC" regen practice.xml -o out --bump --effective 2023-12-01 --notify >/dev/null 2>&1
	flat out/notify/2023.11/kennisgeving-1.pdf >a
	grep -q "Nieuwe verwerker: Zivver (belangrijke wijziging)" a
	grep -q "Wat Zivver (beveiligde e-mail) voor mij doet: versleuteld versturen van e-mail met medische gegevens\." a
	grep -q "Daarvoor krijgt Zivver deze gegevens: naam, adres en woonplaats; e-mailadres en telefoonnummer; aantekeningen over" a
	grep -q "Zivver mag die gegevens alleen in mijn opdracht gebruiken; dat staat in de verwerkersovereenkomst" a
	grep -q "Voor jou betekent dit dat deze gegevens voortaan ook bij Zivver zijn" a
	# in the future: the letter is advance notice
	grep -q "De nieuwe versie (2023.11) geldt vanaf 1 december 2023" a
	refute grep -q "Sinds" a
'

test_expect "a change in force: Sinds …, no promise of notice before; the u-form and English" '
	start duurzame-balans
	"$ZORGDOC" client add --name "Fenna Fictief" --birth-date 2014-02-02 --guardian "Daan Fictief" >/dev/null
	consent 1 2021.2 "Daan Fictief"
	edit "  </processors>" "<processor id=\"zivver\" agreement=\"signed\" categories=\"c-personal c-mail\" purposes=\"communication\"><name>Zivver</name><role>Beveiligde e-mail</role><processing>Versleuteld versturen van e-mail.</processing><location eea=\"no\" country=\"US\" safeguard=\"scc\"/></processor>
  </processors>"
	"$ZORGDOC" regen practice.xml -o out --bump --effective 2023-11-01 --notify >/dev/null 2>&1
	v=$(ls out/notify)
	flat out/notify/$v/kennisgeving-1.pdf >a
	grep -q "Beste Daan Fictief," a
	grep -q "de gegevens van uw kind Fenna Fictief" a
	grep -q "Sinds 1 november 2023 geldt de nieuwe versie ($v)" a
	refute grep -q "geldt vanaf\|voordat de wijziging ingaat" a
	grep -q "Omdat u eerder voor uw kind een versie van mij kreeg" a
	grep -q "laat ik u weten wat er is veranderd" a
	grep -q "Zivver verwerkt de gegevens in de Verenigde Staten, buiten de Europese Economische Ruimte" a
	grep -q "standaardcontractbepalingen" a
	grep -q "Voor u betekent dit" a
	refute grep -qw "je\|jij\|jouw" a
'

test_expect "in English: to the parent, about the child, with what the processor does" '
	cp "$SAMPLES/chakora/practice.xml" "$SAMPLES/chakora/logo.png" .
	export ZORGDOC_DB=$PWD/dossier.db
	"$ZORGDOC" regen practice.xml -o out --locale en >/dev/null 2>&1
	"$ZORGDOC" client add --name "Mees Testmans" --birth-date 2016-05-03 --guardian "Sanne Testmans" >/dev/null
	consent 1 2023.10 "Sanne Testmans"
	edit "  </processors>" "$ZIVVER"
	"$ZORGDOC" regen practice.xml -o out --locale en --bump --effective 2023-12-01 --notify >/dev/null 2>&1
	flat out/notify/2023.11/kennisgeving-1.pdf >a
	grep -q "Dear Sanne Testmans," a
	grep -q "the data of your child Mees Testmans" a
	grep -q "is in force from 1 December 2023" a
	grep -q "What Zivver (beveiligde e-mail) does for me" a
	grep -q "For this, Zivver receives these data:" a
	grep -q "For you this means that these data are now also held by Zivver" a
	refute grep -q "Beste\\|Sinds\\|12 or older" a
'
