#!/usr/bin/env bash
# Builds the libFuzzer target with AddressSanitizer and runs it for SECONDS (default 1800) on
# one core, starting from the seed corpus in fuzz/corpus; new interesting inputs go to
# .build-fuzz/work (not committed, and outside the fuzz target's sources, so a fresh clone's
# manifest names no path that is missing), crash reproducers to fuzz/crashes (commit them as
# regression tests).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-1800}
swift build -c debug --product adscan-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING >/dev/null
mkdir -p .build-fuzz/work fuzz/crashes
./.build-fuzz/debug/adscan-fuzz -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=20 \
  -artifact_prefix=fuzz/crashes/ -print_final_stats=1 .build-fuzz/work fuzz/corpus
