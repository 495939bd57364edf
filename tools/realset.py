#!/usr/bin/env python3
"""Score adscan on a private set of real text (the rcNN sets of README's round sections), record by
record, so two builds can be compared flag for flag.

  python3 tools/realset.py split SET.jsonl                  # SET.tune.jsonl / SET.held.jsonl
  python3 tools/realset.py flags BIN LEX OUT.json SET.jsonl...   # LEX: a rules folder, or - (built-in)
  python3 tools/realset.py score OUT.json SET.jsonl...      # P / R / errors on clean, per file and family
  python3 tools/realset.py diff A.json B.json SET.jsonl...  # records whose flag changed (ids and labels)

A set is JSON Lines, one record a line: {id, text, label: violation|clean, categories: [...],
genre, url, note}, text verbatim from a public page. Such text is third-party: the sets stay outside
the repository, and only their figures are reported. `split` halves a set by the MD5 of each
record's page address, so all records of one page fall in one half; tuning reads the tune half,
and the held-out half is only scored. `diff` prints ids and labels, never text, so that a held-out
half can be compared between builds without being read.

A record counts as flagged when it has an active (not suppressed) `error` or `warning` finding, as
in `adscan eval`. Standard library only (the system python3 of Debian 12 is enough).
"""
import collections, hashlib, json, subprocess, sys

DISGUISED_CATEGORY = "disguised_ad"


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def split(path):
    stem = path[:-len(".jsonl")] if path.endswith(".jsonl") else path
    with open(stem + ".tune.jsonl", "w", encoding="utf-8") as t, open(stem + ".held.jsonl", "w", encoding="utf-8") as h:
        for r in records(path):
            half = int(hashlib.md5(r.get("url", "").encode()).hexdigest(), 16) % 2
            (t if half == 0 else h).write(json.dumps(r, ensure_ascii=False) + "\n")


def flags(binary, lex, out, paths):
    result = {}
    for path in paths:
        recs = records(path)
        stdin = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in recs)
        cmd = [binary, "scan", "--format", "jsonl", "--input", "jsonl", "--fail-on", "never", "-q"]
        if lex != "-":
            cmd += ["--rules", lex]
        run = subprocess.run(cmd, input=stdin.encode(), capture_output=True, check=False)
        for r in recs:
            result[r["id"]] = {"flag": False, "error": False, "rules": [], "categories": [], "genre": None}
        for line in run.stdout.decode().splitlines():
            j = json.loads(line)
            if j.get("type") != "record" or j.get("id") not in result:
                continue
            active = [f for f in j.get("findings", []) if f["severity"] in ("error", "warning") and not f.get("suppressed_by")]
            o = result[j["id"]]
            o["flag"] = bool(active)
            o["error"] = any(f["severity"] == "error" for f in active)
            o["rules"] = sorted({f["rule"] for f in active})
            o["categories"] = sorted({f["category"] for f in active})
            o["genre"] = (j.get("genre") or {}).get("id")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)


def score(flagged, paths):
    fl = json.load(open(flagged, encoding="utf-8"))
    total = collections.Counter()
    family = collections.defaultdict(lambda: [0, 0])

    def line(name, c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        print(f"{name:32s} P {p:.3f} R {r:.3f}  tp {c['tp']} fp {c['fp']} fn {c['fn']} tn {c['tn']}  "
              f"errors on clean {c['err']}/{c['fp'] + c['tn']}  disguised recognised {c['dis']}/{c['disn']}")

    for path in paths:
        c = collections.Counter()
        for r in records(path):
            o = fl.get(r["id"])
            if o is None:
                continue
            if r["label"] == "violation":
                c["tp" if o["flag"] else "fn"] += 1
                for k in r.get("categories", []):
                    family[k][0] += 1
                    family[k][1] += o["flag"]
                if DISGUISED_CATEGORY in r.get("categories", []):
                    c["disn"] += 1
                    c["dis"] += DISGUISED_CATEGORY in o.get("categories", [])
            else:
                c["fp" if o["flag"] else "tn"] += 1
                c["err"] += o["flag"] and o["error"]
        line(path.split("/")[-1], c)
        total.update(c)
    line("all", total)
    print("recall by family: " + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(family.items(), key=lambda x: -x[1][0])))


def diff(a, b, paths):
    fa, fb = json.load(open(a, encoding="utf-8")), json.load(open(b, encoding="utf-8"))
    for path in paths:
        for r in records(path):
            x, y = fa.get(r["id"]), fb.get(r["id"])
            if x and y and x["flag"] != y["flag"]:
                print(r["id"], r["label"], x["flag"], "->", y["flag"], x["rules"], "->", y["rules"])


def main(argv):
    if len(argv) >= 2 and argv[0] == "split":
        for p in argv[1:]:
            split(p)
    elif len(argv) >= 5 and argv[0] == "flags":
        flags(argv[1], argv[2], argv[3], argv[4:])
    elif len(argv) >= 3 and argv[0] == "score":
        score(argv[1], argv[2:])
    elif len(argv) >= 4 and argv[0] == "diff":
        diff(argv[1], argv[2], argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
