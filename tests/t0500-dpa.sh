#!/bin/sh
# zorgdoc dpa: the verwerkersovereenkomst. Every art. 28(3) element by
# section id in every agreement of every sample (tests/dpa/art28.ids);
# Bijlage 1 and 2 against the model; the options of processor-agreement;
# the BioBalans construction (practice = processor) with the facts of its
# seed (tests/dpa/biobalans.facts); golden document XML; HTML through
# tidy; usage errors; no client data in messages.
. "$TESTS_DIR/lib.sh"
D="$TESTS_DIR/dpa"
FIX="$D/biobalans.xml"
ROOT=$(dirname "$TESTS_DIR")

# sec FILE ID: the whitespace-normalised text of section ID
sec() { xmllint --xpath "normalize-space(//*[local-name()='section'][@id='$2'])" "$1"; }
# nsec FILE ID: how many sections have id ID
nsec() { xmllint --xpath "count(//*[local-name()='section'][@id='$2'])" "$1"; }
# mx FILE XPATH: a string from a practice file
mx() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }
# ids FILE ELEMENT: the @id of every ELEMENT of a practice file, one a line
ids() { mx "$1" "//*[local-name()='$2']/@id" | sed -n 's/^ *id="\([^"]*\)".*/\1/p'; }
# has TEXT NEEDLE: fails with a message unless TEXT holds NEEDLE
has() { case $1 in *"$2"*) ;; *) echo "missing: $2" >&2; return 1 ;; esac; }
hasnt() { case $1 in *"$2"*) echo "unexpected: $2" >&2; return 1 ;; esac; }

# check_ids FILE: every id of art28.ids is there once, with text besides
# its title (one xmllint call; the slow per-id loop only to explain a failure)
ART_IDS=$(grep -v "^#" "$D/art28.ids" | awk 'NF { print $1 }')
ART_N=$(echo "$ART_IDS" | wc -l)
ART_OR=$(echo "$ART_IDS" | sed "s/.*/@id='&'/" | paste -sd'|' - | sed 's/|/ or /g')
check_ids() {
	ok=$(xmllint --xpath "count(//*[local-name()='section'][$ART_OR][string-length(normalize-space(.)) > string-length(normalize-space(*[local-name()='title'])) + 5])" "$1")
	all=$(xmllint --xpath "count(//*[local-name()='section'][$ART_OR])" "$1")
	[ "$ok" = "$ART_N" ] && [ "$all" = "$ART_N" ] && return 0
	for id in $ART_IDS; do
		n=$(nsec "$1" "$id")
		[ "$n" = 1 ] || echo "$1: section $id found $n times"
		t=$(sec "$1" "$id")
		tt=$(xmllint --xpath "normalize-space(//*[local-name()='section'][@id='$id']/*[local-name()='title'])" "$1")
		[ "${#t}" -gt $((${#tt} + 5)) ] || echo "$1: section $id has no content: $t"
	done
	return 1
}

practices() { for f in "$ROOT"/samples/*/practice.xml; do [ -f "$f" ] && echo "$f"; done; echo "$FIX"; }

test_expect "usage errors exit 2" '
	run_status 2 "$ZORGDOC" dpa 2>err
	run_status 2 "$ZORGDOC" dpa "$FIX" 2>err
	grep -q "needed" err
	run_status 2 "$ZORGDOC" dpa "$FIX" --processor moneybird --client X -o a.xml 2>err
	grep -q "exclude each other" err
	run_status 2 "$ZORGDOC" dpa "$FIX" --all --processor moneybird -o d 2>err
	run_status 2 "$ZORGDOC" dpa "$FIX" --client-city Ede -o a.xml 2>err
	run_status 2 "$ZORGDOC" dpa "$FIX" --locale xx -o a.xml 2>err
	run_status 2 "$ZORGDOC" dpa "$FIX" --locale ../nl -o a.xml 2>err
	run_status 2 "$ZORGDOC" dpa "$FIX" --frob -o a.xml 2>err
	run_status 2 "$ZORGDOC" dpa "$ROOT/samples/chakora/practice.xml" -o a.xml 2>err
	grep -q "name a processor" err
	test ! -e a.xml
'

test_expect "unknown processor id is an input error naming the id" '
	run_status 1 "$ZORGDOC" dpa "$FIX" --processor nosuch -o a.xml 2>err
	grep -q "no processor with id .nosuch." err
	test ! -e a.xml
'

test_expect "unknown output format is an error and writes nothing" '
	run_status 1 "$ZORGDOC" dpa "$FIX" --processor moneybird -o a.doc 2>err
	grep -q "unknown output format" err
	test ! -e a.doc
'

test_expect "the client never appears in messages" '
	run_status 1 "$ZORGDOC" dpa "$FIX" --client "Geheime Cliënt" --client-street "Verborgen 9" \
		-o "$TMP/no/such/dir/a.html" 2>err
	test -s err
	refute grep -q "Geheime" err
	refute grep -q "Verborgen" err
'

test_expect "every art. 28(3) element, by section id, in every agreement of every sample" '
	n=0
	for f in $(practices); do
		dir=$(basename "$(dirname "$f")")
		if [ -n "$(ids "$f" processor)" ]; then
			"$ZORGDOC" dpa "$f" --all --format xml -o "$dir" >list
			for id in $(ids "$f" processor); do
				check_ids "$dir/$id.xml"
				n=$((n + 1))
			done
			test "$(wc -l <list)" = "$(ids "$f" processor | wc -l)"
		fi
		"$ZORGDOC" dpa "$f" --client "A. Cliënt" -o "$dir-client.xml"
		check_ids "$dir-client.xml"
		n=$((n + 1))
	done
	echo "$n agreements checked"
	test "$n" -ge 7
'

test_expect "the checker itself fails on an agreement without an element" '
	"$ZORGDOC" dpa "$FIX" --processor moneybird -o a.xml
	sed "s/id=\"art-audits\"/id=\"art-gone\"/" a.xml >b.xml
	refute check_ids b.xml 2>/dev/null
'

test_expect "Bijlage 1 and 2 match the model, per processor of every sample" '
	for f in $(practices); do
		for p in $(ids "$f" processor); do
			"$ZORGDOC" dpa "$f" --processor "$p" -o "$p.xml"
			P="//*[local-name()=\"processor\"][@id=\"$p\"]"
			s1=$(sec "$p.xml" annex-1-service)
			has "$s1" "$(mx "$f" "normalize-space($P/*[local-name()=\"name\"])")"
			has "$s1" "$(mx "$f" "normalize-space($P/*[local-name()=\"processing\"][not(@parties)] | $P/*[local-name()=\"processing\"]/@parties)")"
			cats=$(mx "$f" "string($P/@categories)")
			[ -n "$cats" ] || cats=$(ids "$f" category)
			data=$(sec "$p.xml" annex-1-data)
			rows=0
			for c in $cats; do
				has "$data" "$(mx "$f" "normalize-space(//*[local-name()=\"category\"][@id=\"$c\"]/*[local-name()=\"name\"][not(@parties)] | //*[local-name()=\"category\"][@id=\"$c\"]/*[local-name()=\"name\"]/@parties)")"
				rows=$((rows + 1))
			done
			got=$(xmllint --xpath "count(//*[@id=\"annex-1-data\"]//*[local-name()=\"tbody\"]/*)" "$p.xml")
			[ "$got" = "$rows" ] || { echo "$p: $got data rows, model has $rows categories"; exit 1; }
			purp=$(sec "$p.xml" annex-1-purposes)
			for u in $(mx "$f" "string($P/@purposes)"); do
				has "$purp" "$(mx "$f" "normalize-space(//*[local-name()=\"purpose\"][@id=\"$u\"]/*[local-name()=\"name\"][not(@parties)] | //*[local-name()=\"purpose\"][@id=\"$u\"]/*[local-name()=\"name\"]/@parties)")"
			done
			subs=$(sec "$p.xml" annex-1-subprocessors)
			nsub=$(mx "$f" "count($P/*[local-name()=\"sub-processor\"])")
			i=1
			while [ "$i" -le "$nsub" ]; do
				has "$subs" "$(mx "$f" "normalize-space($P/*[local-name()=\"sub-processor\"][$i]/*[local-name()=\"name\"])")"
				i=$((i + 1))
			done
			a2=$(sec "$p.xml" annex-2)
			nm=$(mx "$f" "count(//*[local-name()=\"measure\"])")
			i=1
			while [ "$i" -le "$nm" ]; do
				has "$a2" "$(mx "$f" "normalize-space((//*[local-name()=\"measure\"])[$i][not(@parties)] | (//*[local-name()=\"measure\"])[$i]/@parties)")"
				i=$((i + 1))
			done
		done
	done
'

test_expect "a processor sees only its own categories in Bijlage 1" '
	f="$ROOT/samples/chakora/practice.xml"
	"$ZORGDOC" dpa "$f" --processor hesemans -o h.xml
	data=$(sec h.xml annex-1-data)
	has "$data" "Geboortedatum"
	hasnt "$data" "gezondheidstoestand"
	hasnt "$(sec h.xml art-nature-purpose)" "bijzondere persoonsgegevens"
	"$ZORGDOC" dpa "$f" --processor diad -o d.xml
	has "$(sec d.xml art-nature-purpose)" "bijzondere persoonsgegevens"
'

test_expect "BioBalans construction: the practice is the processor, its processors sub-processors" '
	"$ZORGDOC" dpa "$FIX" --client "J. de Vries" --client-street "Dorpsstraat 1" \
		--client-postcode "1234 AB" --client-city Ede -o a.xml
	parties=$(sec a.xml parties)
	has "$parties" "J. de Vries, wonende aan Dorpsstraat 1, 1234 AB Ede (hierna: “Verwerkingsverantwoordelijke”)"
	has "$parties" "Annemarie Noorlander, Praktijkhouder (hierna: “Verwerker”)"
	subs=$(sec a.xml annex-1-subprocessors)
	for p in $(ids "$FIX" processor); do
		has "$subs" "$(mx "$FIX" "normalize-space(//*[local-name()=\"processor\"][@id=\"$p\"]/*[local-name()=\"name\"])")"
	done
	# the model cap (10000 cents) is void under art. 7:463 BW for a care provider
	hasnt "$(sec a.xml art-liability)" "€"
	has "$(sec a.xml art-liability)" "7:463"
	# seed 3.6: no transfers without a safeguard; the Google transfers name theirs
	has "$(sec a.xml art-transfers)" "Doorgifte zonder zo’n waarborg is niet toegestaan"
	has "$(sec a.xml annex-1-transfers)" "Data Privacy Framework"
	# without --client: a form with blanks (practice-role="processor")
	"$ZORGDOC" dpa "$FIX" -o form.xml
	has "$(sec form.xml parties)" "De cliënt, ………"
'

test_expect "the seed BioBalans facts (fixture, and samples/biobalans once it exists)" '
	for f in "$FIX" "$ROOT/samples/biobalans/practice.xml"; do
		[ -f "$f" ] || { echo "skipped: $f (not yet written)"; continue; }
		"$ZORGDOC" dpa "$f" --client "J. de Vries" -o a.txt
		tr -s " \n" "  " <a.txt >flat.txt
		grep -v "^#" "$D/biobalans.facts" | while IFS= read -r fact; do
			[ -n "$fact" ] || continue
			grep -Eqi -- "$fact" flat.txt || { echo "$f: fact not found: $fact"; exit 1; }
		done
	done
'

test_expect "dossier retention is stated as the WGBO asks, not as an old practice file says" '
	sed -e "/for=\"adults\"/s/from=\"last-change\"/from=\"each-entry\"/" \
	    -e "/for=\"minors\"/s/from=\"last-change\"/from=\"18th-birthday\"/" \
	    -e "/for=\"deceased\"/s/from=\"last-change\"/from=\"death\"/" "$FIX" >old.xml
	[ $(grep -c "from=\"last-change\"" old.xml) -eq 0 ]
	run_status 1 "$ZORGDOC" dpa old.xml --client X -o a.xml 2>err
	grep -q "^old.xml:[0-9]*:[0-9]*: error: retention/rule/@from:" err
	[ ! -e a.xml ]
	"$ZORGDOC" dpa old.xml --client X --draft -o a.xml
	r=$(sec a.xml annex-1-retention)
	has "$r" "20 jaar na de laatste wijziging in het dossier"
	hasnt "$r" "achttiende"
	hasnt "$r" "ieder gegeven"
	hasnt "$r" "na het overlijden"
	has "$r" "7 jaar na het einde van het boekjaar"
'

test_expect "options of processor-agreement change the articles" '
	sed -e "s/subprocessors=\"general\"/subprocessors=\"specific\"/" \
	    -e "s/breach-hours=\"72\"/breach-hours=\"24\"/" \
	    -e "s/outside-eea=\"allowed\"/outside-eea=\"not-allowed\"/" \
	    -e "s/end-of-processing=\"choice\"/end-of-processing=\"return\"/" \
	    -e "s/safeguard=\"dpf\"/safeguard=\"none\"/" "$FIX" >v.xml
	"$ZORGDOC" dpa v.xml --client X --draft -o v-out.xml
	"$ZORGDOC" dpa "$FIX" --client X -o o-out.xml
	has "$(sec o-out.xml art-subprocessors)" "algemene schriftelijke toestemming"
	has "$(sec o-out.xml art-subprocessors)" "ten minste 30 dagen"
	has "$(sec v-out.xml art-subprocessors)" "specifieke schriftelijke toestemming"
	hasnt "$(sec v-out.xml art-subprocessors)" "30 dagen"
	has "$(sec o-out.xml art-breach)" "binnen 72 uur"
	has "$(sec v-out.xml art-breach)" "binnen 24 uur"
	has "$(sec v-out.xml art-transfers)" "uitsluitend binnen de EER"
	has "$(sec v-out.xml art-transfers)" "niet toegestaan totdat"
	has "$(sec v-out.xml annex-1-transfers)" "doorgifte niet toegestaan"
	has "$(sec v-out.xml art-end)" "geeft Verwerker alle Persoonsgegevens terug"
	sed -e "s/notice-days=\"30\"/notice-days=\"14\"/" "$FIX" >w.xml
	"$ZORGDOC" dpa w.xml --client X -o w-out.xml
	has "$(sec w-out.xml art-subprocessors)" "ten minste 14 dagen"
	# the practice as controller: the liability cap of the model applies
	sed -e "s/practice-role=\"processor\"/practice-role=\"controller\"/" \
	    -e "s/liability-cap-cents=\"10000\"/liability-cap-cents=\"250000\"/" "$FIX" >c.xml
	"$ZORGDOC" dpa c.xml --processor moneybird -o c-out.xml
	has "$(sec c-out.xml art-liability)" "2.500,00 per gebeurtenis"
	has "$(sec c-out.xml art-liability)" "opzet of bewuste roekeloosheid"
'

test_expect "golden document XML" '
	"$ZORGDOC" dpa "$ROOT/samples/chakora/practice.xml" --processor diad -o chakora-diad.xml
	test_golden "$D/golden/chakora-diad.xml" chakora-diad.xml
	"$ZORGDOC" dpa "$FIX" --client "J. de Vries" --client-street "Dorpsstraat 1" \
		--client-postcode "1234 AB" --client-city Ede -o biobalans-client.xml
	test_golden "$D/golden/biobalans-client.xml" biobalans-client.xml
'

test_expect "output is byte-reproducible" '
	"$ZORGDOC" dpa "$FIX" --client X -o a.html
	"$ZORGDOC" dpa "$FIX" --client X -o b.html
	cmp a.html b.html
'

test_expect "HTML passes tidy, with the articles as linked sections" '
	for f in $(practices); do
		dir=$(basename "$(dirname "$f")")
		if [ -n "$(ids "$f" processor)" ]; then
			"$ZORGDOC" dpa "$f" --all --format html -o "$dir" >/dev/null
			for h in "$dir"/*.html; do
				tidy -q -e "$h"
				grep -q "<section id=\"art-breach\">" "$h"
				grep -q "href=\"#art-duration\"" "$h"
				grep -q "<html lang=\"nl\">" "$h"
			done
		fi
	done
'

test_expect "English agreement: same sections, English wording" '
	"$ZORGDOC" dpa "$FIX" --client "J. de Vries" --locale en -o en.xml
	check_ids en.xml
	test "$(mx en.xml "string(//*[local-name()=\"meta\"]/*[local-name()=\"title\"])")" = "Data Processing Agreement"
	test "$(mx en.xml "string(//*[local-name()=\"meta\"]/*[local-name()=\"language\"])")" = en
	# template wording is English (model data, such as measures, stay as written)
	refute grep -q "Verwerkingsverantwoordelijke" en.xml
	refute grep -q "label=\"Artikel" en.xml
	grep -q "label=\"Article 8\"" en.xml
	"$ZORGDOC" dpa "$ROOT/samples/chakora/practice.xml" --processor diad --locale en -o en2.html
	tidy -q -e en2.html
'

test_expect "PDF: the pages carry the articles (when this build has the layout engine)" '
	if "$ZORGDOC" dpa "$FIX" --client X -o a.pdf 2>err; then
		pdftotext a.pdf a.txt
		grep -q "Artikel 1" a.txt
		grep -q "Bijlage 2" a.txt
		grep -q "Moneybird" a.txt
		test "$(pdfinfo a.pdf | sed -n "s/^Pages: *//p")" -ge 5
	else
		grep -q "not available in this build yet" err
		echo "skipped: no layout engine in this build"
	fi
'

test_expect "the client from the dossier store (--client-id)" '
	export ZORGDOC_DB="$PWD/dossier.db"
	id=$("$ZORGDOC" client add --name "Marieke Smit" --street "Kerkstraat 5" --postcode "6711 AA" \
		--city Ede --ref K-17)
	"$ZORGDOC" dpa "$FIX" --client-id "$id" -o a.xml
	has "$(sec a.xml parties)" "Marieke Smit, wonende aan Kerkstraat 5, 6711 AA Ede (hierna: “Verwerkingsverantwoordelijke”)"
	"$ZORGDOC" dpa "$FIX" --client-id K-17 -o b.xml
	cmp a.xml b.xml
	run_status 1 "$ZORGDOC" dpa "$FIX" --client-id 999 -o c.xml 2>err
	refute grep -q "Marieke" err
	run_status 2 "$ZORGDOC" dpa "$FIX" --client-id "$id" --client X -o c.xml 2>err
	run_status 3 "$ZORGDOC" dpa "$FIX" --client-id 1 --db "$PWD/none.db" -o c.xml 2>err
	grep -q "no dossier store" err
	test ! -e none.db
	test ! -e c.xml
'
test_expect "no agreement is filled in for an erased client (client forget)" '
	export ZORGDOC_DB="$PWD/dossier.db"
	id=$("$ZORGDOC" client add --name "Marieke Smit" --street "Kerkstraat 5" --postcode "6711 AA" \
		--city Ede --ref K-17)
	"$ZORGDOC" client forget "$id" --force --date 2030-01-01 2>/dev/null
	run_status 1 "$ZORGDOC" dpa "$FIX" --client-id "$id" -o a.xml 2>err
	echo "zorgdoc: error: client $id: the personal data were erased on 2030-01-01: there is no name or address to fill in" >exp
	test_cmp exp err
	test ! -e a.xml
'
