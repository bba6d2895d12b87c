#!/usr/bin/env bash
# Beyond one terminal: Debian's Prometheus scrapes the example service (Examples/Service) on
# loopback while wrk loads it, and its HTTP API must show the service's semaphore and channel
# series arriving and moving. The scrape config is README's ("Watch a fleet with Prometheus").
# Skips, saying why, when the prometheus binary is missing (scripts/install-deps.sh installs it
# as root); fails on anything else.
#
# Every wait is on a condition with a deadline; nothing sleeps to let time pass.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"
SERVICE=${SERVICE:-$ROOT/Examples/Service/.build/debug/Service}
# How long any one wait may take, in seconds (a first scrape comes within a few).
TIMEOUT=${TIMEOUT:-60}
# Seconds of load: long enough for several one-second scrapes.
LOAD_SECONDS=8

fail() { echo "FAIL prometheus: $1"; [ -n "${WORK:-}" ] && tail -5 "$WORK"/*.log 2>/dev/null; exit 1; }
pass() { echo "ok prometheus: $1"; }
if ! command -v prometheus >/dev/null 2>&1; then
    echo "SKIP prometheus: no prometheus binary (apt-get install prometheus; scripts/install-deps.sh does as root)"
    exit 0
fi
command -v wrk >/dev/null 2>&1 || fail "no wrk (apt-get install wrk)"
[ -x "$SERVICE" ] || fail "no example service at $SERVICE (Examples/run.sh builds it)"

WORK=$(mktemp -d /tmp/stallscope-prometheus.XXXXXX)
pids=()
cleanup() {
    stop_all "${pids[@]}"
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The service, on a port of its choosing; its agent's socket in a directory of this run's.
mkdir -m 700 "$WORK/run"
XDG_RUNTIME_DIR="$WORK/run" "$SERVICE" --port 0 >"$WORK/service.out" 2>"$WORK/service.log" &
pids+=($!)
listening() { grep -q '^listening on ' "$WORK/service.out"; }
until_true "$TIMEOUT" listening || fail "the service never said it was listening"
target=$(sed -n 's/^listening on //p' "$WORK/service.out" | head -1)

# Prometheus, scraping it every second (README's config with the interval shortened for a test).
port=$(free_port)
cat >"$WORK/prometheus.yml" <<CONFIG
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: example-service
    static_configs:
      - targets: ['$target']
CONFIG
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$port" >"$WORK/prometheus.log" 2>&1 &
pids+=($!)
api="http://127.0.0.1:$port"
ready() { curl -sf "$api/-/ready" >/dev/null; }
until_true "$TIMEOUT" ready || fail "prometheus never became ready"
pass "prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') ready on 127.0.0.1:$port, scraping $target"

# value QUERY: the first sample's value of an instant query, or nothing.
value() {
    curl -sfG "$api/api/v1/query" --data-urlencode "query=$1" | python3 -c '
import json, sys
result = json.load(sys.stdin)["data"]["result"]
print(result[0]["value"][1] if result else "")'
}
# at_least QUERY N: the query has a sample worth N or more.
at_least() { local v; v=$(value "$1"); [ -n "$v" ] && python3 -c "import sys; sys.exit(0 if float('$v') >= $2 else 1)"; }

until_true "$TIMEOUT" at_least 'up{job="example-service"}' 1 || fail "the service's target is not up"
pass "the service's target is up"
for series in \
    'backpressure_semaphore_permits_in_use{name="handlers"}' \
    'backpressure_semaphore_waiters{name="handlers"}' \
    'backpressure_semaphore_permits_in_use{name="workers"}' \
    'backpressure_channel_length{name="jobs"}'; do
    until_true "$TIMEOUT" at_least "$series" 0 || fail "no $series"
done
pass "the semaphore and channel series arrive (permits in use, waiters, channel length)"
before=$(value 'sum(backpressure_semaphore_acquisitions_total{name="handlers"}) or vector(0)')

wrk -t2 -c32 -d"${LOAD_SECONDS}s" "http://$target/work" >"$WORK/wrk.log" 2>&1 &
pids+=($!)
wrk_pid=$!
# Under load: the acquisitions counter grows by thousands, and the gauges are seen off zero.
moved() { at_least 'sum(backpressure_semaphore_acquisitions_total{name="handlers"})' $((${before%.*} + 1000)); }
until_true "$TIMEOUT" moved || fail "acquisitions did not grow under load (before: $before)"
pass "handler acquisitions grow under load ($before, then $(value 'sum(backpressure_semaphore_acquisitions_total{name="handlers"})'))"
until_true "$TIMEOUT" at_least 'max_over_time(backpressure_semaphore_permits_in_use{name="handlers"}[1m])' 1 ||
    fail "the handlers' permits were never seen in use"
until_true "$TIMEOUT" at_least 'max_over_time(backpressure_semaphore_permits_in_use{name="workers"}[1m])' 1 ||
    fail "the workers' permits were never seen in use"
until_true "$TIMEOUT" at_least 'max_over_time(backpressure_channel_length{name="jobs"}[1m])' 1 ||
    fail "the job queue was never seen holding a job"
until_true "$TIMEOUT" at_least 'rate(backpressure_semaphore_acquisitions_total{name="handlers"}[5s])' 100 ||
    fail "no acquisition rate"
pass "gauges moved under load (handlers $(value 'max_over_time(backpressure_semaphore_permits_in_use{name="handlers"}[1m])'), workers $(value 'max_over_time(backpressure_semaphore_permits_in_use{name="workers"}[1m])') permits in use at most; jobs queued at most $(value 'max_over_time(backpressure_channel_length{name="jobs"}[1m])'))"
wait "$wrk_pid" || fail "wrk failed"
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.log")
[ "${requests:-0}" -gt 0 ] || fail "wrk made no requests"
pass "wrk: $requests requests in ${LOAD_SECONDS} s"
