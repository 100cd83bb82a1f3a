#!/usr/bin/python3
# weasy_bench.py — WeasyPrint beside zorgdoc in `make bench`: renders
# tests/bench/zorgnota.html to a PDF in memory N times in one process
# (after one warm-up) and prints one line: seconds, documents per second,
# peak memory (KiB). Needs Debian's python3-weasyprint (scripts/deps.sh
# bench): run with /usr/bin/python3, not a pyenv python.
#
# usage: /usr/bin/python3 weasy_bench.py HTML N
import resource
import sys
import time

import weasyprint


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: weasy_bench.py HTML N")
    html, n = sys.argv[1], int(sys.argv[2])
    src = open(html, encoding="utf-8").read()
    weasyprint.HTML(string=src).write_pdf()  # warm-up: fonts, CSS
    t0 = time.monotonic()
    size = 0
    for _ in range(n):
        size = len(weasyprint.HTML(string=src).write_pdf())
    secs = time.monotonic() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("weasyprint %d %.3f %.1f %d %d" % (n, secs, n / secs, rss, size))


main()
