import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanModel
import XCTest

final class EngineTests: XCTestCase {
    func findings(_ s: String) -> [Finding] {
        TestSupport.scanner.scan(s).findings
    }

    func testIssueExampleReportsOriginalOffsets() {
        let text = "本院治愈率高达98%，三个疗程根治"
        let f = findings(text)
        XCTAssertEqual(f.map(\.ruleID), ["AL-16-2", "AL-16-1"])
        let bytes = Array(text.utf8)
        for x in f {
            XCTAssertEqual(String(decoding: bytes[x.start..<x.end], as: UTF8.self), x.match)
            XCTAssertEqual(Array(text.unicodeScalars)[x.charStart..<x.charEnd].map(String.init).joined(), x.match)
        }
        XCTAssertEqual(f[0].match, "治愈率高达98%")
        XCTAssertEqual(f[0].charStart, 2)
        XCTAssertEqual(f[1].match, "三个疗程根治")
    }

    func testTraditionalAndFullWidthVariantFiresWithOriginalOffsets() {
        let text = "廣告：本院治癒率高達９８％！"
        let f = findings(text)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].ruleID, "AL-16-2")
        XCTAssertEqual(f[0].match, "治癒率高達９８％", "the match is the ORIGINAL text")
        let bytes = Array(text.utf8)
        XCTAssertEqual(String(decoding: bytes[f[0].start..<f[0].end], as: UTF8.self), "治癒率高達９８％")
        XCTAssertEqual(f[0].charStart, 5)
        XCTAssertEqual(f[0].charEnd, 13)
        XCTAssertEqual(Set(f[0].via), ["traditional", "fullwidth"])
    }

    func testLineAndColumnInMultiLineRecord() {
        let f = findings("第一行正常\n第二行：三个疗程根治")
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].line, 2)
        XCTAssertEqual(f[0].column, 5)
    }

    /// Line, column and character offsets against a count over the String, on records where
    /// newlines, ASCII and Chinese fall at every position of the eight-byte words counted at once.
    func testLineColumnAndCharOffsetsOnMixedMultiLineText() {
        var rng = SplitMix(seed: 5)
        let pieces = ["\n", "a", "12", "普通", "文字", "\n\n", "é", " ", "。"]
        for round in 0..<60 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            text += "三个疗程根治"
            for _ in 0..<Int(rng.next() % 10) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            // (the frame's finding; the claim model may read the same words as another family)
            let f = findings(text).filter { $0.match == "三个疗程根治" && !$0.ruleID.hasPrefix("MDL-") }
            XCTAssertEqual(f.count, 1, "round \(round)")
            guard let x = f.first else { continue }
            let before = Array(text.unicodeScalars)[..<x.charStart]
            XCTAssertEqual(Array(text.utf8)[..<x.start].count, String(String.UnicodeScalarView(before)).utf8.count)
            XCTAssertEqual(x.line, 1 + before.filter { $0 == "\n" }.count, "round \(round)")
            XCTAssertEqual(x.column, before.count - (before.lastIndex(of: "\n").map { $0 + 1 } ?? 0) + 1, "round \(round)")
        }
    }

    /// The context of a finding is whole characters of the record with line breaks and tabs made
    /// spaces; near invalid bytes it is repaired to U+FFFD (a report never carries invalid UTF-8).
    func testContextIsValidTextAroundTheMatch() {
        let scanner = TestSupport.scanner
        for bad in [false, true] {
            let bytes = Array("前文\t说明\n本院".utf8) + (bad ? [0xFF, 0xC3] : []) + Array("三个疗程根治\r\n后文".utf8)
            let out = bytes.withUnsafeBufferPointer { scanner.scan($0, scratch: Scratch()) }
            let f = out.findings.first { $0.match == "三个疗程根治" }
            XCTAssertNotNil(f)
            XCTAssertNotNil(f.flatMap { String(validating: $0.contextUTF8, as: UTF8.self) }, "valid UTF-8")
            XCTAssertEqual(f?.context, bad ? "前文 说明 本院\u{FFFD}\u{FFFD}三个疗程根治  后文" : "前文 说明 本院三个疗程根治  后文")
        }
    }

    func testLongestOverlapWinsWithinARule() {
        let f = findings("全国第一品牌")
        XCTAssertEqual(f.filter { $0.ruleID == "AL-9-3.rank" }.map(\.match), ["全国第一品牌"])
    }

    func testRulesDoNotMatchAcrossSentences() {
        // (the claim model reads each sentence on its own: its findings are not frames)
        XCTAssertEqual(findings("他的治愈率。98%的人不知道").map(\.ruleID).filter { !$0.hasPrefix("MDL-") }, [])
    }

    func testRegulatorNoticeIsSuppressedButExplained() {
        let notice = "经查，当事人在其网站发布“治愈率高达98%”等内容，违反了《广告法》第十六条，市场监管局责令其停止发布并处罚款。"
        let f = findings(notice)
        XCTAssertFalse(f.isEmpty)
        XCTAssertTrue(f.allSatisfy { $0.suppressedBy != nil }, "\(f)")
        // without the quotation frame, the document-level gate still recognises the notice
        let unquoted = findings("经查，当事人在网站宣称本院治愈率高达98%，市场监管局责令其停止发布并处罚款。")
        XCTAssertFalse(unquoted.isEmpty)
        XCTAssertTrue(unquoted.allSatisfy { $0.suppressedBy != nil }, "\(unquoted)")
    }

    func testProhibitionFrameSuppressesButNegationDoesNot() {
        let ban = findings("医疗广告不得含有保证治愈、治愈率的内容")
        XCTAssertTrue(ban.allSatisfy { $0.suppressedBy != nil })
        let claim = findings("不敢说100%有效，但99%都好了")
        XCTAssertTrue(claim.contains { $0.ruleID == "AL-16-2" && $0.suppressedBy == nil })
    }

    /// Clause markers come from the same prefilter pass as the claims, so a disguised frame is seen
    /// through like a disguised claim (the gate used to fold the original clause, gloss and all).
    func testDisguisedProhibitionFrameStillSuppresses() {
        for text in ["嚴(yán)禁發布三個療程根(gēn)治的廣告", "严*禁发布三个疗程根治的广告", "嚴禁發布三個療程根治的廣告"] {
            let f = findings(text)
            XCTAssertEqual(f.map(\.ruleID), ["AL-16-1"], text)
            XCTAssertEqual(f.first?.suppressedBy, "prohibition_frame: 严禁", text)
        }
        // the frame must be in the claim's clause (this two-sentence record may still read as a
        // notice to the genre model: what matters is that the frame is not what suppresses it)
        let other = findings("严禁虚假宣传。三个疗程根治")
        XCTAssertEqual(other.map(\.ruleID), ["AL-16-1"])
        XCTAssertFalse(other.first?.suppressedBy?.hasPrefix("prohibition_frame") ?? false)
        XCTAssertNil(findings("本店严禁吸烟。三个疗程根治").first?.suppressedBy, "an ad with a house rule keeps its claim")
    }

    func testMandatedStatementNeverFires() {
        let f = findings("请在医生或者临床营养师指导下使用。本品不能代替药物。")
        XCTAssertTrue(f.allSatisfy { $0.suppressedBy != nil }, "\(f)")
    }

    func testSeedPagesProduceNoActiveFindings() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestSupport.seeds).filter { $0.hasSuffix(".txt") }
        XCTAssertEqual(files.count, 5)
        for name in files {
            let text = try String(contentsOfFile: TestSupport.seeds + "/" + name, encoding: .utf8)
            let active = findings(text).filter { $0.suppressedBy == nil && $0.severity >= .warning }
            XCTAssertEqual(active.map { "\($0.ruleID) «\($0.match)»" }, [], name)
        }
    }

    func testDisguisedNewsAdNeedsBothNewsFormatAndContact() {
        let ad = "本报讯（记者 王明）某医院引进德国设备。预约电话：028-86661234"
        let f = findings(ad).filter { $0.ruleID == "AL-14-P2" }
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].match, "本报讯")
        XCTAssertEqual(f[0].evidence.map(\.role), ["promotion", "operator_contact"])
        XCTAssertTrue(findings("本报讯（记者 王明）今年春运客流同比增长。").filter { $0.ruleID == "AL-14-P2" }.isEmpty)
        // genuine news that prints a public hotline promotes nothing: not a disguised ad
        let screening = "本报讯 近日，市疾控中心开展免费肺癌筛查，符合条件的市民可拨打预约电话：028-12345678。"
        XCTAssertTrue(findings(screening).filter { $0.ruleID == "AL-14-P2" }.isEmpty)
    }

    func testManyFindingsAreCappedAndMarkedTruncated() {
        var scanner = TestSupport.scanner
        scanner.gate.maxFindings = 10
        let text = String(repeating: "根治！", count: 50)
        let out = scanner.scan(text)
        XCTAssertEqual(out.findings.count, 10)
        XCTAssertTrue(out.truncated)
    }
}

final class AdClassTests: XCTestCase {
    func scan(_ s: String) -> AdscanEngine.RecordScanner.Output { TestSupport.scanner.scan(s) }
    /// The page-level disguised-ad finding (AL-14) of a record, suppressed or not.
    func disguisedAd(_ s: String) -> Finding? { scan(s).findings.first { $0.ruleID == "AL-14" } }
    /// The same finding where no gate suppressed it.
    func activeDisguisedAd(_ s: String) -> Finding? { scan(s).findings.first { $0.ruleID == "AL-14" && $0.suppressedBy == nil } }
    /// The genre a record is read as, for a failure's message.
    func genreRead(_ s: String) -> String { scan(s).genre.map { "\($0.id) \($0.confidence)" } ?? "-" }

    func testSameClaimCitesTheArticleOfItsAdClass() {
        let hospital = scan("华美医疗美容医院专家坐诊，三个疗程根治痤疮，到院咨询")
        XCTAssertEqual(hospital.adClasses.first, "medical")
        XCTAssertEqual(hospital.findings.first { $0.ruleID == "AL-16-1" }?.law, "《中华人民共和国广告法》第十六条第一款第（一）项")
        let healthFood = scan("蓝帽子保健食品，国食健字认证，三个疗程根治失眠，扫码下单，限时优惠。本品不能代替药物。")
        XCTAssertTrue(healthFood.adClasses.contains("health_food"), "\(healthFood.adClasses)")
        XCTAssertEqual(healthFood.findings.first { $0.ruleID == "AL-16-1" }?.law, "《中华人民共和国广告法》第十八条第一款第（一）项")
    }

    func testRequiredContentFiresOnlyForConfidentCommercialAds() {
        let ad = scan("华美医疗美容医院双眼皮手术限时特价，咨询热线：028-86661234，欢迎到院")
        XCTAssertEqual(ad.findings.filter { $0.ruleID == "MAM-14" }.count, 1)
        let withNumber = scan("华美医疗美容医院双眼皮手术限时特价，咨询热线：028-86661234，欢迎到院。（川）医广【2024】第05-12-001号")
        XCTAssertTrue(withNumber.findings.filter { $0.ruleID == "MAM-14" }.isEmpty)
        let news = scan("市第一人民医院今天开展义诊，专家坐诊，为患者免费测血压。")
        XCTAssertTrue(news.findings.filter { $0.ruleID == "MAM-14" }.isEmpty, "not a commercial ad")
    }

    /// A page that names public hospitals only reports what they did (news, a ranking): its claims
    /// stay findings but no `error`, and the finding says why; a private provider keeps the error.
    func testAnErrorOnAPublicHospitalsPageIsAWarning() {
        let publicPage = scan("市第一人民医院眼科治愈率高达98%，欢迎预约").findings.first { $0.ruleID == "AL-16-2" }
        XCTAssertEqual(publicPage?.severity, .warning)
        XCTAssertEqual(publicPage?.downgradedBy, "public_institution: 市第一人民医院 (no private provider named)")
        let privatePage = scan("康美眼科医院治愈率高达98%，欢迎预约").findings.first { $0.ruleID == "AL-16-2" }
        XCTAssertEqual(privatePage?.severity, .error)
        XCTAssertNil(privatePage?.downgradedBy)
    }

    /// A page about public hospitals only that reads as news (a reporter, a dateline) reports what
    /// they did: its claims are the report, not copy. The same claim as a slogan, on a page that
    /// names a private provider, or one that names a doctor's former post at a public hospital
    /// (an advertorial's credential) stays a finding.
    func testAPublicHospitalsNewsPageReportsItsClaims() {
        let story = "近日，市第一人民医院骨科病房里，一位七十岁的老人拉着医生的手连声道谢。据介绍，老人因股骨颈骨折入院，手术后第三天便可下床行走，困扰多年的病痛终于解除。记者了解到，该科今年已完成同类手术两百余例，患者满意度持续提升。"
        let page = scan(story)
        XCTAssertFalse(page.findings.isEmpty, "the story carries claims to judge")
        let why = page.findings.map { ($0.ruleID, $0.suppressedBy ?? "-") }
        XCTAssertTrue(page.findings.allSatisfy { $0.suppressedBy != nil }, "\(why)")
        // read as news (记者了解到, 近日), the claim is the report's: withdrawn as the public hospital's
        // news or, inside 据介绍's sentence, as reported speech
        XCTAssertTrue(page.findings.contains { $0.ruleID == "CLM-TIME" && ($0.suppressedBy?.hasPrefix("public_institution_news: 市第一人民医院") == true
            || $0.suppressedBy?.hasPrefix("reported_speech:") == true) }, "\(why)")
        let slogan = scan("市第一人民医院骨科，手术后第三天便可下床行走")
        XCTAssertTrue(slogan.findings.contains { $0.suppressedBy == nil }, "a slogan is no news page")
        // (a private provider's page in the advertorial's own voice: no reporter narrates it; one who
        // does, 记者了解到, makes the page read as news, as real news pages are — rc19 tune half)
        let privatePage = scan(story.replacingOccurrences(of: "市第一人民医院", with: "康和骨科医院")
            .replacingOccurrences(of: "记者了解到", with: "目前"))
        XCTAssertTrue(privatePage.findings.contains { $0.suppressedBy == nil }, "a private provider's page")
        // (an advertorial carries no reporter: rc18, 1 of 20 real advertorials has 记者)
        let credential = scan(story.replacingOccurrences(of: "记者了解到", with: "坐诊专家为原市第一人民医院骨科主任，"))
        XCTAssertTrue(credential.findings.contains { $0.suppressedBy == nil }, "a former post is a credential")
    }

    /// A science piece that names one private provider again and again is that provider's page,
    /// claims or none; the same piece naming no one, or a public hospital, is science.
    func testAScienceFormPageNamingAPrivateProviderIsADisguisedAd() {
        let piece = "便血要紧吗?很多人认为便血没有必要治疗,可以自己好。安和肛肠医院专家提醒,便血可能是多种肛肠疾病的信号,一般需要及时检查,明确原因。"
            + "专家建议,平时要多喝水,多吃蔬菜,避免久坐,养成定时排便的习惯。如果便血反复出现,建议到安和肛肠医院肛肠科进行检查,遵医嘱处理。"
        let page = disguisedAd(piece)
        XCTAssertNotNil(page, genreRead(piece))
        XCTAssertNil(page?.suppressedBy)
        XCTAssertTrue(page?.parts.contains { $0.role == "promoted" && $0.text.hasPrefix("安和肛肠医院") } == true)
        let anonymous = piece.replacingOccurrences(of: "安和肛肠医院", with: "医院")
        XCTAssertNil(activeDisguisedAd(anonymous))
        let publicPiece = piece.replacingOccurrences(of: "安和肛肠医院", with: "市第一人民医院")
        XCTAssertNil(activeDisguisedAd(publicPiece))
    }

    /// A page whose health advice is given by a private provider's doctor, the provider named once,
    /// is that provider's column; a public hospital's doctor giving the same advice is quoted
    /// science, and a crowd (各大医院的医生) is no provider.
    func testAPrivateProvidersDoctorAdvisingIsADisguisedAd() {
        let piece = "坐久了肛门坠胀是怎么回事?不少上班族都有这样的困扰。康泰肛肠医院的专家介绍,久坐会让肛周血液回流不畅,"
            + "时间长了容易诱发痔疮。平时要多起身活动,多喝水,少吃辛辣,排便时不要久蹲,出现便血要及时检查。"
        let page = disguisedAd(piece)
        XCTAssertNotNil(page, genreRead(piece))
        XCTAssertNil(page?.suppressedBy)
        XCTAssertTrue(page?.evidence.contains { $0.role == "form" && $0.match.contains("康泰肛肠医院") } == true)
        let publicPiece = piece.replacingOccurrences(of: "康泰肛肠医院", with: "市第一人民医院肛肠科")
        XCTAssertNil(activeDisguisedAd(publicPiece))
        let crowd = piece.replacingOccurrences(of: "康泰肛肠医院的专家介绍", with: "各大医院的医生都提醒")
        XCTAssertNil(activeDisguisedAd(crowd))
    }

    /// A health piece that opens by recommending a private provider is that provider's page from
    /// its one mention; the same piece without the recommendation is not.
    func testAHealthPieceRecommendingAPrivateProviderIsADisguisedAd() {
        let piece = "哪里看慢性咽炎好?推荐南城丰和耳鼻喉科医院。慢性咽炎是常见病,表现为咽部异物感、干痒、刺激性咳嗽,"
            + "多与反复感冒、用嗓过度、烟酒刺激和胃酸反流有关。平时要少吃辛辣,戒烟限酒,多喝温水,避免长时间大声说话,"
            + "症状持续不缓解时应及时就诊,查明原因后规范用药,不要自行长期服用抗生素。"
        let page = disguisedAd(piece)
        XCTAssertNotNil(page, genreRead(piece))
        XCTAssertNil(page?.suppressedBy)
        let plain = piece.replacingOccurrences(of: "推荐南城丰和耳鼻喉科医院。", with: "")
        XCTAssertNil(activeDisguisedAd(plain))
    }

    /// A page under a news outlet's byline is reported journalism: its disguised-ad reading is
    /// withdrawn and says why; the same story without the byline, or naming an outlet elsewhere
    /// (央视《焦点访谈》 in the text), is still read as an advertorial.
    func testAPressBylineWithdrawsTheAdvertorialReading() {
        let story = "多年胃病一朝摆脱 她终于笑了\n家住城东的刘女士今年五十二岁，被胃病困扰了十多年，辗转多家医院，吃了无数的药始终不见好。去年经朋友介绍，她抱着试试看的心态来到本市康和中医医院，接诊的王主任采用独家研发的调胃疗法，三个疗程后刘女士的胃痛彻底消失。“真没想到还能吃上一碗辣面。”刘女士激动地说。据了解，康和中医医院引进多项专利技术，专家团队坐诊，已帮助上千名患者重获健康。咨询预约请拨打医院热线。"
        let bare = scan(story).findings.first { $0.ruleID == "AL-14" }
        XCTAssertNotNil(bare)
        XCTAssertNil(bare?.suppressedBy)
        let bylined = scan("來源：環球網　" + story).findings.first { $0.ruleID == "AL-14" }
        XCTAssertEqual(bylined?.suppressedBy, "press_byline: 来源:环球网 (a news outlet's byline)")
        let mentioned = scan("央视《焦点访谈》播出后，" + story).findings.first { $0.ruleID == "AL-14" }
        XCTAssertNotNil(mentioned)
        XCTAssertNil(mentioned?.suppressedBy)
    }

    /// A portal prints its byline above paid stories too: a bylined page that names one private
    /// provider three times and gives its hotline is that provider's story, and keeps its reading.
    func testABylinedStoryNamingAPrivateProviderWithItsHotlineStaysAnAdvertorial() {
        let story = "多年胃病一朝摆脱 她终于笑了\n家住城东的刘女士今年五十二岁，被胃病困扰了十多年，辗转多家医院，吃了无数的药始终不见好。去年经朋友介绍，她抱着试试看的心态来到康和中医医院，接诊的王主任采用独家研发的调胃疗法，三个疗程后刘女士的胃痛彻底消失。“真没想到还能吃上一碗辣面。”刘女士激动地说。据了解，康和中医医院引进多项专利技术，专家团队坐诊，已帮助上千名患者重获健康。康和中医医院咨询预约请拨打医院热线。"
        let page = scan("本报讯（记者 李华）" + story).findings.first { $0.ruleID == "AL-14" }
        XCTAssertNotNil(page)
        XCTAssertNil(page?.suppressedBy)
        // named twice, the byline still tells of journalism
        let twice = story.replacingOccurrences(of: "康和中医医院咨询预约", with: "咨询预约")
        XCTAssertEqual(scan("本报讯（记者 李华）" + twice).findings.first { $0.ruleID == "AL-14" }?.suppressedBy?.hasPrefix("press_byline"), true)
    }

    /// A hospital's service notice (booking rules, a holiday timetable) speaks of itself as 本院 and
    /// 我院 and reads like copy to the genre model; its forms (号源, 取号, 停诊) make it a notice.
    func testAHospitalServiceNoticeIsNoAdvertorial() {
        let notice = "预约挂号须知\n一、本院实行实名制预约挂号,号源每天上午八点更新。\n二、请于就诊当日持医保卡到挂号窗口或自助机取号,逾时视为爽约。\n三、春节期间部分专科门诊停诊,急诊照常。\n四、我院已开通多种预约渠道,请勿重复预约。"
        XCTAssertTrue(scan(notice).findings.allSatisfy { $0.suppressedBy != nil || $0.severity == .info },
                      "\(scan(notice).findings.map { "\($0.ruleID) \($0.suppressedBy ?? "-")" })")
    }

    /// A hospital's statement that someone used its name for fake ads quotes what they claimed and
    /// speaks of 本院; its words of disowning (骗徒, 伪冒, 报案, 没有任何关系) make it no ad.
    func testAStatementDisowningFakeAdsIsNoAd() {
        let statement = "城南医院今日发布声明,发现有骗徒以本院专家的名义在网上发布伪冒广告,宣传某保健品由本院教授研发推荐,能根治糖尿病。本院已向警方报案。该产品与本院没有任何关系,本院从不会推广任何商业产品。市民如有疑问,请致电本院总机查询。"
        let active = scan(statement).findings.filter { $0.suppressedBy == nil && $0.severity != .info }
        XCTAssertTrue(active.isEmpty, "\(active.map(\.ruleID))")
        // without the disowning words, the same sentences are copy
        let copy = "城南医院专家推荐:某保健品由本院教授研发推荐,能根治糖尿病。市民如有疑问,请致电本院总机查询。"
        XCTAssertFalse(scan(copy).findings.filter { $0.suppressedBy == nil && $0.severity != .info }.isEmpty)
    }

    /// A piece explaining the risks behind a promise (保本理财, 考试保过) or answering a rumour is
    /// no promise: its risk words (任何投资都存在风险, 不保本, 噱头) or its rebuttal (流言, 这种说法,
    /// 未得到证实) withdraw the claims it names; the promise alone is still one.
    func testARiskExplainerAndARumourCheckAreNoClaims() {
        func active(_ t: String) -> [String] { scan(t).findings.filter { $0.suppressedBy == nil && $0.severity != .info }.map(\.ruleID) }
        let promise = "理财产品保本保收益,部分产品到期也可以收回本金。"
        XCTAssertFalse(active(promise).isEmpty)
        let explainer = "任何投资都存在风险。理财产品保本保收益,部分产品并不保本,到期可能损失本金。"
        XCTAssertTrue(active(explainer).isEmpty, "\(active(explainer))")
        let claim = "喝某种富氢水能预防癌症,目前的研究只在实验室阶段。"
        XCTAssertFalse(active(claim).isEmpty)
        let rumour = "流言:" + claim + "真相:这种说法没有得到证实,把它当成防癌的办法是对研究的曲解。"
        XCTAssertTrue(active(rumour).isEmpty, "\(active(rumour))")
    }

    /// A patient's story in a disguise's form that names one private provider three times is that
    /// provider's disguised ad even when no claim pattern fires in it (rc21: 妙手回春, 重获光明).
    func testAStoryNamingAPrivateProviderAgainAndAgainIsADisguisedAd() {
        let story = "近日,家住城西的王阿姨专程来到康明眼科医院,向主刀医生送上一面锦旗。原来,王阿姨多年来视物模糊,辗转求医,去年经邻居介绍来到康明眼科医院就诊。经过详细检查,医生为她制定了个性化的手术方案。术后第二天,王阿姨就惊喜地发现眼前一片明亮。她说:“没想到康明眼科医院让我重新看清了孙子的脸。”"
        let page = scan(story).findings.first { $0.ruleID == "AL-14" }
        XCTAssertNotNil(page)
        XCTAssertNil(page?.suppressedBy, "\(String(describing: page?.suppressedBy))")
        // the same story about a public hospital is its news
        let pub = scan(story.replacingOccurrences(of: "康明眼科医院", with: "市第一人民医院")).findings.first { $0.ruleID == "AL-14" }
        XCTAssertTrue(pub == nil || pub?.suppressedBy != nil)
    }

    /// A page whose claims are all reported (宣称“…”, 号称“…”) tells of an advertorial; it is not
    /// one, however much it reads like the story it retells. One claim in the page's own voice
    /// keeps the page finding.
    func testAPageWhoseClaimsAreAllReportedIsNoDisguisedAd() {
        let story = "多年胃病一朝摆脱 她终于笑了。家住城东的刘女士今年五十二岁，被胃病困扰了十多年，辗转多家医院，吃了无数的药始终不见好。去年经朋友介绍，她抱着试试看的心态来到本市康和中医医院，接诊的王主任采用独家研发的调胃疗法，文章宣称“三个疗程后胃痛彻底消失”。“真没想到还能吃上一碗辣面。”刘女士激动地说。据了解，康和中医医院号称“已帮助上千名患者重获健康”。咨询预约请拨打医院热线。"
        let reported = scan(story).findings.first { $0.ruleID == "AL-14" }
        XCTAssertEqual(reported?.suppressedBy?.hasPrefix("reported_page: all"), true, "\(String(describing: reported?.suppressedBy))")
        let own = scan(story.replacingOccurrences(of: "文章宣称“三个疗程后胃痛彻底消失”", with: "三个疗程后刘女士的胃痛彻底消失"))
            .findings.first { $0.ruleID == "AL-14" }
        XCTAssertNotNil(own)
        XCTAssertNil(own?.suppressedBy)
    }

    /// Evidence words come from the one prefilter; a group with patterns keeps every hit for them
    /// (the matcher used to keep 64): the certificate number after 80 bare mentions of 医广 must
    /// still be seen, and 80 bare mentions alone are no certificate.
    func testRequiredContentLooksPastTheKeptHits() {
        let ad = "华美医疗美容医院双眼皮手术限时特价，咨询热线：028-86661234，欢迎到院。\n"
        let mentions = String(repeating: "医广审批进行中。\n", count: 80)
        let certified = scan(ad + mentions + "（川）医广【2024】第05-12-001号")
        XCTAssertTrue(certified.findings.filter { $0.ruleID == "MAM-14" }.isEmpty)
        let bare = scan(ad + mentions)
        XCTAssertEqual(bare.findings.filter { $0.ruleID == "MAM-14" }.count, 1)
    }
}
