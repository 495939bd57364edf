#!/usr/bin/env python3
"""Build realstyle11/all.jsonl from src/<kind>.py (stdlib only, deterministic).

Applies crawl-style variation with fixed seeds (half-width punctuation, stripped
punctuation, run-on flattening, mirror-site noise), shuffles with a fixed seed,
assigns ids r11-0001..., validates, and writes all.jsonl byte-identically.
Run:  python3 build.py          (prints summary; --stats prints JSON stats)
"""
import importlib.util
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
OUT = os.path.join(HERE, "all.jsonl")

KINDS = ["claim_short", "livestream", "ad_page", "advertorial", "penalty_notice",
         "news", "consumer_tip", "health_science", "regulation", "user_comment",
         "doctor_answer"]
CATEGORIES = ["absolute_term", "efficacy_guarantee", "cure_rate", "testimonial",
              "comparison", "non_medical_cure_claim", "appearance_anxiety",
              "fear_appeal", "education_guarantee", "investment_guarantee",
              "disguised_ad"]
LENGTHS = {  # inclusive char bounds on the final text
    "claim_short": (10, 60), "livestream": (20, 400), "ad_page": (200, 700),
    "advertorial": (300, 800), "penalty_notice": (60, 1200), "news": (60, 1000),
    "consumer_tip": (60, 800), "health_science": (60, 900), "regulation": (40, 400),
    "user_comment": (20, 400), "doctor_answer": (60, 600),
}
CLEAN_ONLY = {"penalty_notice", "news", "consumer_tip", "health_science",
              "regulation", "user_comment", "doctor_answer"}
VIOL_ONLY = {"advertorial"}

# characters that only occur in traditional script (used to detect trad texts)
TRAD_MARK = set("點復發館這個們說醫療廣會無為從與當於對經過來時還後實體們單說號頁運購費據機關處罰則條項當應證網絡產書兒壓爾風數請讓錯誤價歲總統")

HALF_ALL = {"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
            "（": "(", "）": ")", "“": '"', "”": '"', "「": '"', "」": '"'}
HALF_MIX = {k: v for k, v in HALF_ALL.items() if k != "。"}
PUNCT = set("，。！？：；（）“”「」、,.!?:;()\"【】《》…—")

BREADCRUMBS = [
    "您当前的位置：首页 > 健康 > 正文",
    "当前位置：首页 > 资讯中心 > 健康资讯",
    "首页 > 新闻频道 > 民生",
    "位置：网站首页 >> 消费维权 >> 正文",
    "首页 / 健康养生 / 详情",
]
TAILS = [
    "分享到：微信 微博 QQ空间",
    "上一篇：秋季腹泻进入高发期 注意饮食卫生\n下一篇：社区开展义务献血活动",
    "来源：本站综合 责任编辑：李然",
    "【打印本页】【关闭窗口】",
    "上一篇：冬季取暖谨防一氧化碳中毒\n下一篇：夏季游泳安全提示",
    "来源：网络整理 编辑：小周 浏览次数：1264",
    "相关阅读：\n· 如何科学洗手\n· 体检报告怎么看",
]
NOISE_KINDS = {"news", "penalty_notice", "consumer_tip", "health_science",
               "advertorial", "ad_page"}


def load(kind):
    path = os.path.join(SRC, kind + ".py")
    spec = importlib.util.spec_from_file_location("src_" + kind, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.RECORDS


def is_trad(text):
    return sum(ch in TRAD_MARK for ch in text) >= 2


def runon(text):
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = []
    for i, p in enumerate(parts):
        if i < len(parts) - 1:
            if p[-1] in "。！？":
                p = p[:-1] + "，"
            elif p[-1] not in "，,、：:；;":
                p = p + "，"
        out.append(p)
    t = "".join(out)
    # inner full stops become commas except the last one
    last = t.rfind("。")
    t = "".join("，" if (c == "。" and i != last) else c for i, c in enumerate(t))
    return t


def strip_punct(text, short):
    out = []
    for c in text:
        if c in PUNCT:
            if not short and (not out or out[-1] != " "):
                out.append(" ")
        elif c == "\n":
            if not out or out[-1] != " ":
                out.append(" ")
        else:
            out.append(c)
    return "".join(out).strip()


def half(text, table):
    return "".join(table.get(c, c) for c in text)


def stylize(rec, kind, rng):
    """Return (text, list_of_style_tags). rng is per-record seeded."""
    text = rec["text"].strip()
    tags = []
    trad = is_trad(text)
    if trad:
        tags.append("traditional")
    r = rng.random()
    if "\n" in text and kind not in ("claim_short",) and rng.random() < 0.18:
        text = runon(text)
        tags.append("runon")
    if kind in NOISE_KINDS and not trad and rng.random() < 0.22:
        mode = rng.randrange(3)
        lo, hi = LENGTHS[kind]
        pre = rng.choice(BREADCRUMBS)
        tail = rng.choice(TAILS)
        if mode == 0:
            cand = pre + "\n" + text
        elif mode == 1:
            cand = text + "\n" + tail
        else:
            cand = pre + "\n" + text + "\n" + tail
        if len(cand) <= hi:
            text = cand
            tags.append("noise")
    if r < 0.06:
        text = strip_punct(text, kind == "claim_short")
        tags.append("nopunct")
    elif r < 0.36:
        text = half(text, HALF_ALL)
        tags.append("halfwidth")
    elif r < 0.53:
        text = half(text, HALF_MIX)
        tags.append("halfwidth_mixed")
    return text, tags


def build():
    items = []
    for kind in KINDS:
        for idx, rec in enumerate(load(kind)):
            rng = random.Random("r11|%s|%d" % (kind, idx))
            text, tags = stylize(rec, kind, rng)
            items.append(dict(kind=kind, label=rec["label"],
                              categories=list(rec["categories"]), text=text,
                              _tags=tags))
    random.Random(20241111).shuffle(items)
    errors = []
    seen = set()
    for i, it in enumerate(items, 1):
        it["id"] = "r11-%04d" % i
        k, lab, cats, t = it["kind"], it["label"], it["categories"], it["text"]
        if lab not in ("violation", "clean"):
            errors.append((it["id"], "bad label"))
        if lab == "clean" and cats:
            errors.append((it["id"], "clean with categories"))
        if lab == "violation" and not cats:
            errors.append((it["id"], "violation without categories"))
        for c in cats:
            if c not in CATEGORIES:
                errors.append((it["id"], "bad category " + c))
        if len(set(cats)) != len(cats):
            errors.append((it["id"], "duplicate category"))
        if lab == "violation" and (("disguised_ad" in cats) != (k == "advertorial")):
            errors.append((it["id"], "disguised_ad must match advertorial kind"))
        if k in CLEAN_ONLY and lab != "clean":
            errors.append((it["id"], "kind must be clean"))
        if k in VIOL_ONLY and lab != "violation":
            errors.append((it["id"], "kind must be violation"))
        lo, hi = LENGTHS[k]
        if not lo <= len(t) <= hi:
            errors.append((it["id"], "length %d not in %s for %s: %s" % (len(t), (lo, hi), k, t[:30])))
        for bad in ("公众号推文：", "【直播间】"):
            if t.startswith(bad):
                errors.append((it["id"], "starts with channel label"))
        if t in seen:
            errors.append((it["id"], "duplicate text"))
        seen.add(t)
    return items, errors


def stats(items):
    s = {"total": len(items), "kind_label": {}, "categories": {}, "styles": {}}
    for it in items:
        key = "%s|%s" % (it["kind"], it["label"])
        s["kind_label"][key] = s["kind_label"].get(key, 0) + 1
        for c in it["categories"]:
            s["categories"][c] = s["categories"].get(c, 0) + 1
        for t in it["_tags"]:
            s["styles"][t] = s["styles"].get(t, 0) + 1
    s["labels"] = {l: sum(1 for it in items if it["label"] == l) for l in ("violation", "clean")}
    return s


def main():
    items, errors = build()
    if errors:
        for e in errors:
            print("ERROR", *e)
        sys.exit(1)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for it in items:
            obj = {"id": it["id"], "text": it["text"], "label": it["label"],
                   "categories": it["categories"], "kind": it["kind"]}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    s = stats(items)
    if "--stats" in sys.argv:
        print(json.dumps(s, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print("wrote %d records to %s" % (len(items), OUT), s["labels"])


if __name__ == "__main__":
    main()
