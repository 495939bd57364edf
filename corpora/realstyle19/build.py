#!/usr/bin/env python3
"""Build realstyle19/all.jsonl from src/ (python3 stdlib only, deterministic).

Steps: load the hand-written records per kind, validate them, convert full-width
punctuation to half-width in exactly HALF_WIDTH_N records, shuffle with seed
20261219, assign ids r19-0001..r19-0320, validate again, print the count tables
and write all.jsonl. Exits non-zero on any failed check.
"""
import importlib
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))

from _common import CODES  # noqa: E402

SEED = 20261219
KINDS = ["livestream", "short_video", "live_comment"]

# planned (violation, clean) per kind
PLAN = {
    "livestream": (158, 61),
    "short_video": (38, 14),
    "live_comment": (4, 45),
}
TOTAL = 320
TOTAL_V = 200

# planned number of violations per main category
MAIN_PLAN = {
    "efficacy_guarantee": 35,
    "non_medical_cure_claim": 35,
    "testimonial": 25,
    "inducement": 15,
    "unsubstantiated_claim": 15,
    "comparison": 15,
    "absolute_term": 15,
    "state_endorsement": 10,
    "appearance_anxiety": 10,
    "cure_rate": 5,
    "fear_appeal": 6,
    "investment_guarantee": 5,
    "education_guarantee": 5,
    "superstition": 4,
}

# character lengths of the written text
LENGTH = {"livestream": (20, 160), "short_video": (20, 160), "live_comment": (1, 120)}

HALF_WIDTH_N = 150
TRAD_RANGE = (28, 32)

# characters that only occur in one script (pairs: simplified / traditional)
SIMP_ONLY = set("这们说国会来时为对学发经过还与点无开问关头气现实长东车动进种医药疗证师级费读达写"
                "电话买卖价钱给让认识请谁题压脑门间边语样应该总统际员专库结质营网页链标装术饮护颈"
                "叶两视数没觉妈岁脸鸡鱼红莲颜吗")
TRAD_ONLY = set("這們說國會來時為對學發經過還與點無開問關頭氣現實長東車動進種醫藥療證師級費讀達寫"
                "電話買賣價錢給讓認識請誰題壓腦門間邊語樣應該總統際員專庫結質營網頁鏈標裝術飲護頸"
                "葉兩視數沒覺媽歲臉雞魚紅蓮幾隻顏嗎")

CHANNEL_LABEL = re.compile(r"^\s*(【[^】]{0,6}(直播|广告|廣告|推文|朋友圈)[^】]{0,4}】|"
                           r"(广告|廣告|公众号推文|直播间|直播間|朋友圈|小红书|短视频|短視頻)\s*[：:])")
LONG_DIGITS = re.compile(r"\d{7,}")
PUNCT = re.compile(r"[，。！？：；,!?:;]|\.(?!\d)")  # a dot before a digit is a decimal point or NO.1
LATIN_IN_CJK = re.compile(r"[\u4e00-\u9fff][A-Za-z]+|[A-Za-z]+[\u4e00-\u9fff]")

FW2HW = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
                       "（": "(", "）": ")"})
FW_CHARS = set("，。！？：；（）")

ERRORS = []


def load():
    recs = []
    for kind in KINDS:
        mod = importlib.import_module(kind)
        for r in mod.RECORDS:
            rec = dict(r)
            rec["kind"] = kind
            recs.append(rec)
    return recs


def fail(msg, soft=False):
    print("CHECK FAILED:", msg, file=sys.stderr)
    if soft:
        ERRORS.append(msg)
        return
    sys.exit(1)


def check_written(recs):
    names = set(CODES.values())
    seen = set()
    for r in recs:
        t, k = r["text"], r["kind"]
        if not t.strip():
            fail("empty text")
        if t != t.strip():
            fail(soft=True, msg="leading/trailing whitespace: " + t[:40])
        lo, hi = LENGTH[k]
        if not lo <= len(t) <= hi:
            fail(soft=True, msg=f"length {len(t)} outside {lo}-{hi} for {k}: {t[:40]}")
        if r["label"] not in ("violation", "clean"):
            fail("bad label: " + t[:40])
        if r["label"] == "violation" and not r["categories"]:
            fail(soft=True, msg="violation without category: " + t[:40])
        if r["label"] == "clean" and r["categories"]:
            fail(soft=True, msg="clean record with categories: " + t[:40])
        if len(set(r["categories"])) != len(r["categories"]):
            fail(soft=True, msg="repeated category: " + t[:40])
        for c in r["categories"]:
            if c not in names:
                fail("unknown category " + c)
        if t in seen:
            fail(soft=True, msg="duplicate text: " + t[:40])
        seen.add(t)
        if CHANNEL_LABEL.search(t):
            fail(soft=True, msg="channel label: " + t[:40])
        if LONG_DIGITS.search(t):
            fail(soft=True, msg="unmasked 7+ digit number: " + t[:40])
        s_hits = [ch for ch in t if ch in SIMP_ONLY]
        t_hits = [ch for ch in t if ch in TRAD_ONLY]
        if r["trad"]:
            if not t_hits or s_hits:
                fail(soft=True, msg=f"traditional record has simplified {s_hits} or no traditional chars: {t[:40]}")
        elif t_hits:
            fail(soft=True, msg=f"simplified record has traditional chars {t_hits}: {t[:40]}")
    for k, (nv, nc) in PLAN.items():
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        if (v, c) != (nv, nc):
            fail(soft=True, msg=f"{k}: {v}/{c} records, planned {nv}/{nc}")
    mains = {}
    for r in recs:
        if r["categories"]:
            mains[r["categories"][0]] = mains.get(r["categories"][0], 0) + 1
    for c in set(MAIN_PLAN) | set(mains):
        if mains.get(c, 0) != MAIN_PLAN.get(c, 0):
            fail(soft=True, msg=f"main category {c}: {mains.get(c, 0)}, planned {MAIN_PLAN.get(c, 0)}")
    ntrad = sum(r["trad"] for r in recs)
    if not TRAD_RANGE[0] <= ntrad <= TRAD_RANGE[1]:
        fail(soft=True, msg=f"{ntrad} traditional records, planned {TRAD_RANGE}")
    if ERRORS:
        sys.exit(1)


def style(recs):
    rng = random.Random(SEED)
    for r in recs:
        r["halfwidth"] = False
    with_fw = [i for i, r in enumerate(recs) if any(ch in FW_CHARS for ch in r["text"])]
    if len(with_fw) < HALF_WIDTH_N:
        fail(f"only {len(with_fw)} records with full-width punctuation, need {HALF_WIDTH_N}")
    for i in rng.sample(with_fw, HALF_WIDTH_N):
        recs[i]["text"] = recs[i]["text"].translate(FW2HW)
        recs[i]["halfwidth"] = True


def check_final(out):
    if len(out) != TOTAL:
        fail(f"{len(out)} records, expected {TOTAL}")
    ids = [o["id"] for o in out]
    if len(set(ids)) != len(ids):
        fail("duplicate ids")
    texts = [o["text"] for o in out]
    if len(set(texts)) != len(texts):
        fail("duplicate texts after styling")
    nv = sum(o["label"] == "violation" for o in out)
    if nv != TOTAL_V:
        fail(f"{nv} violations, expected {TOTAL_V}")
    for o in out:
        if o["label"] not in ("violation", "clean"):
            fail("bad label")
        if (o["label"] == "violation") != bool(o["categories"]):
            fail("label/category mismatch in " + o["id"])
        if not o["text"].strip():
            fail("empty text in " + o["id"])
        if LONG_DIGITS.search(o["text"]):
            fail("7+ digit run after styling in " + o["id"])
        if CHANNEL_LABEL.search(o["text"]):
            fail("channel label after styling in " + o["id"])


def tables(recs):
    lines = ["| kind | violation | clean | total |", "|---|---:|---:|---:|"]
    for k in KINDS:
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        lines.append(f"| {k} | {v} | {c} | {v + c} |")
    v = sum(r["label"] == "violation" for r in recs)
    lines.append(f"| **all** | {v} | {len(recs) - v} | {len(recs)} |")

    lines += ["", "| category | records | as main category |", "|---|---:|---:|"]
    order = list(MAIN_PLAN) + [c for c in CODES.values() if c not in MAIN_PLAN]
    for c in order:
        n = sum(c in r["categories"] for r in recs)
        m = sum(bool(r["categories"]) and r["categories"][0] == c for r in recs)
        if n:
            lines.append(f"| {c} | {n} | {m} |")

    lines += ["", "| main category × kind | " + " | ".join(KINDS) + " |",
              "|---|" + "---:|" * len(KINDS)]
    for c in MAIN_PLAN:
        row = [sum(1 for r in recs if r["categories"] and r["categories"][0] == c and r["kind"] == k)
               for k in KINDS]
        lines.append(f"| {c} | " + " | ".join(map(str, row)) + " |")

    hw = sum(r["halfwidth"] for r in recs)
    tv = sum(r["trad"] and r["label"] == "violation" for r in recs)
    tc = sum(r["trad"] and r["label"] == "clean" for r in recs)
    latin = sum(1 for r in recs if LATIN_IN_CJK.search(r["text"]))
    lines += ["", "| style | records |", "|---|---:|",
              f"| half-width punctuation (converted) | {hw} of {len(recs)} |",
              f"| traditional script (hand-written) | {tv + tc} ({tv} violation, {tc} clean) |",
              f"| Latin letters inside Chinese (pinyin splits, NO.1, HR, NMN, NT$ …) | {latin} |"]
    for k in KINDS:
        n = sum(r["kind"] == k for r in recs)
        nop = sum(1 for r in recs if r["kind"] == k and not PUNCT.search(r["text"]))
        lines.append(f"| {k} lines without punctuation (ASR style) | {nop} of {n} |")
    return "\n".join(lines)


def main():
    recs = load()
    check_written(recs)
    style(recs)
    rng = random.Random(SEED)
    rng.shuffle(recs)
    out = []
    for i, r in enumerate(recs, 1):
        out.append({"id": f"r19-{i:04d}", "text": r["text"], "label": r["label"],
                    "categories": list(r["categories"]), "kind": r["kind"]})
    check_final(out)
    with open(os.path.join(HERE, "all.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(tables(recs))
    print(f"\nwrote all.jsonl: {len(out)} records, all checks passed")


if __name__ == "__main__":
    main()
