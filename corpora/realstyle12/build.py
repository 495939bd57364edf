#!/usr/bin/env python3
"""Build realstyle12/all.jsonl from src/<kind>.py (stdlib only, deterministic).

Steps: load sources -> deterministic style variation (fixed seed) -> validate ->
shuffle (fixed seed) -> assign ids r12-0001... -> write all.jsonl and README.md.
Running it twice produces byte-identical output.
"""
import collections
import importlib.util
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
OUT = os.path.join(HERE, "all.jsonl")
README = os.path.join(HERE, "README.md")

STYLE_SEED = 1212
SHUFFLE_SEED = 20241212

KIND_ORDER = [
    "claim_short", "livestream", "ad_page", "advertorial",
    "penalty_notice", "news", "consumer_tip", "health_science",
    "regulation", "user_comment", "doctor_answer",
]

CATEGORIES = [
    "absolute_term", "efficacy_guarantee", "cure_rate", "testimonial", "comparison",
    "non_medical_cure_claim", "appearance_anxiety", "fear_appeal",
    "education_guarantee", "investment_guarantee", "disguised_ad",
]

# minimum number of violation records carrying each category (from the brief)
CAT_MIN = {
    "efficacy_guarantee": 35, "testimonial": 35, "non_medical_cure_claim": 35,
    "comparison": 20, "fear_appeal": 20, "appearance_anxiety": 18, "absolute_term": 18,
    "cure_rate": 15, "education_guarantee": 10, "investment_guarantee": 10,
    "disguised_ad": 22,
}

# expected (kind, label) -> count
EXPECTED = {
    ("claim_short", "violation"): 40,
    ("livestream", "violation"): 28,
    ("ad_page", "violation"): 30,
    ("advertorial", "violation"): 22,
    ("penalty_notice", "clean"): 28,
    ("news", "clean"): 16,
    ("consumer_tip", "clean"): 14,
    ("health_science", "clean"): 18,
    ("regulation", "clean"): 6,
    ("user_comment", "clean"): 14,
    ("doctor_answer", "clean"): 8,
    ("ad_page", "clean"): 8,
    ("livestream", "clean"): 8,
}

LENGTH = {"claim_short": (10, 60), "ad_page": (200, 700), "advertorial": (300, 800)}

# characters that only occur in traditional script (used to detect hand-written
# traditional records; no conversion is ever done)
TRAD_ONLY = set("們這個說為會來與廣療醫過從對時後發號麼點體裡單經應學實書當際選擇認讓還進開關頭見現歲級癒斷濕風僅內額傳診檢術膚聽錢壓農東讀衛齊減試隱矯間")

HALF = {"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
        "（": "(", "）": ")", "“": "\"", "”": "\"", "「": "\"", "」": "\"", "　": " "}
PUNCT = set("，。！？：；（）“”「」、,.!?:;()\"～…—")

NOISE_KINDS = {"news", "penalty_notice", "advertorial", "health_science",
               "consumer_tip", "ad_page"}
RUNON_KINDS = {"ad_page", "advertorial", "penalty_notice", "news", "consumer_tip",
               "doctor_answer", "health_science"}
NOPUNCT_KINDS = {"claim_short", "livestream", "user_comment"}

# invented mirror-site furniture
CRUMBS_S = ["首页 > 健康资讯 > 正文", "当前位置：首页 > 新闻中心 > 行业动态",
            "您的位置：网站首页 > 医疗健康 > 热点关注", "首页 > 本地 > 民生 > 正文",
            "当前位置：首页>>资讯>>健康"]
CRUMBS_T = ["首頁 > 健康資訊 > 正文", "當前位置：首頁 > 新聞中心 > 行業動態"]
SOURCES_S = ["来源：城市生活网", "来源：本站整理", "来源：健康时讯", "来源：网络", "来源：晨报融媒"]
SOURCES_T = ["來源：城市生活網", "來源：本站整理"]
EDITORS_S = ["责任编辑：王蕾", "责任编辑：李晨", "责编：周然", "编辑：小宋"]
EDITORS_T = ["責任編輯：王蕾", "責任編輯：李晨"]
TITLES_S = ["秋冬季节如何预防感冒", "这几种水果糖尿病人要少吃", "本市新增三个便民服务点",
            "体检报告上的箭头怎么看", "春季过敏高发 专家提醒做好防护", "社区开展防诈骗宣传活动",
            "老年人晨练注意这几点", "暑期儿童安全提示"]
TITLES_T = ["秋冬季節如何預防感冒", "體檢報告上的箭頭怎麼看", "老年人晨練注意這幾點"]


def load_sources():
    records = []
    for kind in KIND_ORDER:
        path = os.path.join(SRC, kind + ".py")
        spec = importlib.util.spec_from_file_location("src_" + kind, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for i, r in enumerate(mod.RECORDS):
            records.append({"kind": kind, "src_index": i, "label": r["label"],
                            "categories": list(r["categories"]), "text": r["text"],
                            "src_len": len(r["text"])})
    return records


def is_trad(text):
    return sum(1 for ch in text if ch in TRAD_ONLY) >= 3


def runon(text):
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out = ""
    for ln in lines:
        if out and out[-1] not in PUNCT:
            out += "，"
        out += ln
    body, last = out[:-1], out[-1:]
    return body.replace("。", "，") + last


def add_noise(text, rng, trad):
    crumbs = CRUMBS_T if trad else CRUMBS_S
    sources = SOURCES_T if trad else SOURCES_S
    editors = EDITORS_T if trad else EDITORS_S
    titles = TITLES_T if trad else TITLES_S
    y, m, d = 2020 + rng.randrange(5), 1 + rng.randrange(12), 1 + rng.randrange(28)
    hh, mm = 7 + rng.randrange(14), rng.randrange(60)
    views = 100 + rng.randrange(9000)
    head = [rng.choice(crumbs)]
    meta = "%s　发布时间：%d-%02d-%02d %02d:%02d　浏览：%d次" % (rng.choice(sources), y, m, d, hh, mm, views)
    if trad:
        meta = meta.replace("发布时间", "發佈時間").replace("浏览", "瀏覽").replace("次", "次")
    head.append(meta)
    t1, t2 = rng.sample(titles, 2)
    if trad:
        tail = [rng.choice(editors), "分享到：微信 微博 QQ空間", "上一篇：" + t1, "下一篇：" + t2]
    else:
        tail = [rng.choice(editors), "分享到：微信 微博 QQ空间", "上一篇：" + t1, "下一篇：" + t2]
    if rng.random() < 0.5:
        tail.append("【打印本页】【关闭窗口】" if not trad else "【打印本頁】【關閉窗口】")
    return "\n".join(head) + "\n" + text + "\n" + "\n".join(tail)


def halfwidth(text):
    return "".join(HALF.get(ch, ch) for ch in text)


def nopunct(text):
    out = []
    for ch in text:
        if ch in PUNCT:
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    return "".join(out).strip()


def stylize(records):
    rng = random.Random(STYLE_SEED)
    for r in records:
        text, kind = r["text"], r["kind"]
        trad = is_trad(text)
        r["trad"] = trad
        styles = []
        a, b, c, d = rng.random(), rng.random(), rng.random(), rng.random()
        lo, hi = LENGTH.get(kind, (0, 10 ** 9))
        if kind in RUNON_KINDS and "\n" in text and a < 0.3:
            cand = runon(text)
            if lo <= len(cand) <= hi:
                text = cand
                styles.append("runon")
        if kind in NOISE_KINDS and b < 0.26:
            cand = add_noise(text, rng, trad)
            if lo <= len(cand) <= hi:
                text = cand
                styles.append("mirror_noise")
        if kind in NOPUNCT_KINDS and c < 0.1:
            text = nopunct(text)
            styles.append("no_punct")
        elif d < 0.56:
            text = halfwidth(text)
            styles.append("halfwidth")
        if trad:
            styles.append("traditional")
        r["text"] = text
        r["styles"] = styles
    return records


def validate(records):
    errors = []
    seen = {}
    counts = collections.Counter()
    catcount = collections.Counter()
    for r in records:
        where = "%s[%d]" % (r["kind"], r["src_index"])
        lab, cats, kind, text = r["label"], r["categories"], r["kind"], r["text"]
        counts[(kind, lab)] += 1
        if lab not in ("violation", "clean"):
            errors.append(where + ": bad label")
        for c in cats:
            if c not in CATEGORIES:
                errors.append(where + ": unknown category " + c)
        if len(set(cats)) != len(cats):
            errors.append(where + ": duplicate category")
        if lab == "violation" and not cats:
            errors.append(where + ": violation without categories")
        if lab == "clean" and cats:
            errors.append(where + ": clean with categories")
        if kind == "advertorial" and (lab != "violation" or "disguised_ad" not in cats):
            errors.append(where + ": advertorial must be violation + disguised_ad")
        if "disguised_ad" in cats and kind != "advertorial":
            errors.append(where + ": disguised_ad outside advertorial")
        if kind in LENGTH:
            lo, hi = LENGTH[kind]
            if not lo <= len(text) <= hi:
                errors.append("%s: length %d outside %d-%d" % (where, len(text), lo, hi))
            if not lo <= r["src_len"] <= hi:
                errors.append("%s: source length %d outside %d-%d" % (where, r["src_len"], lo, hi))
        for label_prefix in ("公众号推文", "【直播间】", "直播间：", "广告："):
            if text.startswith(label_prefix):
                errors.append(where + ": starts with channel label")
        if text in seen:
            errors.append(where + ": duplicate of " + seen[text])
        seen[text] = where
        if lab == "violation":
            catcount.update(cats)
    for key, n in EXPECTED.items():
        if counts[key] != n:
            errors.append("count %s = %d, expected %d" % (key, counts[key], n))
    for key in counts:
        if key not in EXPECTED:
            errors.append("unexpected kind/label %s" % (key,))
    for c, n in CAT_MIN.items():
        if catcount[c] < n:
            errors.append("category %s = %d < %d" % (c, catcount[c], n))
    return errors, counts, catcount


def write_readme(records, counts, catcount):
    style = collections.Counter()
    for r in records:
        style.update(r["styles"])
    hw_final = 0
    for r in records:
        half = sum(r["text"].count(ch) for ch in ",.!?:;")
        full = sum(r["text"].count(ch) for ch in "，。！？：；")
        if half > full:
            hw_final += 1
    lines = []
    lines.append("# realstyle12 — hand-written evaluation set, Chinese advertising compliance")
    lines.append("")
    lines.append("240 records (120 violation, 120 clean) in `all.jsonl`, one JSON object per line:")
    lines.append('`{"id": "r12-0001", "text": ..., "label": "violation"|"clean", "categories": [...], "kind": ...}`.')
    lines.append("")
    lines.append("Sources: `src/<kind>.py` (each a `RECORDS` list of `dict(label, categories, text)`).")
    lines.append("Build: `python3 build.py` (stdlib only). It applies deterministic style variation")
    lines.append("(seed %d), validates labels / categories / lengths / duplicates / counts, shuffles" % STYLE_SEED)
    lines.append("(seed %d), assigns ids r12-0001… and rewrites `all.jsonl` and this README;" % SHUFFLE_SEED)
    lines.append("repeated runs are byte-identical.")
    lines.append("")
    lines.append("## Counts by kind × label")
    lines.append("")
    lines.append("| kind | violation | clean | total |")
    lines.append("|---|---|---|---|")
    tv = tc = 0
    for k in KIND_ORDER:
        v, c = counts[(k, "violation")], counts[(k, "clean")]
        tv += v
        tc += c
        lines.append("| %s | %d | %d | %d |" % (k, v, c, v + c))
    lines.append("| **total** | %d | %d | %d |" % (tv, tc, tv + tc))
    lines.append("")
    lines.append("## Violation records carrying each category")
    lines.append("")
    lines.append("| category | records | brief minimum |")
    lines.append("|---|---|---|")
    for c in CATEGORIES:
        lines.append("| %s | %d | %d |" % (c, catcount[c], CAT_MIN.get(c, 0)))
    lines.append("")
    lines.append("## Style variation (records affected)")
    lines.append("")
    lines.append("| style | records |")
    lines.append("|---|---|")
    for s in ("halfwidth", "no_punct", "runon", "mirror_noise", "traditional"):
        lines.append("| %s | %d |" % (s, style[s]))
    lines.append("| final text with more half-width than full-width sentence punctuation | %d |" % hw_final)
    lines.append("")
    lines.append("- `halfwidth`: ，。！？：；（）“”「」 mapped to , . ! ? : ; ( ) \" (about half the set).")
    lines.append("- `no_punct`: punctuation replaced by single spaces (short claims, live lines, comments).")
    lines.append("- `runon`: newlines flattened and 。 turned into ， (crawled run-on text).")
    lines.append("- `mirror_noise`: invented breadcrumbs, 来源/发布时间/浏览, 责任编辑, 分享到, 上一篇/下一篇,")
    lines.append("  【打印本页】 added around long texts; only added where length limits still hold.")
    lines.append("- `traditional`: written by hand in traditional characters in the sources (no conversion).")
    lines.append("")
    lines.append("## Labelling notes")
    lines.append("")
    lines.append("- `violation` = the text itself is an ad breaking 广告法 / 医疗广告管理办法 / 医疗美容广告执法指南 /")
    lines.append("  绝对化用语 guidance / rules for 保健食品, 教育培训 and 投资 ads. Every category present is listed.")
    lines.append("- `clean` texts often quote, negate, report or prohibit offending wording (penalty notices,")
    lines.append("  news, consumer tips, doctors' answers, research abstracts with 有效率 figures, user comments,")
    lines.append("  compliant ad pages and host lines that explicitly disclaim efficacy). They are hard negatives.")
    lines.append("- `disguised_ad` is used on every advertorial and only there.")
    lines.append("- `efficacy_guarantee` is also applied to outright cure claims by the advertiser (根治, 断根,")
    lines.append("  一吃就好, 不复发, 零风险, 无副作用, 无效退款, time-limited results).")
    lines.append("- `comparison` also covers 'can replace drugs/surgery' (停药, 不用放支架, 替代手术) and comparisons")
    lines.append("  with bank deposits in investment pitches.")
    lines.append("- Host/patient/user/customer anecdotes about effect are `testimonial`, also in live-stream lines.")
    lines.append("- Pass rates were kept out of education ads so that `cure_rate` stays health-related.")
    lines.append("")
    lines.append("## Provenance")
    lines.append("")
    lines.append("Before writing, the author studied stored public Chinese web pages through 27 search queries")
    lines.append("on the `pages` corpus (216 results returned, about 130 with substantive excerpts, read as")
    lines.append("excerpts): about 35 regulator notices and typical-case round-ups (市场监管 典型案例, 行政处罚")
    lines.append("summaries, 广告监测 公告), about 40 news / investigative reports (直播电商, 涉老保健品, 近视矫正,")
    lines.append("医美容貌焦虑, 公考/考研协议班, 理财广告), about 15 consumer warnings (消协提示, 保健食品 蓝帽子),")
    lines.append("about 12 hospital / clinic / 医美 / product promotion pages and soft articles, about 15 doctor")
    lines.append("Q&A and health-science pages, a few research-abstract / reporting-guideline pages, and about")
    lines.append("20 mirror or spam copies showing site furniture (breadcrumbs, 来源/责任编辑, 分享到, 上一篇).")
    lines.append("Only the SHAPES of wording were learned (claim phrasing, how regulators quote, punctuation")
    lines.append("habits, mirror-site noise). No sentence was copied; every person, brand, clinic, place,")
    lines.append("price, phone number and case number in this set is invented.")
    lines.append("")
    with open(README, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def main():
    records = load_sources()
    records = stylize(records)
    errors, counts, catcount = validate(records)
    if errors:
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        sys.exit(1)
    rng = random.Random(SHUFFLE_SEED)
    order = list(range(len(records)))
    rng.shuffle(order)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for n, idx in enumerate(order, 1):
            r = records[idx]
            obj = collections.OrderedDict()
            obj["id"] = "r12-%04d" % n
            obj["text"] = r["text"]
            obj["label"] = r["label"]
            obj["categories"] = r["categories"]
            obj["kind"] = r["kind"]
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    write_readme(records, counts, catcount)
    print("wrote %d records to %s" % (len(records), OUT))
    for c in CATEGORIES:
        print("  %-24s %d" % (c, catcount[c]))
    style = collections.Counter()
    for r in records:
        style.update(r["styles"])
    print("  styles:", dict(sorted(style.items())))


if __name__ == "__main__":
    main()
