#!/bin/sh
# zorgdoc regen: the document set of a practice, rebuilt exactly where a
# change touches it, versions refused or bumped, archives kept, failed
# runs harmless, and the clients who must be told.
. "$TESTS_DIR/lib.sh"
SAMPLE="$TESTS_DIR/../samples/chakora"
DATA=$ZORGDOC_DATADIR

setup() {
	cp "$SAMPLE/practice.xml" "$SAMPLE/logo.png" .
}
# the checksums of the whole set in out/ (documents and manifest)
sums() {
	(cd out && sha256sum $(ls | grep -v '^archive$' | sort))
}
# edit practice.xml: python replace of $1 by $2 (once; must occur)
edit() {
	python3 -c '
import sys
s = open("practice.xml").read()
assert sys.argv[1] in s, sys.argv[1]
open("practice.xml", "w").write(s.replace(sys.argv[1], sys.argv[2], 1))' "$1" "$2"
}
PROC_OLD='<processor id="therapieland" agreement="signed" categories="c-naw c-contact c-ehealth"'
PROC_NEW='<processor id="therapieland" agreement="signed" categories="c-naw c-contact c-ehealth c-birthdate"'
# the documents of this data directory (dpa and register when installed)
expected_all() {
	echo privacyverklaring.html privacyverklaring.pdf privacyverklaring.txt
	if [ -f "$DATA/templates/dpa.xsl" ]; then
		echo verwerkersovereenkomst-diad.pdf verwerkersovereenkomst-hesemans.pdf \
		    verwerkersovereenkomst-therapieland.pdf
	fi
	[ -f "$DATA/templates/register.xsl" ] && echo verwerkingsregister.pdf
	true
}
# the documents that mention the processors (what a processor change rebuilds)
expected_proc() {
	echo privacyverklaring.html privacyverklaring.pdf privacyverklaring.txt
	[ -f "$DATA/templates/dpa.xsl" ] && echo verwerkersovereenkomst-therapieland.pdf
	[ -f "$DATA/templates/register.xsl" ] && echo verwerkingsregister.pdf
	true
}
words() { tr ' ' '\n' | grep . | sort; }

test_expect "a first run makes every document; a second run rebuilds nothing" '
	setup
	"$ZORGDOC" regen practice.xml -o out >log 2>progress
	cat log progress
	expected_all | words >exp
	sed -n "s/: first version$//p" log | sort >got
	test_cmp exp got
	grep -q "^regen: \[1/$(wc -l <exp)\] privacyverklaring.pdf$" progress
	test "$(grep -c "^out	" out/manifest.tsv)" = "$(wc -l <exp)"
	for f in $(cat exp); do test -s out/$f; cmp out/$f out/archive/2023.10/$f; done
	cmp practice.xml out/archive/2023.10/practice.xml
	pdftotext out/privacyverklaring.pdf - | grep -q "versie 2023.10"
	sums >before
	"$ZORGDOC" regen practice.xml -o out >log2 2>progress2
	echo "nothing to rebuild: $(wc -l <exp | tr -d " ") documents up to date (version 2023.10)" >exp2
	test_cmp exp2 log2
	test ! -s progress2
	sums >after
	test_cmp before after
'

test_expect "a changed model under the same version is refused; nothing is touched" '
	setup
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	sums >before
	cp practice.xml practice.orig
	edit "$PROC_OLD" "$PROC_NEW"
	run_status 1 "$ZORGDOC" regen practice.xml -o out >log 2>err
	cat err
	grep -q "practice.xml: error: policy/@version: the practice changed since version 2023.10 was published" err
	grep -q "Raise policy/@version (e.g. to 2023.11)" err
	grep -q "^Verwerker Therapieland: verwerkt nu ook: Geboortedatum" err
	sums >after
	test_cmp before after
	test ! -d out/archive/2023.11
	grep -q "version=\"2023.10\"" practice.xml
	# --dry-run says what --bump would do and writes nothing
	"$ZORGDOC" regen --bump --dry-run practice.xml -o out >log 2>err
	cat log
	grep -qx "would bump version 2023.10 -> 2023.11, effective 2023-11-14" log
	grep -q "^privacyverklaring.pdf: Verwerker Therapieland: " log
	grep -qx "dry run: $(expected_proc | words | wc -l | tr -d " ") of $(expected_all | words | wc -l | tr -d " ") documents would be rebuilt" log
	sums >after2
	test_cmp before after2
	grep -q "version=\"2023.10\"" practice.xml
	test ! -e out/.regen-staging
'

test_expect "one processor changed: exactly the documents naming processors are rebuilt, archived, and show the change" '
	setup
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	cp practice.xml practice.orig
	sums >before
	edit "$PROC_OLD" "$PROC_NEW"
	"$ZORGDOC" regen practice.xml -o out --bump --effective 2024-01-01 >log 2>progress
	cat log
	grep -qx "practice.xml: version 2023.10 -> 2023.11, effective 2024-01-01" log
	grep -q "<policy version=\"2023.11\" effective=\"2024-01-01\" address=\"je\"/>" practice.xml
	diff practice.orig practice.xml | grep "^[<>]" | grep -v "policy version\|processor id=\"therapieland\"" >other || true
	test ! -s other
	expected_proc | words >exp
	sed -n "s/: Verwerker Therapieland: verwerkt nu ook: Geboortedatum (belangrijke wijziging)$//p" log | sort >got
	test_cmp exp got
	test "$(grep -c "^[a-z-]*\.\(pdf\|html\|txt\): " log)" = "$(wc -l <exp)"
	grep -qx "rebuilt $(wc -l <exp | tr -d " ") of $(expected_all | words | wc -l | tr -d " ") documents (version 2023.11)" log
	# the documents that do not name this processor are untouched
	sums >after
	for f in $(expected_all | words); do
		if grep -qx "$f" exp; then
			test "$(grep " $f\$" before)" != "$(grep " $f\$" after)"
		else
			test "$(grep " $f\$" before)" = "$(grep " $f\$" after)"
		fi
	done
	# the old version is archived as it was, the new one beside it
	cmp practice.orig out/archive/2023.10/practice.xml
	cmp out/privacyverklaring.txt out/archive/2023.11/privacyverklaring.txt
	refute cmp -s out/privacyverklaring.txt out/archive/2023.10/privacyverklaring.txt
	grep -q "versie 2023.10" out/archive/2023.10/privacyverklaring.txt
	# the new statement says what changed and from when
	tr "\n" " " <out/privacyverklaring.txt | tr -s " " >flat
	grep -q "Deze versie (2023.11) geldt vanaf 1 januari 2024. Ten opzichte van versie 2023.10 is dit veranderd: - Verwerker Therapieland: verwerkt nu ook: Geboortedatum" flat
	grep -q "<section id=\"changes\">" out/privacyverklaring.html
	pdftotext out/privacyverklaring.pdf - | tr "\n" " " | grep -q "Ten opzichte van versie 2023.10"
	# and a third run: nothing
	"$ZORGDOC" regen practice.xml -o out >log3 2>/dev/null
	grep -q "^nothing to rebuild" log3
'

test_expect "a cosmetic template change rebuilds every document made with it, nothing else" '
	setup
	mkdir data
	cp -r "$DATA/templates" "$DATA/locales" "$DATA/schema" data/
	export ZORGDOC_DATADIR=$PWD/data
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	sums >before
	sed -i "s|small{font-size:.85em}|small{font-size:.8em}|" data/templates/html.xsl
	"$ZORGDOC" regen practice.xml -o out >log 2>/dev/null
	cat log
	printf "privacyverklaring.html: template html.xsl changed\nrebuilt 1 of %s documents (version 2023.10)\n" \
	    "$(expected_all | words | wc -l | tr -d " ")" >exp
	test_cmp exp log
	sums >after
	diff before after | grep "^>" >changed || true
	test "$(wc -l <changed)" = 2
	grep -q " privacyverklaring.html$" changed
	grep -q " manifest.tsv$" changed
	# a template every document uses (the shared strings helper)
	sed -i "s|</xsl:stylesheet>|<!-- cosmetic --></xsl:stylesheet>|" data/templates/common.xsl
	"$ZORGDOC" regen practice.xml -o out >log2 2>/dev/null
	test "$(grep -c ": template common.xsl changed$" log2)" = "$(expected_all | words | wc -l)"
	# the archive of 2023.10 keeps the documents as first published
	refute cmp -s out/privacyverklaring.html out/archive/2023.10/privacyverklaring.html
'

test_expect "a failed run leaves the previous set and manifest intact" '
	setup
	mkdir data
	cp -r "$DATA/templates" "$DATA/locales" "$DATA/schema" data/
	export ZORGDOC_DATADIR=$PWD/data
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	sums >before
	# a new version whose text output cannot be made
	edit "$PROC_OLD" "$PROC_NEW"
	edit "version=\"2023.10\"" "version=\"2023.11\""
	sed -i "s|<xsl:template match=\"/\">|<xsl:template match=\"/\"><xsl:message terminate=\"yes\">broken on purpose</xsl:message>|" data/templates/text.xsl
	run_status 1 "$ZORGDOC" regen practice.xml -o out >log 2>err
	cat err
	grep -q "privacyverklaring.txt could not be made; nothing was replaced" err
	sums >after
	test_cmp before after
	test ! -e out/.regen-staging
	test ! -d out/archive/2023.11
	# an output in the way: also nothing replaced
	cp "$DATA/templates/text.xsl" data/templates/text.xsl
	rm out/privacyverklaring.html && mkdir out/privacyverklaring.html
	run_status 1 "$ZORGDOC" regen practice.xml -o out >log 2>err
	grep -q "privacyverklaring.html: error: is in the way" err
	cmp out/privacyverklaring.pdf out/archive/2023.10/privacyverklaring.pdf
	rmdir out/privacyverklaring.html
	# once repaired, the run completes: the missing one comes back too
	"$ZORGDOC" regen practice.xml -o out >log 2>/dev/null
	grep -q "^privacyverklaring.html: missing from the output directory" log
	test -d out/archive/2023.11
'

test_expect "the bump rule" '
	setup
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	edit "version=\"2023.10\"" "version=\"v1.9\""
	edit "$PROC_OLD" "$PROC_NEW"
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	edit "c-ehealth c-birthdate\"" "c-ehealth c-birthdate\" agreement-date=\"2023-11-01\""
	"$ZORGDOC" regen --bump practice.xml -o out >log 2>/dev/null
	grep -q "version v1.9 -> v1.10, effective 2023-11-14" log
	ls out/archive >vers
	printf "2023.10\nv1.10\nv1.9\n" >exp
	test_cmp exp vers
	# a version used before with other content is refused
	edit "version=\"v1.10\"" "version=\"v1.9\""
	edit "agreement=\"signed\"" "agreement=\"signed\" agreement-date=\"2023-12-01\""
	run_status 1 "$ZORGDOC" regen practice.xml -o out 2>err
	grep -q "version v1.9 was published before with other content" err
	run_status 2 "$ZORGDOC" regen practice.xml 2>/dev/null
	run_status 2 "$ZORGDOC" regen practice.xml -o out --effective 2024-01-01 2>/dev/null
	"$ZORGDOC" regen --help | head -1 | grep -q "^usage: zorgdoc regen"
'

test_expect "--notify: the clients with an earlier version get a letter; nobody else; no names in the log" '
	setup
	export ZORGDOC_DB=$PWD/dossier.db
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Dorpsstraat 1" --postcode "1234 AB" --city Ergens >/dev/null
	"$ZORGDOC" client add --name "Bram Bedacht" >/dev/null
	"$ZORGDOC" client add --name "Cas Fictief" --street "Laan 2" --postcode "2345 BC" --city Nergens >/dev/null
	"$ZORGDOC" client add --name "Door Ingetrokken" >/dev/null
	zsql dossier.db "INSERT INTO consents (client_id, what, given_by, date, document_kind, document_version, withdrawn, created) VALUES
	    (1, \"privacyverklaring\", \"Anna Verzonnen\", \"2023-10-20\", \"privacyverklaring\", \"2023.10\", NULL, \"x\"),
	    (2, \"privacyverklaring\", \"Bram Bedacht\", \"2023-11-14\", \"privacyverklaring\", \"2023.11\", NULL, \"x\"),
	    (4, \"privacyverklaring\", \"Door Ingetrokken\", \"2023-10-20\", \"privacyverklaring\", \"2023.10\", \"2023-10-30\", \"x\");
	  INSERT INTO documents (kind, version, input_sha256, path, date, client_id, created) VALUES
	    (\"privacyverklaring\", \"2023.10\", \"0\", NULL, \"2023-10-21\", 3, \"x\");"
	edit "  </processors>" "    <processor id=\"mailchimp\" agreement=\"signed\" categories=\"c-naw c-contact\" purposes=\"contact\"><name>Mailchimp</name><role>Nieuwsbrief</role><processing>Versturen van de nieuwsbrief.</processing><location eea=\"no\" country=\"US\" safeguard=\"scc\"/></processor>
  </processors>"
	"$ZORGDOC" regen practice.xml -o out --bump --notify >log 2>progress
	cat log
	grep -q "^privacyverklaring.pdf: Nieuwe verwerker: Mailchimp (gegevens gaan nu naar de Verenigde Staten, buiten de Europese Economische Ruimte) (belangrijke wijziging)$" log
	grep "^notify: client" log | sed "s/: out.*//" >got
	printf "notify: client 1\nnotify: client 3\n" >exp
	test_cmp exp got
	grep -qx "notify: 2 letters, together in out/notify/2023.11/kennisgevingen.pdf" log
	refute grep -q "Anna\|Bram\|Cas\|Door\|Dorpsstraat\|Laan" log progress
	pdftotext out/notify/2023.11/kennisgeving-1.pdf - | tr "\n" " " | tr -s " " >l1
	grep -q "Anna Verzonnen Dorpsstraat 1 1234 AB Ergens" l1
	grep -q "Beste Anna Verzonnen," l1
	# in force on the letter'\''s date (--bump without --effective: today): said so
	grep -q "Sinds 14 november 2023 geldt de nieuwe versie (2023.11)" l1
	refute grep -q "geldt vanaf" l1
	grep -q "Nieuwe verwerker: Mailchimp" l1
	refute grep -q "Cas" l1
	test "$(pdfinfo out/notify/2023.11/kennisgevingen.pdf | sed -n "s/^Pages: *//p")" = 2
	pdftotext out/notify/2023.11/kennisgevingen.pdf - | grep -q "Beste Cas Fictief,"
	test "$(zsql dossier.db "SELECT group_concat(client_id) FROM documents WHERE kind = \"kennisgeving\" AND version = \"2023.11\"")" = "1,3"
	# told once: a second --notify writes no second letter
	"$ZORGDOC" regen practice.xml -o out --notify >log2 2>/dev/null
	grep -q "^notify: no client has an earlier version without a letter for version 2023.11" log2
	# no material change: nobody to tell
	edit "Ik heb een wettelijke geheimhoudingsplicht (beroepsgeheim)." "Ik heb een beroepsgeheim."
	"$ZORGDOC" regen practice.xml -o out --bump --notify >log3 2>/dev/null
	grep -q "^notify: version 2023.12 has no material changes; no client needs to be told" log3
'
