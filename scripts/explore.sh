#!/usr/bin/env bash
# The long exploration (`make explore`): every buggy step of every ladder on its own, then
# `fixed`, each from the same explorer seed, with the findings' shrunk records under
# .build/explore/. Prints, per step, the kinds found, the run that first found each and how many
# faults its reproduction shrank to. Exit 1 if `fixed` has findings that are not known weaknesses.
#   EXPLORE_RUNS (500 per buggy step), EXPLORE_FIXED_RUNS (10000), EXPLORE_SEED (1), BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/stallscope}
RUNS=${EXPLORE_RUNS:-500}
FIXED_RUNS=${EXPLORE_FIXED_RUNS:-10000}
SEED=${EXPLORE_SEED:-1}
OUT=.build/explore
[ -x "$BIN" ] || swift build -c release --product stallscope
rm -rf "$OUT" && mkdir -p "$OUT"

summarize() { # policy json
    python3 - "$1" "$2" <<'PY'
import json, sys
policy, report = sys.argv[1], json.loads(sys.argv[2])
found = report["findings"]
line = "%-32s %6d runs %6.1f runs/s  " % (policy, report["runs"], report["runsPerSecond"])
if not found:
    line += "nothing found"
else:
    line += "; ".join("%s%s (first run %d, shrunk to %d)" % ("known: " if f.get("knownWeakness") else "", f["kind"], f["firstRun"], len(f["faults"])) for f in found)
print(line)
PY
}

for ladder in cold=tasktracker cold=semaphore cold=permit-attached relay=shared-cancel relay=own-sync-state \
    listener=spin-channel listener=await-nat accept=inline accept=spawn-per-connection trust=under-lock \
    trust=read-locked-write; do
    json=$("$BIN" explore --policy "$ladder" --runs "$RUNS" --seed "$SEED" --format json \
        --out "$OUT/${ladder/=/-}" 2>/dev/null) || true
    summarize "$ladder" "$json"
done
status=0
json=$("$BIN" explore --policy fixed --runs "$FIXED_RUNS" --seed "$SEED" --format json --out "$OUT/fixed") || status=$?
summarize fixed "$json"
exit $status
