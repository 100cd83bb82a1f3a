#!/bin/sh
# deps.sh — installs the Debian packages zorgdoc needs, only those missing.
#   sh scripts/deps.sh          build and run (libraries, fonts, dictionary)
#   sh scripts/deps.sh test     also what the tests use (poppler, qpdf, tidy, zbar,
#                               chromium for the HTML on a phone,
#                               python3 for a few checks of file formats,
#                               file, ps and ImageMagick's convert for a few
#                               tests: a minimal Debian has none of them)
#   sh scripts/deps.sh fuzz     also clang and its runtime for libFuzzer
#   sh scripts/deps.sh bench    also what make bench compares with (WeasyPrint,
#                               for Debian's /usr/bin/python3) and GNU time
# Needs root (apt-get) only when something is missing.
set -eu
BUILD_PKGS="gcc make pkg-config libc6-dev
 libxml2-dev libxslt1-dev libpango1.0-dev libcairo2-dev libhpdf-dev
 libqpdf-dev libhyphen-dev hyphen-nl libsqlcipher-dev libsodium-dev
 libqrencode-dev librsvg2-dev fonts-liberation2 fontconfig
 fonts-dejavu-core fonts-droid-fallback"
TEST_PKGS="poppler-utils qpdf tidy libxml2-utils sqlite3 zbar-tools valgrind python3
 chromium file procps imagemagick"
FUZZ_PKGS="clang libclang-rt-14-dev"
BENCH_PKGS="weasyprint time"

pkgs=$BUILD_PKGS
for what in "$@"; do
	case $what in
	test) pkgs="$pkgs $TEST_PKGS" ;;
	fuzz) pkgs="$pkgs $FUZZ_PKGS" ;;
	bench) pkgs="$pkgs $TEST_PKGS $BENCH_PKGS" ;;
	*) echo "deps.sh: unknown set '$what' (test, fuzz, bench)" >&2; exit 2 ;;
	esac
done

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing$missing" >&2
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
