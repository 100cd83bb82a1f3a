#!/bin/sh
# Faults: kill -9 in the middle of work. A batch writing PDFs killed
# several times over, an import killed while it writes the store, a
# render killed while it replaces a file. Afterwards the store passes its
# integrity checks, invoice numbers have no gap or duplicate, the output
# directory holds no half-written file (nothing visible that looks like a
# result; every PDF passes qpdf --check), the old version of a replaced
# file is whole, and a rerun completes the work.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

# wait_for CMD LIMIT: polls (10 ms) until CMD prints a number >= LIMIT
# while $pid runs; fails when the process ends first.
wait_for() {
	_i=0
	while :; do
		_n=$(eval "$1" 2>/dev/null) || true
		case $_n in ''|*[!0-9]*) _n=0 ;; esac
		[ "$_n" -lt "$2" ] || break
		kill -0 $pid 2>/dev/null || { echo "the process ended before the kill"; return 1; }
		_i=$((_i + 1)); [ $_i -lt 6000 ] || { echo "nothing after 60 s"; return 1; }
		sleep 0.01
	done
}

test_expect "a batch with -o killed three times: store whole, numbers gapless, no partial PDF; the rerun completes" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 150 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	prev=0
	for at in 10 40 80; do
		ZORGDOC_BATCH_CHUNK=1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >>issued 2>>err &
		pid=$!
		wait_for "ls out | grep -c \"^CH.*pdf$\"" $at
		kill -9 $pid
		wait $pid || true
		store_intact dossier.db
		n=$("$ZORGDOC" invoice list | wc -l)
		pdfs=$(ls out | grep -c "^CH.*pdf$") || true
		echo "killed at $n invoices, $pdfs PDFs"
		test "$n" -ge "$prev"
		# killed before the batch was done (with rendering workers the
		# parent issues ahead of them: every number may be given already)
		test "$pdfs" -lt 150
		numbers_gapless "$n"
		outdir_clean out
		prev=$n
	done
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >>issued
	store_intact dossier.db
	numbers_gapless 150
	outdir_clean out
	# every invoice has its PDF, the journal lists each once, and the
	# killed runs left no temp file behind, not even a hidden one
	test "$(ls out/CH*.pdf | wc -l)" = 150
	test "$(tail -n +2 out/journal-2023-11.csv | cut -d, -f1 | sort -u | wc -l)" = 150
	test "$(ls -A out | grep -c "^\\.")" = 0
	test "$(qpdf --show-npages out/notas-2023-11.pdf)" -ge 150
	# what the killed runs printed was issued: each number once, in the list
	sort issued | uniq -d >dups
	test ! -s dups
	"$ZORGDOC" invoice list | cut -f1 | sort >all
	sort issued | comm -23 - all >unknown
	test ! -s unknown
'

test_expect "an import killed at five moments of its write: all or nothing each time, the store whole, the rerun imports" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 5 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	awk "BEGIN { print \"name,city,birth_date\"; for (i = 0; i < 30000; i++) printf \"Naam Verzonnen %d,Nergensdorp,1980-01-02\\n\", i }" >big.csv
	for delay in 0 0.02 0.05 0.1 0.2; do
		"$ZORGDOC" import big.csv >out 2>err &
		pid=$!
		# the rollback journal exists only while it writes
		wait_for "test -e dossier.db-journal && echo 1" 1
		sleep $delay
		kill -9 $pid 2>/dev/null || true
		wait $pid || true
		store_intact dossier.db
		n=$("$ZORGDOC" client list | wc -l)
		echo "after a kill at $delay s: $n clients"
		case $n in 5) ;; 30005) break ;; *) echo "half an import: $n"; exit 1 ;; esac
	done
	test "$n" = 5 || exit 0
	"$ZORGDOC" import big.csv >out
	grep -q "imported 30000 clients" out
	test "$("$ZORGDOC" client list | wc -l)" = 30005
	store_intact dossier.db
'

test_expect "a render killed while it replaces a PDF: the file is the old or the new version, whole" '
	cp "$TESTS_DIR/layout/agreement.xml" "$TESTS_DIR/layout/logo.png" "$TESTS_DIR/layout/logo.svg" .
	"$ZORGDOC" render agreement.xml -o x.pdf
	cp x.pdf v1.pdf
	sed "s/Partijen/Betrokkenen/g" agreement.xml >new.xml
	"$ZORGDOC" render new.xml -o v2.pdf
	refute cmp -s v1.pdf v2.pdf
	for delay in 0.01 0.03 0.06 0.1 0.15 0.2 0.3; do
		"$ZORGDOC" render new.xml -o x.pdf &
		pid=$!
		sleep $delay
		kill -9 $pid 2>/dev/null || true
		wait $pid || true
		cmp -s x.pdf v1.pdf || cmp x.pdf v2.pdf
		qpdf --check x.pdf >/dev/null
		test -z "$(ls | grep -v "^\\(agreement.xml\\|new.xml\\|logo.png\\|logo.svg\\|x.pdf\\|v1.pdf\\|v2.pdf\\)$")"
		cp v1.pdf x.pdf
	done
'
