#!/bin/sh
# The sample practices' documents pass the layout audit's pagination and
# running header/footer rules: privacy statements (nl and en), every
# processor agreement and the register of each sample.
# outside-margins (line breaking, another branch of issue 14) is left out
# until that work lands; then this script can run ZORGDOC_AUDIT=strict.
. "$TESTS_DIR/lib.sh"
S="$ZORGDOC_DATADIR/samples"

for p in "$S"/*/practice.xml; do
	name=$(basename "$(dirname "$p")")
	test_expect "no audit findings: $name" '
		export ZORGDOC_AUDIT=1
		p="'"$p"'"
		{
			"$ZORGDOC" privacy "$p" -o nl.pdf
			"$ZORGDOC" privacy "$p" --locale en -o en.pdf
			"$ZORGDOC" register "$p" -o register.pdf
			if grep -q "<processor " "$p"; then
				"$ZORGDOC" dpa "$p" --all -o dpa >/dev/null
			fi
		} 2>err || true
		grep "audit:" err | grep -v ": outside-margins: " >found || true
		cat found
		test ! -s found
		test -s nl.pdf && test -s en.pdf && test -s register.pdf
	'
done
