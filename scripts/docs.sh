#!/usr/bin/env bash
# Builds the Backpressure library's DocC documentation (the catalog in
# Sources/Backpressure/Backpressure.docc and every public symbol's comment) and fails on any
# warning DocC prints: an unresolved link, a symbol a guide names that does not exist.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build/docs
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package --allow-writing-to-directory .build/docs generate-documentation \
    --target Backpressure --warnings-as-errors --output-path .build/docs/Backpressure.doccarchive 2>&1 | tee "$log" |
    grep -E "warning|error" || true
if grep -qE "warning:|error:" "$log"; then
    echo "FAIL docs: DocC reported problems (above)" >&2
    exit 1
fi
echo "ok docs: .build/docs/Backpressure.doccarchive"
