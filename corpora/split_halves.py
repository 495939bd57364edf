#!/usr/bin/env python3
"""Split a hand-labelled set's all.jsonl into tune.jsonl and heldout.jsonl, half of each label
in each (stratified), reproducibly: the ids of each label are shuffled with random.Random(SEED)
and the first half goes to tune. Records keep their order in all.jsonl.

  python3 corpora/split_halves.py corpora/realstyle13 20261213
"""
import json, os, random, sys


def main():
    d, seed = sys.argv[1], int(sys.argv[2])
    recs = [json.loads(l) for l in open(os.path.join(d, "all.jsonl"), encoding="utf-8") if l.strip()]
    tune = set()
    for label in sorted({r["label"] for r in recs}):
        ids = sorted(r["id"] for r in recs if r["label"] == label)
        random.Random(seed).shuffle(ids)
        tune.update(ids[: len(ids) // 2])
    for name, keep in (("tune.jsonl", True), ("heldout.jsonl", False)):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            for r in recs:
                if (r["id"] in tune) == keep:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{d}: {len(tune)} tune, {len(recs) - len(tune)} held out", file=sys.stderr)


main()
