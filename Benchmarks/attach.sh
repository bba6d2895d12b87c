#!/usr/bin/env bash
# What watching a live service costs it (issue 19; part of `make bench`, `BENCH_ONLY=attach`).
#
#   Benchmarks/attach.sh                 build both in release, then measure
#   STALLSCOPE_BIN=path                  attach with this binary instead of building one
#   ATTACH_ROUNDS=5                      wrk rounds per side (default 5)
#   ATTACH_ROUND_SECONDS=10              length of one wrk round (default 10)
#   ATTACH_SOAK_SECONDS=600              the memory run under load (default 600: ten minutes)
#
# The example service (Examples/Service) runs three times side by side on loopback: with its
# agent off (`--no-agent`); with it on and `stallscope attach example-service` drawing at 10 fps
# in a private tmux session; and with it on and a client that connects to the agent's socket and
# never reads (its queue fills to the bound, then frames are dropped and counted). wrk (2
# threads, 32 connections) loads one after the other, in turns, ATTACH_ROUNDS times each; each
# side's median request rate is compared with the agent off. The services run on CPU 0, wrk
# and the dashboard on CPU 1 (taskset), so the load generator does not take the measured
# service's core and rounds stay comparable on a 2-core box.
# Over the attached rounds, the dashboard's CPU (/proc/PID/stat) is read beside btop's at a
# 100 ms interval. Then both stay under load for ATTACH_SOAK_SECONDS, and the resident memory of
# the service and of the dashboard is read at its start and its end.
#
# stdout: `attach ...` result lines, then a targets block in the report's format.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../scripts/lib/processes.sh
source "$here/../scripts/lib/processes.sh"
root="$(cd "$here/.." && pwd)"
rounds=${ATTACH_ROUNDS:-5}
round_seconds=${ATTACH_ROUND_SECONDS:-10}
soak_seconds=${ATTACH_SOAK_SECONDS:-600}
# The issue's budgets: the service's throughput within 3% with a dashboard attached; memory
# flat (grows by less than this over the soak, in MB: allocator noise, not a leak).
throughput_floor=0.97
rss_growth_limit_mb=5
btop_fallback_percent=2.0

note() { echo "attach: $*" >&2; }
for tool in wrk tmux; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP  attach measurements: $tool not installed"; exit 0; }
done
bin=${STALLSCOPE_BIN:-}
if [ -z "$bin" ]; then
    note "building stallscope (swift build -c release)"
    swift build -c release --package-path "$root" --product stallscope >&2
    bin="$root/.build/release/stallscope"
fi
note "building the example service (swift build -c release)"
rm -f "$root"/Examples/Service/.build/*.yaml  # plan again: see Examples/run.sh
swift build -c release --package-path "$root/Examples/Service" >&2
service="$root/Examples/Service/.build/release/Service"

work=$(mktemp -d "${TMPDIR:-/tmp}/stallscope-attach.XXXXXX")
mkdir -m 700 "$work/run"
socket="stallscope-attach-$$"
tm() { tmux -L "$socket" -f /dev/null "$@"; }
pids=()
cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    stop_all "${pids[@]}"
    rm -rf "$work"
}
trap cleanup EXIT
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

on_service_cpu=""
on_load_cpu=""
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
    on_service_cpu="taskset -c 0"
    on_load_cpu="taskset -c 1"
fi
# start NAME ARGS...: a service on a free port; sets NAME_pid and NAME_address.
start() {
    local name=$1
    shift
    XDG_RUNTIME_DIR="$work/run" $on_service_cpu "$service" --port 0 "$@" >"$work/$name.out" 2>"$work/$name.log" &
    pids+=($!)
    printf -v "${name}_pid" %s $!
    until_true 60 grep -q '^listening on ' "$work/$name.out" || { note "$name never listened"; exit 1; }
    printf -v "${name}_address" %s "$(sed -n 's/^listening on //p' "$work/$name.out" | head -1)"
}
start off --no-agent
start on
start stuck
# The stuck client: connects to the third service's agent and never reads a byte.
python3 -c '
import socket, sys, time
client = socket.socket(socket.AF_UNIX)
client.connect(sys.argv[1])
time.sleep(1e6)' "$work/run/stallscope/example-service.$stuck_pid.sock" &
pids+=($!)
# The dashboard attached to the service with the agent, at its 10 fps.
tm new-session -d -s attach -x 120 -y 40 \
    "exec env LANG=C.UTF-8 TERM=tmux-256color XDG_RUNTIME_DIR='$work/run' $on_load_cpu '$bin' attach $on_pid"
dashboard=$(tm display -p -t attach '#{pane_pid}')
until_true 30 sh -c "tmux -L '$socket' capture-pane -p -t attach | grep -q 'example-service'" ||
    { note "the dashboard never showed the service"; tm capture-pane -p -t attach >&2; exit 1; }

btop_pid=""
if command -v btop >/dev/null 2>&1; then
    mkdir -p "$work/btop-config/btop"
    printf 'update_ms = 100\n' >"$work/btop-config/btop/btop.conf"
    tm new-session -d -s btop -x 120 -y 40 \
        "exec env LANG=C.UTF-8 LC_ALL= TERM=tmux-256color XDG_CONFIG_HOME='$work/btop-config' btop"
    btop_pid=$(tm display -p -t btop '#{pane_pid}')
    until_true 30 sh -c "tmux -L '$socket' capture-pane -p -t btop | grep -q 100ms" || btop_pid=""
fi

# rate ADDRESS: requests a second wrk reaches on /work.
rate() {
    $on_load_cpu wrk -t2 -c32 -d"${round_seconds}s" "http://$1/work" 2>&1 | awk '/^Requests\/sec:/ { print $2 }'
}
hz=$(getconf CLK_TCK)
off_rates=()
on_rates=()
stuck_rates=()
dashboard_ticks=0
btop_ticks=0
on_seconds=0
# Warm both (first requests, page cache), then alternate.
wrk -t2 -c32 -d2s "http://$off_address/work" >/dev/null 2>&1
wrk -t2 -c32 -d2s "http://$on_address/work" >/dev/null 2>&1
wrk -t2 -c32 -d2s "http://$stuck_address/work" >/dev/null 2>&1
for round in $(seq "$rounds"); do
    off_rates+=("$(rate "$off_address")")
    before=$(ticks "$dashboard")
    btop_before=$([ -n "$btop_pid" ] && ticks "$btop_pid" || echo 0)
    start_s=$SECONDS
    on_rates+=("$(rate "$on_address")")
    dashboard_ticks=$((dashboard_ticks + $(ticks "$dashboard") - before))
    btop_ticks=$((btop_ticks + $([ -n "$btop_pid" ] && ticks "$btop_pid" || echo 0) - btop_before))
    on_seconds=$((on_seconds + SECONDS - start_s))
    stuck_rates+=("$(rate "$stuck_address")")
    note "round $round: agent off ${off_rates[-1]} req/s, on and attached ${on_rates[-1]}, on with a stuck client ${stuck_rates[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
off=$(median "${off_rates[@]}")
on=$(median "${on_rates[@]}")
stuck=$(median "${stuck_rates[@]}")
ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }')
stuck_ratio=$(awk -v a="$stuck" -v b="$off" 'BEGIN { printf "%.3f", a / b }')
percent() { awk -v t="$1" -v hz="$hz" -v s="$on_seconds" 'BEGIN { printf "%.2f", 100 * t / hz / s }'; }
dashboard_percent=$(percent "$dashboard_ticks")
btop_percent=$([ -n "$btop_pid" ] && percent "$btop_ticks" || echo "$btop_fallback_percent")
echo "attach case=throughput agent=off requests_per_s=$off rounds=$rounds seconds=$round_seconds"
echo "attach case=throughput agent=on_attached requests_per_s=$on rounds=$rounds seconds=$round_seconds"
echo "attach case=throughput agent=on_stuck_client requests_per_s=$stuck rounds=$rounds seconds=$round_seconds"
echo "attach case=cpu impl=stallscope_attach percent_of_core=$dashboard_percent"
echo "attach case=cpu impl=btop percent_of_core=$btop_percent$([ -n "$btop_pid" ] || echo " (not run: assumed)")"

# The soak: both under load the whole time, memory read at its start and its end.
note "soak: ${soak_seconds} s under load"
$on_load_cpu wrk -t1 -c8 -d"$((soak_seconds + 5))s" "http://$on_address/work" >/dev/null 2>&1 &
pids+=($!)
soak_wrk=$!
sleep 5
service_start=$(rss_kb "$on_pid")
dashboard_start=$(rss_kb "$dashboard")
sleep "$soak_seconds"
service_end=$(rss_kb "$on_pid")
dashboard_end=$(rss_kb "$dashboard")
wait "$soak_wrk" || true
kill -0 "$dashboard" 2>/dev/null || { note "the dashboard died during the soak"; exit 1; }
echo "attach case=memory impl=service rss_start_mb=$(mb "$service_start") rss_end_mb=$(mb "$service_end") seconds=$soak_seconds"
echo "attach case=memory impl=stallscope_attach rss_start_mb=$(mb "$dashboard_start") rss_end_mb=$(mb "$dashboard_end") seconds=$soak_seconds"
tm send-keys -t attach q

verdict() { if [ "$1" = 1 ]; then printf 'PASS'; else printf 'MISS'; fi; printf '  %-68s%s\n' "$2" "$3"; }
grows() { awk -v a="$1" -v b="$2" -v l="$rss_growth_limit_mb" 'BEGIN { print ((b - a) / 1024 < l) ? 1 : 0 }'; }
echo
echo "attach targets"
verdict "$(awk -v r="$ratio" -v f="$throughput_floor" 'BEGIN { print (r >= f) ? 1 : 0 }')" \
    "throughput with a dashboard attached within 3% of agent off" "$on vs $off req/s: ${ratio}x"
verdict "$(awk -v r="$stuck_ratio" -v f="$throughput_floor" 'BEGIN { print (r >= f) ? 1 : 0 }')" \
    "throughput with a client that never reads within 3% of agent off" "$stuck vs $off req/s: ${stuck_ratio}x"
verdict "$(awk -v a="$dashboard_percent" -v b="$btop_percent" 'BEGIN { print (a <= b) ? 1 : 0 }')" \
    "attached dashboard's CPU at most btop's at 100 ms" "ours $dashboard_percent% of a core, btop $btop_percent%"
verdict "$(grows "$service_start" "$service_end")" "service memory flat over ${soak_seconds} s under load" \
    "$(mb "$service_start") -> $(mb "$service_end") MB"
verdict "$(grows "$dashboard_start" "$dashboard_end")" "attached dashboard's memory flat over ${soak_seconds} s" \
    "$(mb "$dashboard_start") -> $(mb "$dashboard_end") MB"
