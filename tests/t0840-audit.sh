#!/bin/sh
# zorgdoc audit: every read and change of a client's data is logged with
# time, user, action and record (NEN 7513 style) — never content — and the
# log can be filtered and exported, but not changed.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_USER=therapeut
P="$TESTS_DIR/data/store/practice.xml"

setup() {
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Verzinselstraat 1" \
	    --postcode 1234AB --city Nergensdorp --birth-date 1980-02-29 >/dev/null
	"$ZORGDOC" client add --name "Bram Fictief" >/dev/null
	"$ZORGDOC" treatment add --client 1 --date 2023-11-03 --tariff consult \
	    --note "slaapt slecht" --practice "$P" >/dev/null
	"$ZORGDOC" invoice create --client 1 --date 2023-11-30 --practice "$P" >/dev/null
}

# the log as "user action entity record client" lines, without the
# audit's own reads
log() {
	"$ZORGDOC" audit --csv "$@" | awk -F, 'NR > 1 && !($4 == "read" && $5 == "audit") { print $3, $4, $5, $6, $7 }'
}

test_expect "reads are logged with user, action, record and client" '
	setup
	"$ZORGDOC" client show 1 >/dev/null
	"$ZORGDOC" client list >/dev/null
	"$ZORGDOC" treatment list --client 1 >/dev/null
	"$ZORGDOC" treatment show 1 >/dev/null
	"$ZORGDOC" invoice list >/dev/null
	"$ZORGDOC" invoice show CH2023-0001 >/dev/null
	"$ZORGDOC" invoice render CH2023-0001 -o nota.pdf
	"$ZORGDOC" consent list >/dev/null
	"$ZORGDOC" client export 1 -o uit >/dev/null
	log >out
	cat >exp <<-EOF
	therapeut add client 1 1
	therapeut add client 2 2
	therapeut add treatment 1 1
	therapeut issue invoice 1 1
	therapeut read client 1 1
	therapeut list client  
	therapeut list treatment  1
	therapeut read treatment 1 1
	therapeut list invoice  
	therapeut read invoice 1 1
	therapeut render invoice 1 1
	therapeut list consent  
	therapeut export client 1 1
	EOF
	test_cmp exp out
	"$ZORGDOC" audit --csv >all
	! grep -q "Anna\|Verzonnen\|Verzinsel\|slaapt\|1980" all
	"$ZORGDOC" audit | head -1 | grep -q "^id .*at (UTC) .*user .*action .*entity .*record .*client .*detail"
	"$ZORGDOC" audit --csv | head -1 | grep -qx "id,at,user,action,entity,record,client,detail"
	test "$("$ZORGDOC" audit --csv | awk -F, "NR > 1 && \$2 !~ /^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]*Z\$/" | wc -l)" = 0
'
test_expect "showing a PDF password is an entry about its client" '
	setup
	"$ZORGDOC" client password 2 --generate >/dev/null
	"$ZORGDOC" client password 2 --show >/dev/null
	log --client 2 >out
	printf "therapeut add client 2 2\ntherapeut generate client_password 2 2\ntherapeut show client_password 2 2\n" >exp
	test_cmp exp out
'
test_expect "a read that cannot be logged shows nothing" '
	setup
	chmod 644 dossier.db
	if [ "$(id -u)" = 0 ]; then
		# root ignores file modes: read as another user
		command -v setpriv >/dev/null || exit 0
		chmod 755 "$TMP" .
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		# the checkout itself may be closed to other users (a 0700 temp dir)
		$as test -x "$ZORGDOC" || { echo "zorgdoc not reachable as another user: skipped"; exit 0; }
	else
		chmod 444 dossier.db
		as=
	fi
	run_status 3 $as "$ZORGDOC" client show 1 >out 2>err
	test ! -s out
	grep -q "cannot write the store" err
	run_status 3 $as "$ZORGDOC" client list >out 2>err
	test ! -s out
'
test_expect "filters: --client, --since, --action" '
	setup
	"$ZORGDOC" client show 2 >/dev/null
	log --client 2 >out
	printf "therapeut add client 2 2\ntherapeut read client 2 2\n" >exp
	test_cmp exp out
	log --client 1 --action issue >out
	printf "therapeut issue invoice 1 1\n" >exp
	test_cmp exp out
	test "$(log --since 2000-01-01 | wc -l)" = 5
	test "$(log --since 2199-01-01 | wc -l)" = 0
	# reading the log about a client is itself an entry about that client
	"$ZORGDOC" audit --client 2 --csv | tail -1 | grep -q ",therapeut,read,audit,,2,client filter$"
'
test_expect "bad values name the option" '
	run_status 2 "$ZORGDOC" audit --client abc 2>err
	grep -q -- "--client must be a client id" err
	run_status 2 "$ZORGDOC" audit --since 2023-02-30 2>err
	grep -q -- "--since must be a real date" err
	run_status 2 "$ZORGDOC" audit --action "x;y" 2>err
	grep -q -- "--action must be an action name" err
	run_status 2 "$ZORGDOC" audit extra 2>err
	"$ZORGDOC" audit --help | grep -q "^usage: zorgdoc audit"
	test ! -e dossier.db
'
test_expect "one read costs one small commit" '
	setup
	start=$(date +%s%N)
	i=0
	while [ $i -lt 20 ]; do
		"$ZORGDOC" client show 1 >/dev/null
		i=$((i + 1))
	done
	end=$(date +%s%N)
	echo "client show with its audit row: $(( (end - start) / 20000000 )) ms each" >&2
	test "$(log --action read | wc -l)" = 20
'
