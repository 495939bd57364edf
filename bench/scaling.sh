#!/usr/bin/env bash
# Multi-core scaling: rg and adscan with 1, 2, 4, … up to nproc threads on the quick corpus,
# best of 3 each, warm page cache. ADSCAN=/path/to/adscan RG=/path/to/rg override the binaries
# (for a machine without a Swift toolchain: a --static-swift-stdlib build and ICU's libraries).
#   bench/scaling.sh [PAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-20000}
DATA=bench/data/$PAGES
[ -d "$DATA/pages" ] || python3 bench/gen_corpus.py "$DATA" --pages "$PAGES"
if [ -z "${ADSCAN:-}" ]; then swift build -c release >/dev/null; ADSCAN=.build/release/adscan; fi
RG=${RG:-rg}
export ADSCAN_RULES=$PWD/lexicons
KW=$(mktemp); trap 'rm -f "$KW"' EXIT
"$ADSCAN" rules --keywords > "$KW"
BYTES=$(find "$DATA/pages" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $PAGES pages, $((BYTES / 1000000)) MB; $(wc -l < "$KW") literals; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
find "$DATA/pages" -type f -exec cat {} + > /dev/null
t() {
  local best=9999 s e
  for _ in 1 2 3; do
    s=$(date +%s.%N); eval "$2" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    best=$(awk -v s="$s" -v e="$e" -v b="$best" 'BEGIN{d = e - s; print (d < b) ? d : b}')
  done
  awk -v n="$1" -v t="$best" -v b="$BYTES" 'BEGIN{printf "| %-22s | %6.2f | %6.0f |\n", n, t, b / 1e6 / t}'
}
echo "| run | s | MB/s |"; echo "|---|---|---|"
t "cat" "find $DATA/pages -type f -exec cat {} + > /dev/null"
j=1; threads=()
while [ "$j" -le "$(nproc)" ]; do threads+=("$j"); j=$((j * 2)); done
for j in "${threads[@]}"; do t "rg -j$j" "$RG -F --count-matches -j$j -f $KW $DATA/pages"; done
for j in "${threads[@]}"; do t "adscan --threads $j" "$ADSCAN scan -q --threads $j --format jsonl $DATA/pages"; done
