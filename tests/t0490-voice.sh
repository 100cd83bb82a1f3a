#!/bin/sh
# Voice (issue 13): agreements and the register are documents between
# parties and speak in the third person. For every sample and the stress
# practice, every agreement (dpa --all; the client agreement where the
# practice is the processor) and the register, in Dutch and in English,
# hold no ik, je, jij, u, uw, mijn, jouw, jullie (nor I, you, your, my in
# English) as a word outside the names the practice file gives
# (tests/tools/pronouns.py). And `check` blocks a text those documents
# print that speaks to the client without a parties form: the documents
# are refused, and a parties form clears it.
. "$TESTS_DIR/lib.sh"
ROOT="$TESTS_DIR/.."
MIN="$TESTS_DIR/golden/practice/minimal.xml"
PRON="$TESTS_DIR/tools/pronouns.py"

# texts P LOCALE: the text of every agreement and the register of P
texts() {
	rm -rf d && mkdir d
	if grep -q 'practice-role="processor"' "$1"; then
		"$ZORGDOC" dpa "$1" --locale "$2" -o d/client.pdf
	else
		"$ZORGDOC" dpa "$1" --all --locale "$2" -o d >/dev/null
	fi
	"$ZORGDOC" register "$1" --locale "$2" -o d/register.pdf
	for f in d/*.pdf; do pdftotext -enc UTF-8 "$f" "${f%.pdf}.txt"; done
	ls d/*.txt >/dev/null
}

for p in "$ROOT"/samples/*/practice.xml "$TESTS_DIR/data/stress/practice.xml"; do
	name=$(basename "$(dirname "$p")")
	for loc in nl en; do
		test_expect "$name $loc: agreements and register in the third person" "
			texts '$p' $loc &&
			python3 '$PRON' '$p' $loc d/*.txt
		"
	done
done

test_expect "the checker finds a pronoun and lets names pass" '
	cp "$ROOT/samples/chakora/practice.xml" f.xml
	printf "Mijn Diad bewaart de gegevens. Ik zorg voor je dossier.\nMijn\nDiad, Coöperatie U.A.\n" >t.txt
	refute python3 "$PRON" f.xml nl t.txt >out &&
	grep -q "'"'Ik'"'" out && grep -q "'"'je'"'" out && refute grep -q "Mijn" out &&
	printf "De praktijk bewaart het dossier van de cliënt.\n" >ok.txt &&
	python3 "$PRON" f.xml nl ok.txt
'

# a purpose name in the client'"'"'s voice, without a parties form
fixture() {
	python3 -c '
import re, sys
s = open(sys.argv[1]).read()
s, n = re.subn(r"(<purpose [^>]*>\s*<name)>[^<]*<", r"\1>Zodat ik je kan helpen<", s, count=1)
assert n == 1
open(sys.argv[2], "w").write(s)' "$MIN" f.xml
}

test_expect "check blocks a text in ik/je form that the register prints" '
	fixture
	refute "$ZORGDOC" check --strict f.xml 2>err &&
	grep "f.xml:[0-9]*:[0-9]*: .*purposes/purpose/name: says \"ik\"" err &&
	grep -q "parties=" err
'

test_expect "register and dpa refuse it; --draft makes it" '
	fixture
	refute "$ZORGDOC" register f.xml -o r.pdf 2>err && test ! -e r.pdf &&
	grep -q "purposes/purpose/name" err &&
	refute "$ZORGDOC" dpa f.xml --all -o d 2>err &&
	"$ZORGDOC" register f.xml --draft -o r.pdf 2>/dev/null && test -s r.pdf
'

test_expect "a parties form clears it and is what the register prints" '
	fixture
	sed "s|<name>Zodat ik je kan helpen<|<name parties=\"Zodat de praktijk de cliënt kan helpen\">Zodat ik je kan helpen<|" f.xml >g.xml &&
	grep -q "parties=" g.xml &&
	"$ZORGDOC" check --strict g.xml &&
	"$ZORGDOC" register g.xml -o r.txt &&
	grep -q "Zodat de praktijk de cliënt kan helpen" r.txt &&
	refute grep -q "ik je" r.txt
'

test_expect "a parties form that still says u is blocked too" '
	fixture
	sed "s|<name>Zodat ik je kan helpen<|<name parties=\"Zodat de praktijk u kan helpen\">Zodat ik je kan helpen<|" f.xml >g.xml &&
	refute "$ZORGDOC" check --strict g.xml 2>err &&
	grep -q "purposes/purpose/name/@parties: .*\"u\"" err
'
