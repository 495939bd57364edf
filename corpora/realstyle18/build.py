#!/usr/bin/env python3
"""Build realstyle18/all.jsonl from src/ (python3 stdlib only, deterministic).

Steps: load the hand-written records per kind, validate them, convert full-width
punctuation to half-width in exactly 120 records, add mirror-site noise to 24
page-like records, shuffle with seed 20261218, assign ids r18-0001..r18-0240,
validate again, print the count tables and write all.jsonl. Exits non-zero on any
failed check.
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

SEED = 20261218
KINDS = ["claim_short", "livestream", "ad_page", "social_post",
         "penalty_notice", "news", "consumer_tip", "regulation", "comment"]

# planned (violation, clean) per kind
PLAN = {
    "claim_short": (40, 3),
    "livestream": (40, 10),
    "ad_page": (25, 9),
    "social_post": (15, 3),
    "penalty_notice": (0, 25),
    "news": (0, 30),
    "consumer_tip": (0, 15),
    "regulation": (0, 10),
    "comment": (0, 15),
}
WEAK = ["state_endorsement", "inducement", "investment_guarantee", "education_guarantee",
        "unsubstantiated_claim", "comparison", "appearance_anxiety", "non_medical_cure_claim"]
MAIN_PER_WEAK = 15

# character lengths of the written text (before noise)
LENGTH = {
    "claim_short": (12, 70), "livestream": (30, 140), "ad_page": (100, 700),
    "social_post": (40, 200), "penalty_notice": (80, 500), "news": (60, 450),
    "consumer_tip": (60, 300), "regulation": (60, 300), "comment": (20, 200),
}

HALF_WIDTH_N = 120
NOISE_N = 24
NOISE_KINDS = {"ad_page", "social_post", "penalty_notice", "news",
               "consumer_tip", "regulation", "comment"}

SIMP_ONLY = set("这们说国会来时为对学发经过还与点无开问关头气现实长东车动进种医药疗证师级费读达写"
                "电话买卖价钱给让认识请谁题压脑门间边语样应该总统际员专库结质营网页链标装术饮护颈")
TRAD_ONLY = set("這們說國會來時為對學發經過還與點無開問關頭氣現實長東車動進種醫藥療證師級費讀達寫"
                "電話買賣價錢給讓認識請誰題壓腦門間邊語樣應該總統際員專庫結質營網頁鏈標裝術飲護頸")

CHANNEL_LABEL = re.compile(r"^\s*(【[^】]{0,6}(直播|广告|廣告|推文|朋友圈)[^】]{0,4}】|"
                           r"(广告|廣告|公众号推文|直播间|直播間|朋友圈|小红书|短视频)\s*[：:])")
LONG_DIGITS = re.compile(r"\d{7,}")

FW2HW = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
                       "（": "(", "）": ")"})
FW_CHARS = set("，。！？：；（）")

SITES = ["健康时讯网", "民生资讯", "法治在线", "消费观察", "城市晚报网", "今日财经", "江澜新闻网", "百姓生活网"]
SITES_T = ["健康新聞網", "生活週報", "消費新知", "北市資訊網"]
MENUS = ["首页 资讯 社会 财经 健康 教育 科技 汽车 房产",
         "首页 | 新闻 | 本地 | 民生 | 法治 | 视频 | 专题",
         "网站首页  政务公开  办事服务  互动交流  专题专栏"]
MENUS_T = ["首頁 新聞 生活 健康 財經 國際 娛樂", "首頁 | 即時 | 生活 | 醫療 | 消費"]
CRUMBS = ["首页 > 健康 > 正文", "当前位置：首页 >> 新闻中心 >> 社会", "您现在的位置: 首页 > 消费维权 > 消费提示",
          "当前位置:首页 - 资讯 - 曝光台", "首页 > 商城 > 商品详情"]
CRUMBS_T = ["首頁 > 生活 > 正文", "目前位置：首頁 > 健康 > 新聞"]
TITLES = ["春季过敏高发 专家支招科学防护", "本市新增三处便民服务点", "如何挑选适合老人的手机",
          "暑期出游注意防晒防中暑", "社区食堂开张 老人吃饭有了新去处", "秋冬季节如何科学进补"]
TITLES_T = ["換季過敏怎麼辦", "夏季用電安全須知", "長輩用藥常見迷思"]


def load():
    recs = []
    for kind in KINDS:
        mod = importlib.import_module(kind)
        for r in mod.RECORDS:
            rec = dict(r)
            rec["kind"] = kind
            recs.append(rec)
    return recs


ERRORS = []


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
        lo, hi = LENGTH[k]
        n = len(t)
        if not lo <= n <= hi:
            fail(soft=True, msg=f"length {n} outside {lo}-{hi} for {k}: {t[:40]}")
        if r["label"] == "violation":
            if not r["categories"]:
                fail(soft=True, msg="violation without category: " + t[:40])
        elif r["categories"]:
            fail("clean record with categories: " + t[:40])
        if len(set(r["categories"])) != len(r["categories"]):
            fail("repeated category: " + t[:40])
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
    # plan
    for k, (nv, nc) in PLAN.items():
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        if (v, c) != (nv, nc):
            fail(f"{k}: {v}/{c} records, planned {nv}/{nc}")
    mains = {}
    for r in recs:
        if r["categories"]:
            mains[r["categories"][0]] = mains.get(r["categories"][0], 0) + 1
    for w in WEAK:
        if mains.get(w, 0) != MAIN_PER_WEAK:
            fail(soft=True, msg=f"main category {w}: {mains.get(w, 0)}, planned {MAIN_PER_WEAK}")
    if ERRORS:
        sys.exit(1)


def break_lines(text, rng):
    """Insert two or three stray line breaks, as in badly scraped mirror pages."""
    chars = list(text)
    spots = [i for i in range(6, len(chars) - 6) if chars[i] != "\n" and chars[i - 1] != "\n"
             and not (chars[i].isascii() and chars[i - 1].isascii())]
    for i in sorted(rng.sample(spots, min(len(spots), rng.choice([2, 3]))), reverse=True):
        chars.insert(i, "\n")
    return "".join(chars)


def noise(r, rng):
    t = r["text"]
    trad = r["trad"]
    kind = r["kind"]
    y, mo, d = rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    stamp = f"{y}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}"
    reads = rng.randint(12, 9800)
    opts = []
    if kind in ("comment", "social_post"):
        floor = rng.randint(2, 60)
        if trad:
            opts = [lambda s: f"#{floor}樓  {stamp}\n{s}\n回覆  讚 {rng.randint(1, 99)}  檢舉",
                    lambda s: f"{s}\n\n{stamp} 發布  ·  {reads} 次瀏覽",
                    lambda s: break_lines(s, rng)]
        else:
            opts = [lambda s: f"{floor}楼  发表于 {stamp}\n{s}\n回复 | 举报 | 点赞({rng.randint(1, 99)})",
                    lambda s: f"{s}\n\n{stamp}  浏览 {reads}  评论 {rng.randint(0, 80)}",
                    lambda s: f"{s}\n展开全文∨\n收起∧",
                    lambda s: break_lines(s, rng)]
    elif trad:
        site = rng.choice(SITES_T)
        opts = [lambda s: f"{rng.choice(CRUMBS_T)}\n\n{s}",
                lambda s: f"{rng.choice(MENUS_T)}\n{s}",
                lambda s: f"{s}\n\n{stamp}  來源：{site}  閱讀 {reads}",
                lambda s: f"{s}\n分享到：Facebook LINE 複製連結",
                lambda s: f"{s}\n\n上一篇：{rng.choice(TITLES_T)}\n下一篇：{rng.choice(TITLES_T)}",
                lambda s: f"{s}\n【列印】【關閉視窗】",
                lambda s: break_lines(s, rng)]
    else:
        site = rng.choice(SITES)
        opts = [lambda s: f"{rng.choice(CRUMBS)}\n\n{s}",
                lambda s: f"{rng.choice(MENUS)}\n\n{s}",
                lambda s: f"发布时间：{stamp}  来源：{site}  阅读 {reads}\n{s}",
                lambda s: f"{s}\n\n分享到：微信 微博 QQ空间 复制链接",
                lambda s: f"{s}\n\n责任编辑：{rng.choice(['王', '李', '周', '陈', '刘'])}{rng.choice(['晓', '一', '子', '明'])}{rng.choice(['雯', '凡', '涵', '远'])}",
                lambda s: f"{s}\n\n上一篇：{rng.choice(TITLES)}\n下一篇：{rng.choice(TITLES)}",
                lambda s: f"{s}\n【打印本页】【关闭窗口】",
                lambda s: f"{s}\n\n本站部分内容转载自互联网，如有侵权请联系删除。",
                lambda s: break_lines(s, rng)]
    for f in rng.sample(opts, rng.choice([1, 2])):
        t = f(t)
    return t


def style(recs):
    rng = random.Random(SEED)
    for r in recs:
        r["halfwidth"] = False
        r["noise"] = False
    with_fw = [i for i, r in enumerate(recs) if any(ch in FW_CHARS for ch in r["text"])]
    if len(with_fw) < HALF_WIDTH_N:
        fail("too few records with full-width punctuation")
    for i in rng.sample(with_fw, HALF_WIDTH_N):
        recs[i]["text"] = recs[i]["text"].translate(FW2HW)
        recs[i]["halfwidth"] = True
    pages = [i for i, r in enumerate(recs) if r["kind"] in NOISE_KINDS]
    for i in sorted(rng.sample(pages, NOISE_N)):
        before = recs[i]["text"]
        recs[i]["text"] = noise(recs[i], rng)
        if len(recs[i]["text"]) - len(before) > 160:
            fail("noise too long")
        recs[i]["noise"] = True


def check_final(out):
    if len(out) != 240:
        fail(f"{len(out)} records, expected 240")
    ids = [o["id"] for o in out]
    if len(set(ids)) != len(ids):
        fail("duplicate ids")
    texts = [o["text"] for o in out]
    if len(set(texts)) != len(texts):
        fail("duplicate texts after styling")
    nv = sum(o["label"] == "violation" for o in out)
    if nv != 120:
        fail(f"{nv} violations, expected 120")
    for o in out:
        if o["label"] not in ("violation", "clean"):
            fail("bad label")
        if (o["label"] == "violation") != bool(o["categories"]):
            fail("label/category mismatch in " + o["id"])
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
    order = WEAK + [c for c in CODES.values() if c not in WEAK]
    for c in order:
        n = sum(c in r["categories"] for r in recs)
        m = sum(bool(r["categories"]) and r["categories"][0] == c for r in recs)
        if n:
            lines.append(f"| {c} | {n} | {m} |")
    lines += ["", "| main category × kind | claim_short | livestream | ad_page | social_post |",
              "|---|---:|---:|---:|---:|"]
    for c in WEAK:
        row = [sum(1 for r in recs if r["categories"] and r["categories"][0] == c and r["kind"] == k)
               for k in ("claim_short", "livestream", "ad_page", "social_post")]
        lines.append(f"| {c} | " + " | ".join(map(str, row)) + " |")
    hw = sum(r["halfwidth"] for r in recs)
    nz = sum(r["noise"] for r in recs)
    npages = sum(r["kind"] in NOISE_KINDS for r in recs)
    tv = sum(r["trad"] and r["label"] == "violation" for r in recs)
    tc = sum(r["trad"] and r["label"] == "clean" for r in recs)
    nopunct = sum(1 for r in recs if r["kind"] == "livestream" and not re.search(r"[，。！？,.!?]", r["text"]))
    nls = sum(r["kind"] == "livestream" for r in recs)
    lines += ["", "| style | records |", "|---|---:|",
              f"| half-width punctuation (converted) | {hw} of {len(recs)} |",
              f"| mirror-site noise (page-like kinds) | {nz} of {npages} |",
              f"| traditional script (hand-written) | {tv + tc} ({tv} violation, {tc} clean) |",
              f"| livestream lines without punctuation | {nopunct} of {nls} |"]
    return "\n".join(lines)


def main():
    recs = load()
    check_written(recs)
    style(recs)
    rng = random.Random(SEED)
    rng.shuffle(recs)
    out = []
    for i, r in enumerate(recs, 1):
        out.append({"id": f"r18-{i:04d}", "text": r["text"], "label": r["label"],
                    "categories": list(r["categories"]), "kind": r["kind"]})
    check_final(out)
    with open(os.path.join(HERE, "all.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(tables(recs))
    print("\nwrote all.jsonl: 240 records, all checks passed")


if __name__ == "__main__":
    main()
