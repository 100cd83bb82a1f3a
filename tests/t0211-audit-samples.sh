#!/bin/sh
# Issue 14's count: the layout audit finds no typesetting fault in any
# document of any sample practice, nor in the stress practice
# (tests/data/stress: long practice, owner and processor names, long
# e-mail addresses and URLs, 30 processors, a cookie table with long
# names, 12 purposes). ZORGDOC_AUDIT=strict makes a finding an error: the
# command fails and writes nothing. Statements nl and en, registers nl and
# en, every agreement, the agreement with a client; then zorgnota's, a
# credit note, the merged batch PDF and a client export.
. "$TESTS_DIR/lib.sh"
S="$ZORGDOC_DATADIR/samples"
export ZORGDOC_AUDIT=strict

for p in "$S"/*/practice.xml "$TESTS_DIR/data/stress/practice.xml"; do
	name=$(basename "$(dirname "$p")")
	test_expect "no audit findings: $name" '
		p="'"$p"'"
		for l in nl en; do
			"$ZORGDOC" privacy "$p" --locale $l -o privacy-$l.pdf
			"$ZORGDOC" register "$p" --locale $l -o register-$l.pdf
			if grep -q "<processor " "$p"; then
				"$ZORGDOC" dpa "$p" --all --locale $l -o dpa-$l >/dev/null
			fi
			if grep -q "practice-role=\"processor\"" "$p"; then
				"$ZORGDOC" dpa "$p" --locale $l -o client-$l.pdf
			fi
		done 2>err
		refute grep "audit:" err
		test -s privacy-nl.pdf && test -s privacy-en.pdf && test -s register-en.pdf
	'
done

test_expect "the stress practice: every character of its long names reaches the page" '
	p="$TESTS_DIR/data/stress/practice.xml"
	"$ZORGDOC" privacy "$p" -o p.pdf
	# lines joined, as a reader copies them: no hyphen was added inside
	# an address, and none of its own was lost
	pdftotext -raw p.pdf - | tr -d "\n" >p.txt
	grep -q "administratie.en.facturatie@praktijkvoorintegratievetherapie-denieuweontmoeting.nl" p.txt
	grep -q "Praktijk voor Integratieve Psychosociale Therapie, Beeldende Vaktherapie en Systemisch Werk De Nieuwe Ontmoeting" p.txt
	grep -q "woocommerce_items_in_cart_persistent_session" p.txt
'

test_expect "no audit findings: zorgnota, credit note, merged PDF, client export" '
	export ZORGDOC_DB=dossier.db
	p="$S/chakora/practice.xml"
	cp "$S/chakora/logo.png" .
	sh "$TESTS_DIR/../scripts/sample-dossier.sh" -z "$ZORGDOC" -n 4 "$p" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --practice "$p" --period 2023-11 --date 2023-11-30 -o notas >/dev/null 2>err
	"$ZORGDOC" invoice credit CH2023-0001 --practice "$p" --date 2023-12-02 >/dev/null 2>>err
	"$ZORGDOC" invoice render CH2023-0005 -o credit.pdf 2>>err
	"$ZORGDOC" client export 1 -o export --practice "$p" >/dev/null 2>>err
	refute grep "audit:" err
	ls notas/*.pdf >list
	test "$(wc -l <list)" -ge 5 || { cat err; false; }
	test -s credit.pdf
	ls export/*.pdf
'
