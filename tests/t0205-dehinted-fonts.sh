#!/bin/sh
# The de-hinted Liberation copies `make` writes into fonts/
# (tools/ttf-dehint.c): no hinting programs left, valid checksums, renamed
# (the OFL's Reserved Font Name), and documents set in them look the same
# as in Liberation itself, pixel for pixel, in a smaller PDF.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
F="$ZORGDOC_DATADIR/fonts"
L="$TESTS_DIR/layout"
LIB=/usr/share/fonts/truetype/liberation2
DEHINT="$ZORGDOC_DATADIR/build/tools/ttf-dehint"

# tables FONT: the font's table tags, one a line
tables() {
	python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
for i in range(struct.unpack(">H", d[4:6])[0]):
    print(d[12 + 16 * i:16 + 16 * i].decode("latin-1"))
' "$1"
}

# checksums_ok FONT: every table checksum and the whole-file adjustment hold
checksums_ok() {
	python3 -c '
import struct, sys
def cs(b):
    b += b"\0" * (-len(b) % 4)
    return sum(struct.unpack(">%dI" % (len(b) // 4), b)) & 0xffffffff
d = open(sys.argv[1], "rb").read()
for i in range(struct.unpack(">H", d[4:6])[0]):
    tag, c, off, ln = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
    b = bytearray(d[off:off + ln])
    if tag == b"head":
        b[8:12] = b"\0\0\0\0"
    if cs(bytes(b)) != c:
        sys.exit("bad checksum: %s" % tag)
if cs(d) != 0xB1B0AFBA:
    sys.exit("bad checksum adjustment")
' "$1"
}

test_expect "make wrote all eight, renamed, without hinting" '
	[ -d "$LIB" ] || { echo "no fonts-liberation2: skipped"; exit 0; }
	for s in Sans-Regular Sans-Bold Sans-Italic Sans-BoldItalic Serif-Regular Serif-Bold Serif-Italic Serif-BoldItalic; do
		f="$F/Zorgdoc$s.ttf"
		test -s "$f"
		tables "$f" >tags
		refute grep -qx "fpgm\|prep\|cvt \|hdmx\|LTSH\|VDMX" tags
		grep -qx "glyf" tags && grep -qx "GSUB" tags && grep -qx "kern\|GPOS" tags
		checksums_ok "$f"
		# smaller than the original by its hinting
		test "$(wc -c <"$f")" -lt "$(wc -c <"$LIB/Liberation$s.ttf")"
	done
	fc-scan --format "%{family}|%{style}|%{postscriptname}\n" "$F/ZorgdocSerif-BoldItalic.ttf" >names
	test "$(cat names)" = "Zorgdoc Serif|Bold Italic|ZorgdocSerif-BoldItalic"
	# the copyright and the license stay
	strings -e b "$F/ZorgdocSans-Regular.ttf" | grep -q "Red Hat"
	strings -e b "$F/ZorgdocSans-Regular.ttf" | grep -q "SIL Open Font License"
	refute sh -c "strings -e b \"$F/ZorgdocSans-Regular.ttf\" | grep -qx \"Liberation Sans\""
'

test_expect "a document in the copies: the same pixels as in Liberation, a smaller PDF" '
	[ -d "$LIB" ] || { echo "no fonts-liberation2: skipped"; exit 0; }
	cp "$L/agreement.xml" "$L/logo.png" "$L/logo.svg" .
	"$ZORGDOC" render agreement.xml -o dehinted.pdf
	ZORGDOC_FONTDIR="$LIB" "$ZORGDOC" render agreement.xml -o hinted.pdf
	# the agreement is set in the serif
	pdffonts dehinted.pdf | grep -q "ZorgdocSerif"
	refute sh -c "pdffonts dehinted.pdf | grep -q Liberation"
	pdffonts hinted.pdf | grep -q "LiberationSerif"
	test "$(wc -c <dehinted.pdf)" -lt "$(( $(wc -c <hinted.pdf) * 3 / 4 ))"
	pdftoppm -r 100 dehinted.pdf d
	pdftoppm -r 100 hinted.pdf h
	n=0
	for p in d-*.ppm; do
		cmp "$p" "h-${p#d-}"
		n=$((n + 1))
	done
	test "$n" -ge 2
	test "$(pdftotext dehinted.pdf -)" = "$(pdftotext hinted.pdf -)"
'

test_expect "ttf-dehint refuses what is not a TrueType font, and writes nothing" '
	test -x "$DEHINT" || { echo "no build/tools/ttf-dehint: skipped"; exit 0; }
	printf "not a font at all, just text" >bad.ttf
	run_status 1 "$DEHINT" Liberation Zorgdoc bad.ttf out.ttf 2>err
	grep -q "^ttf-dehint: bad.ttf: not a TrueType font" err
	test ! -e out.ttf && test ! -e out.ttf.tmp
	head -c 2000 "$LIB/LiberationSans-Regular.ttf" >cut.ttf
	run_status 1 "$DEHINT" Liberation Zorgdoc cut.ttf out.ttf 2>err
	grep -q "^ttf-dehint: cut.ttf: " err
	test ! -e out.ttf && test ! -e out.ttf.tmp
'
