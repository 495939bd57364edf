#!/usr/bin/env python3
"""Build realstyle21/all.jsonl from src/ (python3 stdlib only, deterministic).

Steps: load the hand-written records per kind, validate them, convert full-width
punctuation to half-width in exactly HALF_WIDTH_N records, shuffle with seed
20261221, assign ids r21-0001..r21-0320, validate again, print the count tables
and write all.jsonl. Exits non-zero on any failed check. Two runs give a
byte-identical file.
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

SEED = 20261221
PREFIX = "r21"
KINDS = ["claim_short", "livestream", "social_post", "comment", "notice_tip", "news"]

# planned (violation, clean) per kind
PLAN = {
    "claim_short": (80, 22),
    "livestream": (70, 14),
    "social_post": (44, 12),
    "comment": (6, 18),
    "notice_tip": (0, 30),
    "news": (0, 24),
}
TOTAL = sum(v + c for v, c in PLAN.values())            # 320
N_VIOLATION = sum(v for v, _ in PLAN.values())           # 200
FAMILIES = {"state_endorsement": 70, "unsubstantiated_claim": 70, "inducement": 60}
TRAD_PLAN = (16, 14)                                     # (violation, clean) in traditional script
LENGTH = (6, 120)                                        # characters, every kind
HALF_WIDTH_N = 160                                       # records converted to half-width punctuation

# Simplified/traditional pairs used for the script check. Only characters whose
# other form is not in ordinary use in the other script are listed.
PAIRS = (
    "这這 们們 说說 国國 会會 来來 时時 为為 对對 学學 发發 经經 过過 还還 与與 点點 无無 开開 问問 关關 "
    "头頭 气氣 现現 实實 长長 东東 车車 动動 进進 种種 医醫 药藥 疗療 证證 师師 级級 费費 读讀 达達 写寫 "
    "电電 话話 买買 卖賣 价價 钱錢 给給 让讓 认認 识識 请請 谁誰 题題 压壓 脑腦 门門 间間 边邊 语語 样樣 "
    "应應 该該 总總 统統 际際 员員 专專 库庫 结結 质質 营營 网網 页頁 链鏈 标標 装裝 术術 饮飲 护護 颈頸 "
    "单單 领領 导導 军軍 区區 团團 购購 试試 验驗 细細 离離 负負 热熱 线線 报報 讲講 鸡雞 奖獎 场場 订訂 "
    "计計 额額 韩韓 龄齡 轻輕 岁歲 条條 觉覺 稳穩 产產 适適 个個 图圖 处處 罚罰 违違 规規 则則 组組 温溫 "
    "虚虛 属屬 举舉 庆慶 礼禮 宾賓 约約 湾灣 卫衛 广廣 称稱 将將 据據 业業 诈詐 骗騙 储儲 拨撥 职職 户戶 "
    "节節 贵貴 优優 华華 爱愛 乐樂 书書 记記 论論 许許 设設 议議 调調 谈談 决決 转轉 传傳 观觀 亲親 义義 "
    "当當 么麼 没沒 欢歡 龙龍 乌烏 带帶 嬷嬤 队隊 检檢 齐齊 选選 类類 飞飛 机機 备備 众眾 红紅 纪紀 纸紙 "
    "练練 织織 终終 维維 综綜 绿綠 续續 县縣 钟鐘 银銀 铁鐵 锅鍋 错錯 闻聞 阅閱 陈陳 阳陽 阴陰 随隨 险險 "
    "难難 预預 顾顧 颜顏 风風 饭飯 馆館 马馬 鱼魚 鸟鳥 麦麥 黄黃 齿齒 体體 养養 汤湯 宝寶 万萬 严嚴 丽麗 "
    "乱亂 争爭 亏虧 仅僅 从從 仓倉 伤傷 债債 儿兒 党黨 兴興 冻凍 减減 凤鳳 务務 办辦 协協 历歷 厂廠 参參 "
    "双雙 变變 号號 吗嗎 听聽 启啟 响響 园園 围圍 块塊 坚堅 垫墊 夸誇 妈媽 孙孫 宁寧 寿壽 尔爾 层層 岛島 "
    "币幣 帮幫 异異 张張 归歸 录錄 忆憶 怀懷 态態 恶惡 惊驚 愿願 战戰 执執 扫掃 抢搶 担擔 拥擁 择擇 挂掛 "
    "挡擋 挥揮 损損 换換 摆擺 敌敵 数數 断斷 旧舊 显顯 晒曬 暂暫 杀殺 权權 杨楊 极極 构構 树樹 桥橋 楼樓 "
    "欧歐 毕畢 汇匯 泪淚 泽澤 洁潔 浅淺 测測 济濟 浓濃 润潤 涨漲 渐漸 满滿 灯燈 灵靈 炉爐 炼煉 烟煙 烧燒 "
    "爷爺 状狀 独獨 猪豬 环環 画畫 畅暢 盐鹽 监監 盖蓋 盘盤 矿礦 码碼 确確 积積 穷窮 窝窩 笔筆 签簽 简簡 "
    "粮糧 紧緊 纯純 纳納 纹紋 绍紹 绝絕 绩績 继繼 编編 缩縮 罗羅 习習 联聯 肠腸 肤膚 肾腎 肿腫 胜勝 脚腳 "
    "脸臉 艺藝 芦蘆 苏蘇 荐薦 荣榮 获獲 蓝藍 虑慮 虫蟲 补補 袜襪 视視 览覽 训訓 讯訊 访訪 评評 诉訴 诊診 "
    "词詞 诚誠 询詢 详詳 误誤 课課 谢謝 贝貝 财財 责責 货貨 贴貼 贷貸 资資 赔賠 赚賺 赛賽 赠贈 赶趕 轮輪 "
    "软軟 载載 较較 辅輔 辆輛 辈輩 运運 远遠 连連 邮郵 酱醬 释釋 钙鈣 钢鋼 销銷 镜鏡 闭閉 阶階 陆陸 隐隱 "
    "顶頂 项項 顺順 频頻 驻駐 鲜鮮 壶壺"
)
SIMP_ONLY, TRAD_ONLY = set(), set()
for pair in PAIRS.split():
    s, t = pair[0], pair[1]
    if s != t:
        SIMP_ONLY.add(s)
        TRAD_ONLY.add(t)

CHANNEL_LABEL = re.compile(r"^\s*(【[^】]{0,6}(直播|广告|廣告|推文|朋友圈)[^】]{0,4}】|"
                           r"(广告|廣告|公众号推文|直播间|直播間|朋友圈|小红书|短视频|评论|評論)\s*[：:])")
LONG_DIGITS = re.compile(r"\d{7,}")

FW2HW = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";",
                       "（": "(", "）": ")"})
FW_CHARS = set("，。！？：；（）")
ANY_PUNCT = re.compile(r"[，。！？：；,.!?:;、]")

ERRORS = []


def encodes_gb2312(ch):
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def fail(msg):
    print("CHECK FAILED:", msg, file=sys.stderr)
    ERRORS.append(msg)


def stop_if_failed():
    if ERRORS:
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


def check_written(recs):
    names = set(CODES.values())
    seen = set()
    for r in recs:
        t, k = r["text"], r["kind"]
        if not t or not t.strip():
            fail(f"empty text in {k}")
            continue
        if t != t.strip():
            fail("leading/trailing whitespace: " + t[:40])
        lo, hi = LENGTH
        if not lo <= len(t) <= hi:
            fail(f"length {len(t)} outside {lo}-{hi} for {k}: {t[:40]}")
        if r["label"] not in ("violation", "clean"):
            fail("bad label: " + t[:40])
        if r["label"] == "violation":
            if not r["categories"]:
                fail("violation without category: " + t[:40])
            elif r["categories"][0] not in FAMILIES:
                fail(f"main category {r['categories'][0]} is not one of the three families: {t[:40]}")
        elif r["categories"]:
            fail("clean record with categories: " + t[:40])
        if len(set(r["categories"])) != len(r["categories"]):
            fail("repeated category: " + t[:40])
        for c in r["categories"]:
            if c not in names:
                fail("unknown category " + c)
        if t in seen:
            fail("duplicate text: " + t[:40])
        seen.add(t)
        if CHANNEL_LABEL.search(t):
            fail("channel label: " + t[:40])
        if LONG_DIGITS.search(t):
            fail("unmasked 7+ digit number: " + t[:40])
        s_hits = [ch for ch in t if ch in SIMP_ONLY]
        t_hits = [ch for ch in t if ch in TRAD_ONLY]
        if r["trad"]:
            if not t_hits or s_hits:
                fail(f"traditional record has simplified {s_hits} or no traditional chars: {t[:40]}")
        elif t_hits:
            fail(f"simplified record has traditional chars {t_hits}: {t[:40]}")
        else:
            bad = [ch for ch in t if "\u4e00" <= ch <= "\u9fff" and not encodes_gb2312(ch)]
            if bad:
                fail(f"simplified record has characters outside GB2312 {bad}: {t[:40]}")
    for k, (nv, nc) in PLAN.items():
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        if (v, c) != (nv, nc):
            fail(f"{k}: {v}/{c} records, planned {nv}/{nc}")
    mains = {}
    for r in recs:
        if r["categories"]:
            mains[r["categories"][0]] = mains.get(r["categories"][0], 0) + 1
    for fam, n in FAMILIES.items():
        if mains.get(fam, 0) != n:
            fail(f"main category {fam}: {mains.get(fam, 0)}, planned {n}")
    tv = sum(r["trad"] and r["label"] == "violation" for r in recs)
    tc = sum(r["trad"] and r["label"] == "clean" for r in recs)
    if (tv, tc) != TRAD_PLAN:
        fail(f"traditional records {tv}/{tc}, planned {TRAD_PLAN[0]}/{TRAD_PLAN[1]}")
    stop_if_failed()


def style(recs):
    rng = random.Random(SEED)
    for r in recs:
        r["halfwidth"] = False
    with_fw = [i for i, r in enumerate(recs) if any(ch in FW_CHARS for ch in r["text"])]
    if len(with_fw) < HALF_WIDTH_N:
        fail(f"only {len(with_fw)} records with full-width punctuation, need {HALF_WIDTH_N}")
        stop_if_failed()
    for i in rng.sample(with_fw, HALF_WIDTH_N):
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
        if o["label"] not in ("violation", "clean"):
            fail("bad label in " + o["id"])
        if (o["label"] == "violation") != bool(o["categories"]):
            fail("label/category mismatch in " + o["id"])
        if not LENGTH[0] <= len(o["text"]) <= LENGTH[1]:
            fail("length out of range after styling in " + o["id"])
        if LONG_DIGITS.search(o["text"]):
            fail("7+ digit run after styling in " + o["id"])
        if CHANNEL_LABEL.search(o["text"]):
            fail("channel label after styling in " + o["id"])
    stop_if_failed()


def tables(recs):
    lines = ["| kind | violation | clean | total |", "|---|---:|---:|---:|"]
    for k in KINDS:
        v = sum(1 for r in recs if r["kind"] == k and r["label"] == "violation")
        c = sum(1 for r in recs if r["kind"] == k and r["label"] == "clean")
        lines.append(f"| {k} | {v} | {c} | {v + c} |")
    v = sum(r["label"] == "violation" for r in recs)
    lines.append(f"| **all** | {v} | {len(recs) - v} | {len(recs)} |")

    lines += ["", "| category | records | as main category |", "|---|---:|---:|"]
    order = list(FAMILIES) + [c for c in CODES.values() if c not in FAMILIES]
    for c in order:
        n = sum(c in r["categories"] for r in recs)
        m = sum(bool(r["categories"]) and r["categories"][0] == c for r in recs)
        if n:
            lines.append(f"| {c} | {n} | {m} |")

    vkinds = [k for k in KINDS if PLAN[k][0]]
    lines += ["", "| main category × kind | " + " | ".join(vkinds) + " | total |",
              "|---|" + "---:|" * (len(vkinds) + 1)]
    for fam in FAMILIES:
        row = [sum(1 for r in recs if r["categories"] and r["categories"][0] == fam and r["kind"] == k)
               for k in vkinds]
        lines.append(f"| {fam} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")

    hw = sum(r["halfwidth"] for r in recs)
    hwv = sum(r["halfwidth"] and r["label"] == "violation" for r in recs)
    tv = sum(r["trad"] and r["label"] == "violation" for r in recs)
    tc = sum(r["trad"] and r["label"] == "clean" for r in recs)
    nls = sum(r["kind"] == "livestream" for r in recs)
    nopunct = sum(1 for r in recs if r["kind"] == "livestream" and not ANY_PUNCT.search(r["text"]))
    lens = sorted(len(r["text"]) for r in recs)
    lines += ["", "| style | records |", "|---|---:|",
              f"| half-width punctuation (converted) | {hw} of {len(recs)} ({hwv} violation, {hw - hwv} clean) |",
              f"| traditional script (hand-written) | {tv + tc} ({tv} violation, {tc} clean) |",
              f"| livestream lines without punctuation | {nopunct} of {nls} |",
              f"| length in characters (min / median / max) | {lens[0]} / {lens[len(lens) // 2]} / {lens[-1]} |"]
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
    with open(os.path.join(HERE, "all.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(tables(recs))
    print(f"\nwrote all.jsonl: {len(out)} records, all checks passed")


if __name__ == "__main__":
    main()
