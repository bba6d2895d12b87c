#!/usr/bin/env bash
# Writes the JSON report of every scenario under every step of its incident's ladder (and
# `legacy`, and two seeds), without the wall time, one file each under OUTDIR. Two builds'
# directories compare with `diff -r`: a refactor that changes no behaviour leaves them
# byte-identical.
#
#   scripts/scenario-json.sh OUTDIR [BINARY]
set -euo pipefail
out=${1:?usage: scripts/scenario-json.sh OUTDIR [BINARY]}
bin=${2:-.build/debug/stallscope}
mkdir -p "$out"
{
    "$bin" scenarios --policies
    "$bin" scenarios --policies | awk '{print $1}' | sort -u | sed 's/$/ legacy/'
} | while read -r scenario policy; do
    for seed in 7 11; do
        file="$out/$scenario.${policy//[=,]/_}.$seed.json"
        # run exits 0 whatever the verdict without --expect; anything else is a failure here.
        "$bin" run "$scenario" --policy "$policy" --seed "$seed" --format json \
            | sed -E 's/"wallSeconds":[0-9.e+-]+/"wallSeconds":0/' >"$file"
    done
done
echo "$(ls "$out" | wc -l) reports in $out"
