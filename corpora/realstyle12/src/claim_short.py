# claim_short: single ad claims (10-60 chars), as crawled or quoted, no channel label.
V = "violation"
NM = "non_medical_cure_claim"
EG = "efficacy_guarantee"
TE = "testimonial"
CO = "comparison"
FA = "fear_appeal"
AA = "appearance_anxiety"
AB = "absolute_term"
CR = "cure_rate"
ED = "education_guarantee"
IV = "investment_guarantee"

RECORDS = [
    dict(label=V, categories=[NM, TE, CO], text="喝了半个月空腹血糖从9.8掉到6.1，我爸连降糖药都停了，桑叶苦瓜茶认准禾康堂。"),
    dict(label=V, categories=[NM, EG], text="青蓝谷纳豆红曲胶囊，软化血管、溶解血栓，三个疗程斑块消失。"),
    dict(label=V, categories=[NM, EG], text="深海鱼油软胶囊：降血脂、防中风，全家老人必备，无任何副作用。"),
    dict(label=V, categories=[AB, EG], text="全市唯一引进第五代微创技术，痔疮一次根治，术后永不复发。"),
    dict(label=V, categories=[CR, EG], text="白癜風臨床治癒率達96.8%，祖傳配方，一年斷根。"),
    dict(label=V, categories=[EG, CR], text="前列腺炎三天消炎，七天告别尿频，十个患者九个好转，男科门诊今日可约。"),
    dict(label=V, categories=[NM, EG, CO], text="近视不用手术！视力训练21天，孩子摘掉眼镜，无效全额退款。"),
    dict(label=V, categories=[FA], text="孩子近视再不干预，度数一年涨两百，将来连专业都没法选，暑期护眼班火热报名中。"),
    dict(label=V, categories=[AA], text="单眼皮=没气质？割个双眼皮，面试官第一眼就记住你。"),
    dict(label=V, categories=[AA, EG], text="胖女孩不配被爱？芷妍溶脂针，一针瘦一圈，婚礼前还来得及。"),
    dict(label=V, categories=[AA, EG], text="法令纹让你老十岁，同学聚会被当成阿姨？热玛吉一次，脸回到25岁。"),
    dict(label=V, categories=[AA, CO, AB], text="素颜上班被同事问是不是病了？一次光子嫩肤顶十次面膜加三次水光，性价比之王就在素妍。"),
    dict(label=V, categories=[ED], text="公考协议班：笔试不过全额退费，没进面免费重读，保你今年上岸。"),
    dict(label=V, categories=[ED], text="考研保录班，签协议，考不上退全款，名校导师手把手带。"),
    dict(label=V, categories=[ED], text="零基础30天拿证，不过包退，健康管理师考证一站式服务。"),
    dict(label=V, categories=[ED], text="口语集训营：21天开口说，雅思保6.5分，不达标免费重修。"),
    dict(label=V, categories=[ED, FA], text="少儿编程三个月保进省赛，现在不学，孩子一步落后步步落后。"),
    dict(label=V, categories=[IV], text="稳健理财，年化12%保本保息，一年期到期本息全额兑付。"),
    dict(label=V, categories=[IV], text="黄金投资计划：零风险，月月分红，投10万一年稳赚1.8万。"),
    dict(label=V, categories=[IV], text="养老公寓认购，每年固定返利8%，稳赚不赔，子女也能继承。"),
    dict(label=V, categories=[IV], text="加盟奶茶店三个月回本，总部保底收益，不赚钱全额退加盟费。"),
    dict(label=V, categories=[IV], text="原始股內部認購，明年上市翻十倍，名額僅剩3個。"),
    dict(label=V, categories=[NM, CO], text="东北黑木耳粉，每天两勺，通血管降血压，比吃药强多了。"),
    dict(label=V, categories=[NM, EG], text="酵素排毒，一周清宿便，肠息肉自然脱落"),
    dict(label=V, categories=[NM, TE], text="富硒米常吃防癌抗癌，我们村里吃这米的老人个个活过九十。"),
    dict(label=V, categories=[NM, EG], text="护膝贴：膝盖积液、骨质增生贴三贴见效，不见效退款。"),
    dict(label=V, categories=[NM], text="量子能量鞋垫，调节血压血糖，改善失眠，老人孩子都能穿"),
    dict(label=V, categories=[AB, EG], text="全国首家无痛人流品牌医院，十分钟搞定，当天上班，不影响生育。"),
    dict(label=V, categories=[CO, CR, EG], text="甲状腺结节不开刀，中药外敷消结节，有效率91.3%。"),
    dict(label=V, categories=[FA], text="脱发别再拖，拖到秃顶毛囊坏死就晚了，现在来丝源养发中心还来得及。"),
    dict(label=V, categories=[FA], text="肺结节不处理，三年内可能癌变！免费筛查名额仅剩20个。"),
    dict(label=V, categories=[FA, EG], text="宫颈糜烂不治会导致不孕，本院妇科专家一次解决。"),
    dict(label=V, categories=[AB], text="國家級專家坐診，治療風濕骨病第一品牌。"),
    dict(label=V, categories=[AB, NM], text="最好的降压茶，唯一获得专利的配方，喝了血压稳稳的。"),
    dict(label=V, categories=[EG], text="中医世家第五代传人亲诊，腰突一贴见效，十年老腰病一个疗程断根。"),
    dict(label=V, categories=[TE, NM, CO], text="张阿姨吃了三个月五谷降糖粉，糖化从8.9降到6.2，她说早知道就不打胰岛素了。"),
    dict(label=V, categories=[AA, TE], text="三十岁一脸疲态，升职都轮不到你？明星都在做的童颜针，某知名女演员同款。"),
    dict(label=V, categories=[TE, NM], text="三甲医院主任推荐，这款护眼仪孩子天天用，近视度数降了150度。"),
    dict(label=V, categories=[CO, EG], text="比公立医院便宜一半，比别家快三倍，种植牙终身不松动。"),
    dict(label=V, categories=[NM, EG], text="鼻炎喷剂（消字号）一喷通气，三天根治过敏性鼻炎，老人孩子都能用。"),
]
