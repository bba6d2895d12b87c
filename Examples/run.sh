#!/usr/bin/env bash
# Builds and runs each example package the way a reader would, and checks what it prints.
# `make test` runs it; each example is its own package, so its heavy dependencies
# (swift-prometheus) never reach the main build.
set -euo pipefail
cd "$(dirname "$0")/WorkerPool"
SWIFT=${SWIFT:-swift}

$SWIFT build --product WorkerPool 2>&1 | grep -E "warning|error" && { echo "FAIL WorkerPool: build warnings"; exit 1; }
out=$($SWIFT run --skip-build WorkerPool)

fail() { echo "FAIL WorkerPool: $1"; echo "$out" | head -40; exit 1; }
summary=$(echo "$out" | head -1)
[[ $summary =~ ^jobs:\ ([0-9]+)\ finished,\ ([0-9]+)\ past\ their\ deadline,\ ([0-9]+)\ refused ]] ||
    fail "no summary line"
finished=${BASH_REMATCH[1]} expired=${BASH_REMATCH[2]} refused=${BASH_REMATCH[3]}
[ $((finished + expired + refused)) -eq 64 ] || fail "jobs not all accounted for: $summary"
[ "$expired" -ge 1 ] || fail "no job ran into its deadline: $summary"
for family in \
    'backpressure_semaphore_permits_in_use{name="workers"}' \
    'backpressure_semaphore_waiters{name="workers"}' \
    'backpressure_semaphore_acquisitions_total{name="workers"}' \
    'backpressure_semaphore_wait_duration_seconds_count{name="workers"}' \
    'backpressure_channel_length{name="jobs"}' \
    'backpressure_channel_closes_total{name="jobs"}'; do
    grep -qF "$family" <<<"$out" || fail "no $family in the Prometheus text"
done
# Every job that ran took a permit.
acquired=$(grep -F 'backpressure_semaphore_acquisitions_total{name="workers"}' <<<"$out" | awk '{print $2}')
[ "${acquired%.*}" -eq $((finished + expired)) ] || fail "acquisitions $acquired, jobs run $((finished + expired))"
# Every job past its deadline is counted by the deadline's expiry counter.
expiries=$(grep -F 'backpressure_deadline_expiries_total{name="job"}' <<<"$out" | awk '{print $2}')
[ "${expiries%.*}" = "$expired" ] || fail "deadline expiries ${expiries:-missing}, jobs past their deadline $expired"
echo "ok WorkerPool: $summary"
