# livestream: host lines, pinned room text, colloquial. Violations and clean host lines.
V = "violation"
C = "clean"
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
    dict(label=V, categories=[NM, TE, CO], text="家人们看过来，这个桑葚黑枸杞原浆，我妈喝了俩月，xue糖稳稳的，降t药都不用吃了，扣1的宝宝我给你们申请福利价！"),
    dict(label=V, categories=[NM, EG], text="宝宝们别划走，这款益生菌，便秘三天就通，肠炎反反复复的吃一盒zhi好，没效果来找我，我直接给你退！"),
    dict(label=V, categories=[NM, EG], text="公屏扣“想要”，这个艾草足贴，贴一晚上湿气全排出来，风湿关节疼的老人贴一周就能下地走。"),
    dict(label=V, categories=[NM, TE], text="我跟你們說，我自己就是高血y，吃了這個芹菜籽片半年，現在天天正常，醫生都問我吃的啥。"),
    dict(label=V, categories=[AA, TE], text="姐妹们，脸大显老真的会被嫌弃的，我闺蜜相亲就被说脸像大饼，做完这个溶脂套餐下颌线出来了，对象当场就定了，今天直播间立减2000。"),
    dict(label=V, categories=[AA, CO, EG, AB], text="这个超声炮，一次顶你去做十次射频，效果保两年，脸一垮老公都不爱看你，全网最低价就在今晚，手慢无！"),
    dict(label=V, categories=[FA, NM, EG], text="别等了家人们，颈椎病拖下去压迫神经，瘫在床上谁伺候你？这个颈椎理疗枕现在下单，睡一个月骨刺都软化了。"),
    dict(label=V, categories=[FA, NM, EG], text="孩子个子矮，错过骨骺线闭合就一辈子矮了！这款增高固体饮料，喝三个月长5公分，不长退款，3号链接。"),
    dict(label=V, categories=[AB, CO, NM], text="上链接上链接！全网唯一一家做小分子肽的，比那些大牌吸收高十倍，术后伤口、糖尿病足吃了都好得特别快。"),
    dict(label=V, categories=[TE, NM], text="王教授今天在我们直播间坐镇，他说了，这个灵芝孢子粉对放化疗后的病人特别好，好多病人吃了指标都正常了。"),
    dict(label=V, categories=[NM, EG, TE], text="有没有乳腺结节的姐妹？这个蒲公英茶每天一杯，结节一个月变小，我后台好多粉丝反馈都消了，放心拍。"),
    dict(label=V, categories=[CR, NM, TE, EG], text="十个来买的里面有八个回购，都说喝了尿酸降了，痛风再也没犯过，就这个玉米须菊苣茶，2号链接"),
    dict(label=V, categories=[IV], text="老铁们，跟着我们团队做这个数字藏品，每天稳定收益千分之五，本金随时能退，零风险，进群的扣666。"),
    dict(label=V, categories=[ED], text="直播间报名的考证班，今晚下单送题库，保证一次过，过不了补考费我们出，学费还全退。"),
    dict(label=V, categories=[NM, TE, CO, EG], text="看我手上这个磁疗手环，戴上以后失眠、头晕、手脚麻全没了，我爸戴了半年，心脏支架都不用放了。"),
    dict(label=V, categories=[AA], text="女孩子牙不齊真的很減分，面試官看你一眼就不想要了，隱形矯正今天直播間三千八全包。"),
    dict(label=V, categories=[NM, EG], text="这款祛斑霜，老年斑黄褐斑三天淡，七天斑点全掉，不掉我直播间赔你十倍！"),
    dict(label=V, categories=[NM, TE], text="宝宝们我不吹，我们家这个阿胶糕，宫寒不孕的吃了好几个都怀上了，公屏问的那个姐妹，放心拍。"),
    dict(label=V, categories=[CR, TE, EG], text="我是咱们医馆的中医主任，这个膏方三高人群吃了指标都能降，有效率百分之九十二，不信你去问我们的老病号。"),
    dict(label=V, categories=[AA], text="双眼皮哪有不做的道理，眼睛小的女生在公司永远是透明人，领导都记不住你，今天下单送开眼角。"),
    dict(label=V, categories=[IV, CO], text="直播间专属的养老理财，保本，年化8个点，到期一分不少，比存银行强多了，阿姨们扣1我让助理拉群。"),
    dict(label=V, categories=[NM, EG, CO], text="扣个1我给你们看后台，降z的这款红曲米茶，一个星期血脂就下来了，不用再去医院开他汀了。"),
    dict(label=V, categories=[FA, NM, EG], text="你现在不管你的胃，明年就是胃癌，我见得太多了！这个猴头菇养胃粉，吃三盒胃炎就好了。"),
    dict(label=V, categories=[AB, EG, TE], text="宝子们，这台家用制氧机全国销量第一，脑梗后遗症的老人天天吸，我们有个粉丝的老爷子说话都利索了。"),
    dict(label=V, categories=[ED, FA], text="宝妈们听我说，小学奥数不打好，初中直接跟不上，我们这个课程包进重点班，进不了退一半学费。"),
    dict(label=V, categories=[AA, CR], text="植发这事越早越好，等你秃了女朋友都跑了，今天来我们机构，毛囊存活率98%，公屏扣“植发”。"),
    dict(label=V, categories=[NM, TE], text="上链接之前说一句，这个银杏叶片是食品不是药，但是老年痴呆前期的老人吃了记性明显好转，我姥姥就是例子。"),
    dict(label=V, categories=[NM, EG, CO], text="家人们，这个鱼腥草喷雾是消字号，但是可以当药用，幽门螺杆菌、咽炎一喷就好，比抗生素安全多了。"),
    # clean host lines
    dict(label=C, categories=[], text="家人们这款燕麦片就是普通早餐，冲牛奶口感很好，没有什么治病功效啊，有血糖问题的请遵医嘱，别听别人说能降糖。"),
    dict(label=C, categories=[], text="扣1的宝宝我看到了，这件羊毛衫是95%绵羊毛，机洗要用羊毛模式，尺码偏大一码，上链接。"),
    dict(label=C, categories=[], text="有宝宝问这个鱼油能不能替代降脂药，我直接说不能，它就是普通食品，吃药的继续吃药，有问题问你的医生。"),
    dict(label=C, categories=[], text="公屏好多问能不能治失眠的，我们这个是枕头，不是医疗器械，只能说睡着舒服一点，真失眠去医院看。"),
    dict(label=C, categories=[], text="今天这个红枣夹核桃，新疆若羌的枣，一箱两斤半，拍两箱包邮，坚果过敏的宝宝慎拍哈。"),
    dict(label=C, categories=[], text="宝宝们，我们直播间不卖药也不讲疗效，就是家常的小米和杂粮，收到货认准包装上的生产日期"),
    dict(label=C, categories=[], text="刚才有人问做完医美能不能保证效果，我们主播不做任何承诺，具体项目请到有资质的医疗机构面诊，听医生的。"),
    dict(label=C, categories=[], text="这款保温杯304不锈钢，保温6小时左右，冬天放车里掉温快一点，实话实说，需要的扣1。"),
]
