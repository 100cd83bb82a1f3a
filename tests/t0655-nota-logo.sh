#!/bin/sh
# The zorgnota's logo: frozen into the snapshot at issue (a small JPEG,
# base64, docs/invoice-snapshot.md), embedded in the PDF as it is, never
# changed by a later logo; a snapshot without one renders as before; a
# logo that cannot be used refuses the issue before anything is numbered.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE=practice.xml
P="$TESTS_DIR/data/store/practice.xml"

setup() {
	cp "$P" "$(dirname "$P")/logo.png" .
	cat >clients.csv <<-\EOF2
	ref,name,street,postcode,city,birth_date
	A1,Anna Verzonnen,Verzinselstraat 1,1234 AB,Nergensdorp,1980-02-29
	A2,Bram Fictief,Proeflaan 2,1000 AA,Fictiedam,1975-06-01
	EOF2
	cat >treatments.csv <<-\EOF2
	client_ref,date,tariff
	A1,2023-11-03,consult
	A2,2023-11-04,consult-short
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >/dev/null
}

# images PDF: "type enc width" of each image
images() {
	pdfimages -list "$1" | tail -n +3 | awk "{ print \$3, \$9, \$4 }"
}

test_expect "a new invoice carries the logo: in the snapshot and once in the PDF" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice show CH2023-0001 >snap.xml
	grep -q "^    <logo type=\"image/jpeg\">/9j/" snap.xml
	ZORGDOC_AUDIT=strict "$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	images nota.pdf >got
	test "$(wc -l <got)" = 1
	read -r type enc width <got
	test "$type $enc" = "image jpeg"
	test "$width" -le 400
	"$ZORGDOC" store check >check.out
	grep -q "1 invoice snapshots match their hashes" check.out
'

test_expect "a later logo never changes an issued invoice" '
	setup
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o before.pdf
	"$ZORGDOC" invoice show CH2023-0001 >before.xml
	convert -size 300x300 xc:red logo.png
	"$ZORGDOC" invoice render CH2023-0001 -o after.pdf
	"$ZORGDOC" invoice show CH2023-0001 >after.xml
	cmp before.pdf after.pdf
	cmp before.xml after.xml
	"$ZORGDOC" invoice create --client 2 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice show CH2023-0002 | grep "<logo" >new
	refute grep -qF "$(grep "<logo" before.xml)" new
'

test_expect "without a logo at issue: no logo element, no image, the same bytes later" '
	setup
	sed -i "/<logo file=/d" practice.xml
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice show CH2023-0001 >snap.xml
	refute grep -q "<logo" snap.xml
	"$ZORGDOC" invoice render CH2023-0001 -o a.pdf
	test "$(images a.pdf | wc -l)" = 0
	cp "$P" practice.xml
	"$ZORGDOC" invoice render CH2023-0001 -o b.pdf
	cmp a.pdf b.pdf
'

test_expect "a logo that cannot be used refuses the issue; nothing is numbered" '
	setup
	echo "not an image" >logo.png
	run_status 1 "$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 2>err
	grep -q "branding/logo: .logo.png. cannot be put on the zorgnota" err
	grep -q "nothing was invoiced" err
	convert -size 5000x5000 xc:white logo.png
	run_status 1 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 2>err
	grep -q "too large" err
	"$ZORGDOC" store check >check.out
	grep -q " 0 invoice snapshots" check.out
	cp "$(dirname "$P")/logo.png" .
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >n
	test "$(cat n)" = CH2023-0001
'

test_expect "an SVG logo is frozen as a JPEG at its printed size too" '
	setup
	sed -i "s/logo.png/logo.svg/" practice.xml
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#6b3fa0\"/></svg>" >logo.svg
	"$ZORGDOC" invoice create --client 1 --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	images nota.pdf >got
	echo "image jpeg 378" >want
	test_cmp want got
'
