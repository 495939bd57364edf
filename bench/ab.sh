#!/usr/bin/env bash
# Paired A/B of two builds (or of rg and a build) on this noisy 2-core VM: both commands run AT THE
# SAME TIME, one per core (taskset), and swap cores every round, so a slow spell of the host slows
# both; prints each pair and the median ratio. Best-of-N runs taken one after the other swing by
# ±20% here and once showed a 10% "gain" that paired runs did not (LTO, round 5).
#   bench/ab.sh OLD_BINARY NEW_BINARY [PAGES]     median NEW/OLD wall time (< 1: NEW is faster)
#   bench/ab.sh rg NEW_BINARY [PAGES]             median rg/NEW (both under the same load)
#   ROUNDS=10 bench/ab.sh ...                     (default 8)
# Both cores busy at once is not how either runs alone (memory and cache are shared): compare the
# ratio, not the times, with bench/run.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 PAGES=${3:-20000} ROUNDS=${ROUNDS:-8}
D=bench/data/$PAGES/pages
[ -d "$D" ] || { echo "no corpus at $D: run bench/run.sh $PAGES first" >&2; exit 1; }
export ADSCAN_RULES=$PWD/lexicons
cmd() {
  if [ "$1" = rg ]; then
    [ -f bench/out/keywords.txt ] || "$B" rules --keywords > bench/out/keywords.txt
    echo "rg -F --count-matches -j1 -f bench/out/keywords.txt $D"
  else
    echo "$1 scan -q --threads 1 --format jsonl $D"
  fi
}
CA=$(cmd "$A") CB=$(cmd "$B")
T=$(mktemp -d)
ratios=()
for i in $(seq "$ROUNDS"); do
  if [ $((i % 2)) = 1 ]; then ca=0 cb=1; else ca=1 cb=0; fi
  /usr/bin/time -f %e -o "$T/a" taskset -c $ca $CA > /dev/null 2>&1 &
  /usr/bin/time -f %e -o "$T/b" taskset -c $cb $CB > /dev/null 2>&1 &
  wait
  a=$(tail -1 "$T/a") b=$(tail -1 "$T/b")
  if [ "$A" = rg ]; then r=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", a/b}'); else r=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b/a}'); fi
  ratios+=("$r")
  echo "$(basename "$A") $a s   $(basename "$B") $b s   ratio $r"
done
rm -rf "$T"
label=$([ "$A" = rg ] && echo "rg/new" || echo "new/old")
printf '%s\n' "${ratios[@]}" | sort -n | awk -v l="$label" '{r[NR]=$1} END {printf "median %s: %.3f (range %.3f-%.3f, %d rounds)\n", l, (NR%2)?r[(NR+1)/2]:(r[NR/2]+r[NR/2+1])/2, r[1], r[NR], NR}'
