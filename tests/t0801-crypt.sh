#!/bin/sh
# Encryption at rest: a store file shows no personal data, opens only
# with its passphrase (file, environment, terminal prompt; never the
# command line), and a wrong one changes nothing. See docs/store.md.
. "$TESTS_DIR/lib.sh"
export ZORGDOC_DB=dossier.db
P="$TESTS_DIR/data/store/practice.xml"
export ZORGDOC_PRACTICE=practice.xml

# A client whose name, address, birth date, e-mail and clinical note are
# markers that must never show in the file.
setup() {
	cp "$P" "$(dirname "$P")/logo.png" .
	cat >clients.csv <<-\EOF2
	ref,name,street,postcode,city,birth_date,email
	Z1,Zoekmerk Verzonnen,Merkstraat 77,1234 AB,Merkdorp,1961-07-13,zoekmerk@voorbeeld.example
	EOF2
	cat >treatments.csv <<-\EOF2
	client_ref,date,tariff,note
	Z1,2023-11-03,consult,Geheimmerk hoofdpijn
	EOF2
	"$ZORGDOC" import clients.csv treatments.csv >/dev/null
	"$ZORGDOC" invoice create --client 1 --date 2023-11-30 >/dev/null
}
no_markers() {
	for m in Zoekmerk zoekmerk Merkstraat Merkdorp 1961-07-13 Geheimmerk hoofdpijn \
	    "SQLite format" CREATE; do
		if strings -n 4 "$1" | grep -q "$m"; then
			echo "$1 shows $m" >&2
			return 1
		fi
	done
}

test_expect "a store file shows no names, dates or notes" '
	setup
	"$ZORGDOC" client show 1 | grep -q "Zoekmerk Verzonnen"
	test "$(head -c 3 dossier.db)" = ZDK
	no_markers dossier.db
	test ! -e dossier.db-journal
	cp dossier.db copy.db
	no_markers copy.db
'
test_expect "a wrong passphrase is a clear error (exit 3) and changes nothing" '
	setup
	cp dossier.db before.db
	ZORGDOC_PASSPHRASE="not the passphrase" run_status 3 "$ZORGDOC" client add --name "X Fictief" 2>err
	grep -q "wrong passphrase or not a zorgdoc store" err
	refute grep -q Zoekmerk err
	ZORGDOC_PASSPHRASE="not the passphrase" run_status 3 "$ZORGDOC" invoice list 2>err
	cmp dossier.db before.db
	test ! -e dossier.db-journal
	"$ZORGDOC" client list | grep -q Zoekmerk
'
test_expect "--passphrase-file, anywhere among the options, before the environment" '
	printf "file passphrase 1\n" >pass
	chmod 600 pass
	"$ZORGDOC" client add --name "Anna Verzonnen" --passphrase-file pass >/dev/null 2>err
	test ! -s err
	chmod 644 pass
	"$ZORGDOC" client list --passphrase-file pass 2>err | grep -q Anna
	grep -q "passphrase file can be read by others" err
	chmod 600 pass
	env -u ZORGDOC_PASSPHRASE "$ZORGDOC" client list --passphrase-file=pass | grep -q Anna
	env -u ZORGDOC_PASSPHRASE "$ZORGDOC" --passphrase-file pass client list | grep -q Anna
	env -u ZORGDOC_PASSPHRASE "$ZORGDOC" client --passphrase-file pass list | grep -q Anna
	# the environment passphrase is not this store'\''s: the file wins
	"$ZORGDOC" client list --passphrase-file pass | grep -q Anna
	run_status 3 "$ZORGDOC" client list 2>err
	grep -q "wrong passphrase" err
	run_status 3 "$ZORGDOC" client list --passphrase-file missing 2>err
	grep -q missing err
	: >empty
	run_status 3 "$ZORGDOC" client list --passphrase-file empty 2>err
	grep -q "passphrase file is empty" err
'
test_expect "no passphrase and no terminal: a clear error, no store made" '
	env -u ZORGDOC_PASSPHRASE setsid -w "$ZORGDOC" client add --name "Anna Verzonnen" </dev/null >out 2>err && exit 1
	grep -q "no passphrase for the store: give --passphrase-file FILE or set \$ZORGDOC_PASSPHRASE" err
	test ! -e dossier.db
'
test_expect "a new store needs a passphrase of 8 characters or more" '
	ZORGDOC_PASSPHRASE=kort run_status 3 "$ZORGDOC" client add --name "Anna Verzonnen" 2>err
	grep -q "too short" err
	test ! -e dossier.db
'
test_expect "the passphrase is never a command-line argument" '
	run_status 2 "$ZORGDOC" client list --passphrase secret 2>err
	grep -q "unknown option" err
	test ! -e dossier.db
'
# Runs CMD on a pseudo-terminal (script(1)), typing each further argument
# as a line once the prompt before it has appeared; the screen goes to
# ./screen.
on_terminal() {
	_cmd=$1
	shift
	rm -f typing
	: >screen
	mkfifo typing
	script -qfec "$_cmd" /dev/null <typing >screen 2>&1 &
	_pid=$!
	exec 3>typing
	_k=0
	for _line in "$@"; do
		_i=0
		while [ "$(grep -o "assphrase[^:]*: " screen | wc -l)" -le $_k ] && [ $_i -lt 300 ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
		_k=$((_k + 1))
		printf "%s\n" "$_line" >&3
	done
	exec 3>&-
	wait $_pid || :
}

test_expect "the terminal prompt asks once to open, twice to create, without echo" '
	on_terminal "env -u ZORGDOC_PASSPHRASE $ZORGDOC client add --name Anna-Verzonnen" \
	    "prompt pass 1" "prompt pass 1"
	grep -q "Passphrase for the new store" screen
	grep -q "The same passphrase again" screen
	refute grep -q "prompt pass 1" screen
	ZORGDOC_PASSPHRASE="prompt pass 1" "$ZORGDOC" client list | grep -q Anna-Verzonnen
	on_terminal "env -u ZORGDOC_PASSPHRASE $ZORGDOC client list" "prompt pass 1"
	grep -q "Passphrase of the store" screen
	grep -q Anna-Verzonnen screen
	on_terminal "env -u ZORGDOC_PASSPHRASE $ZORGDOC client add --name X --db two.db" \
	    "prompt pass 1" "prompt pass 2"
	grep -q "the two passphrases differ" screen
	test ! -e two.db
'
test_expect "stores made under the test suite are marked; a real store costs a real KDF" '
	"$ZORGDOC" client list
	test "$(head -c 4 dossier.db)" = ZDKT
	"$ZORGDOC" store check 2>err >/dev/null
	grep -q "test-only cheap key derivation" err
	env -u ZORGDOC_TEST_ONLY_WEAK_KDF "$ZORGDOC" client list --db real.db
	test "$(head -c 4 real.db)" = ZDK1
	# the flag never lowers the cost of an existing store
	"$ZORGDOC" client add --name "Anna Verzonnen" --db real.db >/dev/null
	test "$(head -c 4 real.db)" = ZDK1
	"$ZORGDOC" store check --db real.db 2>err >/dev/null
	refute grep -q "test-only" err
'
test_expect "unknown key formats and plain SQLite files are refused, untouched" '
	"$ZORGDOC" client list
	printf "ZDK9" | dd of=dossier.db bs=1 count=4 conv=notrunc 2>/dev/null
	cp dossier.db before.db
	run_status 3 "$ZORGDOC" client list 2>err
	grep -q "newer zorgdoc (key format .9.)" err
	cmp dossier.db before.db
	sqlite3 plain.db "PRAGMA application_id = 2053402467; CREATE TABLE meta (k)"
	run_status 3 "$ZORGDOC" client list --db plain.db 2>err
	grep -q "not encrypted (made by an older zorgdoc): encrypt it first with .zorgdoc store encrypt." err
'
