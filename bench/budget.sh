#!/usr/bin/env bash
# The instruction budget (valgrind's callgrind: instruction counts do not drift with the host's
# load, unlike wall time on this shared VM): rg and adscan over the first N pages of the quick
# corpus, each with its start-up (a one-file directory) subtracted, and adscan's per-page work
# split into the part that does rg's job (inspection + literal prefilter) and the rest.
#   bench/budget.sh [PAGES_TO_COPY]      (default 1000: ~11 MB, about two minutes)
# Optional: BIN=/path/to/adscan compares another build.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
SRC=bench/data/20000/pages
[ -d "$SRC" ] || python3 bench/gen_corpus.py bench/data/20000 --pages 20000
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
if [ -z "${BIN:-}" ]; then swift build -c release --product adscan >/dev/null; BIN=.build/release/adscan; fi
export ADSCAN_RULES=$PWD/lexicons
# Swift seeds its hashing per process: a fixed seed makes the counts repeat to the instruction
export SWIFT_DETERMINISTIC_HASHING=1
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$T/pages" "$T/empty"
find "$SRC" -type f | sort | sed -n "1,${N}p" | xargs cp -t "$T/pages"
echo x > "$T/empty/a.txt"
BYTES=$(cat "$T"/pages/* | wc -c)
# valgrind cannot read the Swift toolchain's debug info: a copy without it (same code addresses)
cp "$BIN" "$T/adscan" && strip -g "$T/adscan"
"$T/adscan" rules --keywords > "$T/kw.txt"

count() {  # count OUT CMD... : total instructions
  valgrind --tool=callgrind --callgrind-out-file="$1" "${@:2}" > /dev/null 2> "$1.err" || true
  grep -o 'Collected : [0-9]*' "$1.err" | awk '{print $3}'
}
rg0=$(count "$T/rg0" rg -F --count-matches -j1 -f "$T/kw.txt" "$T/empty")
rg1=$(count "$T/rg1" rg -F --count-matches -j1 -f "$T/kw.txt" "$T/pages")
a0=$(count "$T/a0" "$T/adscan" scan -q --threads 1 --format jsonl "$T/empty")
a1=$(count "$T/a1" "$T/adscan" scan -q --threads 1 --format jsonl "$T/pages")
for v in "$rg0" "$rg1" "$a0" "$a1"; do
  [ -n "$v" ] || { echo "a valgrind run failed: see $T/*.err" >&2; trap - EXIT; exit 1; }
done
# adscan's own share of rg's job: the functions of inspection and the literal prefilter (self cost)
scan=$(callgrind_annotate --threshold=100 "$T/a1" 2>/dev/null \
  | grep -E 'RecordInspectorV7inspect|LiteralPrefilterC[0-9]+(findAll|verifySample|check|mergeSide)|AnchoredLiteralsC[0-9]+(findAll|seams)' \
  | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
awk -v n="$N" -v b="$BYTES" -v rg0="$rg0" -v rg1="$rg1" -v a0="$a0" -v a1="$a1" -v sc="$scan" 'BEGIN {
  r = rg1 - rg0; a = a1 - a0
  printf "%d pages, %.1f MB\n", n, b / 1e6
  printf "| program | start-up | per-page work | instructions a byte |\n|---|---|---|---|\n"
  printf "| rg -F --count-matches -j1 | %.0f M | %.0f M | %.1f |\n", rg0 / 1e6, r / 1e6, r / b
  printf "| adscan, 1 thread, jsonl | %.0f M | %.0f M | %.1f |\n", a0 / 1e6, a / 1e6, a / b
  printf "| - inspection + literal prefilter | | %.0f M | %.1f |\n", sc / 1e6, sc / b
  printf "| - everything else | | %.0f M | %.1f |\n", (a - sc) / 1e6, (a - sc) / b
}'
