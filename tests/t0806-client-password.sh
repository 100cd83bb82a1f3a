#!/bin/sh
# Client PDF passwords (issue 6 item 5): random, kept in the store, shown
# only on request (audited), and used by invoice render/batch --protect.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db
P="$TESTS_DIR/data/store/practice.xml"
export ZORGDOC_PRACTICE=practice.xml
PWRE="^[2-9a-hjkmnp-z]\{4\}\(-[2-9a-hjkmnp-z]\{4\}\)\{4\}$"

setup() {
	cp "$P" "$(dirname "$P")/logo.png" .
	cat >clients.csv <<-\EOF2
	ref,name,street,postcode,city,birth_date
	A1,Anna Verzonnen,Verzinselstraat 1,1234 AB,Nergensdorp,1980-02-29
	A2,Bram Fictief,Proeflaan 2,1000 AA,Fictiedam,1975-06-01
	A3,Cor Bedacht,Proeflaan 3,1000 AA,Fictiedam,1990-01-01
	EOF2
	cat >treatments.csv <<-\EOF2
	client_ref,date,tariff
	A1,2023-11-03,consult
	A2,2023-11-04,consult-short
	A3,2023-11-05,consult
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >/dev/null
}

test_expect "generate: random, readable, at least 80 bits, printed once; show is audited" '
	setup
	"$ZORGDOC" client password 1 --generate >pw1
	"$ZORGDOC" client password 2 --generate >pw2
	grep -q "$PWRE" pw1
	grep -q "$PWRE" pw2
	refute cmp -s pw1 pw2
	run_status 1 "$ZORGDOC" client password 1 --generate >out 2>err
	test ! -s out
	grep -q "client 1 has a PDF password already" err
	refute grep -qf pw1 err
	"$ZORGDOC" client password 1 --show >shown
	test_cmp pw1 shown
	"$ZORGDOC" client password 1 --generate --replace >pw1b
	grep -q "$PWRE" pw1b
	refute cmp -s pw1 pw1b
	zsql dossier.db "SELECT action, entity, record_id FROM audit WHERE entity = \"client_password\" ORDER BY id" >audit
	printf "generate|client_password|1\ngenerate|client_password|2\nshow|client_password|1\ngenerate|client_password|1\n" >exp
	test_cmp exp audit
	zsql dossier.db "SELECT * FROM audit" >all
	refute grep -qf pw1b all
	if strings dossier.db | grep -qf pw1b; then echo "unexpected: the store shows the password"; false; fi
'
test_expect "passwords are never the same twice (100 of them)" '
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	i=0
	while [ $i -lt 100 ]; do
		i=$((i + 1))
		"$ZORGDOC" client password 1 --generate --replace
	done >all
	test "$(sort -u all | wc -l)" = 100
	test "$(grep -c "$PWRE" all)" = 100
'
test_expect "client password refuses bad use" '
	setup
	run_status 1 "$ZORGDOC" client password 9 --generate 2>err
	grep -q "no client with id 9" err
	run_status 1 "$ZORGDOC" client password 1 --show 2>err
	grep -q "client 1 has no PDF password" err
	run_status 2 "$ZORGDOC" client password 1 2>err
	run_status 2 "$ZORGDOC" client password 1 --show --generate 2>err
	run_status 2 "$ZORGDOC" client password 1 --show --replace 2>err
	run_status 2 "$ZORGDOC" client password --generate 2>err
'
test_expect "invoice render --protect uses the client'\''s own password (AES-256)" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice create --client 2 --period 2023-11 --date 2023-11-30 >/dev/null
	run_status 1 "$ZORGDOC" invoice render CH2023-0001 -o n1.pdf --protect 2>err
	grep -q "client 1 has no PDF password; make one with .zorgdoc client password 1 --generate." err
	test ! -e n1.pdf
	"$ZORGDOC" client password 1 --generate >pw1
	"$ZORGDOC" invoice render CH2023-0001 -o n1.pdf --protect 2>err
	test ! -s err
	if pdftotext n1.pdf - >/dev/null 2>&1; then echo "unexpected: n1.pdf opens without its password"; false; fi
	pdftotext -upw "$(cat pw1)" n1.pdf - | grep -q CH2023-0001
	qpdf --show-encryption --password="$(cat pw1)" n1.pdf >enc
	grep -q "R = 6" enc
	grep -qi "AESv3" enc
	run_status 2 "$ZORGDOC" invoice render CH2023-0001 -o n1.txt --protect 2>err
	printf "x1234567\n" >pwf
	run_status 2 "$ZORGDOC" invoice render CH2023-0001 -o n2.pdf --protect --password-file pwf 2>err
	run_status 2 "$ZORGDOC" invoice create --client 3 --protect 2>err
'
test_expect "batch --protect: refused for a client without a password, nothing issued or written" '
	setup
	"$ZORGDOC" client password 2 --generate >/dev/null
	run_status 1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --protect >issued 2>err
	grep -q "client 1 has no PDF password" err
	grep -q "client 3 has no PDF password" err
	refute grep -q "client 2 " err
	test ! -s issued
	test ! -e out
	test "$(zsql dossier.db "SELECT count(*) FROM invoices")" = 0
	run_status 2 "$ZORGDOC" invoice batch --period 2023-11 --protect 2>err
'
test_expect "batch --protect: each PDF with its client'\''s password, the merged copy open" '
	setup
	for c in 1 2 3; do "$ZORGDOC" client password $c --generate >pw$c; done
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --protect >issued
	test "$(wc -l <issued)" = 3
	for c in 1 2 3; do
		n=$(sed -n "${c}p" issued)
		if pdftotext out/$n.pdf - >/dev/null 2>&1; then echo "unexpected: out/$n.pdf opens without its password"; false; fi
		pdftotext -upw "$(cat pw$c)" out/$n.pdf - | grep -q "$n"
	done
	if pdftotext -upw "$(cat pw1)" out/CH2023-0002.pdf - >/dev/null 2>&1; then echo "unexpected: client 1 password opens CH2023-0002.pdf"; false; fi
	pdftotext out/notas-2023-11.pdf all.txt
	grep -q CH2023-0001 all.txt
	grep -q CH2023-0003 all.txt
	test "$(pdfinfo out/notas-2023-11.pdf | sed -n "s/^Pages: *//p")" -ge 3
	cp out/notas-2023-11.pdf merged.before
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --protect >again
	test ! -s again
	cmp out/notas-2023-11.pdf merged.before
'
