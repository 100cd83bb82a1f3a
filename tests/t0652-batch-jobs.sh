#!/bin/sh
# zorgdoc invoice batch -o DIR --jobs N: rendering workers give the same
# files as one process; a killed worker or a killed batch is a clear
# failure and the rerun completes it with no gap, no duplicate and only
# valid PDFs; a PDF damaged by a crash is rendered again; a rerun rewrites
# nothing.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

q() { zsql dossier.db "$1"; }
# state DIR: name, inode, mtime and hash of every file (the rerun check)
state() { (cd "$1" && for f in *; do printf "%s %s " "$f" "$(stat -c "%i %Y" "$f")"; sha256sum <"$f"; done); }
# complete N: invoices 1..N without gap or duplicate, one per client, and
# out/ holds exactly their N complete PDFs and a merged copy of N pages.
complete() {
	n=$1
	test "$(q "SELECT count(*) || ' ' || count(DISTINCT seq) || ' ' || min(seq) || ' ' || max(seq) FROM invoices")" = "$n $n 1 $n"
	test "$(q "SELECT count(*) FROM (SELECT client_id FROM invoices GROUP BY client_id HAVING count(*) > 1)")" = 0
	test "$(q "SELECT count(*) FROM treatments WHERE invoice_id IS NULL")" = 0
	test "$(ls out | grep -c "^CH2023-[0-9]*\.pdf$")" = "$n"
	test "$(head -qc 5 out/CH2023-*.pdf | grep -o "%PDF-" | wc -l)" = "$n"
	test "$(tail -qc 7 out/CH2023-*.pdf | grep -c "%%EOF")" = "$n"
	qpdf --check out/notas-2023-11.pdf >/dev/null
	test "$(pdfinfo out/notas-2023-11.pdf | sed -n "s/^Pages: *//p")" = "$n"
	test "$(wc -l <out/journal-2023-11.csv)" = $((n + 1))
}
# workers PID: the pids of PID's child processes (quickly: the batch must
# still be running when one is killed)
workers() {
	if [ -r "/proc/$1/task/$1/children" ]; then
		tr ' ' '\n' <"/proc/$1/task/$1/children" | grep .
	else
		ps -o pid= --ppid "$1"
	fi
}
# wait_pdfs N: until out/ holds at least N PDFs (or give up)
wait_pdfs() {
	i=0
	while [ "$(ls out 2>/dev/null | grep -c "^CH.*\.pdf$")" -lt "$1" ]; do
		i=$((i + 1)); [ $i -lt 3000 ] || return 1
		sleep 0.01
	done
}

test_expect "--jobs 2 writes the same bytes as --jobs 1" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 30 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	cp dossier.db two.db
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o one --jobs 1 >n1
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o two --jobs 2 --db two.db >n2
	test "$(wc -l <n1)" = 30
	test_cmp n1 n2
	test "$(ls one | wc -l)" = 32
	diff -r one two
	qpdf --check one/notas-2023-11.pdf >/dev/null
	test "$(pdfinfo one/notas-2023-11.pdf | sed -n "s/^Pages: *//p")" = 30
	pdftotext -f 17 -l 17 one/notas-2023-11.pdf - | grep -q CH2023-0017
	run_status 2 "$ZORGDOC" invoice batch --period 2023-11 -o x --jobs 0 2>err
	grep -q "jobs takes a number" err
	run_status 2 "$ZORGDOC" invoice list --jobs 2 2>err
	grep -q "jobs is for invoice batch" err
'

test_expect "a rerun rewrites nothing; a PDF damaged by a crash is rendered again" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 8 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >/dev/null
	state out >s1
	cp out/CH2023-0003.pdf three.pdf
	sleep 1
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >again
	test ! -s again
	state out >s2
	test_cmp s1 s2
	# what a crash before the data reached the disk leaves: a cut-off
	# file, an empty one, one of NUL bytes
	head -c 2000 three.pdf >out/CH2023-0003.pdf
	: >out/CH2023-0005.pdf
	head -c 3000 /dev/zero >out/CH2023-0006.pdf
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >again
	test ! -s again
	cmp three.pdf out/CH2023-0003.pdf
	"$ZORGDOC" invoice render CH2023-0005 -o five.pdf
	cmp five.pdf out/CH2023-0005.pdf
	tail -c 7 out/CH2023-0006.pdf | grep -q "%%EOF"
	# the other files are untouched, and the merged copy (same invoices,
	# same /ID) is not rebuilt
	state out | grep -v "^CH2023-000[356]" >s3
	grep -v "^CH2023-000[356]" s1 >s1b
	test_cmp s1b s3
'

test_expect "a killed worker fails the batch clearly; the rerun completes it" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 600 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >a 2>err &
	pid=$!
	wait_pdfs 5 || { echo "no PDFs appeared"; false; }
	w=$(workers $pid | head -1)
	echo "worker: ${w:-none found}"
	test -n "$w"
	kill -9 $w
	set +e; wait $pid; st=$?; set -e
	echo "batch exit status $st after killing worker $w"
	test $st = 1
	grep -q "rendering worker $w was killed by signal 9" err
	grep -q "run the batch again" err
	test ! -e out/notas-2023-11.pdf
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >b
	cat a b | sort >all
	test -z "$(uniq -d all)"
	complete 600
'

test_expect "a batch killed half way (kill -9): the rerun completes it, every PDF valid" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 400 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >a 2>err &
	pid=$!
	wait_pdfs 20
	kill -9 $pid
	wait $pid || true
	done=$(q "SELECT count(*) FROM invoices")
	echo "killed after $done invoices"
	test "$done" -lt 400
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --jobs 2 >b
	test "$(wc -l <b)" = $((400 - done))
	complete 400
	for n in 0001 0100 0399; do qpdf --check out/CH2023-$n.pdf >/dev/null; done
'
