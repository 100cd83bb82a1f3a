#!/bin/sh
# Issue 13: no list in any document repeats an item ("Leeftijd; Leeftijd;
# Leeftijd en geboortedatum"), for every sample and the stress practice:
# the statement (nl, en), the register and every agreement, read as
# document XML by tests/tools/repeated-items.py.
. "$TESTS_DIR/lib.sh"
R="$TESTS_DIR/tools/repeated-items.py"

test_expect "the checker finds a repeated item" '
	cat >d.xml <<XML
<doc xmlns="urn:zorgdoc:doc:1"><meta><title>t</title></meta><body>
<ul><li>E-mailadres</li><li>Telefoonnummer</li><li>e-mailadres </li></ul>
<p>Leeftijd; leeftijd; geboortedatum</p></body></doc>
XML
	refute python3 "$R" d.xml >out
	grep -q "list item twice: e-mailadres" out
	grep -q "enumeration repeats: leeftijd" out
'

for p in "$ZORGDOC_DATADIR"/samples/*/practice.xml "$TESTS_DIR/data/stress/practice.xml"; do
	name=$(basename "$(dirname "$p")")
	test_expect "no repeated list items: $name" '
		p="'"$p"'"
		"$ZORGDOC" privacy "$p" -o nl.xml
		"$ZORGDOC" privacy "$p" --locale en -o en.xml
		"$ZORGDOC" register "$p" -o register.xml
		set -- nl.xml en.xml register.xml
		if grep -q "<processor " "$p"; then
			"$ZORGDOC" dpa "$p" --all --format xml -o dpa >/dev/null
			set -- "$@" dpa/*.xml
		fi
		python3 "$R" "$@"
	'
done
