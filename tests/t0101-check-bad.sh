#!/bin/sh
# zorgdoc check on hostile and broken practice files (tests/bad/practice):
# each is refused with exit 1, exactly the errors of its golden .err file
# (nothing of the file's content quoted), nothing on stdout, and in well
# under a second. The 20 MB file and the 10,000-deep nesting are made here.
. "$TESTS_DIR/lib.sh"
BAD="$TESTS_DIR/bad/practice"
LOGO="$TESTS_DIR/../samples/chakora/logo.png"
# time bound per file, in ms (sanitizer builds run slower)
case $ZORGDOC_BUILD in *san*) LIMIT=3000 ;; *) LIMIT=1000 ;; esac
[ -z "${ZORGDOC_WRAP:-}" ] || LIMIT=120000  # under valgrind: no time bound

now_ms() { date +%s%3N; }

# check_bad NAME: runs check on ./NAME.xml, compares with NAME.err
check_bad() {
	cp "$LOGO" .
	t0=$(now_ms)
	run_status 1 "$ZORGDOC" check "$1.xml" >out 2>err
	t1=$(now_ms)
	test_golden "$BAD/$1.err" err
	if [ -s out ]; then echo "stdout not empty"; cat out; return 1; fi
	ms=$((t1 - t0))
	echo "$1: ${ms} ms"
	[ "$ms" -lt "$LIMIT" ] || { echo "too slow: $ms ms (limit $LIMIT)"; return 1; }
}

for f in "$BAD"/*.xml; do
	name=$(basename "$f" .xml)
	case $name in lint-*) continue ;; esac
	test_expect "refuses $name" '
		cp "$BAD/$name.xml" .
		check_bad "$name"
	'
done

test_expect "refuses a 20 MB file" '
	{ printf "<practice xmlns=\"urn:zorgdoc:practice:1\" model-version=\"1\">\n"
	  head -c 20971520 /dev/zero | tr "\0" " "
	  printf "</practice>\n"; } >huge-20mb.xml
	check_bad huge-20mb
'

test_expect "refuses 10,000-deep nesting" '
	awk "BEGIN { printf \"<practice xmlns=\\\"urn:zorgdoc:practice:1\\\" model-version=\\\"1\\\">\";
		for (i = 0; i < 10000; i++) printf \"<p>\"; for (i = 0; i < 10000; i++) printf \"</p>\";
		print \"</practice>\" }" >deep-nesting.xml
	[ $(grep -o "<p>" deep-nesting.xml | wc -l) -eq 10000 ]
	check_bad deep-nesting
'

test_expect "refuses a quadratic blowup" '
	{ printf "<?xml version=\"1.0\"?>\n<!DOCTYPE practice [<!ENTITY a \""
	  head -c 50000 /dev/zero | tr "\0" a
	  printf "\">]>\n<practice xmlns=\"urn:zorgdoc:practice:1\" model-version=\"1\"><passages><passage id=\"x\"><p>"
	  yes "&a;" | head -n 50000 | tr -d "\n"
	  printf "</p></passage></passages></practice>\n"; } >quadratic-blowup.xml
	[ $(wc -c <quadratic-blowup.xml) -gt 150000 ]
	check_bad quadratic-blowup
'

test_expect "the XXE file is not read" '
	cp "$BAD/xxe.xml" .
	run_status 1 "$ZORGDOC" check xxe.xml 2>err
	refute grep -q "root:" err
'

test_expect "errors of several files are all reported, per file and sorted" '
	cp "$BAD/bad-iban.xml" "$BAD/many-problems.xml" "$BAD/empty.xml" "$LOGO" .
	run_status 1 "$ZORGDOC" check many-problems.xml bad-iban.xml empty.xml 2>err
	cat "$BAD/many-problems.err" "$BAD/bad-iban.err" "$BAD/empty.err" >expected
	test_cmp expected err
'
