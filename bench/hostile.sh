#!/usr/bin/env bash
# A hostile-input check too big for the test suite: a single 1 GB line on stdin (memory must stay
# bounded, the claim at its end must be found at the right offset).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
BIN=.build/release/adscan
export ADSCAN_RULES=$PWD/lexicons
gen() { python3 -c "
import sys
chunk = ('正常文字abc' * 10000).encode()
n = 0
while n < $1:
    sys.stdout.buffer.write(chunk); n += len(chunk)
sys.stdout.buffer.write('三个疗程根治'.encode() + b'\n')
print(n, file=sys.stderr)"; }
echo "1 GB single line, lines mode:"
gen 1000000000 2>/tmp/hostile.n | /usr/bin/time -f "  wall %e s, peak RSS %M KB" $BIN scan -q --input lines --format jsonl --threads 2 \
  | python3 -c "import json,sys; r=[json.loads(l) for l in sys.stdin]; f=r[0]['findings'][0]; print('  finding', f['rule'], 'at byte', f['start'], '(expected', open('/tmp/hostile.n').read().strip() + ')')"
