#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Assemble the r9 hand-labelled evaluation set.

Reads hand-written sources from src/*.py, applies style variation with fixed
seeds (mirror-site chrome, traditional characters, half-width punctuation),
shuffles with random.Random(20261207), assigns ids r9-0001..., validates and
writes all.jsonl.
"""
import importlib
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "src"))

MODULES = ["claim_short", "livestream", "ad_page", "advertorial", "penalty_notice",
           "news", "consumer_tip", "health_science", "regulation", "user_comment"]

ALLOWED_CATS = {"absolute_term", "efficacy_guarantee", "cure_rate", "testimonial", "comparison",
                "non_medical_cure_claim", "appearance_anxiety", "fear_appeal",
                "education_guarantee", "investment_guarantee", "disguised_ad"}

# expected (violation, clean) per kind. The brief's per-kind clean counts sum to 126;
# to keep the stated 120/120 = 240 total, six clean items were dropped
# (penalty_notice 34->32, news 18->16, consumer_tip 16->15, health_science 22->21).
EXPECTED = {
    "claim_short": (40, 4), "livestream": (26, 4), "ad_page": (30, 8), "advertorial": (24, 0),
    "penalty_notice": (0, 32), "news": (0, 16), "consumer_tip": (0, 15),
    "health_science": (0, 21), "regulation": (0, 6), "user_comment": (0, 14),
}
LENGTH = {"claim_short": (10, 60), "ad_page": (200, 700), "advertorial": (300, 800),
          "livestream": (60, 900), "penalty_notice": (100, 1000), "news": (80, 800),
          "consumer_tip": (80, 800), "health_science": (80, 800), "regulation": (80, 800),
          "user_comment": (60, 800)}
CAT_TARGETS = {"testimonial": 35, "comparison": 30, "fear_appeal": 25, "appearance_anxiety": 20,
               "education_guarantee": 16, "investment_guarantee": 12, "non_medical_cure_claim": 30,
               "efficacy_guarantee": 30, "cure_rate": 14, "absolute_term": 16}

SEED_CHROME = 7101
SEED_TRAD = 7102
SEED_PUNCT = 7103
SEED_SHUFFLE = 20261207
TRAD_SHARE = 0.10
PUNCT_SHARE = {"violation": 0.75, "clean": 0.50}

HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})

# ---- mirror-site chrome (all invented) ----
HEADERS = [
    "首页 > 健康频道 > 正文\n",
    "当前位置：首页 > 资讯 > 民生\n",
    "XX生活网 | 健康 | 财经 | 教育 | 本地\n",
    "【手机版】 返回首页 | 字号：大 中 小\n",
    "来源：XX晚报  发布时间：2025-0X-XX  阅读：1.XX万\n",
    "本页面为镜像缓存，内容以原站为准\n",
]
FOOTERS = [
    "\n责任编辑：XX",
    "\n分享到：微信 | 微博 | QQ空间 | 复制链接",
    "\n上一篇：入秋后这几种水果别贪多\n下一篇：社区医院将开通夜间门诊",
    "\n免责声明：本文仅代表作者个人观点，与本站无关。如有侵权请联系删除。",
    "\nCopyright © 2015-2025 XX网 版权所有  京ICP备1XXXXX23号-2",
    "\n相关阅读：· 专家解读新规 · 秋冬养生指南 · 本周天气预报",
    "\n【打印】【关闭】【收藏】",
]


def load():
    records = []
    for name in MODULES:
        mod = importlib.import_module(name)
        for r in mod.RECORDS:
            records.append({
                "text": r["text"],
                "label": r["label"],
                "categories": list(r.get("cats", r.get("categories", []))),
                "kind": r["kind"],
                "chrome": bool(r.get("chrome", False)),
                "src": name,
            })
    return records


def add_chrome(records):
    rng = random.Random(SEED_CHROME)
    # a few ad pages also get mirror chrome in addition to their own menus/footers
    ad_idx = [i for i, r in enumerate(records) if r["kind"] == "ad_page"]
    for i in rng.sample(ad_idx, 5):
        records[i]["chrome"] = True
    for r in records:
        if not r["chrome"]:
            continue
        lo, hi = LENGTH[r["kind"]]
        for _ in range(20):
            head = rng.choice(HEADERS) if rng.random() < 0.8 else ""
            feet = rng.sample(FOOTERS, rng.randint(1, 3))
            cand = head + r["text"] + "".join(feet)
            if len(cand) <= hi:
                r["text"] = cand
                break
        else:
            r["chrome"] = False


def to_traditional(records):
    import zhconv
    rng = random.Random(SEED_TRAD)
    n = round(len(records) * TRAD_SHARE)
    idx = rng.sample(range(len(records)), n)
    for i in idx:
        records[i]["text"] = zhconv.convert(records[i]["text"], "zh-tw")
        records[i]["script"] = "traditional"
    for r in records:
        r.setdefault("script", "simplified")


def half_width(records):
    rng = random.Random(SEED_PUNCT)
    for r in records:
        r["punct"] = "full"
    for label, share in PUNCT_SHARE.items():
        idx = [i for i, r in enumerate(records) if r["label"] == label]
        for i in rng.sample(idx, round(len(idx) * share)):
            records[i]["text"] = records[i]["text"].translate(HALF)
            records[i]["punct"] = "half"


def validate(out):
    errs = []
    ids = [r["id"] for r in out]
    texts = [r["text"] for r in out]
    if len(set(ids)) != len(ids):
        errs.append("duplicate ids")
    if len(set(texts)) != len(texts):
        errs.append("duplicate texts")
    per = defaultdict(lambda: [0, 0])
    for r in out:
        line = json.dumps(r, ensure_ascii=False)
        back = json.loads(line)
        if back != r:
            errs.append(f"{r['id']}: json roundtrip")
        if set(r) != {"id", "text", "label", "categories", "kind"}:
            errs.append(f"{r['id']}: keys {sorted(r)}")
        if r["label"] not in ("violation", "clean"):
            errs.append(f"{r['id']}: bad label")
        if (r["label"] == "clean") != (len(r["categories"]) == 0):
            errs.append(f"{r['id']}: clean<=>empty categories broken")
        bad = set(r["categories"]) - ALLOWED_CATS
        if bad:
            errs.append(f"{r['id']}: unknown categories {bad}")
        if len(set(r["categories"])) != len(r["categories"]):
            errs.append(f"{r['id']}: duplicate category")
        lo, hi = LENGTH[r["kind"]]
        if not lo <= len(r["text"]) <= hi:
            errs.append(f"{r['id']}: {r['kind']} length {len(r['text'])} not in [{lo},{hi}]")
        if r["kind"] == "advertorial" and "disguised_ad" not in r["categories"]:
            errs.append(f"{r['id']}: advertorial without disguised_ad")
        if r["kind"] != "advertorial" and "disguised_ad" in r["categories"]:
            errs.append(f"{r['id']}: disguised_ad outside advertorial")
        per[r["kind"]][0 if r["label"] == "violation" else 1] += 1
    for k, exp in EXPECTED.items():
        if tuple(per[k]) != exp:
            errs.append(f"kind {k}: got {tuple(per[k])}, expected {exp}")
    nv = sum(1 for r in out if r["label"] == "violation")
    if nv != 120 or len(out) - nv != 120:
        errs.append(f"label totals {nv}/{len(out) - nv}")
    cc = Counter(c for r in out for c in r["categories"])
    for c, t in CAT_TARGETS.items():
        if cc[c] < t:
            errs.append(f"category {c}: {cc[c]} < target {t}")
    return errs


def main():
    records = load()
    add_chrome(records)
    to_traditional(records)
    half_width(records)
    rng = random.Random(SEED_SHUFFLE)
    rng.shuffle(records)
    out = []
    for i, r in enumerate(records, 1):
        out.append({"id": f"r9-{i:04d}", "text": r["text"], "label": r["label"],
                    "categories": r["categories"], "kind": r["kind"]})
    errs = validate(out)
    if errs:
        print("VALIDATION FAILED:")
        for e in errs:
            print("  -", e)
        sys.exit(1)
    with open(HERE / "all.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    # report
    kinds = list(EXPECTED)
    print(f"wrote {len(out)} records to {HERE / 'all.jsonl'}")
    print(f"{'kind':16s} {'violation':>9s} {'clean':>6s}")
    for k in kinds:
        v = sum(1 for r in out if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in out if r["kind"] == k and r["label"] == "clean")
        print(f"{k:16s} {v:9d} {c:6d}")
    cc = Counter(c for r in out for c in r["categories"])
    print("categories:", dict(sorted(cc.items(), key=lambda x: -x[1])))
    trad = sum(1 for r in records if r["script"] == "traditional")
    hv = sum(1 for r in records if r["punct"] == "half" and r["label"] == "violation")
    hc = sum(1 for r in records if r["punct"] == "half" and r["label"] == "clean")
    ch = Counter(r["kind"] for r in records if r["chrome"])
    print(f"traditional: {trad}; half-width punct: {hv}/120 violations, {hc}/120 clean; chrome: {dict(ch)}")


if __name__ == "__main__":
    main()
