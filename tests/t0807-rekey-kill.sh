#!/bin/sh
# A rekey killed (kill -9) at any moment leaves a store that opens with
# the old or with the new passphrase, whole, with every record; never a
# half-written store under the store's name.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"

test_expect "kill -9 during rekey: old or new passphrase, never damage" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 400 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 >/dev/null
	"$ZORGDOC" invoice list >list.before
	old="$ZORGDOC_PASSPHRASE"
	i=0
	killed=0
	incopy=0
	# "copy": killed as soon as the temp copy appears (the copy, its
	# check, fsync and rename); a number: after that many seconds.
	for delay in copy 0.05 copy 0.2 copy 0.4 copy 0.6 copy copy; do
		i=$((i + 1))
		new="new passphrase $i"
		ZORGDOC_PASSPHRASE="$old" ZORGDOC_NEW_PASSPHRASE="$new" "$ZORGDOC" store rekey >/dev/null 2>&1 &
		pid=$!
		if [ $delay = copy ]; then
			n=0
			while ! ls dossier.db.tmp-* >/dev/null 2>&1 && [ $n -lt 5000 ]; do
				n=$((n + 1))
			done
			ls dossier.db.tmp-* >/dev/null 2>&1 && incopy=$((incopy + 1))
		else
			sleep $delay
		fi
		kill -9 $pid 2>/dev/null && killed=$((killed + 1)) || :
		wait $pid 2>/dev/null || :
		if ZORGDOC_PASSPHRASE="$old" "$ZORGDOC" invoice list >list 2>/dev/null; then
			now="$old"
		else
			ZORGDOC_PASSPHRASE="$new" "$ZORGDOC" invoice list >list
			now="$new"
		fi
		test_cmp list.before list
		ZORGDOC_PASSPHRASE="$now" "$ZORGDOC" store check >check 2>/dev/null
		grep -q "^ok:" check
		echo "delay $delay: the $( [ "$now" = "$old" ] && echo old || echo new ) passphrase holds"
		old="$now"
		rm -f dossier.db.tmp-*
	done
	echo "$killed of $i rekeys killed, $incopy of them with the copy under way"
	test $killed -ge 3
	test $incopy -ge 1
'
