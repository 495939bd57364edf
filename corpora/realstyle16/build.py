#!/usr/bin/env python3
"""Build realstyle16/all.jsonl from the hand-written records in src/.

Deterministic (fixed seeds), python3 stdlib only.  Steps:
  1. load src/<kind>.py RECORDS (kind = module name)
  2. style variation: mirror-site noise on about a third of page-like records,
     half-width punctuation on half of all records (traditional-script
     records are written by hand in src/, not converted here; livestream
     lines are written without punctuation)
  3. validate, shuffle (seed 20261216), assign ids r16-0001..r16-0240, write all.jsonl
"""
import collections
import importlib
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
sys.path.insert(0, SRC)

from _common import CODES  # noqa: E402

KINDS = ["claim_short", "livestream", "ad_page", "advertorial", "social_post",
         "comment", "penalty_notice", "news", "consumer_tip", "health_science", "regulation"]
PAGE_KINDS = {"ad_page", "advertorial", "news", "penalty_notice", "consumer_tip", "health_science"}

# length bounds (chars) on the hand-written text; mirror-site noise may add up to NOISE_SLACK
BOUNDS = {
    "claim_short": (15, 60),
    "livestream": (30, 120),
    "ad_page": (200, 900),
    "advertorial": (300, 900),
    "social_post": (80, 500),
    "comment": (25, 400),
    "penalty_notice": (100, 900),
    "news": (150, 900),
    "consumer_tip": (150, 900),
    "health_science": (150, 900),
    "regulation": (100, 600),
}
NOISE_SLACK = 160

# (violation, clean) per kind
EXPECTED_KIND_COUNTS = {
    "claim_short": (40, 0),
    "livestream": (35, 10),
    "ad_page": (25, 10),
    "advertorial": (12, 0),
    "social_post": (8, 5),
    "comment": (0, 22),
    "penalty_notice": (0, 18),
    "news": (0, 15),
    "consumer_tip": (0, 12),
    "health_science": (0, 20),
    "regulation": (0, 8),
}
# minimum number of records per main (first) category
MIN_MAIN = {
    "comparison": 12, "fear_appeal": 12, "appearance_anxiety": 12, "testimonial": 12,
    "non_medical_cure_claim": 12, "efficacy_guarantee": 12,
    "cure_rate": 6, "absolute_term": 6, "education_guarantee": 6, "investment_guarantee": 6,
    "disguised_ad": 12,
}

SEED_NOISE = 1601
SEED_HALF = 1602
SEED_SHUFFLE = 20261216

# ---------------------------------------------------------------- noise
SITES = ["岚州在线", "桐川新闻网", "鹭港热线", "槐阳生活网", "云梧资讯网", "柘湾论坛", "澜江健康网"]
SITES_T = ["北屿新聞網", "鹭港熱線", "澜江生活網", "北屿健康網"]
EDITORS = ["林晓", "赵敏", "郑一凡", "吴婷", "孙浩", "何静"]
OTHER_TITLES = ["冬季流感高发，这些防护要点请收好", "我市新增三条公交线路", "医保电子凭证怎么用？一图读懂",
                "中小学生体质健康监测结果发布", "秋季腹泻进入高发期", "社区卫生服务中心开设夜间门诊",
                "老旧小区加装电梯启动报名", "夏季用电高峰提示"]
OTHER_TITLES_T = ["冬季流感高發，這些防護要點請收好", "社區衛生服務中心開設夜間門診", "秋季腹瀉進入高發期"]


def _date(rng):
    return "%d-%02d-%02d %02d:%02d" % (rng.choice([2023, 2024, 2025]), rng.randint(1, 12),
                                     rng.randint(1, 28), rng.randint(7, 22), rng.randint(0, 59))


def make_noise(rng, trad):
    """Return (prefix, suffix) of mirror-site furniture (never contact details)."""
    if trad:
        prefixes = [
            "首頁 > 健康 > 正文\n",
            "當前位置：首頁 > 生活 > 醫療保健\n",
            "來源：%s　發布時間：%s　瀏覽：%d\n" % (rng.choice(SITES_T), _date(rng), rng.randint(60, 9000)),
        ]
        suffixes = [
            "\n責任編輯：%s" % rng.choice(EDITORS),
            "\n上一篇：%s\n下一篇：%s" % tuple(rng.sample(OTHER_TITLES_T, 2)),
            "\n分享到：Facebook LINE 複製連結",
            "\n【列印】【關閉視窗】",
        ]
    else:
        prefixes = [
            "首页 > 健康 > 正文\n",
            "当前位置：首页 > 健康频道 > 正文\n",
            "您现在的位置：首页 >> 资讯 >> 医疗健康\n",
            "来源：%s　作者：%s　发布时间：%s　阅读：%d\n" % (
                rng.choice(SITES), rng.choice(EDITORS), _date(rng), rng.randint(60, 9000)),
            "发布时间：%s　字号：大 中 小\n" % _date(rng),
        ]
        suffixes = [
            "\n责任编辑：%s" % rng.choice(EDITORS),
            "\n上一篇：%s\n下一篇：%s" % tuple(rng.sample(OTHER_TITLES, 2)),
            "\n分享到：微信 微博 QQ空间 复制链接",
            "\n分享　点赞　收藏　举报",
            "\n【打印本页】【关闭窗口】",
            "\n（来源：%s）" % rng.choice(SITES),
            "\n声明：本文系转载，仅为传递更多信息，不代表本站观点，亦不构成任何建议。",
        ]
    mode = rng.random()
    pre = rng.choice(prefixes) if mode < 0.75 else ""
    suf = ""
    if mode >= 0.35 or not pre:
        suf = "".join(rng.sample(suffixes, rng.choice([1, 1, 2])))
    return pre, suf


# ---------------------------------------------------------------- half-width
HALF = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
                      "（": "(", "）": ")"})
FULL_PUNCT = set("，。！？：；")
ANY_PUNCT = set("，。！？：；、,.!?:;（）()“”「」…—")

# characters that only occur in traditional script (sanity check for trad records)
TRAD_ONLY = set("醫們這說為廣會療後來裡號專劑術與發現應時間無體產過經業關點對開動壓國問覺讓話當給還從進運頭變氣愛長響癒區"
                "級權認證風華險穩賺賠頁據課學實際買賣錢鏡貼類觀藥鬆寶腸濕膚癢髮腦癲癇顯導歲萬縣貴樂魚麗兒兩嚴麼齒齡豐")
CHANNEL_RE = re.compile(
    r"^\s*[【\[（(]?\s*(广告|廣告|新闻|新聞|资讯|資訊|直播|直播间|科普|推广|推廣|软文|軟文|通报|通報|法规|法規|评论|評論|"
    r"问答|問答|医讯|醫訊|公众号推文|公众号|朋友圈|小红书|news|ad|advert)\s*[】\]）)]?\s*[:：|｜\-—]", re.I)
PHONE_RE = re.compile(r"\d{7,}")


def load():
    recs = []
    for kind in KINDS:
        mod = importlib.import_module(kind)
        for r in mod.RECORDS:
            r = dict(r)
            r["kind"] = kind
            r["raw_len"] = len(r["text"])
            recs.append(r)
    return recs


def style(recs):
    rng = random.Random(SEED_NOISE)
    pages = [i for i, r in enumerate(recs) if r["kind"] in PAGE_KINDS]
    n_noise = round(len(pages) / 3)
    for i in sorted(rng.sample(pages, n_noise)):
        pre, suf = make_noise(rng, recs[i]["trad"])
        recs[i]["text"] = pre + recs[i]["text"] + suf
        recs[i]["noise"] = True
    rng = random.Random(SEED_HALF)
    cands = [i for i, r in enumerate(recs) if FULL_PUNCT & set(r["text"])]
    n_half = len(recs) // 2
    for i in sorted(rng.sample(cands, min(n_half, len(cands)))):
        recs[i]["text"] = recs[i]["text"].translate(HALF)
        recs[i]["halfwidth"] = True
    return recs


def validate(recs):
    errs = []
    known = set(CODES.values())
    labels = collections.Counter(r["label"] for r in recs)
    if labels != {"violation": 120, "clean": 120}:
        errs.append("label counts %r" % dict(labels))
    kl = collections.Counter((r["kind"], r["label"]) for r in recs)
    for k, (nv, nc) in EXPECTED_KIND_COUNTS.items():
        if (kl[(k, "violation")], kl[(k, "clean")]) != (nv, nc):
            errs.append("kind %s has %d/%d, expected %d/%d" % (
                k, kl[(k, "violation")], kl[(k, "clean")], nv, nc))
    mains = collections.Counter(r["categories"][0] for r in recs if r["categories"])
    for cat, n in MIN_MAIN.items():
        if mains[cat] < n:
            errs.append("main category %s has %d, expected at least %d" % (cat, mains[cat], n))
    seen = {}
    for i, r in enumerate(recs):
        t, lab, cats, kind = r["text"], r["label"], r["categories"], r["kind"]
        tag = "%s#%d[%s]" % (kind, i, t[:16].replace("\n", " "))
        if lab not in ("violation", "clean"):
            errs.append("%s bad label %r" % (tag, lab))
        if any(c not in known for c in cats):
            errs.append("%s unknown category %r" % (tag, cats))
        if len(set(cats)) != len(cats):
            errs.append("%s duplicate category" % tag)
        if lab == "violation" and not cats:
            errs.append("%s violation without category" % tag)
        if lab == "clean" and cats:
            errs.append("%s clean with categories" % tag)
        is_adv = kind == "advertorial"
        if is_adv != ("disguised_ad" in cats):
            errs.append("%s disguised_ad must be exactly on advertorials" % tag)
        if is_adv and (lab != "violation" or cats[0] != "disguised_ad"):
            errs.append("%s advertorial must be violation with disguised_ad first" % tag)
        lo, hi = BOUNDS[kind]
        if not lo <= r["raw_len"] <= hi:
            errs.append("%s written length %d outside %d-%d" % (tag, r["raw_len"], lo, hi))
        if len(t) > hi + NOISE_SLACK:
            errs.append("%s final length %d too long" % (tag, len(t)))
        if kind == "livestream" and ANY_PUNCT & set(t):
            errs.append("%s livestream line contains punctuation" % tag)
        if t in seen:
            errs.append("%s duplicate text of #%d" % (tag, seen[t]))
        seen[t] = i
        if CHANNEL_RE.match(t):
            errs.append("%s starts with a channel label" % tag)
        if r["trad"] and len(TRAD_ONLY & set(t)) < 3:
            errs.append("%s marked trad but has few traditional-only characters" % tag)
        if not r["trad"] and len(TRAD_ONLY & set(t)) > 2:
            errs.append("%s not marked trad but looks traditional" % tag)
        if PHONE_RE.search(t):
            errs.append("%s contains an unmasked 7+ digit number" % tag)
    return errs


def stats(recs):
    out = []
    kl = collections.Counter((r["kind"], r["label"]) for r in recs)
    out.append("| kind | violation | clean | total |")
    out.append("|---|---:|---:|---:|")
    for k in KINDS:
        v, c = kl[(k, "violation")], kl[(k, "clean")]
        out.append("| %s | %d | %d | %d |" % (k, v, c, v + c))
    out.append("| **all** | %d | %d | %d |" % (
        sum(1 for r in recs if r["label"] == "violation"),
        sum(1 for r in recs if r["label"] == "clean"), len(recs)))
    out.append("")
    cc = collections.Counter(c for r in recs for c in r["categories"])
    mc = collections.Counter(r["categories"][0] for r in recs if r["categories"])
    out.append("| category | records | as main category |")
    out.append("|---|---:|---:|")
    for code, name in CODES.items():
        out.append("| %s (%s) | %d | %d |" % (name, code, cc[name], mc[name]))
    out.append("")
    half = sum(1 for r in recs if r.get("halfwidth"))
    noise = sum(1 for r in recs if r.get("noise"))
    trad = sum(1 for r in recs if r["trad"])
    ls = [r for r in recs if r["kind"] == "livestream"]
    lsnp = sum(1 for r in ls if not (ANY_PUNCT & set(r["text"])))
    pages = sum(1 for r in recs if r["kind"] in PAGE_KINDS)
    out.append("| style | records |")
    out.append("|---|---:|")
    out.append("| half-width punctuation (converted) | %d of %d |" % (half, len(recs)))
    out.append("| mirror-site noise (page-like kinds only) | %d of %d pages |" % (noise, pages))
    out.append("| traditional script (hand-written) | %d (%d violation, %d clean) |" % (
        trad, sum(1 for r in recs if r["trad"] and r["label"] == "violation"),
        sum(1 for r in recs if r["trad"] and r["label"] == "clean")))
    out.append("| livestream transcripts without punctuation | %d of %d |" % (lsnp, len(ls)))
    return "\n".join(out)


def main():
    recs = style(load())
    errs = validate(recs)
    if errs:
        for e in errs:
            print("ERROR:", e)
        sys.exit(1)
    random.Random(SEED_SHUFFLE).shuffle(recs)
    path = os.path.join(HERE, "all.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for n, r in enumerate(recs, 1):
            f.write(json.dumps({"id": "r16-%04d" % n, "text": r["text"], "label": r["label"],
                                "categories": r["categories"], "kind": r["kind"]},
                               ensure_ascii=False) + "\n")
    print("wrote %d records to %s" % (len(recs), path))
    print(stats(recs))


if __name__ == "__main__":
    main()
