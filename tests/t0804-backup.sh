#!/bin/sh
# zorgdoc store backup: a consistent, encrypted copy of a live store,
# written whole (never half a file), 0600, never over an existing file
# without --force; it opens with the same passphrase and passes the check.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

test_expect "a backup opens with the same passphrase and holds the same records" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 20 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >/dev/null
	umask 022
	"$ZORGDOC" store backup copy.db >out
	grep -q "backup written: copy.db" out
	test "$(stat -c %a copy.db)" = 600
	test "$(head -c 16 copy.db | od -An -tx1)" = "$(head -c 16 dossier.db | od -An -tx1)"
	"$ZORGDOC" store check --db copy.db | grep -q "^ok:"
	"$ZORGDOC" client list >a
	"$ZORGDOC" client list --db copy.db >b
	test_cmp a b
	"$ZORGDOC" invoice list >a
	"$ZORGDOC" invoice list --db copy.db >b
	test_cmp a b
	run_status 3 env ZORGDOC_PASSPHRASE=wrongwrong "$ZORGDOC" client list --db copy.db 2>/dev/null
	if strings copy.db | grep -q "CH2023-"; then echo "unexpected: copy.db shows an invoice number"; false; fi
'
test_expect "an existing file is kept unless --force; the store itself never" '
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	echo "keep me" >copy.db
	run_status 1 "$ZORGDOC" store backup copy.db 2>err
	grep -q "exists already; give --force" err
	test "$(cat copy.db)" = "keep me"
	"$ZORGDOC" store backup copy.db --force >/dev/null
	"$ZORGDOC" client list --db copy.db | grep -q Anna
	cp dossier.db before.db
	run_status 1 "$ZORGDOC" store backup dossier.db --force 2>err
	grep -q "the store itself" err
	cmp dossier.db before.db
	ls -a >files
	refute grep -q tmp files
'
test_expect "a backup of a missing store is an error and makes no store" '
	run_status 3 "$ZORGDOC" store backup copy.db 2>err
	grep -q "no store here" err
	test ! -e dossier.db
	test ! -e copy.db
'
test_expect "a failed backup leaves no file behind" '
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	run_status 3 "$ZORGDOC" store backup nodir/copy.db 2>err
	test ! -e nodir
	ZORGDOC_PASSPHRASE=wrongwrong run_status 3 "$ZORGDOC" store backup copy.db 2>err
	test ! -e copy.db
	ls -a >files
	refute grep -q tmp files
'
test_expect "backups during a batch are consistent snapshots" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 300 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	zsql dossier.db "SELECT count(*) FROM treatments" >treatments.all
	ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >issued 2>err &
	pid=$!
	i=0
	while [ $i -lt 10 ] && kill -0 $pid 2>/dev/null; do
		i=$((i + 1))
		"$ZORGDOC" store backup copy$i.db >/dev/null
	done
	copies=$i
	wait $pid
	test "$(wc -l <issued)" = 300
	mid=0
	i=0
	while [ $i -lt $copies ]; do
		i=$((i + 1))
		"$ZORGDOC" store check --db copy$i.db >check 2>/dev/null
		grep -q "^ok:" check
		zsql copy$i.db "SELECT count(*) FROM treatments" >t
		test_cmp treatments.all t
		n=$(zsql copy$i.db "SELECT count(*) FROM invoices")
		# the invoices are the first n of the batch, every one whole
		test "$(zsql copy$i.db "SELECT coalesce(max(seq), 0) FROM invoices")" = "$n"
		test "$(zsql copy$i.db "SELECT count(*) FROM treatments WHERE invoice_id IS NOT NULL")" = \
		    "$(zsql copy$i.db "SELECT count(*) FROM invoice_lines")"
		if [ "$n" -gt 0 ]; then
			test "$(zsql copy$i.db "SELECT number FROM invoices ORDER BY seq DESC LIMIT 1")" = \
			    "$(sed -n "${n}p" issued)"
		fi
		[ "$n" -gt 0 ] && [ "$n" -lt 300 ] && mid=$((mid + 1))
		echo "copy$i: $n invoices"
	done
	echo "$mid copies made mid-batch"
	test $mid -ge 1
'
