#!/bin/sh
# run.sh — builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang,
# ASan and UBSan into build-fuzz/, and runs each for FUZZ_SECONDS (default
# 600) from its seed corpus (tests/fuzz/corpus/<name>/, plus the samples).
# A crash leaves its input in build-fuzz/crashes/<name>/: copy it to
# tests/fuzz/regressions/<name>/ so the test suite replays it for ever.
#   make fuzz                    every target, 10 minutes each
#   FUZZ_SECONDS=30 make fuzz    a quick run
#   FUZZ_TARGETS=practice make fuzz
#   FUZZ_TIMEOUT=30 make fuzz     seconds one input may take (default 10;
#                                 raise it on a loaded machine)
set -eu
cd "$(dirname "$0")/../.."
sh scripts/deps.sh fuzz
SECONDS_EACH=${FUZZ_SECONDS:-600}
B=build-fuzz
make --no-print-directory BUILD=$B CC=clang SAN=1 OPT='-O1 -g' \
	CFLAGS='-fsanitize=fuzzer-no-link' $B/libzorgdoc.a >/dev/null
PKGS=$(sed -n 's/^PKGS := //p; s/^        \(.*\)$/\1/p' Makefile | tr -d '\\' | head -3 | tr '\n' ' ')
LIBS="$(pkg-config --libs $PKGS) -lhpdf -lhyphen -lm -lpthread"
CFL="$(pkg-config --cflags $PKGS)"
export ZORGDOC_DATADIR="$PWD" LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1700000000
# pango 1.50 leaks fontconfig patterns (see tests/lsan.supp): targets that
# lay out text would otherwise "crash" at exit
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c | sed 's/^fuzz_//')
	case " ${FUZZ_TARGETS:-$name} " in *" $name "*) ;; *) continue ;; esac
	bin=$B/fuzz_$name
	# shellcheck disable=SC2086
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $CFL \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o "$bin" "$src" $B/libzorgdoc.a $LIBS
	work=$B/corpus/$name
	crashes=$B/crashes/$name
	mkdir -p "$work" "$crashes"
	seeds=tests/fuzz/corpus/$name
	[ "$name" = practice ] && for f in samples/*/practice.xml; do cp "$f" "$work/sample-$(basename "$(dirname "$f")").xml"; done
	echo "fuzz $name: $SECONDS_EACH s" >&2
	if ! "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-10}" \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$work" "$seeds" \
		2>"$B/fuzz_$name.log"; then
		echo "fuzz $name: FAILED, see $B/fuzz_$name.log and $crashes/" >&2
		status=1
	fi
	grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$B/fuzz_$name.log" >&2 || true
done
exit $status
