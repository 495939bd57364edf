#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Assemble the r10 hand-labelled evaluation set.

Reads RECORDS from src/<kind>.py, applies deterministic style variation (traditional
script, half-width punctuation, stripped punctuation, run-ons, mirror-site noise),
shuffles with a fixed seed, assigns ids r10-0001..., validates, writes all.jsonl.

Requires: zhconv (pip install zhconv) for the simplified->traditional conversion.
Usage: python3 build.py [--stats]
"""
import importlib
import json
import os
import random
import re
import sys
from collections import Counter

try:
    import zhconv
except ImportError:  # pragma: no cover
    sys.exit("build.py needs zhconv: pip install zhconv")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))

# kind -> (violations, cleans)
TARGETS = {
    "claim_short": (40, 4),
    "livestream": (26, 4),
    "ad_page": (30, 8),
    "advertorial": (24, 0),
    "penalty_notice": (0, 32),
    "news": (0, 16),
    "consumer_tip": (0, 15),
    "health_science": (0, 21),
    "regulation": (0, 6),
    "user_comment": (0, 14),
}
CATEGORIES = [
    "absolute_term", "efficacy_guarantee", "cure_rate", "testimonial", "comparison",
    "non_medical_cure_claim", "appearance_anxiety", "fear_appeal", "education_guarantee",
    "investment_guarantee", "disguised_ad",
]
LENGTH = {"claim_short": (10, 60), "ad_page": (200, 700), "advertorial": (300, 800)}
LONG_KINDS = {"ad_page", "advertorial", "penalty_notice", "news", "consumer_tip",
              "health_science", "regulation"}
SHORT_KINDS = {"claim_short", "livestream", "user_comment"}
TRAD_TARGET = 24          # ~10% of 240 in traditional script (hand-written ones count)
SHUFFLE_SEED = 20250611
TRAD_SEED = 1010

HALF = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
                      "（": "(", "）": ")", "“": '"', "”": '"'})
PUNCT_RE = re.compile(r"[，。！？：；、“”（）【】《》…—,.!?:;\"()\[\]]+")

# mirror-site noise, by kind group: (crumbs, tails)
NOISE = {
    "ad_page": (
        ["首页 > 产品中心 > 详情", "您的位置：首页 > 特色诊疗 > 正文", "首页 | 关于我们 | 产品服务 | 优惠活动 | 联系我们",
         "当前位置:首页>>优惠活动"],
        ["分享到：微信　微博　QQ空间", "上一篇：夏季护理小常识\n下一篇：返回列表", "【打印】【关闭】　浏览次数：1386",
         "版权所有 © 本站　网站地图　在线咨询"],
    ),
    "advertorial": (
        ["首页 > 健康资讯 > 正文", "首页 » 养生频道 » 文章详情", "当前位置:首页 >> 新闻中心 >> 行业动态",
         "您的位置:首页>资讯>医疗"],
        ["来源：枫泽健康网　　责任编辑：苏禾", "（责任编辑：林可）\n相关阅读", "本文来源于网络，如有侵权请联系删除",
         "上一篇：秋季进补有讲究\n下一篇：社区开展义诊进万家活动"],
    ),
    "official": (
        ["网站首页 > 信息公开 > 行政处罚", "当前位置:首页 > 专题专栏 > 以案释法", "首页 > 政务公开 > 执法信息",
         "当前位置：首页 > 政策法规 > 解读"],
        ["来源:澜阳市市场监督管理局 发布时间:2024-09-12 浏览次数:", "【字体：大 中 小】　　打印本页",
         "上一篇:无\n下一篇:返回列表", "分享到：微信　微博　　【打印】【关闭】"],
    ),
    "media": (
        ["首页 | 本地新闻 | 民生 | 健康 | 教育 | 财经", "当前位置：首页 >> 新闻中心 >> 社会", "首页 > 健康资讯 > 正文",
         "您的位置:首页>资讯>健康"],
        ["来源：枫泽日报　　责任编辑：苏禾", "（责任编辑：林可）\n相关阅读", "上一篇：秋季进补有讲究\n下一篇：市民反映问题回复",
         "分享到：微信　微博　QQ空间　　【打印】【关闭】"],
    ),
}
NOISE_GROUP = {"ad_page": "ad_page", "advertorial": "advertorial", "penalty_notice": "official",
               "regulation": "official", "news": "media", "consumer_tip": "media", "health_science": "media"}


def load():
    recs = []
    for kind in TARGETS:
        mod = importlib.import_module(kind)
        for i, r in enumerate(mod.RECORDS):
            recs.append(dict(kind=kind, idx=i, text=r["text"], label=r["label"],
                             categories=list(r["categories"])))
    return recs


def is_traditional(text):
    return zhconv.convert(text, "zh-hans") != text


def style(recs):
    stats = Counter()
    # 1) traditional script: keep hand-written traditional texts, convert more up to target
    already = [r for r in recs if is_traditional(r["text"])]
    for r in already:
        r["trad"] = True
    pool = [r for r in recs if not is_traditional(r["text"])]
    rng = random.Random(TRAD_SEED)
    for r in rng.sample(pool, max(0, TRAD_TARGET - len(already))):
        r["trad"] = True
    for r in recs:
        rng = random.Random(f"r10-style-{r['kind']}-{r['idx']}")
        text = r["text"]
        lo, hi = LENGTH.get(r["kind"], (1, 10 ** 6))
        # 2) mirror-site noise on long kinds
        if r["kind"] in LONG_KINDS and rng.random() < 0.2:
            crumbs, tails = NOISE[NOISE_GROUP[r["kind"]]]
            head = rng.choice(crumbs) + "\n" if rng.random() < 0.6 else ""
            tail = "\n" + rng.choice(tails) if (not head or rng.random() < 0.5) else ""
            cand = head + text + tail
            if lo <= len(cand) <= hi:
                text = cand
                stats["nav_noise"] += 1
        # 3) traditional conversion
        if r.get("trad"):
            if not is_traditional(text):
                text = zhconv.convert(text, "zh-tw")
            stats["traditional"] += 1
        # 4) punctuation
        u = rng.random()
        if r["kind"] in SHORT_KINDS and u < 0.14:
            sep = " " if rng.random() < 0.5 else ""
            cand = re.sub(r"\s+", " ", PUNCT_RE.sub(sep, text)).strip()
            if len(cand) >= lo:
                text = cand
                stats["no_punct"] += 1
        elif r["kind"] in LONG_KINDS and u < 0.12:
            cand = re.sub(r"\n+", " ", text).replace("。", "，")
            text = re.sub(r"，\s*$", "。", cand)
            stats["run_on"] += 1
            if rng.random() < 0.5:
                text = text.translate(HALF)
                stats["half_width"] += 1
        elif u < 0.54:
            text = text.translate(HALF)
            stats["half_width"] += 1
        r["text"] = text
    return stats


def validate(recs):
    errs = []
    kl = Counter((r["kind"], r["label"]) for r in recs)
    for kind, (nv, nc) in TARGETS.items():
        if kl[(kind, "violation")] != nv or kl[(kind, "clean")] != nc:
            errs.append(f"{kind}: have {kl[(kind, 'violation')]}/{kl[(kind, 'clean')]}, want {nv}/{nc}")
    seen = set()
    for r in recs:
        t = r["text"]
        if r["label"] not in ("violation", "clean"):
            errs.append(f"{r['id']}: bad label")
        if r["label"] == "violation" and not r["categories"]:
            errs.append(f"{r['id']}: violation without categories")
        if r["label"] == "clean" and r["categories"]:
            errs.append(f"{r['id']}: clean with categories")
        for c in r["categories"]:
            if c not in CATEGORIES:
                errs.append(f"{r['id']}: unknown category {c}")
        if len(set(r["categories"])) != len(r["categories"]):
            errs.append(f"{r['id']}: duplicate category")
        if r["kind"] == "advertorial" and "disguised_ad" not in r["categories"]:
            errs.append(f"{r['id']}: advertorial without disguised_ad")
        if r["kind"] != "advertorial" and "disguised_ad" in r["categories"]:
            errs.append(f"{r['id']}: disguised_ad outside advertorial")
        lo, hi = LENGTH.get(r["kind"], (1, 10 ** 6))
        if not lo <= len(t) <= hi:
            errs.append(f"{r['id']} ({r['kind']}): length {len(t)} not in {lo}-{hi}")
        if re.match(r"^\s*(公众号推文|朋友圈|小红书|抖音|微博|短视频文案)[：:]", t):
            errs.append(f"{r['id']}: channel label at start")
        key = re.sub(r"\W", "", zhconv.convert(t, "zh-hans"))
        if key in seen:
            errs.append(f"{r['id']}: duplicate text")
        seen.add(key)
    if len(recs) != 240:
        errs.append(f"total {len(recs)} != 240")
    return errs


def main():
    recs = load()
    stats = style(recs)
    random.Random(SHUFFLE_SEED).shuffle(recs)
    out = []
    for n, r in enumerate(recs, 1):
        r["id"] = f"r10-{n:04d}"
        out.append({"id": r["id"], "text": r["text"], "label": r["label"],
                    "categories": r["categories"], "kind": r["kind"]})
    errs = validate(recs)
    if errs:
        print("\n".join(errs))
        sys.exit(1)
    with open(os.path.join(HERE, "all.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    if "--stats" in sys.argv or True:
        kl = Counter((o["kind"], o["label"]) for o in out)
        print("kind            violation clean")
        for kind in TARGETS:
            print(f"{kind:16}{kl[(kind, 'violation')]:>9}{kl[(kind, 'clean')]:>6}")
        cc = Counter(c for o in out for c in o["categories"])
        print("categories:", ", ".join(f"{c}={cc[c]}" for c in CATEGORIES))
        print("style:", dict(stats))
        print(f"wrote {len(out)} records to all.jsonl")


if __name__ == "__main__":
    main()
