#!/bin/sh
# Faults of the machine: a full disk (/dev/full, a file-size limit, a
# small full tmpfs), a read-only output directory, missing and damaged
# fonts, a store locked by another process. Each gives a clear error
# and the right exit status, leaves nothing half-written, keeps the
# previous version of a file whole and changes nothing in the store.
# The tmpfs and other-user tests need root (as in CI) and say "skipped"
# otherwise.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/faultlib.sh"
export ZORGDOC_DB=dossier.db ZORGDOC_PRACTICE="$TESTS_DIR/data/store/practice.xml"
SAMPLE="$TESTS_DIR/../scripts/sample-dossier.sh"
LAYOUT="$TESTS_DIR/layout"
IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1

doc_here() {
	cp "$LAYOUT/agreement.xml" "$LAYOUT/logo.png" "$LAYOUT/logo.svg" .
}

# only_files F...: the current directory holds exactly these names
# (hidden ones included)
only_files() {
	printf "%s\n" "$@" | sort >want.ls
	ls -A | grep -vx "want.ls\|got.ls" | sort >got.ls
	diff want.ls got.ls
}

# ---- full disk ----------------------------------------------------------

test_expect "output to /dev/full: a clear error, exit 1, and the device stays a device" '
	doc_here
	if [ $IS_ROOT = 1 ]; then
		# a private copy of the device: writing used to rename a temp
		# file over it, which replaced the device node itself
		mknod full c 1 7
		target=full
	else
		target=/dev/full
	fi
	run_status 1 "$ZORGDOC" render agreement.xml --format pdf -o $target 2>err
	grep -q "^$target: error: cannot write file: No space left on device$" err
	test -c $target
	rm -f full
	only_files agreement.xml logo.png logo.svg err
'
test_expect "a file-size limit (ulimit -f): EFBIG, exit 1, the previous file whole, no temp file" '
	doc_here
	"$ZORGDOC" render agreement.xml -o x.pdf
	cp x.pdf before.pdf
	sed "s/Partijen/Betrokkenen/g" agreement.xml >new.xml
	( ulimit -f 8; "$ZORGDOC" render new.xml -o x.pdf ) 2>err && exit 1
	cat err
	grep -q "^x.pdf: error: cannot write file: File too large$" err
	cmp x.pdf before.pdf
	only_files agreement.xml logo.png logo.svg new.xml x.pdf before.pdf err
'
test_expect "a file-size limit while the store grows: exit 3, the store as it was" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 5 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	cp dossier.db before.db
	awk "BEGIN { print \"name,city\"; for (i = 0; i < 20000; i++) printf \"Naam Verzonnen %d,Nergensdorp\\n\", i }" >big.csv
	limit=$(( $(wc -c <dossier.db) / 512 + 40 ))
	( ulimit -f $limit; "$ZORGDOC" import big.csv ) >out 2>err && exit 1
	rc=$?
	cat err
	grep -q "^dossier.db: error: cannot write the store: .*nothing was changed" err
	test ! -s out
	store_intact dossier.db
	test "$("$ZORGDOC" client list | wc -l)" = 5
	test ! -e dossier.db-journal
'
test_expect "a small full tmpfs: batch -o stops with a clear error, no partial PDF; a rerun elsewhere completes" '
	[ $IS_ROOT = 1 ] && command -v unshare >/dev/null || { echo "not root: skipped"; exit 0; }
	sh "$SAMPLE" -z "$ZORGDOC" -n 60 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	mkdir mnt
	# a private mount namespace: the tmpfs goes away with the shell;
	# one job and chunks of 16, so that the disk fills before every number
	# is given (workers would have the parent issue ahead of the renders)
	unshare -m sh -c "
		mount -t tmpfs -o size=300k tmpfs mnt || exit 77
		ZORGDOC_BATCH_CHUNK=16 \"$ZORGDOC\" invoice batch --period 2023-11 --date 2023-11-30 -o mnt/out --jobs 1 >issued 2>err
		echo \$? >rc
		ls -A mnt/out >listing
		for f in mnt/out/*.pdf; do qpdf --check \"\$f\" >/dev/null || echo \"\$f\" >>damaged; done
	" || { [ $? = 77 ] && { echo "cannot mount a tmpfs: skipped"; exit 0; }; exit 1; }
	cat err
	test "$(cat rc)" = 1
	grep -q "^mnt/out/CH2023-[0-9]*.pdf: error: cannot write file: No space left on device$" err
	test ! -e damaged
	refute grep -Ei "partial|tmp" listing
	n=$("$ZORGDOC" invoice list | wc -l)
	echo "$n invoices issued before the disk was full; $(grep -c pdf listing) PDFs written"
	test "$n" -lt 60
	numbers_gapless "$n"
	store_intact dossier.db
	"$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out >>issued
	numbers_gapless 60
	test "$(ls out/CH*.pdf | wc -l)" = 60
	outdir_clean out
'
test_expect "a multi-page PNG on a disk that fills half way: every previous page file as it was" '
	[ $IS_ROOT = 1 ] && command -v unshare >/dev/null || { echo "not root: skipped"; exit 0; }
	doc_here
	"$ZORGDOC" render agreement.xml -o probe.png
	n=$(ls probe-*.png | wc -l)
	test "$n" -ge 2
	big=$(wc -c probe-*.png | grep -v total | sort -n | tail -1 | awk "{ print \$1 }")
	mkdir mnt
	total=$(cat probe-*.png | wc -c)
	# room for the small previous pages, the biggest new page and a
	# little more, never for all new pages: a page after the first
	# cannot be written
	kb=$(( big / 1024 + 4 * n + 16 ))
	test "$total" -gt $(( (kb - 4 * n) * 1024 ))
	unshare -m sh -c "
		mount -t tmpfs -o size=${kb}k tmpfs mnt || exit 77
		i=1; while [ \$i -le $n ]; do echo \"previous page \$i\" >mnt/x-\$i.png; i=\$((i + 1)); done
		mkdir before && cp mnt/*.png before/
		\"$ZORGDOC\" render agreement.xml -o mnt/x.png 2>err
		echo \$? >rc
		for f in before/*.png; do cmp \"\$f\" mnt/\$(basename \"\$f\") || echo \"\$f\" >>changed; done
		ls -A mnt >listing
	" || { [ $? = 77 ] && { echo "cannot mount a tmpfs: skipped"; exit 0; }; exit 1; }
	cat err
	test "$(cat rc)" = 1
	grep -q "No space left on device" err
	test ! -e changed
	test "$(wc -l <listing)" = "$n"
	refute grep -q tmp listing
'
test_expect "a store on a small full tmpfs: exit 3, the disk is full, nothing changed" '
	[ $IS_ROOT = 1 ] && command -v unshare >/dev/null || { echo "not root: skipped"; exit 0; }
	awk "BEGIN { print \"name,city\"; for (i = 0; i < 20000; i++) printf \"Naam Verzonnen %d,Nergensdorp\\n\", i }" >big.csv
	mkdir mnt
	unshare -m sh -c "
		mount -t tmpfs -o size=400k tmpfs mnt || exit 77
		export ZORGDOC_DB=mnt/dossier.db
		\"$ZORGDOC\" client add --name \"Anna Verzonnen\" >/dev/null || exit 1
		\"$ZORGDOC\" import big.csv >out 2>err
		echo \$? >rc
		\"$ZORGDOC\" client list >list
		cp mnt/dossier.db copy.db
		ls -A mnt >listing
	" || { [ $? = 77 ] && { echo "cannot mount a tmpfs: skipped"; exit 0; }; exit 1; }
	cat err
	test "$(cat rc)" = 3
	grep -q "the disk is full; nothing was changed" err
	test "$(wc -l <list)" = 1
	store_intact copy.db
	test "$(cat listing)" = dossier.db
'

# ---- read-only output directory -----------------------------------------

# as_nobody CMD...: runs CMD as uid/gid 65534 with no groups
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
nobody_ok() {
	[ $IS_ROOT = 1 ] && command -v setpriv >/dev/null || return 1
	# the scratch directories are 0700: let nobody in
	chmod o+x "$TMP" .
	as_nobody test -x "$ZORGDOC"
}

test_expect "render into a read-only directory: exit 1, permission denied, the old file whole" '
	nobody_ok || { echo "not root (or no setpriv): skipped"; exit 0; }
	doc_here
	mkdir ro
	"$ZORGDOC" render agreement.xml -o ro/x.pdf
	cp ro/x.pdf before.pdf
	chmod 755 ro; chmod 644 ro/x.pdf
	chmod o+r agreement.xml logo.png logo.svg
	run_status 1 as_nobody "$ZORGDOC" render agreement.xml -o ro/x.pdf 2>err
	cat err
	grep -q "^ro/x.pdf: error: cannot create file: Permission denied$" err
	cmp ro/x.pdf before.pdf
	test "$(ls -A ro)" = x.pdf
'
test_expect "batch -o into a read-only directory numbers nothing" '
	nobody_ok || { echo "not root (or no setpriv): skipped"; exit 0; }
	sh "$SAMPLE" -z "$ZORGDOC" -n 5 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	mkdir ro
	chown 65534:65534 dossier.db
	chmod o+rwx .
	chmod 755 ro
	run_status 1 as_nobody "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 \
		--practice "$ZORGDOC_PRACTICE" -o ro 2>err
	cat err
	grep -q "^ro/journal-2023-11.csv: error: cannot create file: Permission denied$" err
	test -z "$(ls -A ro)"
	test "$("$ZORGDOC" invoice list | wc -l)" = 0
'
test_expect "a store in a directory the user cannot write: exit 3, nothing changed" '
	nobody_ok || { echo "not root (or no setpriv): skipped"; exit 0; }
	mkdir ro
	"$ZORGDOC" client add --name "Anna Verzonnen" --db ro/dossier.db >/dev/null
	chown 65534:65534 ro/dossier.db
	chmod 755 ro
	cp ro/dossier.db before.db
	run_status 3 as_nobody "$ZORGDOC" client add --name "Bram Fictief" --db ro/dossier.db 2>err
	cat err
	grep -q "^ro/dossier.db: error: cannot write the store" err
	cmp ro/dossier.db before.db
	test "$(ls -A ro)" = dossier.db
'

# ---- fonts --------------------------------------------------------------

test_expect "no fonts where fonts are expected: a clear error naming each file, no document" '
	doc_here
	mkdir nofonts
	ZORGDOC_FONTDIR=$PWD/nofonts run_status 1 "$ZORGDOC" render agreement.xml -o x.pdf 2>err
	cat err
	grep -q "nofonts/LiberationSans-Regular.ttf: error: font file missing (install fonts-liberation2)" err
	grep -q "nofonts/LiberationSerif-BoldItalic.ttf: error: font file missing" err
	test ! -e x.pdf
	ZORGDOC_FONTDIR=$PWD/nofonts run_status 1 "$ZORGDOC" privacy "$TESTS_DIR/../samples/chakora/practice.xml" -o p.pdf 2>err
	grep -q "font file missing" err
	test ! -e p.pdf
'
test_expect "one font missing, one damaged: both named, no document in a fallback font" '
	doc_here
	mkdir fonts
	src=/usr/share/fonts/truetype/liberation2
	[ -d "$src" ] || src=$ZORGDOC_DATADIR/fonts
	cp "$src"/Liberation*.ttf fonts/
	rm fonts/LiberationSerif-Bold.ttf
	head -c 4096 /dev/urandom >fonts/LiberationSans-Italic.ttf
	ZORGDOC_FONTDIR=$PWD/fonts run_status 1 "$ZORGDOC" render agreement.xml -o x.pdf 2>err
	cat err
	grep -q "fonts/LiberationSerif-Bold.ttf: error: font file missing" err
	grep -q "fonts/LiberationSans-Italic.ttf: error: not a usable font file" err
	test "$(wc -l <err)" = 2
	test ! -e x.pdf
'

test_expect "a name in a script no font has: refused with a clear error, never drawn as boxes" '
	mkdir fonts
	src=/usr/share/fonts/truetype/liberation2
	[ -d "$src" ] || src=$ZORGDOC_DATADIR/fonts
	cp "$src"/Liberation*.ttf fonts/
	"$ZORGDOC" client add --name "$(printf "\347\216\213\345\260\217\346\230\216")" --street "Lindelaan 1" \
		--postcode "1234 AB" --city Utrecht --birth-date 1980-01-01 >/dev/null
	"$ZORGDOC" treatment add --client 1 --date 2023-11-02 --tariff consult >/dev/null
	"$ZORGDOC" invoice create --client 1 --date 2023-11-30 >/dev/null
	ZORGDOC_FONTDIR=$PWD/fonts run_status 1 "$ZORGDOC" invoice render CH2023-0001 -o x.pdf 2>err
	cat err
	grep -q "error: 3 characters in a script none of the fonts has (install fonts-dejavu-core for Arabic and Hebrew, fonts-droid-fallback for Chinese" err
	test ! -e x.pdf
	# with the system fonts it renders, in the fallback font
	"$ZORGDOC" invoice render CH2023-0001 -o x.pdf
	pdffonts x.pdf | grep -q DroidSansFallback
'

# ---- locked store --------------------------------------------------------

# hold_lock DB MODE SECONDS: another process takes SQLite's own POSIX lock
# on the store, as a writing zorgdoc would: MODE reserved (a writer;
# readers still get in) or exclusive (nobody gets in). Works whatever
# the store holds (encrypted or not). Waits until the lock is held.
hold_lock() {
	perl -e '
		use Fcntl;
		my ($db, $mode, $secs) = @ARGV;
		sysopen(my $fh, $db, O_RDWR) or die "open: $!";
		my $pending = 0x40000000;
		my ($start, $len) = $mode eq "exclusive" ? ($pending, 512) : ($pending + 1, 1);
		my $fl = pack("s!s!x4qqix4", F_WRLCK, SEEK_SET, $start, $len, 0);
		fcntl($fh, F_SETLK, $fl) or die "lock: $!";
		open(my $r, ">", "$db.held") or die; close $r;
		sleep $secs;
		unlink "$db.held";
	' "$@" &
	lockpid=$!
	_i=0
	while [ ! -e "$1.held" ]; do
		_i=$((_i + 1)); [ $_i -lt 500 ] || { echo "no lock"; return 1; }
		sleep 0.01
	done
}
now_ms() { date +%s%3N; }

test_expect "a writer holds the store: store is busy (exit 3) after ZORGDOC_BUSY_TIMEOUT, nothing changed" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 3 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	cp dossier.db before.db
	hold_lock dossier.db reserved 30
	t0=$(now_ms)
	ZORGDOC_BUSY_TIMEOUT=400 run_status 3 "$ZORGDOC" client add --name "Bram Fictief" 2>err
	t1=$(now_ms)
	cat err
	grep -q "^dossier.db: error: store is busy: another zorgdoc is using it (waited 400 ms); try again$" err
	echo "waited $((t1 - t0)) ms"
	test $((t1 - t0)) -ge 400
	test $((t1 - t0)) -lt 4000
	ZORGDOC_BUSY_TIMEOUT=400 run_status 3 "$ZORGDOC" invoice batch --period 2023-11 --date 2023-11-30 -o out 2>err
	grep -q "store is busy" err
	# a read is audited (a write): it waits for the writer too
	ZORGDOC_BUSY_TIMEOUT=400 run_status 3 "$ZORGDOC" client list 2>err
	grep -q "store is busy" err
	cmp dossier.db before.db
	test -z "$(ls -A out 2>/dev/null)"
	kill $lockpid; wait $lockpid || true
	"$ZORGDOC" client add --name "Bram Fictief" >/dev/null
	test "$("$ZORGDOC" client list | wc -l)" = 4
'
test_expect "an exclusive lock stops readers too: exit 3, nothing changed; a longer timeout waits it out" '
	sh "$SAMPLE" -z "$ZORGDOC" -n 3 "$ZORGDOC_PRACTICE" dossier.db >/dev/null
	cp dossier.db before.db
	hold_lock dossier.db exclusive 5
	ZORGDOC_BUSY_TIMEOUT=200 run_status 3 "$ZORGDOC" client list >out 2>err
	grep -q "store is busy" err
	test ! -s out
	ZORGDOC_BUSY_TIMEOUT=200 run_status 3 "$ZORGDOC" invoice list >out 2>err
	grep -q "store is busy" err
	cmp dossier.db before.db
	# waiting longer than the lock is held: it goes through
	ZORGDOC_BUSY_TIMEOUT=20000 "$ZORGDOC" client add --name "Bram Fictief" >/dev/null
	test "$("$ZORGDOC" client list | wc -l)" = 4
	wait $lockpid || true
'
test_expect "a second connection holding BEGIN EXCLUSIVE (zsql): busy, exit 3, nothing changed" '
	"$ZORGDOC" client add --name "Anna Verzonnen" >/dev/null
	cp dossier.db before.db
	( echo "BEGIN EXCLUSIVE;"; echo "SELECT 1;"; sleep 6; echo "COMMIT;" ) | zsql dossier.db >held &
	spid=$!
	i=0; while [ ! -s held ]; do i=$((i + 1)); [ $i -lt 500 ]; sleep 0.01; done
	ZORGDOC_BUSY_TIMEOUT=300 run_status 3 "$ZORGDOC" client add --name "Bram Fictief" 2>err
	grep -q "store is busy" err
	ZORGDOC_BUSY_TIMEOUT=300 run_status 3 "$ZORGDOC" client list 2>err
	grep -q "store is busy" err
	wait $spid
	cmp dossier.db before.db
'
