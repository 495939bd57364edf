#!/usr/bin/env python3
"""Deterministic monitoring-scale corpus for adscan benchmarks (never committed).

Writes crawled-page-like documents — navigation junk, news paragraphs (mixed traditional
characters, full-width punctuation), medical and 医美 ad copy — with violations injected at a
known density, both as a directory of page files and as one JSONL stream with escapes.

  gen_corpus.py OUT_DIR --pages N [--seed S] [--density D]

Quick run: --pages 20000 (~200 MB); Sichuan scale: --pages 1048500 (~10 GB).
The building blocks are the real crawled pages in shared/seeds plus template ad copy.
"""
import argparse, json, os, random, glob

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, '..', '..', 'shared', 'seeds')

NAV = ["网站首页", "新闻动态", "公司简介", "联系我们", "产品展示", "在线留言", "人才招聘", "首頁 > 新聞 > 正文",
       "分享到:", "【打印此页】 【关闭】", "上一篇", "下一篇", "相关阅读", "热门推荐", "Copyright © 2024 版权所有",
       "ICP备案号：蜀ICP备12345678号", "违法和不良信息举报电话：12377"]
AD_CLEAN = ["本院位于市中心，交通便利，接诊时间8:00-17:00。", "医疗广告审查证明文号：（川）医广【2024】第05-12-001号。",
            "请按药品说明书或者在药师指导下购买和使用。", "保健食品不是药物，不能代替药物治疗疾病。",
            "活动详情以门店公示为准。", "理性医美，量力而行。", "本品有效期至2027年12月。", "专家推荐每天饮水1500毫升。"]
VIOLATIONS = ["本院治愈率高达98%", "三个疗程根治", "纯中药无毒副作用", "全国第一的祛痘品牌", "知名影星倾情推荐",
              "全城最好的整形医院", "國家級名醫坐診", "治癒率達９８％", "一针治愈，永不复发", "患者张女士：用了三周就好了",
              "临床总有效率95.6%", "卫健委指定的专业机构", "手术成功率99%", "不治愈不收钱"]


def seed_lines():
    """Lines per seed page: a generated news page draws from one site, as a crawled page does
    (so only pages modelled on the mirror site of seed 000 carry its pinyin glosses)."""
    sites = []
    for f in sorted(glob.glob(os.path.join(SEEDS, '*.txt'))):
        with open(f, encoding='utf-8') as fh:
            sites.append([l.strip() for l in fh if len(l.strip()) > 8])
    return sites


HOSPITALS = ["华美医疗美容医院", "仁爱皮肤病专科门诊", "康宁中医诊所", "悦颜整形中心", "博爱男科医院", "名媛医美诊所"]
SERVICES = ["祛斑", "玻尿酸填充", "双眼皮", "植发", "牛皮癣治疗", "白癜风治疗", "热玛吉", "水光针", "吸脂塑形", "降糖理疗仪"]
AD_PARTS = ["{h}{s}项目火热进行中，", "限时特惠，{s}仅需{p}元。", "地址：成都市武侯区人民南路{n}号。", "咨询热线：028-{t}。",
            "{h}拥有多年临床经验，", "欢迎到院咨询，", "我们始终坚持顾客至上，", "术后护理请遵医嘱。",
            "环境优雅，服务贴心，", "本周末开放免费体验名额。", "点击下方链接预约。"]
FORUM = ["楼主说得对，我也去过那家店。", "今天天气不错，适合出门。", "有没有人知道这个活动什么时候结束？", "第一次来这里，请多关照。",
         "饭后最好不要立刻运动。", "这部剧的最佳男主角实至名归。", "支持一下！", "价格还可以，就是排队太久。"]


def ad_sentence(rng):
    t = rng.choice(AD_PARTS)
    return t.format(h=rng.choice(HOSPITALS), s=rng.choice(SERVICES), p=rng.randint(99, 9999),
                    n=rng.randint(1, 300), t=rng.randint(80000000, 89999999))


def page(rng, lines, density):
    """A news page (real crawled lines), an ad page (ad copy), or a forum/portal page."""
    parts = rng.sample(NAV, 6)
    kind = rng.random()
    n = rng.randint(40, 90)
    site = rng.choice(lines)
    for _ in range(n):
        if kind < 0.55:
            l = rng.choice(site)
        elif kind < 0.85:
            l = "".join(ad_sentence(rng) for _ in range(rng.randint(2, 5)))
            if rng.random() < 0.1:
                l += rng.choice(AD_CLEAN)
        else:
            l = rng.choice(FORUM) + rng.choice(FORUM)
        if kind >= 0.55 and rng.random() < density * 3:
            k = rng.randrange(len(l) + 1)
            l = l[:k] + rng.choice(VIOLATIONS) + l[k:]
        parts.append(l)
    parts += rng.sample(NAV, 4)
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--pages', type=int, default=20000)
    ap.add_argument('--seed', type=int, default=20261122)
    ap.add_argument('--density', type=float, default=0.01, help='share of paragraphs with an injected violation')
    ap.add_argument('--jsonl-only', action='store_true', help='write only pages.jsonl (the same pages), no page files')
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = seed_lines()
    pages_dir = os.path.join(a.out, 'pages')
    os.makedirs(a.out if a.jsonl_only else pages_dir, exist_ok=True)
    total = 0
    with open(os.path.join(a.out, 'pages.jsonl'), 'w', encoding='utf-8') as jl:
        for i in range(a.pages):
            text = page(rng, lines, a.density)
            if not a.jsonl_only:
                sub = os.path.join(pages_dir, '%03d' % (i // 1000))
                if i % 1000 == 0:
                    os.makedirs(sub, exist_ok=True)
                with open(os.path.join(sub, 'p%07d.txt' % i), 'w', encoding='utf-8') as fh:
                    fh.write(text)
            total += len(text.encode('utf-8'))
            # JSONL with escapes: ensure_ascii on every 10th record (\\uXXXX, invisible to byte matchers)
            jl.write(json.dumps({"id": "https://example.cn/p/%d" % i, "text": text}, ensure_ascii=(i % 10 == 0)) + "\n")
    print("pages=%d bytes=%d" % (a.pages, total))


if __name__ == '__main__':
    main()
