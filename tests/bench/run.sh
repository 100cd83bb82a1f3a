#!/bin/sh
# run.sh — the layout benchmark (make bench): a ten-page text document and
# a one-page invoice, each set many times in one process by the engine
# (layout only, and layout + cairo PDF in memory) and by the floor (a bare
# pango + cairo loop drawing the same paragraphs into a PDF). Each mode
# runs in its own process so that peak memory is its own. The ratio that
# counts is engine-pdf / floor in documents per second (the same input
# text each time; the floor paginates more crudely, so its page count
# differs and pages per second would flatter one side). Target: at least
# 0.5. Never part of `make check`.
set -eu
cd "$(dirname "$0")/../.."
BUILD=${ZORGDOC_BUILD:-build}
B="$BUILD/bench/layout_bench"
export ZORGDOC_DATADIR="$PWD" LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1700000000
N_TEXT=${N_TEXT:-20}
N_INV=${N_INV:-200}
ROUNDS=${ROUNDS:-3}   # each mode runs ROUNDS times, interleaved; the best counts
                      # (the machine is shared: the best run is the least disturbed)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%-10s %-8s %4s %5s %7s %8s %8s %7s\n' mode doc n pages seconds docs/s pages/s maxKiB
for doc in text10 invoice; do
	if [ "$doc" = text10 ]; then n=$N_TEXT; src=text10; else n=$N_INV; src=tests/layout/zorgnota.xml; fi
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		for mode in floor engine engine-pdf; do
			"$B" "$mode" "$src" "$n" | tee -a "$out"
		done
		r=$((r + 1))
	done
done
awk '
	{ k = $1 " " $2; if ($6 > rate[k]) { rate[k] = $6; line[k] = $0 } }
	END {
		print "best of each:"
		for (d = 0; d < 2; d++) {
			doc = d ? "invoice" : "text10"
			print line["floor " doc]; print line["engine " doc]; print line["engine-pdf " doc]
		}
		for (d = 0; d < 2; d++) {
			doc = d ? "invoice" : "text10"
			f = rate["floor " doc]; e = rate["engine-pdf " doc]
			printf "ratio %-8s engine-pdf/floor = %.2f  (layout only: %.2f)  target >= 0.50\n",
			    doc, e / f, rate["engine " doc] / f
		}
	}' "$out"
