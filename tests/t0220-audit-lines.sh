#!/bin/sh
# The layout audit's line rules (docs/layout-audit.md): each hand-made
# document in tests/layout/audit-lines breaks one rule with what an author
# can force (soft hyphens written into the text, align="justify") and the
# audit must report it; the same text left to the engine breaks none.
# Justified text keeps inside the margins; e-mail addresses and URLs break
# without a hyphen and lose no character.
. "$TESTS_DIR/lib.sh"
A="$TESTS_DIR/layout/audit-lines"
RULES='outside-margins|hyphen-last-word|hyphen-ladder|hyphen-short|hyphen-name|justify-gap'

for rule in hyphen-last-word hyphen-ladder hyphen-short hyphen-name justify-gap; do
	test_expect "$rule: reported" '
		run_status 1 "$ZORGDOC" render "$A/'$rule'.xml" -o x.pdf --audit 2>err &&
		cat err &&
		grep -q "warning: audit: page 1: '$rule': «" err &&
		test -s x.pdf
	'
done

# the same documents without the soft hyphens and the forced justification:
# the engine hyphenates and justifies by its own rules
for rule in hyphen-last-word hyphen-ladder hyphen-short hyphen-name justify-gap; do
	test_expect "$rule: not made by the engine" '
		sed -e "s/&#173;//g" -e "s/ align=\"justify\"//" "$A/'$rule'.xml" >doc.xml &&
		"$ZORGDOC" render doc.xml -o x.pdf --audit 2>err; cat err &&
		refute grep -E "audit: page [0-9]+: ('"$RULES"'):" err
	'
done

test_expect "the engine hyphenates the text the author did not" '
	sed -e "s/&#173;//g" "$A/hyphen-ladder.xml" >doc.xml &&
	"$ZORGDOC" render doc.xml -o x.pdf &&
	pdftotext -raw x.pdf - | grep -q -- "-\$"
'

test_expect "justified statements: inside the margins, no line faults" '
	for p in chakora biobalans; do
		ZORGDOC_AUDIT=1 "$ZORGDOC" privacy "$ZORGDOC_DATADIR/samples/$p/practice.xml" \
		    -o $p.pdf 2>>err || true
		test -s $p.pdf
	done
	cat err
	refute grep -E "audit: page [0-9]+: ('"$RULES"'):" err
'

test_expect "e-mail addresses and URLs break without a hyphen, nothing lost" '
	a="persoonsgegevens.en.privacyvragen@praktijkvoorbeeldzorgverlening.nl"
	u="https://www.praktijkvoorbeeldzorgverlening.nl/documenten/privacyverklaring/2023"
	{
		echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		echo "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Adressen</title></meta><body>"
		for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
			printf "<p>"; i=0; while [ $i -lt $k ]; do printf "tekst "; i=$((i + 1)); done
			echo "Mail <link href=\"mailto:$a\">$a</link> of lees $u voor meer.</p>"
		done
		echo "</body></doc>"
	} >doc.xml
	"$ZORGDOC" render doc.xml -o x.pdf --audit 2>err; cat err
	refute grep -E "audit: page [0-9]+: ('"$RULES"'):" err
	pdftotext -raw x.pdf x.txt
	# some address broke over a line, never with a hyphen added
	grep -E "(@|/|\.)\$" x.txt
	refute grep -E "(praktijkvoor|privacyvra|documen)[a-z]*-\$" x.txt
	# every address is whole when the lines are joined
	test "$(tr -d "\n" <x.txt | grep -o "$a" | wc -l)" -eq 12
	test "$(tr -d "\n" <x.txt | grep -o "$u" | wc -l)" -eq 12
'

test_expect "name: inline content only, set as plain text" '
	printf "%s\n" "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	    "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>N</title></meta><body><p>Bij <name>Sanne <em>Verhoeven</em></name>.</p></body></doc>" >ok.xml &&
	"$ZORGDOC" render ok.xml -o ok.pdf &&
	pdftotext ok.pdf - | grep -q "Bij Sanne Verhoeven." &&
	printf "%s\n" "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	    "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>N</title></meta><body><name>X</name></body></doc>" >bad.xml &&
	run_status 1 "$ZORGDOC" render bad.xml -o bad.pdf
'
