#!/usr/bin/env python3
"""Build realstyle13/all.jsonl from src/<kind>.py (stdlib only, deterministic).

Style variation (fixed seeds, per record):
  - half-width punctuation  (about half of all records)
  - punctuation stripped    (some short texts: claim_short / user_comment)
  - run-on flattening       (multi-line texts: newlines removed, 。-> ，)
  - mirror-site noise       (breadcrumbs, 来源/责任编辑, 上一篇/下一篇, 分享到)
Traditional-script records are written by hand in the sources (trad=True).
Run:  python3 build.py        -> writes all.jsonl and prints a summary
"""
import json
import os
import random
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(ROOT, "src")
OUT = os.path.join(ROOT, "all.jsonl")
sys.dont_write_bytecode = True
sys.path.insert(0, SRC)

KINDS = ["claim_short", "livestream", "ad_page", "advertorial", "penalty_notice",
         "news", "consumer_tip", "health_science", "regulation", "user_comment",
         "doctor_answer"]
CATEGORIES = {"absolute_term", "efficacy_guarantee", "cure_rate", "testimonial",
              "comparison", "non_medical_cure_claim", "appearance_anxiety",
              "fear_appeal", "education_guarantee", "investment_guarantee",
              "disguised_ad"}
LENGTH = {"claim_short": (10, 60), "livestream": (15, 200), "ad_page": (200, 700),
          "advertorial": (300, 800), "penalty_notice": (80, 900), "news": (80, 900),
          "consumer_tip": (60, 700), "health_science": (80, 800),
          "regulation": (60, 500), "user_comment": (10, 250),
          "doctor_answer": (60, 500)}
MIN_CATS = {"testimonial": 40, "comparison": 30, "fear_appeal": 30,
            "non_medical_cure_claim": 40, "efficacy_guarantee": 35,
            "appearance_anxiety": 15, "absolute_term": 20, "cure_rate": 12,
            "education_guarantee": 8, "investment_guarantee": 8, "disguised_ad": 18}

HALF = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":",
                      "；": ";", "（": "(", "）": ")", "“": '"', "”": '"',
                      "‘": "'", "’": "'", "「": '"', "」": '"'})
PUNCT = set("，。！？：；、（）“”‘’,.!?:;()\"'")
NOISE_ELIGIBLE = {"ad_page", "advertorial", "penalty_notice", "news",
                  "consumer_tip", "health_science", "regulation", "doctor_answer"}
NOISE_HEAD = {
    False: ["首页 > 新闻中心 > 正文\n", "当前位置：首页 > 健康资讯 > ",
            "您现在的位置：首页 > 执法动态 > 正文\n", "首页 / 资讯 / 详情\n",
            "当前位置: 首页 > 消费维权 > "],
    True: ["首頁 > 新聞中心 > 正文\n", "當前位置：首頁 > 健康資訊 > ",
           "您現在的位置：首頁 > 執法動態 > 正文\n"],
}
NOISE_TAIL = {
    False: ["\n来源：本站综合　责任编辑：李然\n分享到：微信 微博 QQ空间",
            "\n上一篇：夏季饮食注意事项\n下一篇：春季过敏高发 专家支招",
            "\n【打印本页】【关闭窗口】\n分享到：",
            "\n（来源：网络　编辑：小周）\n上一篇：没有了",
            "\n责任编辑：王晓 点击数：2381\n分享到：",
            "\n相关阅读：\n· 老人买保健品要当心\n· 网购维权小常识"],
    True: ["\n來源：本站綜合　責任編輯：陳立\n分享到：微信 微博",
           "\n上一篇：秋季養生要點\n下一篇：沒有了",
           "\n【列印本頁】【關閉視窗】"],
}


def load(kind):
    mod = __import__(kind)
    return [dict(r, kind=kind) for r in mod.RECORDS]


def strip_punct(text, rng):
    sep = " " if rng.random() < 0.6 else ""
    out, prev = [], ""
    for ch in text:
        if ch in PUNCT:
            if sep and prev != sep:
                out.append(sep)
                prev = sep
            continue
        out.append(ch)
        prev = ch
    return "".join(out).strip()


def runon(text):
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    joined = ""
    for ln in lines:
        if joined and joined[-1] not in "，。！？；：,.!?;:":
            joined += "，"
        joined += ln
    body = joined.replace("。", "，")
    return body.rstrip("，") + "。"


def stylize(rec, idx):
    rng = random.Random("realstyle13:%s:%d" % (rec["kind"], idx))
    text, kind, styles = rec["text"], rec["kind"], []
    lo, hi = LENGTH[kind]
    # 1. run-on flattening for multi-line texts
    if "\n" in text and rng.random() < 0.3:
        text = runon(text)
        styles.append("runon")
    # 2. mirror-site noise
    if kind in NOISE_ELIGIBLE and rng.random() < 0.22:
        trad = rec.get("trad", False)
        cand = text
        mode = rng.random()
        if mode < 0.4:
            cand = rng.choice(NOISE_HEAD[trad]) + cand
        elif mode < 0.75:
            cand = cand + rng.choice(NOISE_TAIL[trad])
        else:
            cand = rng.choice(NOISE_HEAD[trad]) + cand + rng.choice(NOISE_TAIL[trad])
        if len(cand) <= hi:
            text = cand
            styles.append("noise")
    # 3. punctuation
    u = rng.random()
    if kind in ("claim_short", "user_comment") and u < 0.14:
        text = strip_punct(text, rng)
        styles.append("nopunct")
    elif u < 0.64 if kind in ("claim_short", "user_comment") else u < 0.5:
        text = text.translate(HALF)
        styles.append("halfwidth")
    if rec.get("trad"):
        styles.append("traditional")
    return text, styles


def main():
    records = []
    for kind in KINDS:
        for i, r in enumerate(load(kind)):
            text, styles = stylize(r, i)
            records.append(dict(label=r["label"], categories=list(r["categories"]),
                                text=text, kind=kind, styles=styles))
    rng = random.Random(1313)
    rng.shuffle(records)
    errors, seen = [], set()
    for n, r in enumerate(records, 1):
        r["id"] = "r13-%04d" % n
        lo, hi = LENGTH[r["kind"]]
        if not lo <= len(r["text"]) <= hi:
            errors.append("%s length %d outside %s for %s" % (r["id"], len(r["text"]), (lo, hi), r["kind"]))
        if r["label"] not in ("violation", "clean"):
            errors.append("%s bad label" % r["id"])
        bad = set(r["categories"]) - CATEGORIES
        if bad:
            errors.append("%s unknown categories %s" % (r["id"], bad))
        if len(set(r["categories"])) != len(r["categories"]):
            errors.append("%s duplicate categories" % r["id"])
        if r["label"] == "violation" and not r["categories"]:
            errors.append("%s violation without categories" % r["id"])
        if r["label"] == "clean" and r["categories"]:
            errors.append("%s clean with categories" % r["id"])
        is_adv = r["kind"] == "advertorial"
        if is_adv != ("disguised_ad" in r["categories"]):
            errors.append("%s disguised_ad must mark exactly the advertorials" % r["id"])
        if is_adv and r["label"] != "violation":
            errors.append("%s advertorial must be a violation" % r["id"])
        if r["text"] in seen:
            errors.append("%s duplicate text" % r["id"])
        seen.add(r["text"])
        for bad_start in ("公众号推文", "【直播间】", "直播间：", "广告："):
            if r["text"].startswith(bad_start):
                errors.append("%s starts with a channel label" % r["id"])
    labels = Counter(r["label"] for r in records)
    if labels["violation"] != 150 or labels["clean"] != 150:
        errors.append("label counts %s" % dict(labels))
    cats = Counter(c for r in records for c in r["categories"])
    for c, m in MIN_CATS.items():
        if cats[c] < m:
            errors.append("category %s has %d < %d" % (c, cats[c], m))
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "text": r["text"], "label": r["label"],
                                "categories": r["categories"], "kind": r["kind"]},
                               ensure_ascii=False) + "\n")
    # summary
    kl = Counter((r["kind"], r["label"]) for r in records)
    print("records:", len(records), dict(labels))
    for k in KINDS:
        print("  %-15s violation=%3d clean=%3d" % (k, kl[(k, "violation")], kl[(k, "clean")]))
    print("categories:")
    for c in sorted(cats, key=lambda c: -cats[c]):
        print("  %-24s %d" % (c, cats[c]))
    st = Counter(s for r in records for s in r["styles"])
    print("styles:", dict(sorted(st.items())))
    print("plain (no style):", sum(1 for r in records if not r["styles"]))


if __name__ == "__main__":
    main()
