#!/usr/bin/env bash
# Every `--set` key at 0, 1, 1e6, Int.max and the largest duration, through `run steady`: each
# must be refused with one line and exit 2, or run to its end (exit 0) within a bound; never a
# trap. Prints one line per outcome kind and the slowest accepted runs.
#
#   scripts/set-sweep.sh [BINARY] [VIRTUAL_DURATION]
set -u
bin=${1:-.build/release/stallscope}
duration=${2:-5s}
bound=${SWEEP_BOUND_SECONDS:-120}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" scenarios --keys | awk '{print $1}' > "$out/keys"
: > "$out/results"
while read -r key; do
    for value in 0 1 1e6 9223372036854775807 9999999999s 5e15h; do
        start=$(date +%s.%N)
        timeout "$bound" "$bin" run steady --duration "$duration" --set "$key=$value" > /dev/null 2> "$out/err"
        code=$?
        took=$(echo "$(date +%s.%N) - $start" | bc)
        lines=$(wc -l < "$out/err")
        echo "$code $lines $took $key=$value" >> "$out/results"
    done
done < "$out/keys"
total=$(wc -l < "$out/results")
echo "$total runs over $(wc -l < "$out/keys") keys"
awk '$1 == 2 && $2 == 1 {n++} END {print n+0, "refused: exit 2, one line"}' "$out/results"
awk '$1 == 0 {n++} END {print n+0, "accepted and ran to the end"}' "$out/results"
awk '!($1 == 0 || ($1 == 2 && $2 == 1)) {print "OTHER:", $0}' "$out/results"
echo "slowest accepted:"
awk '$1 == 0' "$out/results" | sort -k3 -g -r | head -5 | awk '{printf "  %6.2fs  %s\n", $3, $4}'
