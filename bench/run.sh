#!/usr/bin/env bash
# Throughput benchmark: the I/O floor, ripgrep with adscan's own literals, and adscan, all in
# one invocation on the same corpus (absolute numbers drift on shared machines; the ratios less).
#   bench/run.sh [PAGES]    (default 20000 pages ≈ 200 MB; 1048500 = Sichuan scale ≈ 11 GB)
#   BEST_OF=1 bench/run.sh 1048500    (each command once: the full scale takes minutes per run)
set -euo pipefail
cd "$(dirname "$0")/.."
# the baseline needs ripgrep: without it the rg rows would read 0.00 s and the ratio would be meaningless
command -v rg >/dev/null || { echo "bench/run.sh: ripgrep (rg) is needed for the baseline: apt-get install ripgrep" >&2; exit 2; }
PAGES=${1:-20000}
BEST_OF=${BEST_OF:-3}
DATA=bench/data/$PAGES
OUT=bench/out
mkdir -p "$OUT"
[ -f "$DATA/pages.jsonl" ] || python3 bench/gen_corpus.py "$DATA" --pages "$PAGES"
swift build -c release >/dev/null
BIN=.build/release/adscan
export ADSCAN_RULES=$PWD/lexicons
$BIN rules --keywords > "$OUT/keywords.txt"
BYTES=$(find "$DATA/pages" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
JBYTES=$(stat -c %s "$DATA/pages.jsonl")
RECORDS=$PAGES
# The page cache is warmed with a command's own input right before it runs: at Sichuan scale the
# files (11.6 GB) and the JSONL (12.8 GB) do not fit in memory together, and a command run after
# the other corpus was read would otherwise read part of its input from disk (in round 6 this
# made rg -j1 take 245 s instead of ~175 s, and adscan, run after rg had re-read the files,
# looked faster than it was).
warm_files() { find "$DATA/pages" -type f -exec cat {} + > /dev/null; }
warm_jsonl() { cat "$DATA/pages.jsonl" > /dev/null; }

# run NAME BYTES CMD...: wall time (best of $BEST_OF), peak RSS, and the last line of stdout
run() {
  local name=$1 bytes=$2; shift 2
  local best=999999 rss=0 out=""
  for _ in $(seq "$BEST_OF"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" bash -c "$*" > "$OUT/stdout.txt" 2>/dev/null || true
    read -r t m < <(tail -1 "$OUT/time.txt")
    if awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
    out=$(tail -c 200 "$OUT/stdout.txt" | tail -1)
  done
  awk -v n="$name" -v b="$bytes" -v t="$best" -v r="$RECORDS" -v m="$rss" -v o="$out" \
    'BEGIN{ if (t <= 0) t = 0.001; printf "| %-44s | %8.2f | %8.0f | %10.0f | %7.0f | %s\n", n, t, b/1e6/t, r/t, m/1024, o }'
  echo "$best" > "$OUT/last.txt"
}

echo "corpus: $PAGES pages, $((BYTES/1000000)) MB as files, $((JBYTES/1000000)) MB as JSONL; $(wc -l < "$OUT/keywords.txt") literals"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| run | s | MB/s | records/s | RSS MB | last output line |"
echo "|---|---|---|---|---|---|"
warm_files
run "cat (I/O floor, files)" "$BYTES" "find $DATA/pages -type f -exec cat {} + > /dev/null"
warm_jsonl
run "cat (I/O floor, JSONL)" "$JBYTES" "cat $DATA/pages.jsonl > /dev/null"
warm_files
run "rg -F --count-matches -j1 (files)" "$BYTES" "rg -F --count-matches -j1 -f $OUT/keywords.txt $DATA/pages | awk -F: '{s+=\$NF} END{print \"matches \" s}'"
RG=$(cat "$OUT/last.txt")
warm_files
run "rg -F --count-matches -j2 (files)" "$BYTES" "rg -F --count-matches -j2 -f $OUT/keywords.txt $DATA/pages | awk -F: '{s+=\$NF} END{print \"matches \" s}'"
warm_files
run "adscan dir, jsonl out, --threads 1" "$BYTES" "$BIN scan -q --threads 1 --format jsonl --summary $DATA/pages"
A1=$(cat "$OUT/last.txt")
warm_files
run "adscan dir, jsonl out, --threads 2" "$BYTES" "$BIN scan -q --threads 2 --format jsonl --summary $DATA/pages"
A2=$(cat "$OUT/last.txt")
warm_jsonl
run "adscan stdin JSONL, --threads 1" "$JBYTES" "cat $DATA/pages.jsonl | $BIN scan -q --threads 1 --input jsonl --format jsonl --summary"
J1=$(cat "$OUT/last.txt")
warm_jsonl
run "adscan stdin JSONL, --threads 2" "$JBYTES" "cat $DATA/pages.jsonl | $BIN scan -q --threads 2 --input jsonl --format jsonl --summary"
echo
awk -v rg="$RG" -v a1="$A1" -v a2="$A2" -v j1="$A1" -v jj="$J1" -v b="$BYTES" -v jb="$JBYTES" 'BEGIN{
  printf "adscan/rg (1 thread, same literals, same files): %.2f\n", rg/a1;
  printf "2 threads / 1 thread: %.2f\n", a1/a2;
  printf "stdin JSONL / directory rate (1 thread): %.2f\n", (jb/jj)/(b/a1) }'
