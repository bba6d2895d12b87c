#!/usr/bin/env bash
# `make bench`: stallscope's primitives side by side with tokio 1.24, AsyncStream and
# swift-async-algorithms' AsyncChannel (with the dashboard's frame costs), then the speed of the
# headless scenarios, then the running dashboard beside btop (dashboard.sh). See
# Benchmarks/README.md.
#
#   Benchmarks/run.sh [SHARED_DIR]      SHARED_DIR holds peers/tokio-bench (default ../shared)
#   BENCH_QUICK=1 Benchmarks/run.sh     Swift op counts / 10 (tokio-bench's counts are fixed),
#                                       each scenario run once instead of best of 3
#   BENCH_ONLY=primitives|scenarios|scaling|dashboard|compare|attach   one part only (default: all six)
#   COMPARE_FRAMES=N                    frames measured per run in the compare part (default 100)
#
# stdout: one `case=NAME impl=IMPL ns_per_op=X ops=N` line per case and implementation, the
# `allocs ...` lines, one `scenario=NAME policy=STEP virtual_s=V wall_s=W speedup=Sx
# maxrss_mb=M verdict=V` line per headless run, then the ratio table, the scenario table and
# the targets of both. Build chatter goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
shared="${1:-$here/../../shared}"
shared="$(cd "$shared" 2>/dev/null && pwd || echo "$shared")"
primitives=1
scenarios=1
scaling=1
dashboard=1
compare=1
attach=1
case "${BENCH_ONLY:-}" in
    "") ;;
    primitives) scenarios=0; scaling=0; dashboard=0; compare=0; attach=0 ;;
    scenarios) primitives=0; scaling=0; dashboard=0; compare=0; attach=0 ;;
    scaling) primitives=0; scenarios=0; dashboard=0; compare=0; attach=0 ;;
    dashboard) primitives=0; scenarios=0; scaling=0; compare=0; attach=0 ;;
    compare) primitives=0; scenarios=0; scaling=0; dashboard=0; attach=0 ;;
    attach) primitives=0; scenarios=0; scaling=0; dashboard=0; compare=0 ;;
    *) echo "bench: BENCH_ONLY must be primitives, scenarios, scaling, dashboard, compare or attach, not '$BENCH_ONLY'" >&2; exit 2 ;;
esac
quick_divisor=1
scenario_repetitions=3
if [ "${BENCH_QUICK:-0}" != "0" ]; then quick_divisor=10; scenario_repetitions=1; fi

out="$here/.build/bench"
mkdir -p "$out"
results="$out/results.txt"
allocs="$out/allocs.txt"
scenario_results="$out/scenarios.txt"
scale_results="$out/scaling.txt"
: >"$results"
: >"$allocs"
: >"$scenario_results"
: >"$scale_results"

note() { echo "bench: $*" >&2; }

# 1. Our side, always in release.
note "building the benchmarks (swift build -c release)"
# Without the manifest SwiftPM plans again, so files added to the main package since the last
# build are compiled (it keeps a path dependency's file list there; see Examples/run.sh).
rm -f "$here"/.build/*.yaml
swift build -c release --package-path "$here" >&2
bin="$here/.build/release"

# 2. tokio, through the peer's own run.sh, from a private copy (run.sh builds into its folder).
tokio_run=""
tokio_note=""
prepare_tokio() {
    local source="$shared/peers/tokio-bench"
    if [ ! -x "$source/run.sh" ]; then tokio_note="$source/run.sh not found"; return 1; fi
    if ! command -v cargo >/dev/null 2>&1; then tokio_note="cargo not found"; return 1; fi
    if ! dpkg-query -W -f='${Status}' librust-tokio-dev 2>/dev/null | grep -q 'install ok installed' \
        && [ "$(id -u)" -eq 0 ] && ! apt-cache show librust-tokio-dev >/dev/null 2>&1; then
        # run.sh installs the package but does not refresh the package lists.
        note "apt-get update (for librust-tokio-dev)"
        apt-get update -qq >&2 || true
    fi
    local copy="$out/tokio-bench"
    mkdir -p "$copy"
    # -p keeps the timestamps, so cargo only rebuilds when tokio-bench itself changed.
    cp -rp "$source/src" "$source/.cargo" "$source/Cargo.toml" "$source/run.sh" "$copy/"
    chmod -R u+w "$copy"
    # Builds, then one short case as the warm-up run tokio-bench's README says to discard.
    if ! "$copy/run.sh" semaphore_try_acquire >/dev/null; then
        tokio_note="peers/tokio-bench/run.sh failed (see the messages above)"
        return 1
    fi
    tokio_run="$copy/run.sh"
}
if [ "$primitives" = 1 ] && ! prepare_tokio; then note "skipping tokio: $tokio_note"; fi

time_primitives() {
    # 3. Timings, case by case, tokio's run right before ours so both see the same machine load.
    note "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    local tokio_cases
    tokio_cases=" $("$bin/stallscope-bench" list --tokio | tr '\n' ' ') "
    for name in $("$bin/stallscope-bench" list); do
        if [ -n "$tokio_run" ] && [[ "$tokio_cases" == *" $name "* ]]; then
            "$tokio_run" "$name" 2>/dev/null \
                | sed -n 's/^case=\([^ ]*\) ops=\([0-9]*\) ns_per_op=\([^ ]*\)$/case=\1 impl=tokio ns_per_op=\3 ops=\2/p' \
                | tee -a "$results"
        fi
        "$bin/stallscope-bench" time --quick "$quick_divisor" "$name" | tee -a "$results"
    done

    # 4. Allocations per operation, with the interposer preloaded.
    interposer="$bin/libMallocInterposerSwift.so"
    if [ -e "$interposer" ]; then
        LD_PRELOAD="$interposer" "$bin/stallscope-allocs" | tee -a "$allocs"
    else
        note "skipping allocation counts: $interposer not found"
    fi
}
if [ "$primitives" = 1 ]; then time_primitives; fi

# 5. Headless scenarios: the root package's `stallscope` in release, timed from outside (wall
#    time, peak RSS), steady over ten virtual minutes and every incident scenario under every
#    step of its ladder at its default duration; best of 3 (1 with BENCH_QUICK).
steady_duration=600s
stallscope="$here/../.build/release/stallscope"
build_stallscope() {
    note "building stallscope (swift build -c release --product stallscope)"
    swift build -c release --product stallscope --package-path "$here/.." >&2
}
time_scenarios() {
    note "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    local name policy duration
    while read -r name policy; do
        duration=""
        if [ "$name" = steady ]; then duration=$steady_duration; fi
        # $duration unquoted: empty means the scenario's default.
        "$bin/stallscope-bench" scenario --repeat "$scenario_repetitions" "$stallscope" "$name" "$policy" $duration \
            </dev/null | tee -a "$scenario_results"
    done < <("$stallscope" scenarios --policies)
}
if [ "$scenarios" = 1 ] || [ "$scaling" = 1 ]; then build_stallscope; fi
if [ "$scenarios" = 1 ]; then time_scenarios; fi

# 5b. Scaling: steady with one load parameter at 1x, 10x and 100x its default (the parameters
#     `--scale` multiplies, as `stallscope scenarios --load` lists them), over 30 virtual
#     seconds (a quarter of steady's default: the 100x rows are the long ones).
scale_duration=30s
time_scaling() {
    note "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    local key default
    while read -r key default; do
        "$bin/stallscope-bench" scale --repeat "$scenario_repetitions" "$stallscope" "$key" "$default" "$scale_duration" \
            </dev/null | tee -a "$scale_results"
    done < <("$stallscope" scenarios --load)
}
if [ "$scaling" = 1 ]; then time_scaling; fi

# 6. The ratio table, the scenario table and the targets.
echo
if [ "$primitives" = 1 ]; then
    if [ -z "$tokio_run" ]; then echo "tokio skipped: $tokio_note"; echo; fi
    "$bin/stallscope-bench" report "$results" "$allocs"
fi
if [ "$scenarios" = 1 ]; then
    if [ "$primitives" = 1 ]; then echo; fi
    "$bin/stallscope-bench" scenario-report "$scenario_results"
fi
if [ "$scaling" = 1 ]; then
    if [ "$primitives" = 1 ] || [ "$scenarios" = 1 ]; then echo; fi
    "$bin/stallscope-bench" scale-report "$scale_results"
fi

# 7. The dashboard as a whole process: CPU and memory beside btop, bytes per paused frame.
if [ "$dashboard" = 1 ]; then
    if [ "$primitives" = 1 ] || [ "$scenarios" = 1 ] || [ "$scaling" = 1 ]; then echo; fi
    "$here/dashboard.sh"
fi

# 8. The compare dashboard's CPU beside the single dashboard's (the real app loop at 1x, 10 fps).
if [ "$compare" = 1 ]; then
    echo
    note "compare: ${COMPARE_FRAMES:-100} frames of each run, 3 rounds"
    "$bin/stallscope-compare" "${COMPARE_FRAMES:-100}" 3 || true
fi

# 9. Attached to a live service: its throughput with the agent off and with a dashboard
# attached, the dashboard's CPU beside btop's, and both one's memory over a soak (attach.sh).
if [ "$attach" = 1 ]; then
    echo
    "$here/attach.sh"
fi
