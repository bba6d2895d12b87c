#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/, with -sanitize=fuzzer) and runs each for SECONDS on the
# committed corpus (Fuzz/Corpus/<target>) plus what earlier runs found (.build-fuzz/corpus).
# A crash stops the run with the input written to .build-fuzz/crash-*; add it to the corpus and
# turn it into a regression test.
#
#   scripts/fuzz.sh [SECONDS]      `make test` runs 5 s each, `make fuzz` 300 s each
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
# A path dependency's file list is kept in the build manifest: drop it so files added to the main
# package since the last build are compiled (see Examples/run.sh).
rm -f .build-fuzz/*.yaml
(cd Fuzz && swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer)
for target in parameters record theme; do
    found=.build-fuzz/corpus/$target
    mkdir -p "$found"
    echo "fuzz-$target: ${seconds}s"
    # Swift's backtracer would take the crash from libFuzzer, which then writes no input.
    SWIFT_BACKTRACE=enable=no .build-fuzz/release/fuzz-$target "$found" "Fuzz/Corpus/$target" \
        -max_total_time="$seconds" -max_len=4096 -print_final_stats=0 -artifact_prefix=.build-fuzz/ \
        2>&1 | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+== ERROR|.*Test unit written|SUMMARY)' || true
    # grep hides libFuzzer's progress lines; its own status decides.
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz-$target found a crash (see .build-fuzz/crash-*)" >&2; exit 1; }
done
