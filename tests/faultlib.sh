# faultlib.sh — helpers of the fault and bad-input scripts (tests/t09xx),
# sourced after lib.sh. They look at a store through zorgdoc itself
# (`store check`) and lib.sh's zsql (SQL on the encrypted store).
#
#   store_intact DB        the store passes `store check` and SQLite's
#                          integrity and foreign-key checks
#   numbers_gapless N      `invoice list` holds exactly N invoice numbers,
#                          sequence 1..N of one year, no gap, no duplicate
#   outdir_clean DIR       DIR holds no visible temp/partial file; every
#                          visible PDF belongs to an issued invoice and
#                          passes qpdf --check
#   is_plain_sqlite DB     the store is an unencrypted SQLite file

is_plain_sqlite() {
	[ "$(head -c 15 "$1" 2>/dev/null)" = "SQLite format 3" ]
}

store_intact() {
	"$ZORGDOC" store check --db "$1" >check.out 2>&1 ||
		{ echo "store check failed:"; cat check.out; return 1; }
	_ic=$(zsql "$1" "PRAGMA integrity_check")
	[ "$_ic" = ok ] || { echo "integrity_check: $_ic"; return 1; }
	_fk=$(zsql "$1" "PRAGMA foreign_key_check" | wc -l)
	[ "$_fk" = 0 ] || { echo "foreign_key_check: $_fk rows"; return 1; }
	return 0
}

# The sequence numbers of the invoices `invoice list` shows (CH2023-0001
# -> 1), sorted; checks 1..N without gap or duplicate.
numbers_gapless() {
	"$ZORGDOC" invoice list >list.out
	cut -f1 list.out | sed 's/.*-0*//' | sort -n >seqs
	seq 1 "$1" >want
	if ! cmp -s want seqs; then
		echo "invoice numbers are not 1..$1:"
		diff want seqs | head -20
		return 1
	fi
	[ -z "$(cut -f1 list.out | sort | uniq -d)" ] || { echo "duplicate numbers"; return 1; }
}

outdir_clean() {
	_dir=$1
	_bad=$(ls "$_dir" | grep -Ei 'partial|tmp|~$' || true)
	[ -z "$_bad" ] || { echo "visible temp files: $_bad"; return 1; }
	"$ZORGDOC" invoice list | cut -f1 >issued.out
	for _f in "$_dir"/*.pdf; do
		[ -e "$_f" ] || continue
		_b=$(basename "$_f" .pdf)
		case $_b in
		notas-*) ;;
		*) grep -qx "$_b" issued.out || { echo "$_f: no such invoice"; return 1; } ;;
		esac
		qpdf --check "$_f" >/dev/null 2>&1 || { echo "$_f fails qpdf --check"; return 1; }
	done
}

