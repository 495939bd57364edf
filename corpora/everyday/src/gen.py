import json, os, random, re, sys
from data_chat import CHAT; from data_live import LIVE; from data_other import PRODUCT, SERVICE, NEWS
DROP = {
 'chat': ["明天降温,出门多穿点","北京今天空气不错,天特别蓝","下午三点开会,记得带上周的报表","这周末轮到我值班,哪也去不了",
          "昨晚下了场大雨,今早起来凉快多了","老妈学会了用微信视频,每天晚上都要打一个","朋友圈看到老同学生二胎了,恭喜恭喜",
          "咱们小区那只橘猫又胖了一圈","高铁上遇到个小学同学 世界真小","今天踢球进了两个,爽","我们村今年稻子收成比去年好","表姐在深圳工作五年了,终于买了房","家里wifi又断了 打电话报修了","刚看完那部电影,结尾哭得稀里哗啦","火车晚点一个多小时,到家都凌晨了"],
 'livestream_clean': ["我给大家拉一下,看看这个弹性","宝宝们,主播喝口水,马上回来","有点卡,大家刷新一下直播间","欢迎老粉回来,好久不见了","喜欢这件的宝宝直接拍二号链接就行","这一款是纯色的没有印花,比较好搭","这个指甲剪是不锈钢的,后面带个小锉刀","评论区说看不清的,我靠近镜头给大家看"],
 'product_clean': ["新到一批秋装,欢迎进店试穿","内含干燥剂,请勿食用","请在阴凉通风处存放,远离火源","本周特价菜:清炒时蔬 十元一份","图片仅供参考,请以实物为准"],
 'service_clean': ["复印打印:黑白每张0.5元,彩色每张2元","家政服务按小时计费,四小时起约","午托班接孩子时间为11:40,请家长准时","本行外币兑换业务需提前一个工作日预约"],
 'life_news': ["今冬首场降雪预计周四夜间到来","明晚将有流星雨,郊外观测条件较好","本周末有雾,高速公路部分路段可能临时封闭","今年全市新增口袋公园二十个","河道清淤工程开工,预计工期四十五天","本周六上午九点,社区将组织消防演练","今晨部分路段结冰,已发生多起车辆追尾"],
}
SRC = {'chat':CHAT,'livestream_clean':LIVE,'product_clean':PRODUCT,'service_clean':SERVICE,'life_news':NEWS}
WANT = {'chat':120,'livestream_clean':120,'product_clean':80,'service_clean':60,'life_news':100}
rng = random.Random(20240611)
H2F = {',':'，','!':'！','?':'？',';':'；',':':'：'}
F2H = {v:k for k,v in H2F.items()}; F2H['。']='.'
def to_full(t):
    out=[]
    for i,c in enumerate(t):
        if c in H2F:
            p = t[i-1] if i else ''; n = t[i+1] if i+1<len(t) else ''
            if c in ',:' and p.isdigit() and n.isdigit(): out.append(c); continue
            out.append(H2F[c])
        else: out.append(c)
    t=''.join(out)
    return t
def to_half(t):
    return ''.join(F2H.get(c,c) for c in t)
def is_cjk(c): return '\u4e00'<=c<='\u9fff'
recs=[]
for kind,s in SRC.items():
    L=[l.strip() for l in s.strip().splitlines() if l.strip()]
    for d in DROP[kind]:
        assert d in L, (kind,d); L.remove(d)
    assert len(L)==WANT[kind], (kind,len(L))
    for t in L:
        r = rng.random()
        if kind in ('chat','livestream_clean') and r < 0.07 and ':' not in t:
            t = re.sub(r'[,，]', ' ', t).rstrip('。.!！')  # unpunctuated fragment
        elif r < 0.60:
            t = to_half(t)
            if is_cjk(t[-1]) and rng.random()<0.25: t += rng.choice(['.','.','!']) if kind in ('chat','livestream_clean') else '.'
        else:
            t = to_full(t)
            if is_cjk(t[-1]) and rng.random()<0.45: t += '。'
            t = t.replace('!。','！').replace('？。','？')
        recs.append({'text':t,'label':'clean','categories':[],'kind':kind})
rng.shuffle(recs)
with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'all.jsonl'),'w',encoding='utf-8') as f:
    for i,r in enumerate(recs,1):
        o={'id':f'ev-{i:04d}', **r}
        f.write(json.dumps(o,ensure_ascii=False)+'\n')
print(len(recs))
