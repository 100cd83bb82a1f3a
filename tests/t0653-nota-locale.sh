#!/bin/sh
# The zorgnota speaks the practice's language (practice/@lang: nl or en)
# and form of address (policy/@address: u or je), and wears its brand
# colour (identity/branding/colour), all as frozen in the snapshot. No
# template string of the other language leaks into a nota: the check
# takes every nota.* string of locales/nl.xml and locales/en.xml apart
# at its placeholders and looks for each piece in the PDF's text.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE=practice.xml
P="$TESTS_DIR/data/store/practice.xml"
LOCALES="$ZORGDOC_DATADIR/locales"

# setup SED-SCRIPT: the test practice (Chakora: nl, je, #6b3fa0) changed
# by SED-SCRIPT; two clients, three treatments, invoice CH2023-0001 for
# client 1 and its credit note CH2023-0002.
setup() {
	cp "$P" "$(dirname "$P")/logo.png" .
	[ -z "$1" ] || sed -i "$1" practice.xml
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
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice credit CH2023-0001 --date 2023-12-01 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	"$ZORGDOC" invoice render CH2023-0002 -o credit.pdf
	for f in nota credit; do
		pdftotext "$f.pdf" - | tr -s " \n" "  " >"$f.txt"
	done
}

# pieces LOCALE [FORM]: the literal pieces (6 characters or more) of every
# nota.* string of locales/LOCALE.xml, one per line; with FORM (u or je)
# only that form of strings that have both.
pieces() {
	grep -o '<s id="nota\.[^"]*">.*</s>' "$LOCALES/$1.xml" |
	sed 's/^<s id="[^"]*">//; s|</s>$||' |
	if [ -n "${2:-}" ]; then
		sed -n "s|.*<$2>\(.*\)</$2>.*|\1|p"
	else
		sed 's|<u>\(.*\)</u><je>\(.*\)</je>|\1{9}\2|'
	fi |
	sed 's/{[0-9]}/\n/g' | sed 's/^ *//; s/ *$//' | awk 'length($0) >= 6' | sort -u
}

# only_in A B: the lines of file A that are in no line of file B
only_in() {
	while IFS= read -r _l; do
		grep -qF -- "$_l" "$2" || printf "%s\n" "$_l"
	done <"$1"
}

# none_of PIECES TEXT: no line of PIECES occurs in TEXT (names the first)
none_of() {
	if grep -oF -f "$1" "$2" >leaked; then
		echo "leaked: $(head -1 leaked)" >&2
		return 1
	fi
}

# has TEXT STRING...: every STRING occurs in TEXT
has() {
	_f=$1
	shift
	for _t in "$@"; do
		grep -qF -- "$_t" "$_f" || { echo "missing: $_t" >&2; return 1; }
	done
}

test_expect "the piece lists are real (the leak checks can fail)" '
	pieces nl >nl.all
	pieces en >en.all
	test "$(wc -l <nl.all)" -gt 40
	test "$(wc -l <en.all)" -gt 40
	grep -qx "Vervaldatum" nl.all
	grep -qx "Due date" en.all
	printf "x Vervaldatum y\n" >t
	refute none_of nl.all t 2>/dev/null
'

test_expect "an English practice gets an English zorgnota and credit note" '
	setup "s/lang=\"nl\"/lang=\"en\"/"
	has nota.txt "Invoice" "Invoice number" "CH2023-0001" "Invoice date" "30 November 2023" \
		"Due date" "14 December 2023" "Client number" "Client'"'"'s date of birth" \
		"29 February 1980" "Service code" "Description" "Amount" "€80.00" "€95.00" \
		"Number of treatments: 2" "Total due" "€175.00" \
		"Exempt from VAT under Article 11(1)(g) of the Dutch VAT Act 1968" \
		"Please transfer the amount of €175.00 within 14 days, by 14 December 2023 at the latest" \
		"in the name of Chakora, quoting invoice number CH2023-0001" \
		"Chamber of Commerce 71234567" "AGB code of the practice 90061234" "page 1 of 1"
	has credit.txt "Credit note" "Credited invoice" "Total credited" "-€175.00" \
		"This credit note credits invoice CH2023-0001 of 30 November 2023"
	pieces nl >nl.all
	pieces en >en.all
	only_in nl.all en.all >dutch
	none_of dutch nota.txt
	none_of dutch credit.txt
	refute grep -q "november 2023" nota.txt
'

test_expect "a Dutch zorgnota has no English strings" '
	setup ""
	pieces nl >nl.all
	pieces en >en.all
	only_in en.all nl.all >english
	none_of english nota.txt
	none_of english credit.txt
	has nota.txt "Zorgnota" "Notanummer" "30 november 2023" "Totaal te betalen" "€ 175,00"
'

test_expect "a je-practice says je, a u-practice says u (nota and credit note)" '
	setup ""
	pieces nl je >je
	pieces nl u >u
	test "$(wc -l <je)" -ge 3
	has nota.txt "Ik verzoek je het bedrag van € 175,00" "Je kunt deze nota indienen bij je zorgverzekeraar" \
		"jouw verantwoordelijkheid"
	has credit.txt "Heb je die nota al betaald, dan krijg je het bedrag"
	only_in u je >u-only
	none_of u-only nota.txt
	none_of u-only credit.txt
	mkdir u-practice
	cd u-practice
	setup "s/address=\"je\"/address=\"u\"/"
	has nota.txt "Ik verzoek u het bedrag van € 175,00" "U kunt deze nota indienen bij uw zorgverzekeraar"
	has credit.txt "Hebt u die nota al betaald, dan krijgt u het bedrag"
	only_in ../je ../u >je-only
	none_of je-only nota.txt
	none_of je-only credit.txt
'

test_expect "the zorgnota wears the brand colour; without one, the default" '
	setup ""
	"$ZORGDOC" invoice render CH2023-0001 -o nota.xml
	"$ZORGDOC" render nota.xml -o nota.trace
	grep -q "<d:style font=\"sans\" colour=\"#6b3fa0\"/>" nota.xml
	# the practice name, the title and the rule under the letterhead
	test "$(grep -c "#6b3fa0" nota.trace)" -ge 3
	grep "\"Zorgnota\"$" nota.trace | grep -q "#6b3fa0"
	refute grep -qi "#1f4e79" nota.trace
	mkdir plain
	cd plain
	setup "/<branding>/,/<\/branding>/d"
	"$ZORGDOC" invoice render CH2023-0001 -o nota.xml
	"$ZORGDOC" render nota.xml -o nota.trace
	grep "\"Zorgnota\"$" nota.trace | grep -q "#1f4e79"
	refute grep -q "#6b3fa0" nota.trace
'

test_expect "the journal shows the client number the invoice was issued with" '
	setup ""
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-12-01 -o out >/dev/null
	grep -q "^CH2023-0001,2023-11-30,A1,175.00,0.00$" out/journal-2023-11.csv
	grep -q "^CH2023-0002,2023-12-01,A1,-175.00,0.00$" out/journal-2023-11.csv
	# the credited treatments are invoiced again
	grep -q "^CH2023-0003,2023-12-01,A1,175.00,0.00$" out/journal-2023-11.csv
	grep -q "^CH2023-0004,2023-12-01,A2,45.00,0.00$" out/journal-2023-11.csv
	# renumbering the client later changes nothing already issued
	"$ZORGDOC" client edit 1 --ref "Z,9" >/dev/null
	rm out/journal-2023-11.csv
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-12-01 -o out >/dev/null
	grep -q "^CH2023-0001,2023-11-30,A1,175.00,0.00$" out/journal-2023-11.csv
	grep -q "^CH2023-0003,2023-12-01,A1,175.00,0.00$" out/journal-2023-11.csv
	# a new invoice has the new number, quoted for CSV
	"$ZORGDOC" treatment add --client 1 --date 2023-11-20 --tariff consult >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-12-01 -o out >/dev/null
	grep -q "^CH2023-0005,2023-12-01,\"Z,9\",80.00,0.00$" out/journal-2023-11.csv
	test "$(wc -l <out/journal-2023-11.csv)" = 6
'
