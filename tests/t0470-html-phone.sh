#!/bin/sh
# HTML on a phone and on a desktop (issue 14): every sample practice's
# statement, register and an agreement, the statement of the fixture
# practices, and the pasted-in fragment. Structure: one numbering in the
# table of contents, the logo as a data: URI (also in --fragment), links
# and headings in the shade of the brand colour (zd:text-colour), tables
# that stack on a narrow screen with their column names (data-label).
# In headless Chromium (scripts/deps.sh test), each page in a frame of
# 390 and of 1280 px: no sideways scroll, no text below 4.5:1 against its
# background (tests/html/measure.js).
. "$TESTS_DIR/lib.sh"

ROOT=$(dirname "$TESTS_DIR")
S="$ROOT/samples"

test_expect "table of contents numbered once, by the document" '
	"$ZORGDOC" privacy "$S/ontmoetingsatelier/practice.xml" -o p.html &&
	grep -q "nav.toc ol{list-style:none" p.html &&
	grep -q "<li><a href=\"#intro\">1 Over deze privacyverklaring</a></li>" p.html &&
	"$ZORGDOC" dpa "$S/chakora/practice.xml" --processor diad -o d.html &&
	grep -q "<li><a href=\"#[a-z-]*\">Artikel 1 " d.html
'

test_expect "logo as a data: URI, in the page and the fragment" '
	"$ZORGDOC" privacy "$S/chakora/practice.xml" -o p.html &&
	grep -q "<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo" p.html &&
	"$ZORGDOC" privacy "$S/chakora/practice.xml" --fragment -o f.html &&
	grep -q "^<article" f.html &&
	grep -q "<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo[^\"]*\" alt=\"Chakora\">" f.html &&
	refute grep -q "src=\"[a-z]*:/" p.html f.html
'

test_expect "a logo that is no image is an error, as in the PDF" '
	mkdir q && cp "$S/chakora/practice.xml" q/ && echo "not an image" >q/logo.png &&
	run_status 1 "$ZORGDOC" privacy q/practice.xml -o q/p.html 2>err &&
	grep -q "logo: .logo.png. is not a PNG or an SVG" err && test ! -e q/p.html
'

test_expect "text in the brand colour is its darker shade; rules keep the colour" '
	"$ZORGDOC" privacy "$S/ontmoetingsatelier/practice.xml" -o p.html &&
	grep -q "h1,h2,h3,h4,h5{color:#b06324" p.html &&
	grep -q "^a{color:#b06324}" p.html &&
	grep -q "border-bottom:2px solid #d6782c" p.html &&
	refute grep -q "color:#d6782c" p.html
'

test_expect "tables name their columns for the stacked rows of a phone" '
	"$ZORGDOC" privacy "$S/ontmoetingsatelier/practice.xml" -o p.html &&
	grep -q "<table class=\"stack\" id=\"cookie-table\">" p.html &&
	grep -q "<td data-label=\"Naam\">_ga</td>" p.html &&
	grep -q "<td data-label=\"Bewaartermijn\">2 jaar</td>" p.html &&
	grep -q "@media (max-width:40em)" p.html &&
	"$ZORGDOC" register "$S/biobalans/practice.xml" -o r.html &&
	grep -q "<table class=\"stack keyed\">" r.html
'

if ! command -v chromium >/dev/null 2>&1; then
	echo "# skip $SCRIPT: no chromium (sh scripts/deps.sh test installs it)"
	exit 0
fi

test_expect "no sideways scroll at 390 and 1280 px, text at 4.5:1 or more" '
	mkdir pages &&
	for p in chakora ontmoetingsatelier duurzame-balans biobalans; do
		"$ZORGDOC" privacy "$S/$p/practice.xml" -o pages/$p-privacy.html &&
		"$ZORGDOC" register "$S/$p/practice.xml" -o pages/$p-register.html || exit 1
	done &&
	"$ZORGDOC" privacy "$S/ontmoetingsatelier/practice.xml" --locale en -o pages/en-privacy.html &&
	"$ZORGDOC" privacy "$TESTS_DIR/privacy/full-u.practice.xml" -o pages/full-u-privacy.html &&
	"$ZORGDOC" dpa "$S/chakora/practice.xml" --processor diad -o pages/chakora-dpa.html &&
	"$ZORGDOC" dpa "$S/biobalans/practice.xml" -o pages/biobalans-dpa-client.html &&
	cp "$TESTS_DIR/html/measure.js" . &&
	{
		echo "<!DOCTYPE html><html><body>"
		for f in pages/*.html; do
			n=$(basename "$f")
			for w in 390 1280; do
				echo "<iframe data-name=\"$n\" width=\"$w\" height=\"700\" src=\"pages/$n\"></iframe>"
			done
		done
		echo "<pre id=\"result\">pending</pre><script src=\"measure.js\"></script></body></html>"
	} >index.html &&
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$PWD/profile" --allow-file-access-from-files \
		--window-size=1400,900 --virtual-time-budget=5000 \
		--dump-dom "file://$PWD/index.html" >dom.html 2>/dev/null &&
	sed -n "/<pre id=\"result\">/,/<\/pre>/p" dom.html | grep " client=" >result &&
	cat result &&
	test "$(wc -l <result)" -eq 24 &&
	awk "{ split(\$3, c, \"=\"); split(\$4, s, \"=\"); split(\$5, l, \"=\");
		if (s[2] + 0 > c[2] + 0 || l[2] + 0 > 0 || c[2] + 0 < 300) bad = 1 }
		END { exit bad }" result
'
