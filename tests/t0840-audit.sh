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
	refute grep -q "Anna\|Verzonnen\|Verzinsel\|slaapt\|1980" all
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

# regen --notify: a practice with three clients who signed version 2023.10
# of the privacy statement, and a material change for the next version
SAMPLE="$TESTS_DIR/../samples/chakora"
notify_setup() {
	cp "$SAMPLE/practice.xml" "$SAMPLE/logo.png" .
	export ZORGDOC_DB=$PWD/dossier.db
	"$ZORGDOC" regen practice.xml -o out >/dev/null 2>&1
	"$ZORGDOC" client add --name "Anna Verzonnen" --street "Dorpsstraat 1" --postcode "1234 AB" --city Ergens >/dev/null
	"$ZORGDOC" client add --name "Bram Bedacht" --street "Laan 2" --postcode "2345 BC" --city Nergens >/dev/null
	"$ZORGDOC" client add --name "Cas Fictief" --street "Pad 3" --postcode "3456 CD" --city Elders >/dev/null
	for c in 1 2 3; do
		"$ZORGDOC" consent add --client $c --what privacyverklaring --by "client $c" \
		    --date 2023-10-20 --document privacyverklaring --version 2023.10 >/dev/null
	done
	python3 -c '
s = open("practice.xml").read()
old = "  </processors>"
assert old in s
open("practice.xml", "w").write(s.replace(old, "    <processor id=\"mailchimp\" agreement=\"signed\" categories=\"c-naw c-contact\" purposes=\"contact\"><name>Mailchimp</name><role>Nieuwsbrief</role><processing>Versturen van de nieuwsbrief.</processing><location eea=\"no\" country=\"US\" safeguard=\"scc\"/></processor>\n" + old, 1))'
}
# the notify rows as "user,action,entity,record,client,detail"
notify_rows() {
	"$ZORGDOC" audit --action notify --csv "$@" | awk -F, 'NR > 1 { print $3 "," $4 "," $5 "," $6 "," $7 "," $8 }'
}

test_expect "regen --notify: one audit row per letter, with the version; none for an erased client" '
	notify_setup
	# client 3 was also given the statement (a document row, which an
	# erasure keeps without its path), then erased
	zsql dossier.db "INSERT INTO documents (kind, version, input_sha256, path, date, client_id, created) VALUES ('"'"'privacyverklaring'"'"', '"'"'2023.10'"'"', '"'"'0'"'"', NULL, '"'"'2023-10-21'"'"', 3, '"'"'x'"'"')"
	"$ZORGDOC" client forget 3 --force 2>/dev/null
	"$ZORGDOC" regen practice.xml -o out --bump --notify >log 2>/dev/null
	grep "^notify:" log | sed "s/: out.*//" >got
	printf "%s\n" "notify: 1 erased client not told (no name or address left)" \
	    "notify: client 1" "notify: client 2" \
	    "notify: 2 letters, together in out/notify/2023.11/kennisgevingen.pdf" >exp
	test_cmp exp got
	test ! -e out/notify/2023.11/kennisgeving-3.pdf
	notify_rows >rows
	printf "therapeut,notify,client,1,1,2023.11\ntherapeut,notify,client,2,2,2023.11\n" >exp
	test_cmp exp rows
	# the client asking "who read my data" sees the letter
	"$ZORGDOC" audit --client 1 --csv | awk -F, "NR > 1 { print \$4, \$5, \$8 }" >rows
	printf "%s\n" "add client " "add consent " "notify client 2023.11" "generate document " \
	    "read audit client filter" >exp
	test_cmp exp rows
	test "$(notify_rows --client 3 | wc -l)" = 0
	# told once: no second letter, no second row
	"$ZORGDOC" regen practice.xml -o out --notify >log2 2>/dev/null
	grep -q "^notify: no client has an earlier version without a letter for version 2023.11" log2
	test "$(notify_rows | wc -l)" = 2
'
test_expect "regen --notify: when the audit row cannot be written, nothing is said or written" '
	notify_setup
	zsql dossier.db "CREATE TRIGGER no_notify BEFORE INSERT ON audit WHEN NEW.action = '"'"'notify'"'"' BEGIN SELECT RAISE(ABORT, '"'"'refused'"'"'); END"
	run_status 3 "$ZORGDOC" regen practice.xml -o out --bump --notify >log 2>err
	grep -q "store error while writing the audit log: refused" err
	refute grep -q "^notify:" log
	test ! -e out/notify
	test "$(zsql dossier.db "SELECT count(*) FROM documents WHERE kind = '"'"'kennisgeving'"'"'")" = 0
	refute grep -q "Anna\|Bram\|Cas\|Dorpsstraat" log err
	# a letter whose record fails after it was written is removed again
	zsql dossier.db "DROP TRIGGER no_notify; CREATE TRIGGER no_letter BEFORE INSERT ON documents WHEN NEW.client_id = 2 BEGIN SELECT RAISE(ABORT, '"'"'refused'"'"'); END"
	run_status 3 "$ZORGDOC" regen practice.xml -o out --notify >log 2>err
	refute grep -q "^notify:" log
	test -z "$(ls out/notify/2023.11)"
	test "$(notify_rows | wc -l)" = 0
	# once the store takes the rows, the clients are told
	zsql dossier.db "DROP TRIGGER no_letter"
	"$ZORGDOC" regen practice.xml -o out --notify >log 2>/dev/null
	test "$(grep -c "^notify: client" log)" = 3
	test "$(notify_rows | wc -l)" = 3
'
