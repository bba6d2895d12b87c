#!/usr/bin/env bash
# `make bench`: stallscope's primitives side by side with tokio 1.24, AsyncStream and
# swift-async-algorithms' AsyncChannel, the dashboard's frame costs, and the running dashboard
# beside btop (dashboard.sh). See Benchmarks/README.md.
#
#   Benchmarks/run.sh [SHARED_DIR]      SHARED_DIR holds peers/tokio-bench (default ../shared)
#   BENCH_QUICK=1 Benchmarks/run.sh     Swift op counts / 10 (tokio-bench's counts are fixed)
#
# stdout: one `case=NAME impl=IMPL ns_per_op=X ops=N` line per case and implementation, the
# `allocs ...` lines, then the ratio table and the targets. Build chatter goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
shared="${1:-$here/../../shared}"
shared="$(cd "$shared" 2>/dev/null && pwd || echo "$shared")"
quick_divisor=1
if [ "${BENCH_QUICK:-0}" != "0" ]; then quick_divisor=10; fi

out="$here/.build/bench"
mkdir -p "$out"
results="$out/results.txt"
allocs="$out/allocs.txt"
: >"$results"
: >"$allocs"

note() { echo "bench: $*" >&2; }

# 1. Our side, always in release.
note "building the benchmarks (swift build -c release)"
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
if ! prepare_tokio; then note "skipping tokio: $tokio_note"; fi

# 3. Timings, case by case, tokio's run right before ours so both see the same machine load.
note "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
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

# 5. The ratio table and the targets.
echo
if [ -z "$tokio_run" ]; then echo "tokio skipped: $tokio_note"; echo; fi
"$bin/stallscope-bench" report "$results" "$allocs"

# 6. The dashboard as a whole process: CPU and memory beside btop, bytes per idle frame.
echo
"$here/dashboard.sh"
