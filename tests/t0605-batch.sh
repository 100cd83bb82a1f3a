#!/bin/sh
# zorgdoc invoice batch: idempotent, safe with two processes on one store,
# and a batch killed half way (kill -9) loses nothing: the rerun completes
# with no gap and no duplicate.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

q() { zsql dossier.db "$1"; }

# Checks the store after batches: every client with treatments in the
# period has exactly one invoice, every treatment is on exactly one, and
# the numbers are 1..N without gap or duplicate.
check_complete() {
	n=$1
	test "$(q "PRAGMA integrity_check")" = ok
	test "$(q "PRAGMA foreign_key_check" | wc -l)" = 0
	test "$(q "SELECT count(*) FROM invoices")" = "$n"
	test "$(q "SELECT count(DISTINCT seq) || ' ' || min(seq) || ' ' || max(seq) FROM invoices")" = "$n 1 $n"
	test "$(q "SELECT last_seq FROM number_series")" = "$n"
	test "$(q "SELECT count(*) FROM (SELECT client_id FROM invoices GROUP BY client_id HAVING count(*) > 1)")" = 0
	test "$(q "SELECT count(*) FROM treatments WHERE invoice_id IS NULL")" = 0
	test "$(q "SELECT count(*) FROM invoice_lines")" = "$(q "SELECT count(*) FROM treatments")"
	test "$(q "SELECT count(*) FROM treatments t JOIN invoice_lines l ON l.treatment_id = t.id AND l.invoice_id = t.invoice_id")" = "$(q "SELECT count(*) FROM treatments")"
}

test_expect "a batch invoices every client once; a rerun issues nothing" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 40 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >first
	test "$(wc -l <first)" = 40
	test "$(head -1 first)" = CH2023-0001
	test "$(tail -1 first)" = CH2023-0040
	check_complete 40
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >second
	test ! -s second
	check_complete 40
	"$ZORGDOC" invoice batch --period 2023-10 --date 2023-11-30 >other
	test ! -s other
'
test_expect "treatments added later go on a next invoice, not a second one for old ones" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 5 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" treatment add --client 3 --date 2023-11-29 --tariff consult >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >again
	echo CH2023-0006 >exp
	test_cmp exp again
	test "$(q "SELECT nlines FROM invoices WHERE number = \"CH2023-0006\"")" = 1
'
test_expect "two batches and single invoices at once on one store: numbers gapless and unique" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 300 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >a 2>erra &
	pa=$!
	ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >b 2>errb &
	pb=$!
	# A third process invoices clients one by one from the other end.
	i=300
	while [ $i -gt 200 ]; do
		"$ZORGDOC" invoice create --client $i --period 2023-11 --date 2023-11-30 >>c 2>>errc || true
		i=$((i - 1))
	done
	wait $pa
	wait $pb
	echo "batch a issued $(wc -l <a), batch b $(wc -l <b), single creates $(wc -l <c)"
	refute grep -v "has no uninvoiced treatments" errc
	test -s c
	cat a b c | sort >all
	test "$(wc -l <all)" = 300
	test -z "$(uniq -d all)"
	check_complete 300
'
test_expect "a batch killed half way loses nothing; the rerun completes it" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 1500 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >a 2>err &
	pid=$!
	i=0
	while [ "$(q "SELECT count(*) FROM invoices" 2>/dev/null || echo 0)" -lt 100 ]; do
		i=$((i + 1)); [ $i -lt 2000 ] || exit 1
		sleep 0.01
	done
	kill -9 $pid
	wait $pid || true
	done=$(q "SELECT count(*) FROM invoices")
	echo "killed after $done invoices"
	test "$done" -lt 1500
	test "$(q "PRAGMA integrity_check")" = ok
	test "$(q "SELECT count(DISTINCT seq) || \" \" || min(seq) || \" \" || max(seq) FROM invoices")" = "$done 1 $done"
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >b
	test "$(wc -l <b)" = $((1500 - done))
	check_complete 1500
'
test_expect "progress goes to stderr only on a terminal" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 3 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >out 2>err
	test ! -s err
	test "$(wc -l <out)" = 3
'
test_expect "progress on a terminal: done/total, rate, time left" '
	command -v script >/dev/null || { echo "no script(1): skipped"; exit 0; }
	sh "$SAMPLE" -z "$ZORGDOC" -n 5 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	script -qec "\"$ZORGDOC\" invoice batch --period 2023-11 --date 2023-11-30 >out" /dev/null >tty
	grep -q "invoice batch: 5/5 .*/s .* s left" tty
	grep -q "invoice batch: 5 issued, 0 already invoiced" tty
	test "$(wc -l <out)" = 5
'
