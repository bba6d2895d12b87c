#!/usr/bin/env bash
# Builds and runs each example package the way a reader would, and checks what it does.
# `make test` runs it; each example is its own package, so its heavy dependencies
# (swift-prometheus, Hummingbird) never reach the main build.
#
#   WorkerPool: its summary line and the Prometheus text it prints.
#   Service: started on a free port (the "listening on" line waited for against a deadline),
#   loaded with wrk for 3 s (requests served, socket errors and non-2xx answers within 1%),
#   `/metrics` has the handlers' acquisitions (> 0) and the jobs channel's series,
#   `stallscope attach example-service --once --format json` (the main package's binary) shows
#   the semaphore and the channel; after `POST /admin/hang?count=2` and two requests, the
#   snapshot shows exactly those 2 holders, labelled "request #N", and `--once --hold-threshold
#   2s` names them as the blockers (text and JSON); after the release their
#   deadlines' expiry is logged; SIGTERM ends it with status 0, its socket gone. Every process
#   started here is ended on the way out, whatever fails.
set -euo pipefail
EXAMPLES=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$EXAMPLES")
# shellcheck source=../scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"
SWIFT=${SWIFT:-swift}
STALLSCOPE=${STALLSCOPE_BIN:-$ROOT/.build/debug/stallscope}
# How long the service may take to say it listens, and anything else here to happen (seconds).
DEADLINE=${EXAMPLES_DEADLINE:-60}

# --- WorkerPool ---------------------------------------------------------------------------
# SwiftPM keeps a path dependency's list of files in the build manifest: a file added to the main
# package since an example's last build is not compiled ("cannot find type"). Without the
# manifest it plans again; what it compiled stays.
replan() { rm -f .build/*.yaml; }

cd "$EXAMPLES/WorkerPool"
replan
build=$($SWIFT build --product WorkerPool 2>&1) || { echo "$build" | tail -30; echo "FAIL WorkerPool: build failed"; exit 1; }
grep -E "warning|error" <<<"$build" && { echo "FAIL WorkerPool: build warnings"; exit 1; }
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

# --- Service ------------------------------------------------------------------------------
cd "$EXAMPLES/Service"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stallscope-examples.XXXXXX")
service=""
hung=()
cleanup() {
    stop_all $service "${hung[@]}"
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
    echo "FAIL Service: $1"
    [ -s "$WORK/service.err" ] && sed 's/^/  | /' "$WORK/service.err" | tail -20
    exit 1
}
for tool in wrk curl; do
    command -v $tool >/dev/null 2>&1 || fail "$tool is not installed (scripts/install-deps.sh installs it)"
done
[ -x "$STALLSCOPE" ] || fail "no $STALLSCOPE (swift build --product stallscope builds it)"

replan
build=$($SWIFT build --product Service 2>&1) || { echo "$build" | tail -30; fail "build failed"; }
# The example's own warnings fail it; a dependency's manifest notes are not ours to fix.
grep -E "Sources/Service/.*(warning|error):" <<<"$build" && fail "build warnings"
bin=$($SWIFT build --product Service --show-bin-path)/Service

# The agent's socket goes in a directory of this run's own, for the service and attach alike.
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
"$bin" --port 0 > "$WORK/service.out" 2> "$WORK/service.err" &
service=$!
# eventually COMMAND...: runs it until it succeeds, false at the deadline.
eventually() {
    local deadline=$((SECONDS + DEADLINE))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}
listening() {
    kill -0 "$service" 2>/dev/null || fail "exited before it listened"
    grep -q '^listening on 127\.0\.0\.1:[0-9]*$' "$WORK/service.out"
}
eventually listening || fail "no 'listening on' line within $DEADLINE s"
base="http://$(sed -n 's/^listening on //p' "$WORK/service.out")"

wrk -t 2 -c 16 -d 3s "$base/work" > "$WORK/wrk.out" 2>&1 || fail "wrk failed: $(cat "$WORK/wrk.out")"
requests=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$WORK/wrk.out")
[ "${requests:-0}" -ge 100 ] || fail "wrk got ${requests:-no} responses: $(cat "$WORK/wrk.out")"
# wrk prints these lines only when there are any.
errors=$(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\)/\1 \2 \3 \4/p' \
    "$WORK/wrk.out" | awk '{print $1 + $2 + $3 + $4}')
non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: \([0-9]*\)/\1/p' "$WORK/wrk.out")
[ $((${errors:-0} * 100)) -le "$requests" ] || fail "$errors socket errors in $requests requests"
[ $((${non2xx:-0} * 100)) -le "$requests" ] || fail "$non2xx answers not 2xx in $requests requests"

metrics=$(curl -sS --max-time 10 "$base/metrics") || fail "GET /metrics failed"
acquired=$(grep -F 'backpressure_semaphore_acquisitions_total{name="handlers"}' <<<"$metrics" | awk '{print $2}')
[ "${acquired%.*}" -gt 0 ] 2>/dev/null || fail "handlers' acquisitions ${acquired:-missing} in /metrics"
for family in \
    'backpressure_channel_length{name="jobs"}' \
    'backpressure_channel_send_wait_duration_seconds_count{name="jobs"}' \
    'backpressure_semaphore_permits_in_use{name="workers"}'; do
    grep -qF "$family" <<<"$metrics" || fail "no $family in /metrics"
done

snapshot() { "$STALLSCOPE" attach example-service --once --format json 2>&1; }
attached=$(snapshot) || fail "attach --once: $attached"
grep -q '"kind":"semaphore","name":"handlers"' <<<"$attached" || fail "attach shows no semaphore handlers: $attached"
grep -q '"channel":{[^}]*},"kind":"channel","name":"jobs"' <<<"$attached" || fail "attach shows no channel jobs: $attached"

curl -sS --max-time 10 -X POST "$base/admin/hang?count=2" > /dev/null || fail "POST /admin/hang failed"
for _ in 1 2; do
    curl -s --max-time "$DEADLINE" "$base/work" > /dev/null &
    hung+=($!)
done
# The handlers' holders, "request #N" each (the workers' are "job #N").
holders() { snapshot | grep -Eo '"label":"request #[0-9]+"' | sort -u; }
two_holders() { [ "$(holders | wc -l)" -eq 2 ]; }
eventually two_holders || fail "attach does not show the 2 hung handlers as holders: $(snapshot)"
labels=$(holders | sed 's/"label":"\(.*\)"/\1/' | paste -sd, -)
# Held past their deadline (2 s), which cannot free them: released, each logs its expiry.
past_deadline() {
    snapshot | grep -Eo '"ageSeconds":[0-9.e+-]+,"label":"request #' | sed 's/"ageSeconds":\([^,]*\),.*/\1/' |
        awk 'BEGIN { n = 0 } $1 >= 2.1 { n++ } END { exit n == 2 ? 0 : 1 }'
}
eventually past_deadline || fail "the hung handlers did not age past their deadline: $(snapshot)"
# The generic detectors in the one snapshot: with a 2 s hold threshold (the requests' deadline),
# the two hung handlers are named as the blockers, in the text and in the JSON.
blamed=$("$STALLSCOPE" attach example-service --once --hold-threshold 2s 2>&1) || fail "attach --once: $blamed"
grep -Eq '^STALL  handlers held long by request #[0-9]+ \(held [0-9.]+ s\), request #[0-9]+' <<<"$blamed" ||
    fail "attach --once --hold-threshold 2s names no hung handler: $blamed"
"$STALLSCOPE" attach example-service --once --format json --hold-threshold 2s 2>&1 |
    grep -Eq '^\{"findings":\[\{"blockers":\["request #[0-9]+","request #[0-9]+"\],"kind":"long-hold","resource":"handlers"' ||
    fail "attach --once --format json has no long-hold finding naming the two handlers"
curl -sS --max-time 10 -X POST "$base/admin/release" | grep -q '^released 2 hung handlers$' ||
    fail "POST /admin/release did not release 2 handlers"
for pid in "${hung[@]}"; do wait "$pid" || true; done
hung=()
expired() { [ "$(grep -c 'deadline expired' "$WORK/service.err")" -ge 2 ]; }
eventually expired || fail "the hung handlers' deadline expiry was not logged"

kill -TERM "$service"
status=0
wait "$service" || status=$?
service=""
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM"
! ls "$XDG_RUNTIME_DIR"/stallscope/*.sock > /dev/null 2>&1 || fail "the agent's socket is left behind"
echo "ok Service: $requests requests under wrk (${errors:-0} socket errors, ${non2xx:-0} not 2xx), attach shows handlers and jobs, hung holders $labels"
