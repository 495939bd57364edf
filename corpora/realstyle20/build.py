#!/usr/bin/env python3
"""Build realstyle20/all.jsonl from src/ (python3 stdlib only, deterministic).

Steps: load the hand-written records per kind, validate them, convert full-width
punctuation to half-width in exactly 200 records, shuffle with seed 20261220,
assign ids r20-0001..r20-0400, validate again, print the count tables and write
all.jsonl. Exits non-zero on any failed check. Two runs give a byte-identical file.
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

SEED = 20261220
PREFIX = "r20"
TOTAL = 400
N_VIOLATION = 240
KINDS = ["claim_short", "product_title", "site_menu"]

# planned (violation, clean) per kind
PLAN = {
    "claim_short": (170, 75),
    "product_title": (55, 40),
    "site_menu": (15, 45),
}
# planned number of violations per main category (240 over 14 families)
MAIN_PLAN = {
    "absolute_term": 17, "state_endorsement": 17, "efficacy_guarantee": 17,
    "non_medical_cure_claim": 18, "comparison": 17, "testimonial": 17,
    "cure_rate": 17, "appearance_anxiety": 17, "education_guarantee": 17,
    "investment_guarantee": 17, "inducement": 17, "superstition": 17,
    "fear_appeal": 17, "unsubstantiated_claim": 18,
}
ORDER = list(MAIN_PLAN)

# lengths in characters (written text): 4-40, a few up to 60
MIN_LEN, SOFT_MAX, HARD_MAX = 4, 40, 60
MAX_OVER_SOFT = 20

HALF_WIDTH_N = 200
TRAD_PLAN = (22, 18)  # (violation, clean) written in traditional script

FW2HW = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
                       "（": "(", "）": ")"})
FW_CHARS = set("，。！？：；（）")

# characters that exist in only one script (pairs; simplified first)
PAIRS = ("这這 们們 说說 国國 会會 来來 时時 为為 对對 学學 发發 经經 过過 还還 与與 点點 无無 开開 问問 关關"
         " 头頭 气氣 现現 实實 长長 东東 车車 动動 进進 种種 医醫 药藥 疗療 证證 师師 级級 费費 读讀 达達"
         " 写寫 电電 话話 买買 卖賣 价價 钱錢 给給 让讓 认認 识識 请請 谁誰 题題 压壓 脑腦 门門 间間 边邊"
         " 语語 样樣 应應 该該 总總 统統 际際 员員 专專 库庫 结結 质質 营營 网網 页頁 链鏈 标標 装裝 术術"
         " 饮飲 护護 颈頸 减減 肤膚 脸臉 养養 机機 线線 务務 险險 贷貸 财財 赚賺 课課 试試 补補 皱皺 肠腸"
         " 显顯 业業 广廣 监監 罚罰 卫衛 众眾 优優 领領 礼禮 奖獎 运運 风風 灵靈 龄齡 颜顏 岁歲 纹紋 驻駐"
         " 军軍 办辦 红紅 盘盤 楼樓 区區 报報 录錄 内內 异異 节節 热熱 钙鈣 铁鐵 银銀 钢鋼 锈鏽 续續 条條"
         " 马馬 鱼魚 鸡雞 龙龍 顶頂 项項 顾顧 须須 预預 验驗 检檢 测測 调調 双雙 币幣 产產 亲親 爱愛 权權"
         " 观觀 欢歡 难難 厅廳 处處 备備 乐樂 妈媽 妇婦 荐薦 软軟 黄黃 叶葉 飞飛 夺奪 湿濕 两兩 颗顆 饭飯 见見 后後").split()
SIMP_ONLY = {p[0] for p in PAIRS if p[0] != p[1]}
TRAD_ONLY = {p[1] for p in PAIRS if p[0] != p[1]}

CHANNEL_LABEL = re.compile(r"^\s*(【[^】]{0,6}(直播|广告|廣告|推文|朋友圈)[^】]{0,4}】|"
                           r"(广告|廣告|公众号推文|直播间|直播間|朋友圈|小红书|短视频)\s*[：:])")
# long digit runs are only allowed as licence/registration numbers (SC..., G..., ZL...)
LONG_DIGITS = re.compile(r"(?<!\d)\d{7,}")
LICENCE_PREFIX = re.compile(r"(SC|G|ZL)$")
PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|400-?\d{3}-?\d{4}|0\d{2,3}-\d{7,8})(?!\d)")
NORM = re.compile(r"[\s，。！？：；（）,.!?:;()【】|·>、~～…]+")

ERRORS = []


def fail(msg, soft=False):
    print("CHECK FAILED:", msg, file=sys.stderr)
    if soft:
        ERRORS.append(msg)
        return
    sys.exit(1)


def load():
    recs = []
    for kind in KINDS:
        mod = importlib.import_module(kind)
        for r in mod.RECORDS:
            rec = dict(r)
            rec["kind"] = kind
            recs.append(rec)
    return recs


def digits_ok(t):
    for m in LONG_DIGITS.finditer(t):
        if not LICENCE_PREFIX.search(t[:m.start()]):
            return False
    return not PHONE.search(t)


def check_written(recs):
    names = set(CODES.values())
    seen, seen_norm = set(), {}
    for r in recs:
        t, k = r["text"], r["kind"]
        if not t.strip():
            fail("empty text")
        if t != t.strip():
            fail(soft=True, msg="leading/trailing space: " + t)
        n = len(t)
        if not MIN_LEN <= n <= HARD_MAX:
            fail(soft=True, msg=f"length {n} outside {MIN_LEN}-{HARD_MAX} for {k}: {t}")
        if r["label"] not in ("violation", "clean"):
            fail("bad label: " + t)
        if r["label"] == "violation":
            if not r["categories"]:
                fail(soft=True, msg="violation without category: " + t)
        elif r["categories"]:
            fail("clean record with categories: " + t)
        if len(set(r["categories"])) != len(r["categories"]):
            fail("repeated category: " + t)
        for c in r["categories"]:
            if c not in names:
                fail("unknown category " + c)
        if t in seen:
            fail(soft=True, msg="duplicate text: " + t)
        seen.add(t)
        key = NORM.sub("", t)
        if key in seen_norm:
            fail(soft=True, msg=f"near-duplicate texts: {seen_norm[key]} / {t}")
        seen_norm[key] = t
        if CHANNEL_LABEL.search(t):
            fail(soft=True, msg="channel label: " + t)
        if not digits_ok(t):
            fail(soft=True, msg="unmasked contact or long number: " + t)
        s_hits = [ch for ch in t if ch in SIMP_ONLY]
        t_hits = [ch for ch in t if ch in TRAD_ONLY]
        if r["trad"]:
            if not t_hits or s_hits:
                fail(soft=True, msg=f"traditional record has simplified {s_hits} or no traditional chars: {t}")
        elif t_hits:
            fail(soft=True, msg=f"simplified record has traditional chars {t_hits}: {t}")
    over = sum(len(r["text"]) > SOFT_MAX for r in recs)
    if over > MAX_OVER_SOFT:
        fail(soft=True, msg=f"{over} records longer than {SOFT_MAX}, at most {MAX_OVER_SOFT} allowed")
    for k, (nv, nc) in PLAN.items():
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        if (v, c) != (nv, nc):
            fail(soft=True, msg=f"{k}: {v}/{c} records, planned {nv}/{nc}")
    mains = {}
    for r in recs:
        if r["categories"]:
            mains[r["categories"][0]] = mains.get(r["categories"][0], 0) + 1
    for c, n in MAIN_PLAN.items():
        if mains.get(c, 0) != n:
            fail(soft=True, msg=f"main category {c}: {mains.get(c, 0)}, planned {n}")
    tv = sum(r["trad"] and r["label"] == "violation" for r in recs)
    tc = sum(r["trad"] and r["label"] == "clean" for r in recs)
    if (tv, tc) != TRAD_PLAN:
        fail(soft=True, msg=f"traditional records {tv}/{tc}, planned {TRAD_PLAN}")
    if ERRORS:
        sys.exit(1)


def style(recs):
    rng = random.Random(SEED)
    for r in recs:
        r["halfwidth"] = False
    with_fw = [i for i, r in enumerate(recs) if any(ch in FW_CHARS for ch in r["text"])]
    if len(with_fw) < HALF_WIDTH_N:
        fail("too few records with full-width punctuation")
    for i in sorted(rng.sample(with_fw, HALF_WIDTH_N)):
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
    if nv != N_VIOLATION:
        fail(f"{nv} violations, expected {N_VIOLATION}")
    for o in out:
        if not o["text"].strip():
            fail("empty text in " + o["id"])
        if (o["label"] == "violation") != bool(o["categories"]):
            fail("label/category mismatch in " + o["id"])
        if not digits_ok(o["text"]):
            fail("unmasked number after styling in " + o["id"])


def tables(recs):
    lines = ["| kind | violation | clean | total |", "|---|---:|---:|---:|"]
    for k in KINDS:
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        lines.append(f"| {k} | {v} | {c} | {v + c} |")
    v = sum(r["label"] == "violation" for r in recs)
    lines.append(f"| **all** | {v} | {len(recs) - v} | {len(recs)} |")
    lines += ["", "| category | records | as main category |", "|---|---:|---:|"]
    for c in ORDER:
        n = sum(c in r["categories"] for r in recs)
        m = sum(bool(r["categories"]) and r["categories"][0] == c for r in recs)
        lines.append(f"| {c} | {n} | {m} |")
    lines += ["", "| main category × kind | " + " | ".join(KINDS) + " |",
              "|---|" + "---:|" * len(KINDS)]
    for c in ORDER:
        row = [sum(1 for r in recs if r["categories"] and r["categories"][0] == c and r["kind"] == k)
               for k in KINDS]
        lines.append(f"| {c} | " + " | ".join(map(str, row)) + " |")
    hw = sum(r["halfwidth"] for r in recs)
    fw_left = sum(any(ch in FW_CHARS for ch in r["text"]) for r in recs)
    tv = sum(r["trad"] and r["label"] == "violation" for r in recs)
    tc = sum(r["trad"] and r["label"] == "clean" for r in recs)
    multi = sum(len(r["categories"]) > 1 for r in recs)
    lens = [len(r["text"]) for r in recs]
    lines += ["", "| style | records |", "|---|---:|",
              f"| half-width punctuation (converted by build.py) | {hw} of {len(recs)} |",
              f"| full-width punctuation kept | {fw_left} |",
              f"| traditional script (hand-written) | {tv + tc} ({tv} violation, {tc} clean) |",
              f"| violations with more than one category | {multi} of {N_VIOLATION} |",
              f"| length 4-7 characters | {sum(n <= 7 for n in lens)} |",
              f"| length 8-40 characters | {sum(8 <= n <= 40 for n in lens)} |",
              f"| length 41-60 characters | {sum(n > 40 for n in lens)} |"]
    return "\n".join(lines)


def main():
    recs = load()
    check_written(recs)
    style(recs)
    rng = random.Random(SEED)
    rng.shuffle(recs)
    out = []
    for i, r in enumerate(recs, 1):
        out.append({"id": f"{PREFIX}-{i:04d}", "text": r["text"], "label": r["label"],
                    "categories": list(r["categories"]), "kind": r["kind"]})
    check_final(out)
    with open(os.path.join(HERE, "all.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(tables(recs))
    print(f"\nwrote all.jsonl: {len(out)} records, all checks passed")


if __name__ == "__main__":
    main()
