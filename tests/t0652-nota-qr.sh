#!/bin/sh
# The EPC payment QR code on the zorgnota (EPC069-12): off by default, on
# with invoicing/@payment-qr="epc" (frozen in the snapshot) or `invoice
# render --qr`; never on a credit note. The rendered code is decoded
# (zbarimg, from scripts/deps.sh test) and compared with the payload the
# spec gives; it is vector (rectangles, no image), at least 25 mm wide,
# beside the payment text, labelled in the locale; an old invoice
# re-renders byte-identically after the practice changed.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE=practice.xml
P="$TESTS_DIR/data/store/practice.xml"

# setup [qr]: the test practice (Chakora), with the QR code on when $1 is
# "qr"; two clients and three treatments in November 2023.
setup() {
	cp "$P" "$(dirname "$P")/logo.png" .
	if [ "${1:-}" = qr ]; then
		sed -i 's|payment-days="14"|payment-days="14" payment-qr="epc"|' practice.xml
		grep -q 'payment-qr="epc"' practice.xml
	fi
	cat >clients.csv <<-\EOF2
	ref,name,street,postcode,city,birth_date
	A1,Anna Verzonnen,Verzinselstraat 1,1234 AB,Nergensdorp,1980-02-29
	A2,Bram Fictief,Proeflaan 2,1000 AA,Fictiedam,1975-06-01
	EOF2
	cat >treatments.csv <<-\EOF2
	client_ref,date,tariff
	A1,2023-11-03,consult
	A1,2023-11-10,intake
	A2,2023-11-04,consult-short
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >/dev/null
}

# decode PDF OUT: the QR code on the PDF's first page, as zbarimg reads
# it (one line feed added at the end); fails when there is none.
decode() {
	pdftoppm -r 150 -png -f 1 -l 1 "$1" "$1.page"
	zbarimg --raw -q "$1.page-1.png" >"$2" 2>/dev/null
}

# payload FILE LINES...: the expected decoding, one argument per line.
payload() {
	_f=$1
	shift
	printf "%s\n" "$@" >"$_f"
}

# trace NUMBER: NUMBER.trace, the invoice's drawing calls (its document
# XML set by zorgdoc render)
trace() {
	"$ZORGDOC" invoice render "$1" -o "$1.xml"
	"$ZORGDOC" render "$1.xml" -o "$1.trace"
}

# qr_box TRACE: "n x0 y0 x1 y1" of the black rectangles (the modules), in
# points, y down
qr_box() {
	awk '/^rect .* fill=#000000$/ {
		x1 = $2 + $4; y1 = $3 + $5
		if (n == 0 || $2 < a) a = $2
		if (n == 0 || $3 < b) b = $3
		if (x1 > c) c = x1
		if (y1 > e) e = y1
		n++
	}
	END { printf "%d %.2f %.2f %.2f %.2f\n", n, a, b, c, e }' "$1"
}

# check_layout TRACE FIRST-WORDS LABEL: the code is at least 25 mm wide
# and square; it starts level with the payment paragraph (whose first
# line begins with FIRST-WORDS) and right of it; no text or rule, not
# even LABEL, comes within its quiet zone (8 pt: four modules of a code
# of 28 mm for such a payload); LABEL is just under that.
check_layout() {
	qr_box "$1" | awk -v first="$2" -v label="$3" -v trace="$1" '
	{ n = $1; x0 = $2; y0 = $3; x1 = $4; y1 = $5 }
	END {
		if (n < 50) { print "no code: " n " rectangles"; exit 1 }
		w = x1 - x0; h = y1 - y0
		if (w < 70.87) { print "too narrow: " w " pt"; exit 1 }
		if (w - h > 0.05 || h - w > 0.05) { print "not square: " w " x " h; exit 1 }
		q = 8
		while ((getline l < trace) > 0) {
			split(l, f, " ")
			if (f[1] == "text") {
				x = f[2]; y = f[3]; tw = substr(f[4], 3) + 0
				if (index(l, "\"" first) > 0) { px = x + tw; py = y }
				if (index(l, "\"" label "\"") > 0) ly = y
				if (x < x1 + q && x + tw > x0 - q && y + 0.25 * f[9] > y0 - q && y - 0.8 * f[9] < y1 + q) {
					print "in the quiet zone: " l; exit 1
				}
			} else if (f[1] == "line") {
				lx0 = f[2] < f[4] ? f[2] : f[4]; lx1 = f[2] < f[4] ? f[4] : f[2]
				ly0 = f[3] < f[5] ? f[3] : f[5]; ly1 = f[3] < f[5] ? f[5] : f[3]
				if (lx0 < x1 + q && lx1 > x0 - q && ly0 < y1 + q && ly1 > y0 - q) {
					print "rule in the quiet zone: " l; exit 1
				}
			}
		}
		if (py == "") { print "no payment text"; exit 1 }
		if (y0 - py > 15 || py - y0 > 15) { print "not level with the text: " y0 " vs " py; exit 1 }
		if (px > x0 - q) { print "overlaps the text"; exit 1 }
		if (ly == "" || ly < y1 || ly > y1 + 30) { print "label not under the code"; exit 1 }
	}'
}

test_expect "payment-qr=epc: the code decodes to the EPC069-12 payload" '
	setup qr
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	decode nota.pdf got
	payload want BCD 002 1 SCT INGBNL2A Chakora NL67INGB0006543210 EUR175.00 "" "" CH2023-0001
	test_cmp want got
	"$ZORGDOC" invoice show CH2023-0001 | grep -q "<presentation lang=\"nl\" address=\"je\" colour=\"#6b3fa0\" payment-qr=\"epc\"/>"
	pdftotext nota.pdf - | grep -q "Scan om te betalen"
	# the libharu device (--embed-data, --password-file) draws it too
	"$ZORGDOC" invoice render CH2023-0001 -o data.pdf --embed-data
	decode data.pdf got-haru
	test_cmp want got-haru
'

test_expect "the code is vector, 25 mm or more, with its quiet zone, beside the payment text" '
	setup qr
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	# no raster image in the PDF but the logo (a JPEG): the modules are
	# filled rectangles
	test "$(pdfimages -list nota.pdf | tail -n +3 | awk "\$9 != \"jpeg\"" | wc -l)" = 0
	trace CH2023-0001
	check_layout CH2023-0001.trace "Ik verzoek je het bedrag" "Scan om te betalen"
'

test_expect "off by default; --qr adds it to one render; the account holder is the beneficiary" '
	setup
	sed -i "s|<bic>INGBNL2A</bic>|<bic>INGBNL2A</bic><account-holder>S. Verhoeven h.o.d.n. Chakora</account-holder>|" practice.xml
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o plain.pdf
	refute decode plain.pdf none
	if pdftotext plain.pdf - | grep -q "Scan om te betalen"; then echo "unexpected: a payment code text in plain.pdf"; false; fi
	"$ZORGDOC" invoice show CH2023-0001 | grep -q "<presentation lang=\"nl\" address=\"je\" colour=\"#6b3fa0\"/>"
	"$ZORGDOC" invoice render CH2023-0001 -o qr.pdf --qr
	decode qr.pdf got
	payload want BCD 002 1 SCT INGBNL2A "S. Verhoeven h.o.d.n. Chakora" NL67INGB0006543210 EUR175.00 "" "" CH2023-0001
	test_cmp want got
	pdftotext qr.pdf - | tr -s " \n" "  " | grep -q "ten name van S. Verhoeven h.o.d.n. Chakora"
	run_status 2 "$ZORGDOC" invoice list --qr 2>err
	grep -q "for invoice render" err
'

test_expect "a credit note never has a payment code" '
	setup qr
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice credit CH2023-0001 --date 2023-12-01 >/dev/null
	"$ZORGDOC" invoice render CH2023-0002 -o credit.pdf
	"$ZORGDOC" invoice render CH2023-0002 -o credit-qr.pdf --qr
	for f in credit.pdf credit-qr.pdf; do
		refute decode $f none
		if pdftotext $f - | grep -q "Scan om te betalen"; then echo "unexpected: a payment code text in $f"; false; fi
		pdftotext $f - | grep -q Creditnota
	done
	cmp credit.pdf credit-qr.pdf
'

test_expect "an old invoice with its code re-renders byte-identically after the practice changed" '
	setup qr
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o before.pdf
	# the practice drops the code, changes bank, colour, language and form of address
	sed -i "s| payment-qr=\"epc\"||; s|NL67INGB0006543210|NL91ABNA0417164300|; s|INGBNL2A|ABNANL2A|; s|#6b3fa0|#2e7d50|; s|lang=\"nl\"|lang=\"en\"|; s|address=\"je\"|address=\"u\"|" practice.xml
	"$ZORGDOC" invoice render CH2023-0001 -o after.pdf
	cmp before.pdf after.pdf
	decode after.pdf got
	grep -q "^NL67INGB0006543210$" got
	# a new invoice follows the practice as it is now: no code, English
	"$ZORGDOC" invoice create --client 2 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0002 -o new.pdf
	refute decode new.pdf none
	pdftotext new.pdf - | grep -q "Invoice number"
'

test_expect "batch -o writes the code into every PDF it renders" '
	setup qr
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >issued
	test "$(wc -l <issued)" = 2
	decode out/CH2023-0002.pdf got
	payload want BCD 002 1 SCT INGBNL2A Chakora NL67INGB0006543210 EUR45.00 "" "" CH2023-0002
	test_cmp want got
'
