#!/bin/sh
# One house style (issue 14): a practice's documents share its typeface
# (branding/@font, default sans), colour and letterhead. The statement,
# the register, an agreement and the zorgnota all follow branding/@font;
# the zorgnota keeps it in its snapshot (presentation/@font, only when
# the practice chose one) and shows the website without "https://".
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"
P="$TESTS_DIR/data/store/practice.xml"

test_expect "default: every document sans, the agreement too" '
	"$ZORGDOC" privacy "$P" -o p.xml &&
	"$ZORGDOC" register "$P" -o r.xml &&
	"$ZORGDOC" dpa "$P" --processor diad -o d.xml &&
	grep -q "<style font=\"sans\" colour=\"#6b3fa0\"/>" p.xml &&
	grep -q "<d:style font=\"sans\" colour=\"#6b3fa0\"/>" r.xml &&
	grep -q "<d:style font=\"sans\" colour=\"#6b3fa0\"/>" d.xml &&
	"$ZORGDOC" dpa "$P" --processor diad -o d.pdf &&
	pdffonts d.pdf >fonts && grep -q "Sans" fonts && refute grep -q "Serif" fonts
'

test_expect "branding/@font=serif: every document serif, the zorgnota included" '
	sed "s#<branding>#<branding font=\"serif\">#" "$P" >practice.xml &&
	cp "$TESTS_DIR/data/store/logo.png" . &&
	"$ZORGDOC" check practice.xml 2>/dev/null &&
	"$ZORGDOC" privacy practice.xml -o p.xml &&
	"$ZORGDOC" register practice.xml -o r.xml &&
	"$ZORGDOC" dpa practice.xml --processor diad -o d.xml &&
	grep -q "<style font=\"serif\" colour=\"#6b3fa0\"/>" p.xml &&
	grep -q "<d:style font=\"serif\" colour=\"#6b3fa0\"/>" r.xml &&
	grep -q "<d:style font=\"serif\" colour=\"#6b3fa0\"/>" d.xml &&
	"$ZORGDOC" privacy practice.xml -o p.html &&
	grep -q "font-family:\"Liberation Serif\"" p.html &&
	sh "$SAMPLE" -z "$ZORGDOC" -n 1 practice.xml dossier.db >/dev/null &&
	"$ZORGDOC" invoice batch --practice practice.xml --period 2023-11 --date 2023-11-30 >/dev/null &&
	"$ZORGDOC" invoice show CH2023-0001 >snap.xml &&
	grep -q "<presentation lang=\"nl\" address=\"je\" colour=\"#6b3fa0\"[^>]* font=\"serif\"/>" snap.xml &&
	"$ZORGDOC" invoice render CH2023-0001 -o n.xml &&
	grep -q "<d:style font=\"serif\" colour=\"#6b3fa0\"/>" n.xml &&
	"$ZORGDOC" invoice render CH2023-0001 -o n.pdf &&
	pdffonts n.pdf | grep -q "Serif"
'

test_expect "a practice that never chose a font: snapshots as before; website without https://" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 1 "$P" dossier.db >/dev/null &&
	"$ZORGDOC" invoice batch --practice "$P" --period 2023-11 --date 2023-11-30 >/dev/null &&
	"$ZORGDOC" invoice show CH2023-0001 >snap.xml &&
	grep -q "<presentation " snap.xml && refute grep -q "font=" snap.xml &&
	"$ZORGDOC" invoice render CH2023-0001 -o n.xml &&
	grep -q "<d:style font=\"sans\"" n.xml &&
	grep -q "· www.chakora.example</d:line>" n.xml && refute grep -q "https://" n.xml
'
