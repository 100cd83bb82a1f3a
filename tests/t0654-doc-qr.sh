#!/bin/sh
# The <qr> block and column widths of the document vocabulary
# (docs/doc-vocabulary.md): a golden layout trace of a zorgnota with a
# payment code beside the payment text, the code decoded from the PDF,
# and a clean file:line:col error for data no QR code can hold.
. "$TESTS_DIR/lib.sh"
L="$TESTS_DIR/layout"

test_expect "golden trace: zorgnota-qr" '
	"$ZORGDOC" render "$L/zorgnota-qr.xml" -o out.trace
	test_golden "$L/golden/zorgnota-qr.trace" out.trace
'

test_expect "the code in the PDF carries the data verbatim" '
	cp "$L/logo.png" .
	"$ZORGDOC" render "$L/zorgnota-qr.xml" -o out.pdf
	pdftoppm -r 150 -png out.pdf page
	zbarimg --raw -q page-1.png >got 2>/dev/null
	printf "%s\n" BCD 002 1 SCT ABNANL2A "Praktijk Zonnewijzer" NL91ABNA0417164300 EUR375.00 "" "" 2023-0042 >want
	test_cmp want got
'

test_expect "more error correction, a bigger code; too much data, an error with its place" '
	cp "$L/logo.png" .
	sed "s/ align=\"right\"/ align=\"right\" ec=\"H\"/" "$L/zorgnota-qr.xml" >h.xml
	"$ZORGDOC" render "$L/zorgnota-qr.xml" -o m.trace
	"$ZORGDOC" render h.xml -o h.trace
	test "$(grep -c "^rect .*fill=#000000" h.trace)" -gt "$(grep -c "^rect .*fill=#000000" m.trace)"
	big=$(head -c 3000 /dev/zero | tr "\0" x)
	sed "s/data=\"BCD[^\"]*\"/data=\"$big\"/" "$L/zorgnota-qr.xml" >big.xml
	run_status 1 "$ZORGDOC" render big.xml -o big.pdf 2>err
	grep -q "big.xml:[0-9]*:.*<qr>" err
	test ! -e big.pdf
	sed "s/data=\"BCD[^\"]*\"/data=\"$(head -c 2000 /dev/zero | tr "\0" x)\"/" "$L/zorgnota-qr.xml" >ecm.xml
	"$ZORGDOC" render ecm.xml -o ecm.trace
	sed "s/ align=\"right\"/ ec=\"H\" align=\"right\"/" ecm.xml >ech.xml
	run_status 1 "$ZORGDOC" render ech.xml -o ech.pdf 2>err
	grep -q "does not fit in a QR code" err
'
