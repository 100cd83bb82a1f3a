#!/bin/sh
# zorgdoc diff: the semantic difference of two practice models, in Dutch
# (diff.* strings) and as the change list XML regen and privacy.xsl use.
. "$TESTS_DIR/lib.sh"
SAMPLE="$TESTS_DIR/../samples/chakora"
# the models as the seeds had them (tests/data/seeds): the samples change
# as the product does, these stay put
SEEDS="$TESTS_DIR/data/seeds"

# new.xml: chakora with a processor moved to the US (and more data), a
# processor added outside the EEA, one removed, a longer retention, a
# legal basis given, a security measure reworded and a category added.
make_new() {
	cp "$SEEDS/chakora.xml" old.xml
	cp "$SAMPLE/logo.png" .
	python3 - <<'PY'
s = open('old.xml').read()
def sub(a, b):
    global s
    assert a in s, a
    s = s.replace(a, b, 1)
sub('<processor id="therapieland" agreement="signed" categories="c-naw c-contact c-ehealth"',
    '<processor id="therapieland" agreement="signed" categories="c-naw c-contact c-ehealth c-birthdate"')
sub('''      <location eea="yes" country="NL"/> <!-- assumed: the seed does not say -->
      <website>https://www.therapieland.nl</website>''',
    '''      <location eea="no" country="US" safeguard="dpf"/>
      <website>https://www.therapieland.nl</website>''')
sub('  </processors>', '''    <processor id="mailchimp" agreement="signed" categories="c-naw c-contact" purposes="contact">
      <name>Mailchimp</name>
      <role>Nieuwsbrief</role>
      <processing>Versturen van de nieuwsbrief.</processing>
      <location eea="no" country="US" safeguard="scc"/>
    </processor>
  </processors>''')
i = s.index('<processor id="hesemans"'); j = s.index('</processor>', i) + len('</processor>')
s = s[:i] + s[j:]
sub('years="20" from="18th-birthday"', 'years="25" from="18th-birthday"')
sub('<purpose id="reporting">', '<purpose id="reporting" legal-basis="legitimate-interests">')
sub('Ik heb een wettelijke geheimhoudingsplicht (beroepsgeheim).', 'Ik heb een beroepsgeheim.')
sub('<category id="c-birthdate">', '<category id="c-allergy" special="yes"><name>Allergieën</name></category>\n      <category id="c-birthdate">')
open('new.xml', 'w').write(s)
PY
}

test_expect "every kind of change is named in Dutch, material ones marked" '
	make_new
	"$ZORGDOC" diff old.xml new.xml >out
	cat out
	head -1 out | grep -qx "Wijzigingen van versie 2023.10 naar versie 2023.10 (geldig vanaf 19 oktober 2023):"
	grep -qx -- "- Verwerker Therapieland: verwerkt nu ook: Geboortedatum; gegevens gaan nu naar de Verenigde Staten, buiten de Europese Economische Ruimte (belangrijke wijziging)" out
	grep -qx -- "- Nieuwe verwerker: Mailchimp (gegevens gaan nu naar de Verenigde Staten, buiten de Europese Economische Ruimte) (belangrijke wijziging)" out
	grep -qx -- "- Verwerker Loes Hesemans Administratie en Coaching is vervallen" out
	grep -qx -- "- Bewaartermijn ‘Het cliëntdossier van kinderen onder de 18 jaar’: bewaard 25 jaar in plaats van 20 jaar (belangrijke wijziging)" out
	grep -q -- "- Doel ‘Rapporteren en analyseren.*’: grondslag nu: een gerechtvaardigd belang$" out
	grep -qx -- "- Beveiligingsmaatregel gewijzigd: Ik heb een beroepsgeheim." out
	refute grep -q "Groep" out
	grep -qx -- "- Nieuwe soort gegevens: Allergieën (belangrijke wijziging)" out
	grep -q "^Een belangrijke wijziging moet je melden" out
	test "$(grep -c "^- " out)" = 7
'

test_expect "the change list XML says area, operation, part, id and why" '
	make_new
	"$ZORGDOC" diff --xml old.xml new.xml >ch.xml
	xmllint --noout ch.xml
	test "$(xmllint --xpath "string(/*/@material)" ch.xml)" = yes
	test "$(xmllint --xpath "count(/*/*[@material=\"yes\"])" ch.xml)" = 4
	test "$(xmllint --xpath "string(/*/*[@id=\"mailchimp\"]/@why)" ch.xml)" = new-processor
	test "$(xmllint --xpath "string(/*/*[@id=\"therapieland\"]/@part)" ch.xml)" = processors
	test "$(xmllint --xpath "string(/*/*[@id=\"r-dossier-minors\"]/@why)" ch.xml)" = longer-retention
	test "$(xmllint --xpath "string(/*/*[@id=\"hesemans\"]/@op)" ch.xml)" = removed
	test "$(xmllint --xpath "string(/*/*[@id=\"c-allergy\"]/@part)" ch.xml)" = data
'

test_expect "the same model, re-indented and with comments, has no changes" '
	cp "$SEEDS/chakora.xml" old.xml
	cp "$SAMPLE/logo.png" .
	xmllint --format old.xml | sed "s/<!--.*-->//" >new.xml
	refute cmp -s old.xml new.xml
	"$ZORGDOC" diff old.xml new.xml >out
	grep -qx "Geen inhoudelijke wijzigingen." out
	test "$(wc -l <out)" = 2
'

test_expect "cookies and the form of address; English words" '
	cp "$SEEDS/ontmoetingsatelier.xml" old.xml
	cp "$TESTS_DIR/../samples/ontmoetingsatelier/logo.png" .
	sed -e "s/lifetime=\"P2Y\" consent=\"no\"/lifetime=\"P3Y\" consent=\"yes\"/" \
	    -e "s/address=\"u\"/address=\"je\"/" old.xml >new.xml
	"$ZORGDOC" diff old.xml new.xml >out
	cat out
	grep -qx -- "- De aanspreekvorm: voortaan in de je-vorm" out
	grep -qx -- "- Cookie _ga: vraagt nu toestemming; bewaarduur P3Y (was P2Y)" out
	test "$(grep -c "^- " out)" = 2
	"$ZORGDOC" diff --locale en old.xml new.xml | grep -qx -- "- Cookie _ga: now asks for consent; lifetime P3Y (was P2Y)"
	"$ZORGDOC" diff --locale en old.xml old.xml | grep -qx "No changes in content."
'

test_expect "bad input and usage" '
	cp "$SEEDS/chakora.xml" old.xml
	cp "$SAMPLE/logo.png" .
	printf "<practice/>" >bad.xml
	run_status 1 "$ZORGDOC" diff old.xml bad.xml 2>err
	grep -q "bad.xml" err
	run_status 2 "$ZORGDOC" diff old.xml 2>err
	run_status 2 "$ZORGDOC" diff old.xml old.xml --locale fr 2>err
	"$ZORGDOC" diff --help | head -1 | grep -q "^usage: zorgdoc diff"
'
