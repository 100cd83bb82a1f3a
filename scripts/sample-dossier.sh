#!/bin/sh
# sample-dossier.sh — fills a dossier store with fictional clients and a
# month of treatments, for demonstrations, tests and the benchmark.
#
#   sh scripts/sample-dossier.sh [-n CLIENTS] [-p YYYY-MM] [-z ZORGDOC] PRACTICE.xml DB
#
# Every name is made up and says so (surnames like "Verzonnen" and
# "Fictief", streets in "Nergensdorp"). The output is the same on every
# run (fixed seed). Tariffs are the practice's (zorgdoc treatment tariffs);
# clients get 1 to 4 treatments each in the period. Goes through
# `zorgdoc import`, so the store checks everything as for a real import.
set -eu
n=25
period=2023-11
zorgdoc=${ZORGDOC:-build/zorgdoc}
while getopts n:p:z: opt; do
	case $opt in
	n) n=$OPTARG ;;
	p) period=$OPTARG ;;
	z) zorgdoc=$OPTARG ;;
	*) echo "usage: sample-dossier.sh [-n CLIENTS] [-p YYYY-MM] [-z ZORGDOC] PRACTICE.xml DB" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { echo "usage: sample-dossier.sh [-n CLIENTS] [-p YYYY-MM] [-z ZORGDOC] PRACTICE.xml DB" >&2; exit 2; }
practice=$1
db=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tariffs=$("$zorgdoc" treatment tariffs --practice "$practice" | cut -f1 | tr '\n' ' ')
[ -n "$tariffs" ] || { echo "sample-dossier.sh: the practice has no tariffs" >&2; exit 1; }

awk -v n="$n" -v period="$period" -v tariffs="$tariffs" -v dir="$tmp" 'BEGIN {
	srand(20231119)
	split("Anna Bram Cor Daan Eva Fenna Gijs Hanna Ilse Joost Kees Lotte Mees Noor Otto Pien Quinten Roos Sem Tess", first, " ")
	split("Verzonnen Fictief Voorbeeld Testmans Bedacht Proefmans Nepveld Verzinsel", last, " ")
	split("Verzinselstraat Fictielaan Voorbeeldweg Proefplein Denkbeeldsingel", street, " ")
	split("Nergensdorp Fictiedam Verzonnenveen Voorbeeldrecht", city, " ")
	split("Verzekeraar Een|Verzekeraar Twee|Verzekeraar Drie", insurer, "|")
	nt = split(tariffs, tariff, " ")
	c = dir "/clients.csv"; t = dir "/treatments.csv"
	print "ref,name,street,postcode,city,birth_date,email,insurer,policy_number,guardian" > c
	print "client_ref,date,tariff,note" > t
	for (i = 1; i <= n; i++) {
		ref = sprintf("S%05d", i)
		fn = first[int(rand() * 20) + 1]; ln = last[int(rand() * 8) + 1]
		minor = rand() < 0.1
		year = minor ? 2010 + int(rand() * 8) : 1945 + int(rand() * 55)
		birth = sprintf("%04d-%02d-%02d", year, int(rand() * 12) + 1, int(rand() * 28) + 1)
		pc = sprintf("%04d %c%c", 1000 + int(rand() * 8999), 65 + int(rand() * 26), 65 + int(rand() * 26))
		guardian = minor ? "Ouder " ln : ""
		printf "%s,%s %s,%s %d,%s,%s,%s,%s.%s.%d@voorbeeld.example,%s,POL%07d,%s\n", ref, fn, ln,
		    street[int(rand() * 5) + 1], 1 + int(rand() * 200), pc, city[int(rand() * 4) + 1], birth,
		    tolower(fn), tolower(ln), i, insurer[int(rand() * 3) + 1], int(rand() * 9999999), guardian > c
		k = 1 + int(rand() * 4)
		for (j = 0; j < k; j++) {
			day = 1 + j * 7 + int(rand() * 6)
			printf "%s,%s-%02d,%s,\"Fictieve notitie %d, sessie %d.\"\n", ref, period, day,
			    tariff[int(rand() * nt) + 1], i, j + 1 > t
		}
	}
}'
"$zorgdoc" import --practice "$practice" --db "$db" "$tmp/clients.csv" "$tmp/treatments.csv"
