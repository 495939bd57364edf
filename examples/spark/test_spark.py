#!/usr/bin/env python3
"""Spark local-mode test of the record-in/record-out contract (run by examples/spark/test.sh).

Generates a few thousand JSONL records, scans them directly with adscan, then through the
example job (spark-submit, local[2]) with 1 and 3 partitions: the concatenated part files must be
byte-identical to the direct output. Then a failing adscan (a bad flag; a stand-in that writes a
few lines and exits 1) must fail the job with a clear error and leave no output that looks
complete. Ends with a line `spark test: N passed, M failed`.

    test_spark.py ADSCAN_BINARY WORK_DIR
"""
import glob
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JOB = os.path.join(HERE, "adscan_job.py")
sys.path.insert(0, HERE)
from adscan_job import adscan_command  # noqa: E402

CLAIMS = ["本院治愈率高达98%", "三个疗程根治", "这款养生茶能调理血压", "国家级专家坐诊", "纯中药无毒副作用",
          "治癒率達９８％", "一针治愈，永不复发"]
PLAIN = ["今天天气不错，适合出门。", "本店营业时间为9:00-21:00。", "楼主说得对，我也去过那家店。",
         "医疗广告审查证明文号：（川）医广【2024】第05-12-001号。", "饭后最好不要立刻运动。", "这部剧的最佳男主角实至名归。",
         "Copyright © 2024 版权所有", "emoji 😀🎉 and Latin text", "ÅÄÖ café naïve"]
HOSTS = ["news.example.cn", "www.hospital-ad.example.com", "forum.example.org", "shop.example.net"]


def make_records(n, seed=20):
    """n JSONL lines (LF-terminated, valid UTF-8): multi-byte text, escapes, empty text, numeric
    and URL ids, a record without an id, a long line, plus lines that are not records (malformed
    JSON, no text field, a blank line) - each must still give exactly one output line."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts = [rng.choice(PLAIN) for _ in range(rng.randint(0, 6))]
        if rng.random() < 0.3:
            parts.insert(rng.randint(0, len(parts)), rng.choice(CLAIMS))
        text = "".join(parts)
        if i % 7 == 0:
            text += '\n第二行 "引号" \\反斜杠\t制表符\u200b'
        ident = "https://%s/p/%d?x=1" % (rng.choice(HOSTS), i) if i % 5 else i
        rec = {"id": ident, "text": text, "lang": "zh"}
        # every 10th record with \uXXXX escapes (and surrogate pairs for the emoji)
        out.append(json.dumps(rec, ensure_ascii=(i % 10 == 0)))
    out[3] = json.dumps({"id": "empty", "text": ""}, ensure_ascii=False)
    out[17] = json.dumps({"text": "没有id的记录：三个疗程根治"}, ensure_ascii=False)
    out[29] = '{"id":"broken-1","text":"本院治愈率高达98%'            # truncated JSON, id readable
    out[31] = '{"text": 三个疗程根治}'                                  # malformed, no id
    out[37] = json.dumps({"id": "no-text", "body": "这款养生茶能调理血压"}, ensure_ascii=False)
    out[41] = ""                                                     # blank line
    long_text = "".join(rng.choice(PLAIN) for _ in range(6000)) + "最后：本院治愈率高达98%"
    out[n // 2] = json.dumps({"id": "long", "text": long_text}, ensure_ascii=False)
    return "".join(l + "\n" for l in out).encode("utf-8")


class Runner:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name} {detail}")


def spark_submit(binary, inp, out, *args):
    cmd = [os.path.join(os.path.dirname(sys.executable), "spark-submit"), "--master", "local[2]",
           "--conf", "spark.ui.enabled=false", "--conf", "spark.log.level=WARN",
           "--files", binary, JOB, inp, out] + list(args)
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p, time.time() - t


def part_bytes(out_dir):
    parts = sorted(glob.glob(os.path.join(out_dir, "part-*")))
    return parts, b"".join(open(p, "rb").read() for p in parts)


def main():
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    r = Runner()
    data = make_records(int(os.environ.get("ADSCAN_SPARK_RECORDS", "3000")))
    inp = os.path.join(work, "records.jsonl")
    open(inp, "wb").write(data)
    n_lines = data.count(b"\n")
    print(f"input: {n_lines} lines, {len(data)} bytes")

    # direct: by path and through stdin, one and two threads - the same bytes every way
    cmd = adscan_command(binary)
    direct = subprocess.run(cmd + [inp], capture_output=True)
    r.check("direct scan exits 0 (--fail-on never; per-record errors are in-band)", direct.returncode == 0,
            direct.stderr.decode()[-500:])
    expected = direct.stdout
    piped = subprocess.run(cmd, input=data, capture_output=True)
    two = subprocess.run(adscan_command(binary, threads=2), input=data, capture_output=True)
    r.check("direct: path, stdin and --threads 2 give the same bytes", piped.stdout == expected and two.stdout == expected)
    lines = expected.split(b"\n")
    r.check("direct: one LF-terminated line per input line", expected.endswith(b"\n") and len(lines) - 1 == n_lines,
            f"{len(lines) - 1} != {n_lines}")
    r.check("direct: no raw CR in output", b"\r" not in expected)
    objs = [json.loads(l) for l in lines[:-1]]
    r.check("direct: every line is JSON without source or line",
            all("source" not in o and "line" not in o for o in objs))
    errs = [o for o in objs if o["type"] == "error"]
    r.check("direct: the 4 lines that are not records are error lines naming them",
            [(o.get("id"), o.get("excerpt")) for o in errs] ==
            [("broken-1", None), (None, '{"text": 三个疗程根治}'), ("no-text", None), (None, "")], errs)
    want = []
    for l in data.split(b"\n")[:-1]:
        try:
            rec = json.loads(l)
            want.append(str(rec["id"]) if "id" in rec else None)
        except ValueError:
            want.append("?")
    r.check("direct: a line per record, in input order (ids)",
            all(w == "?" or w == o.get("id") for w, o in zip(want, objs)) and len(want) == len(objs))
    flagged = sum(1 for o in objs if o.get("verdict") not in (None, "clean"))
    r.check("direct: the claims are found (flagged records)", flagged > n_lines // 10, flagged)
    r.check("direct: the long line's claim at its end", any(o.get("id") == "long" and o["findings"] for o in objs))

    for n in (1, 3):
        out = os.path.join(work, f"out-{n}")
        p, secs = spark_submit(binary, inp, out, "--partitions", str(n))
        parts, got = part_bytes(out)
        nonempty = [q for q in parts if os.path.getsize(q) > 0]
        r.check(f"spark {n} partition(s): job succeeds ({secs:.1f} s)", p.returncode == 0, p.stderr[-2000:])
        r.check(f"spark {n} partition(s): {len(parts)} part files, byte-identical to the direct scan", got == expected,
                f"{len(got)} vs {len(expected)} bytes")
        if n > 1:
            r.check(f"spark {n} partitions: boundaries fall inside the file ({len(nonempty)} non-empty parts)",
                    len(nonempty) >= n)
        r.check(f"spark {n} partition(s): report printed", "findings per category" in p.stdout
                and "flagged records per source domain" in p.stdout and "findings per law article" in p.stdout, p.stdout[-1500:])
        if n == 3:
            print(p.stdout)

    # a failing adscan: a bad flag
    out = os.path.join(work, "out-badflag")
    p, secs = spark_submit(binary, inp, out, "--partitions", "3", "--adscan-arg=--no-such-flag")
    parts, got = part_bytes(out)
    r.check(f"bad flag: the job fails ({secs:.1f} s)", p.returncode != 0)
    # (spark-submit writes the Python driver's stderr to its stdout)
    said = p.stdout + p.stderr
    r.check("bad flag: a clear error", "adscan job FAILED" in said and "Subprocess exited with status 2" in said
            and "Unknown option '--no-such-flag'" in said, said[-1500:])
    r.check("bad flag: no output that looks complete (no _SUCCESS, no part files)",
            not os.path.exists(os.path.join(out, "_SUCCESS")) and not parts, parts)

    # a scanner that writes part of its output, then fails: no partial result survives
    fake = os.path.join(work, "fake", "adscan")
    os.makedirs(os.path.dirname(fake), exist_ok=True)
    with open(fake, "w") as f:
        f.write("#!/bin/sh\nhead -n 5 | sed 's/^/{\"type\":\"record\",\"raw\":1}/' | cut -c1-30\nexit 1\n")
    os.chmod(fake, 0o755)
    out = os.path.join(work, "out-partial")
    p, secs = spark_submit(fake, inp, out, "--partitions", "3")
    parts, got = part_bytes(out)
    r.check(f"partial output then exit 1: the job fails ({secs:.1f} s)", p.returncode != 0
            and "Subprocess exited with status 1" in p.stderr, p.stderr[-1500:])
    r.check("partial output then exit 1: no part files, no _SUCCESS",
            not parts and not os.path.exists(os.path.join(out, "_SUCCESS")), parts)

    print(f"spark test: {r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
