#!/bin/sh
# zorgdoc invoice batch -o DIR: one PDF per invoice, the journal and the
# accountant's merged PDF; a rerun rewrites nothing; a PDF lost after a
# killed batch is rendered again; pre-flight refusals still number nothing.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

# state DIR: name, inode, mtime and hash of every file (the rerun check)
state() { (cd "$1" && for f in *; do printf "%s %s " "$f" "$(stat -c "%i %Y" "$f")"; sha256sum <"$f"; done); }

test_expect "batch -o writes one PDF per invoice, the journal and the merged PDF" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 12 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >issued
	test "$(wc -l <issued)" = 12
	ls out >files
	test "$(grep -c "^CH2023-00[0-9][0-9]\.pdf$" files)" = 12
	test "$(wc -l <files)" = 14
	for n in $(cat issued); do
		test "$(pdfinfo out/$n.pdf | sed -n "s/^Pages: *//p")" = 1
		pdftotext out/$n.pdf - | grep -q "$n"
	done
	# each PDF is the one invoice render makes
	"$ZORGDOC" invoice render CH2023-0007 -o seven.pdf
	cmp seven.pdf out/CH2023-0007.pdf
	head -1 out/journal-2023-11.csv >h
	echo "number,date,client,amount,vat" >exp
	test_cmp exp h
	test "$(wc -l <out/journal-2023-11.csv)" = 13
	total=$("$ZORGDOC" invoice show CH2023-0003 | sed -n "s/.*<total-cents>\(.*\)<.*/\1/p")
	# the client column holds the client number of the practice, as on the
	# invoice (sample-dossier.sh numbers clients S00001, ...), never the
	# internal store id
	grep -q "^CH2023-0003,2023-11-30,S00003,$((total / 100))\.$(printf %02d $((total % 100))),0.00$" out/journal-2023-11.csv
	refute grep -q "^CH2023-0003,2023-11-30,3," out/journal-2023-11.csv
	test "$(pdfinfo out/notas-2023-11.pdf | sed -n "s/^Pages: *//p")" = 12
	pdftotext -f 5 -l 5 out/notas-2023-11.pdf - | grep -q CH2023-0005
'

test_expect "a rerun rewrites nothing; a credit note changes journal and merged PDF only" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 6 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null
	state out >s1
	sleep 1
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >again
	test ! -s again
	state out >s2
	test_cmp s1 s2
	"$ZORGDOC" invoice credit CH2023-0002 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null
	state out >s3
	grep "^CH2023-0001.pdf" s1 >a; grep "^CH2023-0001.pdf" s3 >b
	test_cmp a b
	grep -q "^CH2023-0007,2023-11-30,S00002,-" out/journal-2023-11.csv
	# the credited treatments are invoiced again: CH2023-0008
	grep -q "^CH2023-0008,2023-11-30,S00002,[0-9]" out/journal-2023-11.csv
	test "$(wc -l <out/journal-2023-11.csv)" = 9
	refute test "$(grep "^journal" s1)" = "$(grep "^journal" s3)"
	refute test "$(grep "^notas" s1)" = "$(grep "^notas" s3)"
	test "$(pdfinfo out/notas-2023-11.pdf | sed -n "s/^Pages: *//p")" = 8
	pdftotext -f 7 -l 7 out/notas-2023-11.pdf - | grep -q Creditnota
'

test_expect "an existing PDF is never replaced; a missing one is rendered again" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 4 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	mkdir out
	echo "not ours" >out/CH2023-0002.pdf
	# the file is left alone (it is no damaged PDF of ours); no merged copy
	run_status 1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null 2>err
	echo "not ours" >exp
	test_cmp exp out/CH2023-0002.pdf
	grep -q "CH2023-0002.pdf: error: not a complete PDF and not one zorgdoc wrote" err
	test ! -e out/notas-2023-11.pdf
	test "$(wc -l <err)" = 1
	pdftotext out/CH2023-0004.pdf - | grep -q CH2023-0004
	rm out/CH2023-0002.pdf out/CH2023-0003.pdf
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null
	pdftotext out/CH2023-0002.pdf - | grep -q CH2023-0002
	pdftotext out/CH2023-0003.pdf - | grep -q CH2023-0003
	test -z "$(ls -a out | grep partial)"
'

test_expect "a PDF rendered again is an audit entry; the first rendering goes with its issue entry" '
	export ZORGDOC_USER=therapeut
	sh "$SAMPLE" -z "$ZORGDOC" -n 4 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	# issued before the batch: the batch renders it from its snapshot
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null
	rows() {
		"$ZORGDOC" audit --action "$1" --csv | awk -F, "NR > 1 { print \$3, \$4, \$5, \$6, \$7, \$8 }"
	}
	client_of() { zsql dossier.db "SELECT client_id FROM invoices WHERE number = '"'"'$1'"'"'"; }
	rows issue | cut -d" " -f1-4 >got
	printf "therapeut issue invoice %s\n" 1 2 3 4 >exp
	test_cmp exp got
	rows render >got
	echo "therapeut render invoice 1 $(client_of CH2023-0001) batch: missing PDF" >exp
	test_cmp exp got
	# a rerun with every PDF in place reads no snapshot
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null
	rows render >got
	test_cmp exp got
	# one PDF lost, one cut off (a crash): both rendered again, each logged
	rm out/CH2023-0002.pdf
	head -c 700 out/CH2023-0003.pdf >cut && mv cut out/CH2023-0003.pdf
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null
	pdftotext out/CH2023-0002.pdf - | grep -q CH2023-0002
	pdftotext out/CH2023-0003.pdf - | grep -q CH2023-0003
	rows render >got
	{
		cat exp
		echo "therapeut render invoice 2 $(client_of CH2023-0002) batch: missing PDF"
		echo "therapeut render invoice 3 $(client_of CH2023-0003) batch: damaged PDF"
	} >exp2
	test_cmp exp2 got
	# the client sees it: audit --client
	"$ZORGDOC" audit --client "$(client_of CH2023-0002)" --action render --csv | grep -q ",render,invoice,2,"
	# when the rows cannot be written, nothing is rendered
	rm out/CH2023-0004.pdf
	zsql dossier.db "CREATE TRIGGER no_render BEFORE INSERT ON audit WHEN NEW.action = '"'"'render'"'"' BEGIN SELECT RAISE(ABORT, '"'"'refused'"'"'); END"
	run_status 3 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >/dev/null 2>err
	grep -q "store error while writing the audit log: refused" err
	test ! -e out/CH2023-0004.pdf
	test -z "$(ls -a out | grep "tmp\|partial")"
'

test_expect "pre-flight refusals still number nothing and write nothing" '
	cp "$ZORGDOC_PRACTICE" "$(dirname "$ZORGDOC_PRACTICE")/logo.png" .
	sh "$SAMPLE" -z "$ZORGDOC" -n 3 practice.xml dossier.db >/dev/null
	sed -i "/<agb-therapist>/d" practice.xml
	run_status 1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out --practice practice.xml >o 2>err
	grep -q "AGB code of the therapist" err
	test ! -s o
	test "$(zsql dossier.db "SELECT count(*) FROM invoices")" = 0
	test -z "$(ls out 2>/dev/null)"
	run_status 2 "$ZORGDOC" invoice list -o out 2>err
	grep -q "for invoice render and batch" err
'
