#!/usr/bin/env python3
"""Build realstyle15/all.jsonl from the hand-written records in src/.

Deterministic (fixed seeds), python3 stdlib only.  Steps:
  1. load src/<kind>.py RECORDS (kind = module name)
  2. style variation: mirror-site noise on ~25% of whole pages,
     half-width punctuation on ~50% of all records (traditional-script
     records are written by hand in src/, not converted here)
  3. validate, shuffle, assign ids r15-0001..r15-0200, write all.jsonl
"""
import collections
import importlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
sys.path.insert(0, SRC)

from _common import CODES  # noqa: E402

KINDS = ["advertorial", "ad_page", "livestream", "claim_short", "news",
         "penalty_notice", "health_science", "regulation", "doctor_answer"]
PAGE_KINDS = {"advertorial", "ad_page", "news", "penalty_notice", "health_science"}

# length bounds (chars) checked on the final text
BOUNDS = {
    "advertorial": (300, 900),
    "ad_page": (200, 700),
    "livestream": (15, 200),
    "claim_short": (10, 60),
    "news": (150, 1000),
    "penalty_notice": (80, 900),
    "health_science": (150, 1000),
    "regulation": (60, 600),
    "doctor_answer": (80, 600),
}
EXPECTED_KIND_COUNTS = {
    "advertorial": 40, "ad_page": 31, "livestream": 24, "claim_short": 15,
    "news": 30, "penalty_notice": 25, "health_science": 20,
    "regulation": 10, "doctor_answer": 5,
}

SEED_NOISE = 1501
SEED_HALF = 1502
SEED_SHUFFLE = 1503

# ---------------------------------------------------------------- noise
SITES = ["江州在线", "临川新闻网", "健康生活网", "东港热线", "西川资讯网", "宁远论坛", "青溪生活网"]
SITES_T = ["江州在線", "臨川新聞網", "健康生活網", "東港熱線", "西川資訊網"]
EDITORS = ["王晓", "李婷", "陈刚", "周宇", "刘敏", "张帆"]
OTHER_TITLES = ["秋冬季节如何科学进补", "本市启动城乡居民医保集中参保", "这些常见用药误区你中招了吗",
                "社区卫生服务中心延长服务时间", "夏季饮食卫生提示", "市民健身步道完成改造"]
OTHER_TITLES_T = ["秋冬季節如何科學進補", "這些常見用藥誤區你中招了嗎", "社區衛生服務中心延長服務時間"]


def _date(rng):
    return "%d-%02d-%02d %02d:%02d" % (rng.choice([2022, 2023, 2024, 2025]), rng.randint(1, 12),
                                     rng.randint(1, 28), rng.randint(7, 22), rng.randint(0, 59))


def make_noise(rng, trad):
    """Return (prefix, suffix) of mirror-site furniture."""
    if trad:
        prefixes = [
            "當前位置：首頁 > 健康頻道 > 正文\n",
            "來源：%s　發布時間：%s　點擊：%d\n" % (rng.choice(SITES_T), _date(rng), rng.randint(80, 9000)),
            "首頁 >> 資訊 >> 醫療健康\n",
        ]
        suffixes = [
            "\n責任編輯：%s" % rng.choice(EDITORS),
            "\n上一篇：%s\n下一篇：%s" % tuple(rng.sample(OTHER_TITLES_T, 2)),
            "\n分享到：微信 微博 QQ空間",
            "\n【打印本頁】【關閉窗口】",
        ]
    else:
        prefixes = [
            "当前位置：首页 > 健康频道 > 正文\n",
            "您现在的位置：首页 >> 新闻中心 >> 医疗资讯\n",
            "来源：%s　作者：%s　发布时间：%s　浏览次数：%d\n" % (
                rng.choice(SITES), rng.choice(EDITORS), _date(rng), rng.randint(80, 9000)),
            "发布时间：%s　字号：大 中 小\n" % _date(rng),
        ]
        suffixes = [
            "\n责任编辑：%s" % rng.choice(EDITORS),
            "\n上一篇：%s\n下一篇：%s" % tuple(rng.sample(OTHER_TITLES, 2)),
            "\n分享到：微信 微博 QQ空间",
            "\n【打印本页】【关闭窗口】",
            "\n（来源：%s）" % rng.choice(SITES),
            "\n声明：本网转载此文仅为传递更多信息，不代表本网观点或证实其内容的真实性。",
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

# characters that only occur in traditional script (sanity check for trad records)
TRAD_ONLY = set("醫們這說為廣會療後來裡號專劑術與發現應時間無體產過經業關點對開動壓國問覺讓話當給還從進運頭變氣愛長響癒區"
                "級權認證風華險穩賺賠頁據課學實際買賣錢鏡貼類觀藥鬆寶腸濕膚癢髮腦癲癇顯導歲萬縣貴樂魚麗兒兩嚴麼齒齡豐")
CHANNEL_RE = re.compile(
    r"^\s*[【\[（(]?\s*(广告|廣告|新闻|新聞|资讯|資訊|直播|科普|推广|推廣|软文|軟文|通报|通報|法规|法規|评论|評論|"
    r"问答|問答|医讯|醫訊|news|ad|advert)\s*[】\]）)]?\s*[:：|｜\-—]", re.I)


def load():
    recs = []
    for kind in KINDS:
        mod = importlib.import_module(kind)
        for r in mod.RECORDS:
            r = dict(r)
            r["kind"] = kind
            recs.append(r)
    return recs


def style(recs):
    rng = random.Random(SEED_NOISE)
    pages = [i for i, r in enumerate(recs) if r["kind"] in PAGE_KINDS]
    n_noise = round(len(pages) * 0.25)
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
    if labels != {"violation": 100, "clean": 100}:
        errs.append("label counts %r" % dict(labels))
    kinds = collections.Counter(r["kind"] for r in recs)
    for k, n in EXPECTED_KIND_COUNTS.items():
        if kinds[k] != n:
            errs.append("kind %s has %d, expected %d" % (k, kinds[k], n))
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
        if not lo <= len(t) <= hi:
            errs.append("%s length %d outside %d-%d" % (tag, len(t), lo, hi))
        if t in seen:
            errs.append("%s duplicate text of #%d" % (tag, seen[t]))
        seen[t] = i
        if CHANNEL_RE.match(t):
            errs.append("%s starts with a channel label" % tag)
        if r["trad"] and len(TRAD_ONLY & set(t)) < 3:
            errs.append("%s marked trad but has few traditional-only characters" % tag)
        if not r["trad"] and len(TRAD_ONLY & set(t)) > 2:
            errs.append("%s not marked trad but looks traditional" % tag)
    clean_sell = sum(1 for r in recs if r["label"] == "clean" and r["kind"] in ("ad_page", "livestream"))
    if clean_sell != 10:
        errs.append("compliant ad_page/livestream = %d, expected 10" % clean_sell)
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
    lsnp = sum(1 for r in recs if r["kind"] == "livestream" and not (FULL_PUNCT & set(r["text"])))
    pages = sum(1 for r in recs if r["kind"] in PAGE_KINDS)
    out.append("| style | records |")
    out.append("|---|---:|")
    out.append("| half-width punctuation (converted) | %d of %d |" % (half, len(recs)))
    out.append("| mirror-site noise (pages only) | %d of %d pages |" % (noise, pages))
    out.append("| traditional script (hand-written) | %d (%d violation, %d clean) |" % (
        trad, sum(1 for r in recs if r["trad"] and r["label"] == "violation"),
        sum(1 for r in recs if r["trad"] and r["label"] == "clean")))
    out.append("| livestream transcripts without punctuation | %d of %d |" % (
        lsnp, sum(1 for r in recs if r["kind"] == "livestream")))
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
            f.write(json.dumps({"id": "r15-%04d" % n, "text": r["text"], "label": r["label"],
                                "categories": r["categories"], "kind": r["kind"]},
                               ensure_ascii=False) + "\n")
    print("wrote %d records to %s" % (len(recs), path))
    print(stats(recs))


if __name__ == "__main__":
    main()
