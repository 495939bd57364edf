#!/usr/bin/env python3
"""Builds corpora/labelled.jsonl: hand-written ad and non-ad text, labelled by hand.

Each record: {"id", "text", "label": "violation"|"clean", "categories": [...], "kind": ...}.
Violations are phrased independently of the rules' own examples; half the corpus is hard
negatives (regulatory text quoting bans, enforcement notices, crackdown news, compliant ads with
mandated statements, everyday sentences with 最/第一/治愈/有效, homographs). The five crawled seed
pages in shared/seeds are included as clean documents. Deterministic: re-running gives the same file.
"""
import glob, json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, '..', '..', 'shared', 'seeds')

# (text, categories) — ads and livestream lines that break the law
VIOLATIONS = [
    ("我院采用独创微创疗法，治疗腰椎间盘突出，两个疗程彻底治愈，不复发。", ["efficacy_guarantee"]),
    ("专治顽固性失眠，药到病除，让您一觉睡到天亮。", ["efficacy_guarantee"]),
    ("白癜风患者福音：中药内服外敷，五周见效，根治不复发。", ["efficacy_guarantee"]),
    ("这款降压仪没有任何副作用，老年人放心用。", ["efficacy_guarantee"]),
    ("胃病调理，一次治愈，从此告别胃痛。", ["efficacy_guarantee"]),
    ("前列腺炎专科，保证治愈，治不好全额退款。", ["efficacy_guarantee"]),
    ("痛风贴一贴见效，三天疼痛消失。", ["efficacy_guarantee"]),
    ("鼻炎喷剂，用一瓶断根，再也不打喷嚏。", ["efficacy_guarantee"]),
    ("颈椎病理疗，十天内康复，效果立竿见影。", ["efficacy_guarantee"]),
    ("减肥针一针瘦十斤，永不反弹。", ["efficacy_guarantee"]),
    ("祛斑中心：七天祛斑，不反弹，无副作用。", ["efficacy_guarantee"]),
    ("乙肝转阴有保障，六个月治愈，无效退款。", ["efficacy_guarantee"]),
    ("我们的干细胞疗法绝对安全，百分百有效。", ["efficacy_guarantee"]),
    ("植发手术零风险，术后不留疤。", ["efficacy_guarantee"]),
    ("关节炎三贴根治，行走如飞。", ["efficacy_guarantee"]),
    ("本院治疗银屑病临床治愈率达96.8%。", ["cure_rate"]),
    ("青少年近视矫正有效率高达99%，摘镜不是梦。", ["cure_rate"]),
    ("经统计，我院不孕不育治疗成功率为92%。", ["cure_rate"]),
    ("该药品临床试验总有效率百分之九十五。", ["cure_rate"]),
    ("痔疮微创手术，康复率100%，当天出院。", ["cure_rate"]),
    ("98%的患者在一个疗程内痊愈。", ["cure_rate", "efficacy_guarantee"]),
    ("糖尿病调理方案，九成以上的病人都见效了。", ["cure_rate"]),
    ("戒烟贴好转率高达97%，轻松戒烟。", ["cure_rate"]),
    ("抑郁症康复中心，治愈率超过90%。", ["cure_rate"]),
    ("皮肤病医院显效率98.2%，值得信赖。", ["cure_rate"]),
    ("著名演员李某倾情推荐这款护眼仪，效果看得见。", ["testimonial"]),
    ("北京三甲医院教授推荐：这款益生菌调理肠胃。", ["testimonial"]),
    ("百万粉丝网红亲测，用完皮肤白了两个度。", ["testimonial"]),
    ("院长亲自推荐的祛痘方案，限量50名。", ["testimonial"]),
    ("国医大师力荐的养胃方，家家都该备一瓶。", ["testimonial"]),
    ("患者王先生说：吃了半年，血压降下来了，感谢医院。", ["testimonial"]),
    ("病友赵阿姨现身说法：关节疼了十年，现在能爬山了。", ["testimonial"]),
    ("看看这些患者的感谢信，都是真实治愈案例。", ["testimonial"]),
    ("家人们，这个降糖茶我爸喝了三个月，血糖真的降了。", ["testimonial"]),
    ("主播亲测，这款祛痘膏三天见效，链接在下方。", ["testimonial", "efficacy_guarantee"]),
    ("明星同款医美项目，体验官小林亲身体验后强烈推荐。", ["testimonial"]),
    ("全市最好的牙科诊所，种植牙技术领先。", ["absolute_term"]),
    ("国家级专家团队，采用世界级先进设备。", ["absolute_term"]),
    ("本店的燕窝是最正宗的，品质最佳。", ["absolute_term"]),
    ("行业第一的除螨仪，销量遥遥领先。", ["absolute_term"]),
    ("顶级医美机构，打造最优的蜕变方案。", ["absolute_term"]),
    ("全网最低价，错过再等一年。", ["absolute_term"]),
    ("全国排名第一的男科医院，专业可靠。", ["absolute_term"]),
    ("最先进的激光设备，一次见效。", ["absolute_term", "efficacy_guarantee"]),
    ("全球第一的护肤品牌，你值得拥有。", ["absolute_term"]),
    ("史无前例的优惠，万能修复霜仅需99元。", ["absolute_term"]),
    ("国家卫健委推荐的降糖产品，值得信赖。", ["state_endorsement"]),
    ("人民大会堂特供白酒，限量发售。", ["state_endorsement"]),
    ("药监局认证的唯一抗衰老产品。", ["state_endorsement"]),
    ("中央指定的保健茶，领导都在喝。", ["state_endorsement"]),
    ("部队医院专家亲诊，治疗风湿骨病。", ["state_endorsement"]),
    ("军队特供的野生灵芝孢子粉。", ["state_endorsement"]),
    ("本报讯（通讯员 刘洋）近日，某整形医院推出新型隆鼻技术，深受好评。咨询热线：028-85551234，地址：成都市锦江区春熙路66号。", ["disguised_ad"]),
    ("据报道，一款新型助听器面市，老年人佩戴后听力明显改善。特价仅需1980元，预约电话：400-666-8888。", ["disguised_ad"]),
    ("记者走访发现，该中医馆的针灸疗法广受欢迎。预约热线：028-87654321，扫码预约享八折。", ["disguised_ad"]),
    ("养生科普：春季养肝正当时。本店护肝片点击下方小黄车即可购买。", ["disguised_ad"]),
    ("健康知识：颈椎病要早发现早治疗。加微信领取理疗贴试用装，咨询电话：400-123-4567。", ["disguised_ad"]),
    ("这款洗发水能治疗脱发，三周长出新发。", ["non_medical_cure_claim"]),
    ("天然蜂蜜饮料，长期喝能降血糖。", ["non_medical_cure_claim"]),
    ("祛痘面膜有效消炎，治疗痤疮效果好。", ["non_medical_cure_claim"]),
    ("牙膏含中药成分，修复龋齿，治疗牙周炎。", ["non_medical_cure_claim"]),
    ("代餐饮料可以降血脂，三高人群必备。", ["non_medical_cure_claim"]),
    ("保健食品鱼油胶囊，能预防心脑血管疾病，治疗高血压。", ["non_medical_cure_claim"]),
    ("这款保健品是中老年人每天必备的营养品，国食健字号。", ["non_medical_cure_claim"]),
    ("眼霜含医用级成分，溶脂祛疤。", ["non_medical_cure_claim"]),
    ("颜值决定人生，整形让你逆袭。", ["appearance_anxiety"]),
    ("长得丑就是原罪，赶紧来做个全脸改造。", ["appearance_anxiety"]),
    ("不整容就找不到工作？来我院变美吧。", ["appearance_anxiety"]),
    ("整容改变命运，今年就是你的翻身年。", ["appearance_anxiety"]),
    ("看这位顾客的术前术后对比照，鼻子挺了，脸也小了。", ["before_after"]),
    ("祛疤治疗前后对比效果，一目了然。", ["before_after"]),
    ("真人案例：吸脂术后第15天效果对比，腰围小了两圈。", ["before_after"]),
    ("保健食品限时抢购，买三送一，家庭必备。", ["inducement", "non_medical_cure_claim", "missing_required"]),
    ("降糖仪医疗器械热销中，国械注准，免费试用一个月。", ["inducement"]),
    ("高血压不及时吃药，迟早会中风瘫痪。", ["fear_appeal"]),
    ("你的头晕可能是脑梗前兆，再不调理就会瘫痪。", ["fear_appeal"]),
    ("会计考试培训，不过全额退费，包拿证。", ["education_guarantee"]),
    ("高考冲刺班保证提分50分，稳上一本。", ["education_guarantee"]),
    ("公务员考试培训，命题组专家亲授，内部押题。", ["education_guarantee"]),
    ("考研保录取，签约协议班。", ["education_guarantee"]),
    ("加盟奶茶店零风险，六个月就能回本。", ["investment_guarantee"]),
    ("投资养老公寓，保本保收益，年化回报8%。", ["investment_guarantee"]),
    ("数字藏品稳赚不赔，错过等一年。", ["investment_guarantee"]),
    ("承诺保底收益的理财计划，年化10%。", ["investment_guarantee"]),
    ("处方药降压药直播间秒杀，下单包邮。", ["prohibited_product", "missing_required"]),
    ("快速戒毒，七天脱瘾，扫码咨询享优惠。", ["prohibited_product"]),
    ("我们的药效比进口药更好，价格只要一半。", ["comparison"]),
    ("疗效远超传统手术，恢复更快。", ["comparison"]),
    ("在他方医院久治不愈的患者，来我院一次治好。", ["disparagement", "efficacy_guarantee"]),
    ("别家医美都是智商税，我们才是真技术。", ["disparagement"]),
    ("悦颜整形中心双眼皮限时特价3999元，咨询热线028-85559999，欢迎到院面诊。", ["missing_required"]),
    ("博爱医院男科专家坐诊，挂号优惠，预约电话028-86668888。", ["missing_required"]),
    ("保健食品蜂胶，国食健字G20190001，活动价168元，扫码下单包邮。", ["missing_required"]),
    ("非处方药胃康胶囊，国药准字Z20230001，限时特价，立即购买。", ["missing_required"]),
    ("理财产品火热认购中，投资回报稳定，扫码购买享优惠。", ["missing_required"]),
    ("三個療程根治牛皮癬，無效退款。", ["efficacy_guarantee"]),
    ("清朝宫廷秘方，专治失眠多梦。", ["superstition"]),
    ("高僧开光的貔貅，戴上马上转运发财。", ["superstition"]),
    ("中考结束来割双眼皮，学生价只要999。", ["minors"]),
    ("小朋友，快让爸妈给你买这款学习机！", ["minors"]),
    ("99%的用户都好评推荐，回购率高达85%。", ["unsubstantiated_claim"]),
    ("独家专利配方，别人学不来。", ["unsubstantiated_claim"]),
    ("您的手机已中毒，请立即下载清理软件！", ["deceptive_interface"]),
    ("恭喜您获得免费体检名额，点击领取大奖。", ["deceptive_interface"]),
    ("本院治癒率高達９８％，國家級專家坐診。", ["cure_rate", "absolute_term"]),
    ("全網最好的祛痘產品，明星都在用。", ["absolute_term", "testimonial"]),
]

# Held out: written after the rules, phrased the way advertisers and reporters write, and not
# used to tune any rule (their misses and false alarms are reported as they are).
HELDOUT_VIOLATIONS = [
    ("风湿骨痛贴，贴上就不疼，用过的老人都说灵。", ["efficacy_guarantee"]),
    ("祖传秘方治疗鼻炎，一个月彻底告别鼻塞，从此不再复发。", ["efficacy_guarantee"]),
    ("我们的种植牙终身保用，绝不脱落。", ["efficacy_guarantee"]),
    ("糖尿病不用再打针，坚持服用三个月，血糖恢复正常。", ["efficacy_guarantee"]),
    ("抗衰针打一次年轻十岁，效果保证。", ["efficacy_guarantee"]),
    ("在我院接受治疗的哮喘患者，有效率达百分之九十七。", ["cure_rate"]),
    ("九成患者一次见效，剩下的两次也都好了。", ["cure_rate"]),
    ("临床数据显示，该疗法的痊愈率为93.5%。", ["cure_rate"]),
    ("知名主持人王某某也在用这款降压仪。", ["testimonial"]),
    ("三甲医院主任医师联合推荐的护肝片。", ["testimonial"]),
    ("患者李女士反馈：治疗两周后斑点基本消失了。", ["testimonial"]),
    ("宝妈们都说好，孩子吃了不积食。", ["testimonial"]),
    ("我们是全省规模最大、技术最好的眼科医院。", ["absolute_term"]),
    ("顶级医生团队，全球领先技术。", ["absolute_term"]),
    ("中国第一的减肥品牌，十年销量冠军。", ["absolute_term"]),
    ("国家卫健委指定合作的体检中心。", ["state_endorsement"]),
    ("这款面膜能消炎祛痘，治疗湿疹也有效。", ["non_medical_cure_claim"]),
    ("喝我们的酵素饮料，降三高、排毒养颜。", ["non_medical_cure_claim"]),
    ("保健食品灵芝胶囊，国食健字，抗癌防癌效果显著。", ["non_medical_cure_claim"]),
    ("颜值不够，工作难找，整形是最好的投资。", ["appearance_anxiety", "absolute_term"]),
    ("术前术后判若两人，快来看看她的变化。", ["before_after"]),
    ("不过退费！雅思培训保证7分。", ["education_guarantee"]),
    ("考证培训，一次不过免费重读，通过率百分百。", ["education_guarantee"]),
    ("加盟我们，稳赚不亏，月入三万不是梦。", ["investment_guarantee"]),
    ("投资小项目，保证每月分红，本金随时可取。", ["investment_guarantee"]),
    ("本报记者探访某中医诊所，其独家针灸疗法让患者重获健康。预约电话：028-86668899。", ["disguised_ad"]),
    ("效果比同类进口产品好三倍。", ["comparison"]),
    ("不赶快治疗，结节迟早会变成癌。", ["fear_appeal"]),
    ("醫美診所，無痛無恢復期，療效永久保持。", ["efficacy_guarantee"]),
    ("全國最好的植髮機構，根治脫髮。", ["absolute_term", "efficacy_guarantee"]),
]

HELDOUT_NEGATIVES = [
    ("市场监管总局发布通知，要求各地严查含有“根治”“治愈率”等内容的违法医疗广告。", "regulation"),
    ("这名患者经过三个疗程的治疗，病情有所好转，医生建议继续观察。", "news"),
    ("我国结核病治愈率持续提高，防治工作取得积极进展。", "news"),
    ("这是他职业生涯中最好的一场比赛。", "everyday"),
    ("全国第一批试点城市名单公布。", "news"),
    ("国家级高新区的企业数量又创新高。", "news"),
    ("这本书被评为年度最佳图书。", "everyday"),
    ("药品不良反应监测年度报告发布。", "news"),
    ("请在医生指导下使用本品，不适用于非目标人群使用。", "compliant_ad"),
    ("保健食品不是药物，不能代替药物治疗疾病，请按标签说明食用。", "compliant_ad"),
    ("本课程不承诺考试通过，学习效果因人而异。", "compliant_ad"),
    ("理财非存款，产品有风险，投资须谨慎。", "compliant_ad"),
    ("明星代言的广告越来越多，消费者要理性看待。", "news"),
    ("某网红因虚假宣传“三天瘦十斤”被平台封号。", "news"),
    ("律师提醒，宣称“稳赚不赔”的投资大多涉嫌非法集资。", "warning_notice"),
    ("这篇科普文章介绍了高血压的预防方法，提醒读者定期体检。", "health_knowledge"),
    ("第一次做饭就成功了，好开心。", "everyday"),
    ("这家医院的体检中心环境很好，排队时间也不长。", "everyday"),
    ("该药品说明书载明：孕妇禁用。", "compliant_ad"),
    ("患者家属向医护人员送来锦旗，感谢他们的悉心照料。", "news"),
    ("研究显示，规律运动有助于降低血压。", "health_knowledge"),
    ("比赛冠军将获得奖金一万元。", "everyday"),
    ("不吃早饭对身体不好，大家要养成好习惯。", "health_knowledge"),
    ("产品质量安全是企业的生命线。", "everyday"),
    ("他获得了国家级教学名师称号。", "homograph"),
    ("最低气温将降至零下五度。", "everyday"),
    ("执法人员发现，该店宣传单上印有“包治百病”字样。", "enforcement"),
    ("广告中出现的“最佳”“顶级”等用语违反了广告法。", "regulation"),
    ("新冠患者治愈出院后仍需居家健康监测。", "epidemic"),
    ("这个软件用了三年，一直很稳定。", "everyday"),
]

# Second held-out batch, written blind after the first one was used for tuning.
HELDOUT2_VIOLATIONS = [
    ("痛经困扰多年？本院中医调理，两个月经周期就能断根。", ["efficacy_guarantee"]),
    ("脱发救星！防脱洗发水用完一瓶，头发明显变多，还能治疗脂溢性脱发。", ["non_medical_cure_claim"]),
    ("口腔医院种植牙，全城最低价，专家亲诊保证成功。", ["absolute_term", "efficacy_guarantee"]),
    ("近视手术成功率99.9%，术后第二天即可上班。", ["cure_rate"]),
    ("我们的降糖仪已帮助上万名糖友，有效率达95%以上。", ["cure_rate"]),
    ("著名歌手亲自代言，这款护肝片卖爆了。", ["testimonial"]),
    ("直播间的姐妹们，我自己用了半年，脸上的斑全没了。", ["testimonial"]),
    ("患者陈大爷：“在这里治了一个疗程，腰一点都不疼了。”", ["testimonial", "efficacy_guarantee"]),
    ("卫生部推荐的国家级保健品牌。", ["state_endorsement", "absolute_term"]),
    ("中医养生讲座：冬季进补有讲究。想了解更多，请扫码购买我们的阿胶膏。", ["disguised_ad"]),
    ("整形后你会发现，颜值就是你的人生通行证，漂亮的人更容易成功。", ["appearance_anxiety"]),
    ("宝宝湿疹膏，纯天然成分，安全无副作用，三天消退。", ["efficacy_guarantee"]),
    ("英语培训保证考过四级，考不过退全款。", ["education_guarantee"]),
    ("代理我们的产品，投入两万，三个月保证回本。", ["investment_guarantee"]),
    ("本店减肥茶比减肥药效果还好，一个月瘦二十斤。", ["comparison", "non_medical_cure_claim"]),
    ("不及时治疗的话，小小的痔疮也会恶化成直肠癌。", ["fear_appeal"]),
    ("他院做坏的鼻子，来我们这里都能修复好。", ["disparagement"]),
    ("顶级专家团队，用最先进的设备为您服务。", ["absolute_term"]),
    ("生发液一抹就见效，秃顶也能长出新发。", ["efficacy_guarantee"]),
    ("看看这组真人术后对比照，效果一目了然。", ["before_after"]),
]

HELDOUT2_NEGATIVES = [
    ("据统计，该市今年查处含有“根治”“无副作用”等用语的违法广告37件。", "enforcement"),
    ("医生表示，这种病目前还没有根治的方法，只能控制。", "news"),
    ("比赛进入最后阶段，双方都拿出了最好的状态。", "everyday"),
    ("这家书店被评为全市最美书店之一。", "everyday"),
    ("我最好的朋友下周结婚。", "everyday"),
    ("请按药品说明书或者在药师指导下购买和使用。", "compliant_ad"),
    ("患者张某经抢救无效死亡，家属与医院产生纠纷。", "news"),
    ("教育部门提醒家长，警惕“保过”“包录取”等招生陷阱。", "warning_notice"),
    ("这次考试我第一个交卷。", "everyday"),
    ("新规明确，直播带货不得使用“全网最低价”等用语。", "regulation"),
    ("今天的直播主要讲解如何正确洗手。", "health_knowledge"),
    ("该药有效率的数据来源于临床试验，详情见说明书。", "compliant_ad"),
    ("保险公司理赔流程简化，客户满意度提升。", "news"),
    ("研究人员发现，新疗法在动物实验中显示出一定效果。", "news"),
    ("国家级自然保护区内禁止开发建设。", "homograph"),
    ("我们公司的宗旨是质量第一、信誉至上。", "everyday"),
    ("市场监管局提醒：选择医美机构要查看执业许可证。", "warning_notice"),
    ("这件衣服比那件更好看。", "everyday"),
    ("奶奶用了这个老花镜，看报纸清楚多了。", "everyday"),
    ("第一医院的急诊科24小时开放。", "homograph"),
]

# clean texts: hard negatives
NEGATIVES = [
    ("根据《广告法》第十六条，医疗广告不得含有表示功效、安全性的断言或者保证，不得说明治愈率或者有效率。", "regulation"),
    ("医疗广告的表现形式不得含有保证治愈或者隐含保证治愈的内容。", "regulation"),
    ("广告不得使用“国家级”“最高级”“最佳”等用语。", "regulation"),
    ("保健食品广告不得涉及疾病预防、治疗功能，应当显著标明“本品不能代替药物”。", "regulation"),
    ("教育、培训广告不得对升学、通过考试作出明示或者暗示的保证性承诺。", "regulation"),
    ("招商广告应当对可能存在的风险以及风险责任承担有合理提示或者警示。", "regulation"),
    ("合规培训要点：广告中禁止出现“根治”“无副作用”等绝对化和保证性用语。", "regulation"),
    ("经查，当事人在其微信公众号发布“三个疗程根治”等广告内容，违反了《广告法》第十六条的规定，市场监管局依法责令其停止发布，并处罚款5万元。", "enforcement"),
    ("当事人发布的广告中含有“治愈率高达98%”等内容，涉嫌违反《中华人民共和国广告法》，执法人员已立案调查。", "enforcement"),
    ("某医美机构因宣传“全国第一”“最好的医生”被市场监管部门查处，罚款10万元。", "enforcement"),
    ("行政处罚决定书：当事人利用患者名义作证明，违反了《广告法》相关规定，责令改正。", "enforcement"),
    ("市场监督管理局公布典型案例：某保健品公司宣称产品能降血糖，被处以罚款。", "enforcement"),
    ("市场监管部门开展医疗美容行业专项整治，查处虚假广告23件。", "news"),
    ("专项治理期间，执法人员检查医疗机构126家，查处违法广告案件15起，通报了一批典型案例。", "news"),
    ("记者从市市场监管局获悉，今年以来共查处虚假宣传案件40余件，涉及“包治百病”“药到病除”等用语。", "news"),
    ("我国新冠疫情防控取得成效，累计治愈出院患者超过8万人，治愈率达到94%。", "epidemic"),
    ("卫生健康委通报：新增确诊病例3例，治愈出院12例，医学观察人员均已解除隔离。", "epidemic"),
    ("华美医疗美容医院，地址：成都市武侯区人民南路88号，接诊时间8:00-17:00，咨询电话：028-86661234。（川）医广【2024】第05-12-001号", "compliant_ad"),
    ("感冒灵颗粒，国药准字Z44021940，功能主治详见说明书。请按药品说明书或者在药师指导下购买和使用。", "compliant_ad"),
    ("蓝帽子保健食品，保健功能：增强免疫力。保健食品不是药物，不能代替药物治疗疾病。本品不能代替药物。", "compliant_ad"),
    ("家用血压计，国械注准20212070001，请仔细阅读产品说明书或者在医务人员的指导下购买和使用。", "compliant_ad"),
    ("招商加盟：投资有风险，加盟需谨慎，具体政策以合同为准。", "compliant_ad"),
    ("课程共48课时，由持证教师授课，学习效果因人而异。", "compliant_ad"),
    ("本店新品上市，保湿补水，适合干性肌肤，欢迎选购。", "compliant_ad"),
    ("这是我第一次来成都，感觉非常好。", "everyday"),
    ("饭后最好不要马上洗澡。", "everyday"),
    ("今年第一季度全市GDP同比增长5.2%。", "everyday"),
    ("第一时间联系客服处理售后问题。", "everyday"),
    ("这部治愈系电影让人心情很好。", "homograph"),
    ("本品有效期至2026年10月，请在有效期内使用。", "homograph"),
    ("维生素C是这款精华的有效成分之一。", "homograph"),
    ("儿童安全座椅一定要正确安装。", "homograph"),
    ("食品安全关系千家万户。", "homograph"),
    ("最高人民法院发布了指导性案例。", "homograph"),
    ("成都市第一人民医院心内科今天开展义诊。", "homograph"),
    ("他是我们班最高的同学。", "everyday"),
    ("最近天气转凉，注意保暖。", "everyday"),
    ("这家店的火锅是我吃过最好吃的之一，下次还来。", "everyday"),
    ("医生说他的病已经治愈了，下周可以出院。", "everyday"),
    ("这个方法很有效，我们小组的效率提高了。", "everyday"),
    ("蜀锦织造技艺被列入国家级非物质文化遗产名录。", "homograph"),
    ("坚持顾客第一、服务至上的经营理念。", "everyday"),
    ("最佳赏味期为开封后三天。", "everyday"),
    ("我们致力于成为行业领先的物流服务商。", "everyday"),
    ("专家建议，成年人每天饮水1500至1700毫升。", "health_knowledge"),
    ("健康科普：高血压患者应遵医嘱服药，定期监测血压，不要自行停药。", "health_knowledge"),
    ("养生小知识：秋冬季节注意保暖，适当运动，保证睡眠。", "health_knowledge"),
    ("医院提醒：术后请按时复查，如有不适及时就医。", "health_knowledge"),
    ("患者应当遵医嘱按疗程服药。", "health_knowledge"),
    ("尊重患者隐私是医务人员的基本职业道德。", "everyday"),
    ("据报道，今年春运客流同比增长12%。", "news"),
    ("本报讯（记者 张华）市卫健委今天召开新闻发布会，通报今年医疗服务质量情况。", "news"),
    ("记者从教育考试院获悉，今年高考报名人数再创新高。", "news"),
    ("该基金过往业绩不代表未来表现，投资需谨慎。", "finance_news"),
    ("专家提醒：宣称“稳赚不赔”的理财产品多为骗局，请勿轻信。", "warning_notice"),
    ("警惕！所谓“三个疗程根治”的广告都是虚假宣传。", "warning_notice"),
    ("消费者协会提醒：不要相信号称“包治百病”的保健品。", "warning_notice"),
    ("谨防“保过班”“包拿证”等培训骗局。", "warning_notice"),
    ("出行必备：雨伞、充电宝和身份证。", "everyday"),
    ("本店支持扫码购买，欢迎选购文具。", "everyday"),
    ("比昨天冷了一些，出门记得加衣服。", "everyday"),
    ("这款手机在年轻人中很热销。", "everyday"),
    ("商场周末抢购的人很多。", "everyday"),
    ("他在部队服役了五年，退役后回乡创业。", "everyday"),
    ("武警官兵参加抗洪抢险。", "news"),
    ("理性医美，量力而行，选择正规医疗机构。", "compliant_ad"),
    ("自信来自内心，美丽由你定义。", "everyday"),
    ("这家餐厅男女老少都爱来。", "everyday"),
    ("学校举办了一场健康讲座，讲解饮食营养知识。", "health_knowledge"),
    ("术后需遵医嘱护理，效果因人而异。", "compliant_ad"),
    ("使用前请仔细阅读说明书。", "compliant_ad"),
    ("治疗前请告知医生过敏史。", "health_knowledge"),
    ("这首歌让我无痛入睡。", "everyday"),
    ("今天的会议取得了圆满成功，成功率很高的方案得到采纳。", "everyday"),
    ("本次考试通过率较往年有所提高。", "news"),
    ("该项目投资回报周期较长，存在一定风险。", "finance_news"),
    ("医院应当依法取得《医疗广告审查证明》后方可发布医疗广告。", "regulation"),
    ("互联网广告应当具有可识别性，能够使消费者辨明其为广告。", "regulation"),
    ("直播营销人员以自己的名义或者形象对商品作推荐、证明的，依法承担广告代言人的责任。", "regulation"),
    ("“最”字不是绝对不能用，要看是否指向商品性能、是否误导消费者。", "regulation"),
    ("本案中，当事人宣称其产品“无毒副作用”，涉嫌违反三品一械广告审查管理暂行办法，市场监管局责令整改。", "enforcement"),
    ("通报显示，某培训机构发布“不过全额退费”广告，被依法查处。", "enforcement"),
    ("违法广告典型案例：某公司宣传投资“零风险、保收益”，被罚款20万元。", "enforcement"),
    ("法院审理查明，被告在广告中使用了“国家级”等用语，构成虚假宣传。", "court"),
    ("判决书认定，涉案广告宣称“治愈率95%”缺乏依据。", "court"),
    ("今年一季度，全省药品抽检合格率为99.1%。", "news"),
    ("手机电池有效容量为4500毫安时。", "homograph"),
    ("本次活动有效时间为11月1日至11月30日。", "homograph"),
    ("安全出口请保持畅通。", "homograph"),
    ("他获得了最佳新人奖。", "everyday"),
    ("这是本品牌迄今最轻的一代笔记本。", "everyday"),
    ("一级能效空调更省电。", "everyday"),
    ("本市首家24小时图书馆开业。", "news"),
    ("故宫博物院展出清代宫廷药具。", "homograph"),
    ("物流园区新建了一座货物转运中心。", "homograph"),
    ("学生们利用暑假参加社会实践。", "everyday"),
    ("家长会上，老师请爸妈们多陪伴孩子。", "everyday"),
    ("好评率98.6%（数据来源：平台2024年度报告）。", "compliant_ad"),
    ("专利号ZL202110234567.8（发明专利），专利技术生产。", "compliant_ad"),
    ("网信办提醒：警惕“手机已中毒”类虚假弹窗广告。", "warning_notice"),
    ("恭喜你顺利通过考试！", "everyday"),
]

PREFIXES_V = ["", "【直播间】主播：", "朋友圈广告：", "公众号推文：", "短视频字幕：", "户外海报文案："]
PREFIXES_N = ["", "新闻摘录：", "评论区：", "文章节选："]


def main():
    rng = random.Random(20261122)
    records = []
    n = 0
    for rep in range(2):
        for text, cats in VIOLATIONS:
            prefix = rng.choice(PREFIXES_V) if rep else ""
            n += 1
            records.append({"id": "v%03d" % n, "text": prefix + text, "label": "violation", "categories": cats})
    n = 0
    for rep in range(2):
        for text, kind in NEGATIVES:
            prefix = rng.choice(PREFIXES_N) if rep else ""
            n += 1
            records.append({"id": "n%03d" % n, "text": prefix + text, "label": "clean", "categories": [], "kind": kind})
    for i, (text, cats) in enumerate(HELDOUT_VIOLATIONS):
        records.append({"id": "hv%03d" % (i + 1), "text": text, "label": "violation", "categories": cats, "kind": "heldout"})
    for i, (text, kind) in enumerate(HELDOUT_NEGATIVES):
        records.append({"id": "hn%03d" % (i + 1), "text": text, "label": "clean", "categories": [], "kind": "heldout-" + kind})
    for i, (text, cats) in enumerate(HELDOUT2_VIOLATIONS):
        records.append({"id": "hw%03d" % (i + 1), "text": text, "label": "violation", "categories": cats, "kind": "heldout2"})
    for i, (text, kind) in enumerate(HELDOUT2_NEGATIVES):
        records.append({"id": "hx%03d" % (i + 1), "text": text, "label": "clean", "categories": [], "kind": "heldout2-" + kind})
    for f in sorted(glob.glob(os.path.join(SEEDS, '*.txt'))):
        with open(f, encoding='utf-8') as fh:
            records.append({"id": "seed-" + os.path.basename(f), "text": fh.read(), "label": "clean", "categories": [],
                            "kind": "crawled_news"})
    with open(os.path.join(HERE, 'labelled.jsonl'), 'w', encoding='utf-8') as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    v = sum(1 for r in records if r["label"] == "violation")
    print("records=%d violations=%d clean=%d" % (len(records), v, len(records) - v))


if __name__ == '__main__':
    main()
