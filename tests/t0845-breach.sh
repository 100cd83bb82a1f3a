#!/bin/sh
# zorgdoc breach add|amend|list: the register of data breaches (AVG art.
# 33(5)); reports to the AP later than 72 hours are flagged; entries are
# never changed or deleted, only amended.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_USER=therapeut

add_laptop() {
	"$ZORGDOC" breach add --found 2024-03-01T09:00 --occurred 2024-02-29 \
	    --nature "Laptop gestolen uit de auto" --data "namen en afspraken" --affected 12 \
	    --consequences "Gegevens kunnen door derden worden ingezien" \
	    --measures "Schijf was versleuteld; wachtwoorden gewijzigd" \
	    --ap "$1" ${2:+--ap-reason "$2"} --informed no --informed-reason "laag risico: versleuteld"
}

test_expect "a breach is recorded with every fact the AVG asks for" '
	add_laptop 2024-03-02T15:00 >id
	test "$(cat id)" = 1
	"$ZORGDOC" breach list >out 2>err
	grep -qx "breach 1" out
	grep -qx "  found:              2024-03-01T09:00" out
	grep -qx "  occurred:           2024-02-29" out
	grep -qx "  nature:             Laptop gestolen uit de auto" out
	grep -qx "  data concerned:     namen en afspraken" out
	grep -qx "  people affected:    12" out
	grep -qx "  consequences:       Gegevens kunnen door derden worden ingezien" out
	grep -qx "  measures:           Schijf was versleuteld; wachtwoorden gewijzigd" out
	grep -qx "  reported to the AP: 2024-03-02T15:00" out
	grep -qx "  people informed:    no - laag risico: versleuteld" out
	grep -q "^  recorded:           20.*Z by therapeut$" out
	test ! -s err
'
test_expect "a report to the AP later than 72 hours is flagged" '
	add_laptop 2024-03-04T10:00 >/dev/null
	add_laptop 2024-03-04T09:00 >/dev/null
	add_laptop 2024-03-04 >/dev/null
	add_laptop no "geen risico voor betrokkenen" >/dev/null
	add_laptop pending >/dev/null
	"$ZORGDOC" breach list --date 2024-03-02 >out 2>err
	grep -qx "  reported to the AP: 2024-03-04T10:00  ! LATE: 73 hours after discovery, more than 72" out
	grep -qx "  reported to the AP: 2024-03-04T09:00" out
	# a date alone: counted to the end of that day
	grep -qx "  reported to the AP: 2024-03-04  ! LATE: 86 hours after discovery, more than 72" out
	grep -qx "  reported to the AP: no - geen risico voor betrokkenen" out
	grep -qx "  reported to the AP: pending" out
	grep -q "2 breaches not reported to the AP within 72 hours" err
	"$ZORGDOC" breach list --date 2024-03-10 >out 2>err
	grep -q "  reported to the AP: pending  ! OVERDUE: 230 hours since discovery" out
	grep -q "3 breaches not reported" err
'
test_expect "entries are only amended, with a dated addendum" '
	add_laptop pending >/dev/null
	"$ZORGDOC" breach amend 1 --date 2024-03-03 --text "Melding gedaan via het meldloket" --ap 2024-03-03T11:00
	"$ZORGDOC" breach list --date 2024-03-20 >out 2>err
	grep -qx "  reported to the AP: 2024-03-03T11:00" out
	grep -q "^  addendum 2024-03-03 (recorded 20.*Z by therapeut): Melding gedaan via het meldloket$" out
	grep -qx "    reported to the AP: 2024-03-03T11:00" out
	test ! -s err
	run_status 1 "$ZORGDOC" breach amend 7 --text x 2>err
	grep -q "no breach with id 7" err
	"$ZORGDOC" audit --csv | grep -q ",therapeut,amend,breach,1,,"
	refute zsql dossier.db "DELETE FROM breaches" 2>err
	grep -q "never deleted" err
	refute zsql dossier.db "UPDATE breach_addenda SET text = \"x\"" 2>err
	grep -q "never changed" err
'
test_expect "breach add asks for what is missing" '
	printf "2024-05-01T08:30\n\nE-mail aan verkeerde ontvanger\nverslag\n1\nOntvanger kan het verslag lezen\nOntvanger gevraagd te verwijderen\nno\ngeen risico: ontvanger is een collega-zorgverlener\n2024-05-01\n" |
	    "$ZORGDOC" breach add --prompt >id 2>questions
	test "$(cat id)" = 1
	grep -q "Found on" questions
	"$ZORGDOC" breach list >out
	grep -qx "  occurred:           unknown" out
	grep -qx "  reported to the AP: no - geen risico: ontvanger is een collega-zorgverlener" out
	grep -qx "  people informed:    2024-05-01" out
'
test_expect "bad values are refused, naming the option" '
	run_status 2 "$ZORGDOC" breach add --found 2024-03-01 </dev/null 2>err
	grep -q "breach add needs --nature" err
	run_status 1 add_laptop no 2>err
	grep -q -- "--ap is .no.: give the reason" err
	run_status 1 add_laptop 2024-13-01 2>err
	grep -q -- "--ap is not a date" err
	run_status 1 "$ZORGDOC" breach add --found 2024-03-01 --occurred 2024-03-05 --nature n --data d \
	    --affected 1 --consequences c --measures m --ap pending --informed pending 2>err
	grep -q -- "--occurred is after the date the breach was found" err
	run_status 1 "$ZORGDOC" breach add --found 2024-03-01 --nature n --data d \
	    --affected -3 --consequences c --measures m --ap pending --informed pending 2>err
	grep -q -- "--affected must be a number of people" err
	run_status 1 "$ZORGDOC" breach add --found 2024-03-01T25:00 --nature n --data d \
	    --affected 3 --consequences c --measures m --ap pending --informed pending 2>err
	grep -q -- "--found is not a date" err
	run_status 2 "$ZORGDOC" breach list --nature x 2>err
	grep -q "breach list does not take --nature" err
	run_status 2 "$ZORGDOC" breach delete 1 2>err
	"$ZORGDOC" breach --help | grep -q "^usage: zorgdoc breach"
	test "$("$ZORGDOC" breach list | wc -l)" = 0
'
