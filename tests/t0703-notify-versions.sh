#!/bin/sh
# zorgdoc regen --notify across versions: a client who missed a version
# (no letter was sent for it) hears of every change since the version the
# client received, version by version; a client who is up to date with
# the intermediate version hears only of the newest one.
. "$TESTS_DIR/lib.sh"
SAMPLE="$TESTS_DIR/../samples/chakora"

edit() {
	python3 -c '
import sys
s = open("practice.xml").read()
assert sys.argv[1] in s, sys.argv[1]
open("practice.xml", "w").write(s.replace(sys.argv[1], sys.argv[2], 1))' "$1" "$2"
}
text() {
	pdftotext "$1" - | tr "\n" " " | tr -s " "
}

test_expect "a client two versions behind hears of both versions' changes" '
	cp "$SAMPLE/practice.xml" "$SAMPLE/logo.png" .
	export ZORGDOC_DB=$PWD/dossier.db
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	"$ZORGDOC" client add --name "Bram Bedacht" >/dev/null
	"$ZORGDOC" consent add --client 1 --what privacyverklaring --by "Anna Verzonnen" \
	    --date 2023-10-20 --document privacyverklaring --version 2023.10 >/dev/null
	"$ZORGDOC" consent add --client 2 --what privacyverklaring --by "Bram Bedacht" \
	    --date 2023-10-20 --document privacyverklaring --version 2023.10 >/dev/null
	# 2023.11: a new processor; nobody is told (no --notify)
	edit "  </processors>" "    <processor id=\"mailchimp\" agreement=\"signed\" categories=\"c-naw c-contact\" purposes=\"contact\"><name>Mailchimp</name><role>Nieuwsbrief</role><processing>Versturen van de nieuwsbrief.</processing><location eea=\"no\" country=\"US\" safeguard=\"scc\"/></processor>
  </processors>"
	"$ZORGDOC" regen practice.xml -o out --bump >/dev/null 2>&1
	# Bram is given the 2023.11 statement in person
	"$ZORGDOC" consent add --client 2 --what privacyverklaring --by "Bram Bedacht" \
	    --date 2023-11-20 --document privacyverklaring --version 2023.11 >/dev/null
	# 2023.12: another new processor, and now the clients are told
	edit "  </processors>" "    <processor id=\"agendaplus\" agreement=\"signed\" categories=\"c-naw c-contact\" purposes=\"contact\"><name>AgendaPlus</name><role>Online agenda</role><processing>Afspraken plannen.</processing><location eea=\"yes\" country=\"NL\"/></processor>
  </processors>"
	"$ZORGDOC" regen practice.xml -o out --bump --notify >log 2>/dev/null
	grep "^notify: client" log | sed "s/: out.*//" >got
	printf "notify: client 1\nnotify: client 2\n" >exp
	test_cmp exp got
	text out/notify/2023.12/kennisgeving-1.pdf >a
	grep -q "In versie 2023.11 (geldig vanaf" a
	grep -q "In versie 2023.12 (geldig vanaf" a
	grep -q "Nieuwe verwerker: Mailchimp" a
	grep -q "Nieuwe verwerker: AgendaPlus" a
	# in the order of the versions
	test "$(grep -o "Mailchimp\|AgendaPlus" a | head -1)" = Mailchimp
	text out/notify/2023.12/kennisgeving-2.pdf >b
	grep -q "Nieuwe verwerker: AgendaPlus" b
	refute grep -q "Mailchimp" b
	refute grep -q "In versie" b
	# told once; a later version without a material change tells nobody
	"$ZORGDOC" regen practice.xml -o out --notify >log2 2>/dev/null
	grep -q "^notify: no client has an earlier version without a letter for version 2023.12" log2
	edit "Ik heb een wettelijke geheimhoudingsplicht (beroepsgeheim)." "Ik heb een beroepsgeheim."
	"$ZORGDOC" regen practice.xml -o out --bump --notify >log3 2>/dev/null
	grep -q "^notify: version [0-9.]* has no material changes; no client needs to be told" log3
'

test_expect "a withdrawn consent and an up-to-date client are not told" '
	cp "$SAMPLE/practice.xml" "$SAMPLE/logo.png" .
	export ZORGDOC_DB=$PWD/dossier.db
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	"$ZORGDOC" client add --name "Cas Fictief" >/dev/null
	edit "  </processors>" "    <processor id=\"mailchimp\" agreement=\"signed\" categories=\"c-naw c-contact\" purposes=\"contact\"><name>Mailchimp</name><role>Nieuwsbrief</role><processing>Versturen van de nieuwsbrief.</processing><location eea=\"no\" country=\"US\" safeguard=\"scc\"/></processor>
  </processors>"
	"$ZORGDOC" regen practice.xml -o out --bump >/dev/null 2>&1
	"$ZORGDOC" consent add --client 1 --what privacyverklaring --by "Cas Fictief" \
	    --date 2023-10-20 --document privacyverklaring --version 2023.10 >/dev/null
	"$ZORGDOC" consent add --client 1 --what privacyverklaring --by "Cas Fictief" \
	    --date 2023-11-20 --document privacyverklaring --version 2023.11 >/dev/null
	"$ZORGDOC" regen practice.xml -o out --notify >log 2>/dev/null
	refute grep -q "^notify: client" log
	test ! -e out/notify/2023.11/kennisgeving-1.pdf
'
