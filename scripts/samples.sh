#!/bin/sh
# samples.sh ZORGDOC OUTDIR — the README's main job: checks every sample
# practice and makes its documents into OUTDIR/<practice>/.
set -eu
zd=$1
out=$2
mkdir -p "$out"
for p in samples/*/practice.xml; do
	[ -f "$p" ] || continue
	name=$(basename "$(dirname "$p")")
	echo "== $name" >&2
	"$zd" check "$p" 2>"$out/$name.warnings" || { cat "$out/$name.warnings" >&2; exit 1; }
	echo "   $(grep -c ': note: ' "$out/$name.warnings" || true) notes (advice): $out/$name.warnings" >&2
	mkdir -p "$out/$name"
	for ext in pdf html txt; do
		"$zd" privacy "$p" -o "$out/$name/privacyverklaring.$ext"
	done
	echo "   $out/$name/privacyverklaring.{pdf,html,txt}" >&2
	for ext in pdf html; do
		"$zd" register "$p" -o "$out/$name/register.$ext"
		if grep -q "<processor " "$p"; then
			"$zd" dpa "$p" --all --format "$ext" -o "$out/$name/verwerkersovereenkomst" >/dev/null
		fi
		if grep -q "practice-role=\"processor\"" "$p"; then
			"$zd" dpa "$p" -o "$out/$name/verwerkersovereenkomst-client.$ext"
		fi
	done
	echo "   $out/$name/register.{pdf,html}, $out/$name/verwerkersovereenkomst/*" >&2
done

# A month of zorgnota's for one sample practice, from a store filled with
# fictional clients (scripts/sample-dossier.sh). Made once: invoices are
# records, and a second run of the batch issues nothing new.
# The store is encrypted: the sample dossier holds only fictional people,
# so its passphrase is made at random once and kept beside it (a real
# practice keeps its passphrase out of the output, see the README).
db="$out/chakora/dossier.db"
pass="$out/chakora/dossier.passphrase"
if [ -z "${ZORGDOC_PASSPHRASE:-}" ]; then
	if [ ! -s "$pass" ]; then
		mkdir -p "$out/chakora"
		(umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$pass")
	fi
	ZORGDOC_PASSPHRASE=$(cat "$pass")
	export ZORGDOC_PASSPHRASE
fi
if [ ! -f "$db" ]; then
	sh scripts/sample-dossier.sh -z "$zd" -n 12 -p 2023-11 samples/chakora/practice.xml "$db" >/dev/null
fi
"$zd" invoice batch --db "$db" --practice samples/chakora/practice.xml \
	--period 2023-11 --date 2023-11-30 -o "$out/chakora/zorgnotas"
echo "   $out/chakora/zorgnotas: $(ls "$out/chakora/zorgnotas" | grep -c '\.pdf$') PDFs, journal and merged notas" >&2
echo "   $db: the fictional dossier (encrypted; passphrase in $pass)" >&2
