#!/bin/sh
# zorgdoc client export, read as the client reads it: who looked at the
# dossier is the practitioner (not the computer account), no store row id
# anywhere in the PDF, and the dossier was opened on the first treatment
# (the intake), not on the day the client was entered or exported. The
# XML keeps its ids (the schema needs them) and stays valid.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
export ZORGDOC_DB=dossier.db
unset ZORGDOC_PRACTICE
SAMPLES="$TESTS_DIR/../samples"
CH="$SAMPLES/chakora/practice.xml"            # owner Sanne Verhoeven
RNG="$TESTS_DIR/../schema/client-export.rng"

# the PDF's text as one line, words broken at a line end joined again
flat() {
	pdftotext "$1" - | tr '\n' ' ' | sed 's/- //g; s/  */ /g'
}

# Three clients first, so that the client exported has store id 4 and its
# rows ids that differ from any number the client would recognise.
setup() {
	for n in "Bram Fictief" "Cor Bedacht" "Daan Nepveld"; do
		"$ZORGDOC" client add --name "$n" >/dev/null
	done
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Verzinselstraat 1" \
	    --postcode 1234AB --city Nergensdorp --birth-date 1980-02-29 >/dev/null
	"$ZORGDOC" treatment add --client 4 --date 2023-11-03 --tariff consult --practice "$CH" >/dev/null
	"$ZORGDOC" treatment add --client 4 --date 2023-09-12 --tariff consult \
	    --note "intake" --practice "$CH" >/dev/null
	"$ZORGDOC" consent add --client 4 --what privacyverklaring --by "Anna Verzonnen" \
	    --date 2023-09-12 --document privacyverklaring --version 2023.10 >/dev/null
	"$ZORGDOC" invoice create --client 4 --date 2023-11-30 --practice "$CH" >/dev/null
}

# the account the log records (as root in a container: "root")
ACCOUNT=${ZORGDOC_USER:-$(id -un)}
export ACCOUNT

test_expect "the practitioner's name, not the account; no store ids; opened at the intake" '
	setup
	"$ZORGDOC" client export 4 -o uit --practice "$CH" >/dev/null
	xmllint --noout --relaxng "$RNG" uit/client-4.xml
	# the XML keeps the account and the ids
	grep -q "<client id=\"4\">" uit/client-4.xml
	grep -q "<user>$ACCOUNT</user>" uit/client-4.xml
	flat uit/client-4.pdf >t
	# who: the practice owner, never the account
	grep -q "Sanne Verhoeven toegevoegd persoonsgegevens" t
	refute grep -qw "$ACCOUNT" t
	# no store ids: not as a field, not in the footer, not in the log
	refute grep -q "in het systeem" t
	refute grep -q "client-4\|cliënt 4\b" t
	grep -q "Gegevensoverzicht Anna Verzonnen · 14 november 2023" t
	grep -q "toegevoegd behandeling van 03-11-2023" t
	grep -q "nota gemaakt nota CH2023-0001" t
	grep -q "toegevoegd toestemming (privacyverklaring)" t
	refute grep -q "persoonsgegevens 4\|behandeling [0-9]\|nota [0-9]\|toestemming [0-9]" t
	# opened: the first treatment (12 September), not the day of entry
	pdftotext -layout uit/client-4.pdf - | grep -q "Dossier aangelegd *12-09-2023"
'

test_expect "several accounts: the name with the account; without a practice: the practice" '
	setup
	ZORGDOC_USER=assistent "$ZORGDOC" client show 4 >/dev/null
	"$ZORGDOC" client export 4 -o uit --practice "$CH" >/dev/null
	flat uit/client-4.pdf >t
	grep -q "Sanne Verhoeven (account assistent)" t
	"$ZORGDOC" client export 4 -o zonder >/dev/null 2>&1
	xmllint --noout --relaxng "$RNG" zonder/client-4.xml
	flat zonder/client-4.pdf >z
	grep -q "de praktijk toegevoegd persoonsgegevens" z
	refute grep -qw "$ACCOUNT" z
	refute grep -q "client-4" z
'
