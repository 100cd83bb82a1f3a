#!/bin/sh
# zorgdoc import: clients and treatments from CSV; errors by line and
# field; nothing imported from files with errors; quotes, CRLF, BOM, ';'.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"

count() { "$ZORGDOC" client list >/dev/null; zsql dossier.db "SELECT count(*) FROM $1"; }

test_expect "clients and treatments are imported" '
	cat >clients.csv <<-\EOF2
	ref,name,street,postcode,city,birth_date,guardian
	A1,Anna Verzonnen,Verzinselstraat 1,1234ab,Nergensdorp,1980-02-29,
	A2,"Fictief, Bram","Laan ""de Proef"" 3",1000 AA,Fictiedam,2012-06-01,Ouder Een; Ouder Twee
	EOF2
	cat >treatments.csv <<-\EOF2
	client_ref,date,tariff,amount,note
	A1,2023-11-03,consult,,"Eerste regel
	tweede regel"
	A2,2023-11-04,intake,"90,00",
	A2,2023-11-11,consult,85.00,
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >out
	grep -qx "imported 2 clients and 3 treatments" out
	"$ZORGDOC" client show 2 >show
	grep -qx "name: Fictief, Bram" show
	grep -qx "street: Laan \"de Proef\" 3" show
	test "$(grep -c ^guardian: show)" = 2
	"$ZORGDOC" treatment list >list
	printf "1\t1\t2023-11-03\tconsult\t24004\t80.00\t-\n2\t2\t2023-11-04\tintake\t24004\t90.00\t-\n3\t2\t2023-11-11\tconsult\t24004\t85.00\t-\n" >exp
	test_cmp exp list
	"$ZORGDOC" treatment show 1 | grep -A1 "^note: Eerste regel" | grep -qx "tweede regel"
'
test_expect "errors are reported by file, line and field; nothing is imported" '
	printf "name,birth_date,bsn,postcode\nAnna Verzonnen,1980-01-01,,\nBram Fictief,1980-02-30,,\nCor Bedacht,1980-01-01,123456789,\nDaan Nep,1980-01-01,,99\n" >clients.csv
	run_status 1 "$ZORGDOC" import clients.csv 2>err
	grep -qx "clients.csv:3: error: field .birth_date. is not a date (YYYY-MM-DD)" err
	grep -qx "clients.csv:4: error: field .bsn. fails the BSN 11-test" err
	grep -qx "clients.csv:5: error: field .postcode. is not a Dutch postcode (1234 AB)" err
	grep -q "nothing was imported (3 problems)" err
	refute grep -q "Bram\|Cor\|Daan\|123456789" err
	test "$(count clients)" = 0
'
test_expect "one bad treatment file stops the good clients file too" '
	printf "ref,name\nA1,Anna Verzonnen\n" >clients.csv
	printf "client_ref,date,tariff\nA1,2023-11-03,consult\nA1,2023-11-04,massage\nA9,2023-11-05,consult\nA1,03-11-2023,consult\nA1,2023-11-06,consult,extra\n" >treatments.csv
	run_status 1 "$ZORGDOC" import clients.csv treatments.csv 2>err
	grep -q "^treatments.csv:3: error: field .tariff.: no such tariff" err
	grep -q "^treatments.csv:5: error: field .date. is not a date" err
	grep -q "^treatments.csv:6: error: the row has 4 fields, the header 3" err
	test "$(count clients)" = 0
	test "$(count treatments)" = 0
'
test_expect "a client that does not exist is reported by line (checked in the store)" '
	printf "ref,name\nA1,Anna Verzonnen\n" >clients.csv
	printf "client_ref,date,tariff\nA1,2023-11-03,consult\nA9,2023-11-05,consult\n" >treatments.csv
	run_status 1 "$ZORGDOC" import clients.csv treatments.csv 2>err
	grep -q "^treatments.csv:3: error: no client with number (ref) .A9." err
	printf "client,date,tariff\n42,2023-11-05,consult\n" >t2.csv
	run_status 1 "$ZORGDOC" import t2.csv 2>err
	grep -q "^t2.csv:2: error: no client with id 42" err
	test "$(count clients)" = 0
	test "$(count treatments)" = 0
'
test_expect "CRLF, a byte order mark, semicolons and Excel-style headers" '
	printf "\357\273\277Name;Birth Date;Postcode;City\r\n\"Verzonnen; Anna\";1980-01-01;1234 AB;Nergensdorp\r\nZoë Ærø;1990-12-31;;\r\n" >clients.csv
	"$ZORGDOC" import clients.csv
	"$ZORGDOC" client show 1 | grep -qx "name: Verzonnen; Anna"
	"$ZORGDOC" client show 2 | grep -qx "name: Zoë Ærø"
	"$ZORGDOC" client show 2 | grep -qx "birth_date: 1990-12-31"
'
test_expect "broken CSV: quotes, bad UTF-8, unknown columns, empty file" '
	printf "name\n\"Anna\n" >a.csv
	run_status 1 "$ZORGDOC" import a.csv 2>err
	grep -q "^a.csv:2: error: a quoted field is not closed" err
	printf "name\nAn\"na\n" >b.csv
	run_status 1 "$ZORGDOC" import b.csv 2>err
	grep -q "^b.csv:2: error: a quote inside an unquoted field" err
	printf "name\nAn\377na\n" >c.csv
	run_status 1 "$ZORGDOC" import c.csv 2>err
	grep -q "^c.csv:2: error: field .name. is not valid UTF-8" err
	printf "name,shoe_size\nAnna,42\n" >d.csv
	run_status 1 "$ZORGDOC" import d.csv 2>err
	grep -q "^d.csv:1: error: column 2: unknown column .shoe_size." err
	: >e.csv
	run_status 1 "$ZORGDOC" import e.csv 2>err
	grep -q "the file is empty" err
	printf "foo,bar\n1,2\n" >f.csv
	run_status 1 "$ZORGDOC" import f.csv 2>err
	grep -q "cannot tell what the file holds" err
	printf "name\nAnna\nBr\000am\n" >g.csv
	run_status 1 "$ZORGDOC" import g.csv 2>err
	grep -q "^g.csv:3: error: the file contains a NUL byte" err
	run_status 1 "$ZORGDOC" import missing.csv 2>err
	test "$(count clients)" = 0
'
test_expect "amounts are parsed strictly" '
	printf "ref,name\nA1,Anna\n" >clients.csv
	"$ZORGDOC" import clients.csv >/dev/null
	for a in "85,5" "1.000,00" "-5" "€85" "85,000" "85 ,00" "1e3" "100000,01"; do
		printf "client_ref,date,tariff,amount\nA1,2023-11-03,consult,\"%s\"\n" "$a" >t.csv
		run_status 1 "$ZORGDOC" import t.csv 2>err || { echo "accepted $a"; exit 1; }
		grep -q "field .amount. is not an amount" err
	done
	test "$(count treatments)" = 0
'
test_expect "long and hostile values are refused, not cut" '
	awk "BEGIN { printf \"name,city\\nAnna,\"; for (i = 0; i < 10000; i++) printf \"x\"; print \"\" }" >long.csv
	run_status 1 "$ZORGDOC" import long.csv 2>err
	grep -q "^long.csv:2: error: field .city. is too long" err
	printf "name,city\n=cmd|calc,Nergensdorp\n\"Anna\",\"\033[31mred\"\n" >esc.csv
	run_status 1 "$ZORGDOC" import esc.csv 2>err
	grep -q "^esc.csv:3: error: field .city. contains a control character" err
	test "$(count clients)" = 0
'
test_expect "an import killed half way leaves the store as it was" '
	"$ZORGDOC" client list >/dev/null
	awk "BEGIN { print \"name,city\"; for (i = 0; i < 100000; i++) printf \"Naam Verzonnen %d,Nergensdorp\\n\", i }" >big.csv
	"$ZORGDOC" import big.csv >out 2>err &
	pid=$!
	# Kill it while it writes: the rollback journal exists only then.
	i=0
	while [ ! -e dossier.db-journal ]; do
		kill -0 $pid || { echo "the import ended before it could be killed"; exit 1; }
		i=$((i + 1)); [ $i -lt 12000 ] || { echo "no write after 2 minutes"; exit 1; }
		sleep 0.01
	done
	kill -9 $pid
	wait $pid || true
	test -e dossier.db-journal
	test "$(zsql dossier.db "PRAGMA integrity_check")" = ok
	test "$(count clients)" = 0
	test ! -s out
'
