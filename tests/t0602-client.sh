#!/bin/sh
# zorgdoc client add|list|show|edit: fields, checks (BSN 11-test,
# postcode, dates), guardians of minors.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db

test_expect "add, list and show a client" '
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Verzinselstraat 1" \
	    --postcode 1234ab --city Nergensdorp --birth-date 1980-02-29 \
	    --email anna@voorbeeld.example --phone "06-12345678" --ref A1 >id
	test "$(cat id)" = 1
	"$ZORGDOC" client list >out
	printf "1\tAnna Verzonnen\t1980-02-29\tNergensdorp\n" >exp
	test_cmp exp out
	"$ZORGDOC" client show 1 >out
	grep -qx "postcode: 1234 AB" out
	grep -qx "ref: A1" out
	grep -qx "email: anna@voorbeeld.example" out
'
test_expect "edit changes only the given fields; empty clears" '
	"$ZORGDOC" client add --name "Anna Verzonnen" --city Nergensdorp --phone 0612345678 >/dev/null
	"$ZORGDOC" client edit 1 --city Fictiedam --phone ""
	"$ZORGDOC" client show 1 >out
	grep -qx "city: Fictiedam" out
	grep -qx "name: Anna Verzonnen" out
	refute grep -q phone out
'
test_expect "BSN: the 11-test is applied" '
	"$ZORGDOC" client add --name "Anna Verzonnen" --bsn 111222333 >/dev/null
	run_status 1 "$ZORGDOC" client add --name "Bram Fictief" --bsn 123456789 2>err
	grep -q "field .bsn. fails the BSN 11-test" err
	refute grep -q 123456789 err
	run_status 1 "$ZORGDOC" client add --name "Bram Fictief" --bsn 12345678 2>err
	grep -q "is not a BSN (9 digits)" err
	run_status 1 "$ZORGDOC" client add --name "Bram Fictief" --bsn 000000000 2>err
	"$ZORGDOC" client list >out
	test "$(wc -l <out)" = 1
'
test_expect "bad values are refused with the field named" '
	run_status 1 "$ZORGDOC" client add --name "Anna" --birth-date 2023-02-29 2>err
	grep -q "field .birth_date. is not a date" err
	run_status 1 "$ZORGDOC" client add --name "Anna" --postcode 12345 2>err
	grep -q "field .postcode. is not a Dutch postcode" err
	"$ZORGDOC" client add --name "Anna" --postcode "B-1000" --country BE >/dev/null
	run_status 1 "$ZORGDOC" client add --name "Anna" --postcode "B-1000" --country NL 2>err
	grep -q "field .postcode. is not a Dutch postcode" err
	run_status 1 "$ZORGDOC" client add --name "Anna" --email nope 2>err
	grep -q "field .email. is not an e-mail address" err
	run_status 1 "$ZORGDOC" client add --name "$(printf "An\033na")" 2>err
	grep -q "control character" err
	run_status 1 "$ZORGDOC" client add --city X 2>err
	grep -q "field .name. is required" err
'
test_expect "names in any script are kept as given" '
	"$ZORGDOC" client add --name "Zoë Ñúñez-Ærø" >/dev/null
	"$ZORGDOC" client add --name "مريم الفرضية" >/dev/null
	"$ZORGDOC" client add --name "王小明" >/dev/null
	"$ZORGDOC" client show 2 | grep -qx "name: مريم الفرضية"
	"$ZORGDOC" client show 3 | grep -qx "name: 王小明"
'
test_expect "guardians of a minor; edit replaces them" '
	"$ZORGDOC" client add --name "Kind Verzonnen" --birth-date 2015-05-01 \
	    --guardian "Ouder Een" --guardian "Ouder Twee" >/dev/null
	"$ZORGDOC" client show 1 | grep -c "^guardian:" >n
	test "$(cat n)" = 2
	"$ZORGDOC" client edit 1 --guardian "Voogd Drie"
	"$ZORGDOC" client show 1 | grep "^guardian:" >out
	echo "guardian: Voogd Drie" >exp
	test_cmp exp out
'
test_expect "the practice client number is unique" '
	"$ZORGDOC" client add --name "Anna" --ref K7 >/dev/null
	run_status 1 "$ZORGDOC" client add --name "Bram" --ref K7 2>err
	grep -q "already in use" err
'
test_expect "usage errors exit 2; unknown ids exit 1" '
	run_status 2 "$ZORGDOC" client frob 2>err
	run_status 2 "$ZORGDOC" client add --nme x 2>err
	grep -q "unknown option" err
	run_status 2 "$ZORGDOC" client show 2>err
	run_status 1 "$ZORGDOC" client show 42 2>err
	grep -q "no client with id 42" err
	run_status 2 "$ZORGDOC" client edit 1 2>err
'
