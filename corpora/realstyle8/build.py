#!/usr/bin/env python3
"""Assemble /tmp/r8/all.jsonl from the hand-written sources in /tmp/r8/src/ and validate it."""
import json, random, re, sys, collections, os
import zhconv

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
CATS = ["absolute_term", "efficacy_guarantee", "cure_rate", "testimonial", "comparison",
        "non_medical_cure_claim", "appearance_anxiety", "fear", "education_guarantee",
        "investment_guarantee", "disguised_ad"]
SHUFFLE_SEED = 20261206
STYLE_SEED = 8  # punctuation / script variation only


def load(name):
    ns = {}
    exec(open(os.path.join(SRC, name), encoding="utf-8").read(), ns)
    return ns


recs = []  # dicts: text, label, categories, kind, trad(bool)

m = load("v_short.py")
for c, t, f in m["RECS"]:
    recs.append(dict(text=t, label="violation", categories=c, kind=m["K"], trad="t" in f))
m = load("v_live.py")
for c, t, f in m["RECS"]:
    recs.append(dict(text=t, label="violation", categories=c, kind=m["K"], trad="t" in f))
m = load("v_page.py")
for i, (c, t, f) in enumerate(m["RECS"]):
    j = i
    while len(t) < 210:
        t = t + m["FOOT"][j % len(m["FOOT"])]
        j += 3
    recs.append(dict(text=t, label="violation", categories=c, kind=m["K"], trad="t" in f))
m = load("v_adv.py")
for i, (c, t, f) in enumerate(m["RECS"]):
    lines = t.split("\n")
    lines.insert(len(lines) - 1, m["EXTRA"][i])
    t = "\n".join(lines)
    pre, suf = m["CHROME"].get(i, ("", ""))
    t = pre + t + suf
    recs.append(dict(text=t, label="violation", categories=c, kind=m["K"], trad="t" in f))

m = load("c_penalty.py")
for c, t, f in m["RECS"]:
    recs.append(dict(text=t, label="clean", categories=[], kind=m["K"], trad="t" in f))
m = load("c_news_tips.py")
NEWS_CHROME = {
    0: "\n上一篇:我院召开2024年医疗质量安全工作会议  下一篇:护理部开展急救技能培训\n【打印】【关闭】",
    4: "\n来源:市卫健委  责任编辑:周琳\n分享到:微信 微博",
    8: "\n首页 > 新闻中心 > 基层动态  字号:大 中 小",
    13: "\n阅读 1X56  点赞 8X  分享\n上一篇:我院护理团队获评市级优秀团队",
}
for i, t in enumerate(m["NEWS"]):
    recs.append(dict(text=t + NEWS_CHROME.get(i, ""), label="clean", categories=[], kind="news",
                     trad=(i == 9)))
TIP_CHROME = {3: "\n(来源:金融消费者权益保护专栏)\n相关阅读:如何识别非法集资", 9: "\n责任编辑:小林  分享:微信 朋友圈"}
for i, t in enumerate(m["TIPS"]):
    recs.append(dict(text=t + TIP_CHROME.get(i, ""), label="clean", categories=[], kind="consumer_tip",
                     trad=(i == 6)))
m = load("c_sci.py")
for i, t in enumerate(m["SCI"]):
    recs.append(dict(text=t, label="clean", categories=[], kind="health_science", trad=i in (16, 17)))
for t in m["REG"]:
    recs.append(dict(text=t, label="clean", categories=[], kind="regulation", trad=False))
m = load("c_ads_chat.py")
for k, t in m["ADS"]:
    recs.append(dict(text=t, label="clean", categories=[], kind=k, trad=False))
for t in m["CHAT"]:
    recs.append(dict(text=t, label="clean", categories=[], kind="user_comment", trad=False))

# ---- style variation: more traditional script (~10% overall), punctuation width ----
style = random.Random(STYLE_SEED)
want_trad = {"violation": 12, "clean": 10}
for lab in want_trad:
    pool = [r for r in recs if r["label"] == lab and not r["trad"]]
    have = sum(1 for r in recs if r["label"] == lab and r["trad"])
    style.shuffle(pool)
    for r in pool[: max(0, want_trad[lab] - have)]:
        r["trad"] = True

CJK = r"[\u4e00-\u9fff\u3400-\u4dbf”」』)）0-9A-Za-z%]"
TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


def to_full(s):
    lb = "(?<=[\u4e00-\u9fff\u201d\u300d\u300f\"])"
    s = re.sub(lb + ",", "\uff0c", s)
    s = re.sub(lb + ":(?!\\d)", "\uff1a", s)
    s = re.sub(lb + ";", "\uff1b", s)
    s = re.sub(lb + "!", "\uff01", s)
    s = re.sub(lb + "\\?", "\uff1f", s)
    return s


for r in recs:
    half_p = 0.8 if r["label"] == "violation" else 0.5
    if style.random() < half_p:
        r["text"] = r["text"].translate(TO_HALF)
    else:
        r["text"] = to_full(r["text"])
    if r["trad"]:
        r["text"] = zhconv.convert(r["text"], "zh-hant")
    r["script"] = "traditional" if r["trad"] else "simplified"

# ---- shuffle and assign ids ----
random.Random(SHUFFLE_SEED).shuffle(recs)
out = []
for i, r in enumerate(recs, 1):
    out.append({"id": f"r8-{i:04d}", "text": r["text"], "label": r["label"],
                "categories": sorted(r["categories"], key=CATS.index), "kind": r["kind"]})

with open(os.path.join(HERE, "all.jsonl"), "w", encoding="utf-8") as fh:
    for o in out:
        fh.write(json.dumps(o, ensure_ascii=False) + "\n")

# ---- validation ----
errs = []
rows = [json.loads(l) for l in open(os.path.join(HERE, "all.jsonl"), encoding="utf-8")]
ids = [r["id"] for r in rows]
texts = [r["text"] for r in rows]
if len(set(ids)) != len(ids):
    errs.append("duplicate ids")
if len(set(texts)) != len(texts):
    errs.append("duplicate texts")
for r in rows:
    if r["label"] not in ("violation", "clean"):
        errs.append(f"{r['id']} bad label")
    if (r["label"] == "clean") != (len(r["categories"]) == 0):
        errs.append(f"{r['id']} clean<->empty categories mismatch")
    for c in r["categories"]:
        if c not in CATS:
            errs.append(f"{r['id']} unknown category {c}")
    if len(set(r["categories"])) != len(r["categories"]):
        errs.append(f"{r['id']} repeated category")
    n = len(r["text"])
    if r["label"] == "violation":
        lim = {"claim_short": (10, 60), "ad_page": (200, 700), "advertorial": (300, 800)}.get(r["kind"])
        if lim and not (lim[0] <= n <= lim[1]):
            errs.append(f"{r['id']} {r['kind']} length {n} outside {lim}")
    if r["kind"] == "advertorial" and "disguised_ad" not in r["categories"]:
        errs.append(f"{r['id']} advertorial without disguised_ad")

print("records:", len(rows))
kl = collections.Counter((r["kind"], r["label"]) for r in rows)
kinds = sorted({k for k, _ in kl})
print(f"{'kind':16s} {'violation':>9s} {'clean':>6s} {'total':>6s}")
for k in kinds:
    v, c = kl[(k, "violation")], kl[(k, "clean")]
    print(f"{k:16s} {v:9d} {c:6d} {v + c:6d}")
lab = collections.Counter(r["label"] for r in rows)
print(f"{'TOTAL':16s} {lab['violation']:9d} {lab['clean']:6d} {len(rows):6d}")
cc = collections.Counter(c for r in rows for c in r["categories"])
print("categories:")
for c in CATS:
    print(f"  {c:24s} {cc[c]}")
print("traditional script:", collections.Counter(r["label"] for r in recs if r["trad"]))
lens = collections.defaultdict(list)
for r in rows:
    lens[(r["kind"], r["label"])].append(len(r["text"]))
for k in sorted(lens):
    v = lens[k]
    print("len", k, min(v), sum(v) // len(v), max(v))
if errs:
    print("ERRORS:")
    for e in errs:
        print(" ", e)
    sys.exit(1)
print("OK")
