@testable import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanNormalize
import AdscanRules
import XCTest

/// Span-level discourse in the context gate, with a small inline pack: negation scope, a negated
/// harm, the A-not-A question, quoted mentions, and the document genre.
final class DiscourseTests: XCTestCase {
    static let pack = """
        context:
          - id: negation
            scope: negation
            markers: [没有, 不能, 并不]
            promises: [副作用]
          - id: quoted_mention
            scope: mention
            markers: [宣称, 等内容]
        rules:
          - id: T-CURE
            category: efficacy_guarantee
            severity: error
            law: t
            message: t
            terms: [根治颈椎病, 副作用]
            keywords: [能根治]
            patterns: ['(?:能|可以)根治\\S{0,3}']
            examples:
              flag: [根治颈椎病]
              pass: [颈椎]
        """

    /// The pack with one more context entry (before quoted_mention, which stays last).
    static func pack(adding id: String, scope: String, markers: String) -> String {
        pack.replacingOccurrences(of: "  - id: quoted_mention", with: """
              - id: \(id)
                scope: \(scope)
                markers: \(markers)
              - id: quoted_mention
            """)
    }

    /// The pack with one feature entry, rules added before its own, and a genre model (the YAML
    /// under `genre_model:`, and anything after it at the top level).
    static func genrePack(feature id: String, markers: String, rules: String = "", model: String) -> String {
        pack.replacingOccurrences(of: "context:\n", with: """
            context:
              - id: \(id)
                scope: feature
                markers: \(markers)

            """).replacingOccurrences(of: "rules:\n", with: "rules:\n" + rules) + "\ngenre_model:\n" + model
    }

    /// The body of a `genre_model:` with two genres, ad and advertorial, whose advertorial head
    /// reads `weights` (YAML flow-mapping entries); `extra`: more settings, lines of their own.
    static func twoGenreModel(minConfidence: String, weights: String, extra: String = "") -> String {
        """
          cap: 3
          min_confidence: \(minConfidence)
          suppress: []
        \(extra)  genres:
            - id: ad
              bias: 0
              weights: {}
            - id: advertorial
              bias: 0
              weights: {\(weights)}
        """
    }

    func findings(_ text: String, _ yaml: String = pack) throws -> [Finding] {
        RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml"))).scan(text).findings
    }

    func active(_ text: String, _ yaml: String = pack) throws -> [Finding] {
        try findings(text, yaml).filter { $0.suppressedBy == nil }
    }

    func testNegationBeforeTheClaimInItsClauseSuppresses() throws {
        XCTAssertTrue(try active("目前没有药物能根治颈椎病").isEmpty)
        XCTAssertTrue(try active("枕头并不能根治颈椎病").isEmpty)
        // a comma ends the negation's reach
        XCTAssertEqual(try active("没有别的办法，我们能根治颈椎病").count, 1)
        // so does a space between Chinese characters (half-width transcripts), not one in a word
        XCTAssertEqual(try active("我不能说 能根治颈椎病").count, 1)
        XCTAssertTrue(try active("目前没有药物能根治 颈椎病").isEmpty)
        // a negation over the claim's first word: 不能 with the claim 能根治…
        XCTAssertTrue(try active("枕头不能根治颈椎病").isEmpty)
    }

    /// A prohibition or hearsay frame counts before the claim, or inside a match that reaches back
    /// over it to the product, with no clause break after it; 不得 inside 怪不得 or 不得不 frames nothing.
    func testAFrameInsideTheMatchAndWordsWithBuDe() throws {
        let yaml = """
            context:
              - id: frame
                scope: clause_before
                markers: [不得, 详情页写]
            rules:
              - id: T-PROD
                category: non_medical_cure_claim
                severity: error
                law: t
                message: t
                keywords: [枕头]
                patterns: ['枕头\\S{0,16}?根治\\S{0,3}']
                examples:
                  flag: [枕头能根治颈椎病]
                  pass: [枕头]
            """
        XCTAssertEqual(try active("这个枕头能根治颈椎病", yaml).count, 1)
        XCTAssertTrue(try active("这个枕头还行,但详情页写根治颈椎病", yaml).isEmpty, "a frame inside the match, before the claim")
        XCTAssertTrue(try active("枕头广告不得宣称根治颈椎病", yaml).isEmpty)
        XCTAssertEqual(try active("这个枕头不得了,根治颈椎病", yaml).count, 1)
        XCTAssertEqual(try active("不得不说,这个枕头能根治颈椎病", yaml).count, 1)
        XCTAssertEqual(try active("怪不得这个枕头能根治颈椎病", yaml).count, 1)
    }

    func testANegatedHarmIsTheClaimItself() throws {
        XCTAssertEqual(try active("没有副作用").map(\.match), ["副作用"])
        XCTAssertEqual(try active("没有任何副作用").map(\.match), ["副作用"], "任何 may stand between")
        XCTAssertTrue(try active("没有副作用", Self.pack.replacingOccurrences(of: "promises: [副作用]", with: "")).isEmpty,
                      "the promise words are the pack's: without them the negation denies")
    }

    /// An item of an enumeration whose lead-in bans or lists (「不得含有下列情形：…」) is a mention;
    /// a colon without such a lead-in, or a line break before the claim, changes nothing.
    func testAnEnumerationTheLeadInBansIsAMention() throws {
        let pack = Self.pack(adding: "enumeration", scope: "enumeration", markers: "[下列情形, 违禁词]")
        XCTAssertTrue(try active("医疗广告不得含有下列情形：（一）涉及诊疗方法；（二）能根治颈椎病的；", pack).isEmpty)
        XCTAssertTrue(try active("直播违禁词：最好 第一 能根治颈椎病 包好", pack).isEmpty)
        XCTAssertEqual(try active("本院承诺：能根治颈椎病", pack).count, 1)
        XCTAssertEqual(try active("常见违禁词见下\n本品能根治颈椎病", pack).count, 1, "a new line ends the enumeration")
        XCTAssertEqual(try active("医疗广告不得含有下列情形：（一）涉及诊疗方法", pack).count, 0)
        XCTAssertEqual(try active("下列情形见附件。本品能根治颈椎病：见效快", pack).count, 1, "a sentence end before the colon's lead-in")
    }

    /// A superlative among five or more items listed bare over 、 (three of them short words) is a
    /// banned-word list; an ad's own stacked superlatives carry their nouns, and a list of the
    /// diseases an ad treats is not a superlative list.
    func testABareListOfBannedWordsIsAMention() throws {
        let sup = "  - id: T-SUP\n    category: absolute_term\n    severity: error\n    law: t\n    message: t\n"
            + "    terms: [最佳]\n    examples:\n      flag: [最佳]\n      pass: [较好]\n"
        let pack = Self.pack.replacingOccurrences(of: "rules:\n", with: "rules:\n" + sup)
        XCTAssertTrue(try active("新广告法实施后罚款二十万起！如:国家级、世界级、最高级、最佳、最大等均属于极限用语", pack).isEmpty)
        XCTAssertTrue(try active("【最】最、最佳、最具、最爱、最赚、最优", pack).isEmpty)
        let listed = try findings("【最】最、最佳、最具、最爱、最赚、最优", pack)
        XCTAssertEqual(listed.map { $0.suppressedBy?.hasPrefix("term_list") }, [true], "found, and suppressed as a listed term")
        XCTAssertEqual(try active("本店最大客容量、最独特方法、最快的进度、最全服务、最佳位置", pack).count, 1, "items with their nouns")
        XCTAssertEqual(try active("国家级、世界级、最佳", pack).count, 1, "three items are an ad's own run")
        XCTAssertEqual(try active("国家级,世界级,最高级,最佳,最大", pack).count, 1, "a half-width comma separates an ad's clauses")
        XCTAssertEqual(try active("能根治颈椎病、腰突、痔疮、脚气、胃病", pack).count, 1, "a list of diseases treated is a claim")
    }

    /// A clause that ends in a question particle and a question mark asks; a question in another
    /// clause of the sentence leaves the claim standing.
    func testAQuestionAsksItDoesNotClaim() throws {
        let pack = Self.pack(adding: "question", scope: "question", markers: "[吗]")
        XCTAssertTrue(try active("网上说这个枕头能根治颈椎病吗?", pack).isEmpty)
        XCTAssertTrue(try active("它真能根治颈椎病吗？", pack).isEmpty)
        XCTAssertEqual(try active("能根治颈椎病，还犹豫吗？", pack).count, 1)
        XCTAssertEqual(try active("能根治颈椎病。你信吗?", pack).count, 1)
        XCTAssertEqual(try active("它真能根治颈椎病吗？", Self.pack).count, 1, "without the entry nothing changes")
        XCTAssertTrue(try active("它真能根治頸椎病嗎？", pack).isEmpty, "the particle in traditional script")
        XCTAssertTrue(try active("问:吃了两年 说能根治颈椎病 现在能停药吗?", pack).isEmpty, "a reader's question line")
        XCTAssertEqual(try active("答:吃了两年 能根治颈椎病 还犹豫吗?", pack).count, 1, "an answer is no question")
    }

    /// 「没有谁不…」 says everyone does: the first negation does not deny the claim.
    func testADoubleNegativeIsAUniversalClaim() throws {
        XCTAssertEqual(try active("用过的没有谁不说它能根治颈椎病").count, 1)
        XCTAssertEqual(try active("没有一个不夸能根治颈椎病的").count, 1)
        XCTAssertTrue(try active("目前没有谁能根治颈椎病").isEmpty, "a single negation still denies")
    }

    /// 「其他家都是假的」 disparages rivals; it does not refute the seller's own claim before it.
    func testCallingRivalsFakeIsNoRefutation() throws {
        let pack = Self.pack(adding: "refuted", scope: "clause_after", markers: "[是假的]")
        XCTAssertTrue(try active("说它能根治颈椎病是假的", pack).isEmpty, "a refutation")
        XCTAssertEqual(try active("我们这个能根治颈椎病其他家都是假的", pack).count, 1)
        XCTAssertEqual(try active("能根治颈椎病别家的是假的", pack).count, 1)
    }

    /// A quoted term that stands beside other quoted terms is a term under discussion.
    func testQuotedTermsInAListAreFound() {
        func listed(_ s: String, _ term: String) -> Bool {
            var t = s
            return t.withUTF8 { u in
                let r = s.utf8.count - s.components(separatedBy: term).dropFirst().joined(separator: term).utf8.count - term.utf8.count
                return Discourse.inQuotedList(u, r, r + term.utf8.count, within: 0..<u.count)
            }
        }
        XCTAssertTrue(listed("希望\u{201C}降度数\u{201D}\u{201C}摘眼镜\u{201D}", "摘眼镜"))
        XCTAssertTrue(listed("希望\u{201C}降度数\u{201D}\u{201C}摘眼镜\u{201D}", "降度数"))
        XCTAssertTrue(listed("宣传\"彻底治愈\"\"不复发\"等", "不复发"))
        XCTAssertTrue(listed("「根治」、「包好」之类", "根治"))
        XCTAssertTrue(listed("例如\u{201C}喜报\u{201D}\u{201C}上岸榜\u{201D}", "喜报\u{201D}\u{201C}上岸"), "a match across two quoted terms")
        XCTAssertFalse(listed("我们承诺\u{201C}三天见效\u{201D}，欢迎咨询", "三天见效"), "one quoted claim is not a list")
        XCTAssertFalse(listed("三天见效 不复发", "不复发"), "no quotation marks")
    }

    /// A record that is nothing but quoted slogans has no voice around them that discusses them;
    /// one Han character outside the marks (a notice's 含有…等) is such a voice.
    func testARecordOfQuotedTermsOnlyIsTheirOwnText() {
        func only(_ s: String) -> Bool {
            var t = s
            return t.withUTF8 { Discourse.onlyQuotedTerms($0) }
        }
        XCTAssertTrue(only("\u{201C}居家防疫必备\u{201D}\u{201C}某某局推荐\u{201D}"))
        XCTAssertTrue(only("\u{201C}三天见效\u{201D}, \u{201C}不复发\u{201D}..."))
        XCTAssertTrue(only("用一个月就见好\u{201D}\u{201C}三天能下地"), "a quotation cut off at both ends")
        XCTAssertTrue(only("\"根治\" \"包好\""))
        XCTAssertFalse(only("含有\u{201C}三天见效\u{201D}\u{201C}不复发\u{201D}等用语"))
        XCTAssertFalse(only("\u{201C}三天见效\u{201D}"), "one quotation mark pair is not a list")
        XCTAssertFalse(only("三天见效 不复发"))
    }

    /// A claim after a reporting verb in its sentence is reported speech where the genre model
    /// gives mentions ≥ 0.4; where it does not (an advertorial's 「主任介绍，…」) it stands.
    func testReportedSpeechNeedsADiscussingDocument() throws {
        func pack(suppress: String, newsBias: String = "3", other: String = "ad", otherBias: String = "0") -> String {
            Self.pack.replacingOccurrences(of: "  - id: quoted_mention", with: """
                  - id: reported_speech
                    scope: reported
                    markers: [介绍]
                  - id: quoted_mention
                """) + """

            genre_model:
              cap: 3
              min_confidence: 0.99
              suppress: [\(suppress)]
              genres:
                - id: news
                  bias: \(newsBias)
                  weights: {}
                - id: \(other)
                  bias: \(otherBias)
                  weights: {}
            """
        }
        let text = "负责人介绍，这种药能根治颈椎病"
        XCTAssertTrue(try active(text, pack(suppress: "news")).isEmpty, "news: mentions about 0.95")
        XCTAssertEqual(try active(text, pack(suppress: "ad")).count, 1, "mentions about 0.05: the claim stands")
        XCTAssertEqual(try active("负责人介绍过了。这种药能根治颈椎病", pack(suppress: "news")).count, 1, "another sentence")
        // an advertorial's 「据介绍」 is its own voice: news at 0.45 mentions, the page read as an advertorial
        XCTAssertEqual(try active(text, pack(suppress: "news", newsBias: "0.8", other: "advertorial", otherBias: "1")).count, 1)
        XCTAssertTrue(try active(text, pack(suppress: "news", newsBias: "1", other: "advertorial", otherBias: "0.8")).isEmpty)
    }

    /// The seller named in the third person with a verb of telling earlier in the claim's sentence
    /// (a `told` entry) reports what was said, whatever the genre and with no genre model at all;
    /// another sentence, or no such marker, leaves the claim standing.
    func testWhatASellerToldSomeoneIsReportedInAnyGenre() throws {
        let yaml = Self.pack(adding: "told_by_seller", scope: "told", markers: "[被告知, 推销员称]")
        XCTAssertEqual(try findings("他们被告知，每天喝两杯就能根治颈椎病", yaml).first?.suppressedBy, "told_by_seller: 被告知")
        XCTAssertTrue(try active("推销员称这款床垫能根治颈椎病", yaml).isEmpty)
        XCTAssertEqual(try active("他们被告知了地址。这款床垫能根治颈椎病", yaml).count, 1, "another sentence")
        XCTAssertEqual(try active("这款床垫能根治颈椎病", yaml).count, 1)
    }

    func testTheQuestionFormIsNotANegation() throws {
        XCTAssertEqual(try active("你说它能不能根治颈椎病").count, 1)
        XCTAssertEqual(try active("能~不~能根治颈椎病").count, 1, "separators of a disguise are skipped")
    }

    func testAQuotedClaimIsAMentionOnlyWithAReportingCue() throws {
        XCTAssertTrue(try active("当事人宣称“根治颈椎病”").isEmpty)
        XCTAssertTrue(try active("广告含有「根治颈椎病」等内容").isEmpty)
        // quotation marks for emphasis in the ad itself: still a claim
        XCTAssertEqual(try active("“根治颈椎病”，就找我们").count, 1)
        // half-width pages nest quotes with ' (a tip quoting an ad inside a quoted question)
        XCTAssertTrue(try active("\"宣称'根治颈椎病'的广告能信吗").isEmpty)
        XCTAssertEqual(try active("'根治颈椎病',就找我们").count, 1, "no reporting cue in the sentence")
    }

    /// A term the writer has quoted as a mention stays one when it comes back in quotes later on
    /// (a commentary's scare quotes); the same words unquoted, or quoted with no earlier mention, are claims.
    func testALaterQuotedUseOfAMentionedTermIsTheSameMention() throws {
        XCTAssertTrue(try active("当事人宣称“根治颈椎病”。“根治颈椎病”的说辞整齐划一").isEmpty)
        XCTAssertFalse(try active("当事人宣称“根治颈椎病”。我们能根治颈椎病").isEmpty, "unquoted: a claim")
        let plain = "“根治颈椎病”，就找我们。“根治颈椎病”"
        XCTAssertEqual(try active(plain).count, try findings(plain).count, "no earlier mention")
        XCTAssertEqual(try findings(plain).count, 2)
    }

    /// A product named brand first with its label's generic name in brackets, and named again and
    /// again, is the page's promoted product; named once, or by its generic name only, it is not.
    func testABrandWithItsGenericNameInBracketsIsAPromotedProduct() {
        func brand(_ s: String) -> String? {
            Array(s.utf8).withUnsafeBufferPointer { PromotedEntity.bracketedBrand(in: $0, fold: { $0 })?.name }
        }
        let soft = "孩子肠胃弱怎么办?不少家长给孩子服用安肠宝(双歧杆菌三联活菌胶囊)。安肠宝起效温和,安肠宝适合三岁以上儿童。"
        XCTAssertEqual(brand(soft), "安肠宝")
        XCTAssertEqual(brand(soft.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")), "安肠宝")
        XCTAssertNil(brand("医生建议服用安肠宝(双歧杆菌三联活菌胶囊),遵医嘱。"), "named once")
        XCTAssertNil(brand("双歧杆菌(一种益生菌)能调节肠道。双歧杆菌常见于酸奶,双歧杆菌怕热。"), "no label form in the brackets")
    }

    /// Kinds of hospital (a grade, an ownership, a place) and subspecialties are not names a page promotes.
    func testGenericHospitalKindsAreNoPromotedEntity() {
        XCTAssertTrue(PromotedEntity.isGeneric("三甲医院"))
        XCTAssertTrue(PromotedEntity.isGeneric("正规医院"))
        XCTAssertTrue(PromotedEntity.isGeneric("临床儿科亚专科"))
        XCTAssertFalse(PromotedEntity.isGeneric("康和中医医院"))
        XCTAssertFalse(PromotedEntity.isGeneric("仁爱医院"))
        // sessions on a hospital's timetable and a town's hospital by its level alone
        XCTAssertTrue(PromotedEntity.isGeneric("专家门诊"))
        XCTAssertTrue(PromotedEntity.isGeneric("特需门诊"))
        XCTAssertTrue(PromotedEntity.isGeneric("市中医院"))
        XCTAssertTrue(PromotedEntity.isGeneric("县医院"))
        XCTAssertFalse(PromotedEntity.isGeneric("建平县医院"))
    }

    /// 门诊 before a noun it modifies (门诊病历, 门诊大厅) ends no clinic's name.
    func testOutpatientRecordsAreNoClinic() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re) }
        }
        XCTAssertNil(find("复诊患者请出示病历本,请自行妥善保管门诊病历"))
        XCTAssertNil(find("一楼设有挂号处,安和门诊大厅设有自助机"))
        XCTAssertEqual(find("后来她来到安和门诊,安和门诊的医生说")?.name, "安和门诊")
    }

    /// An eye or dental chain goes by its specialty (某某眼科); its long name (某某眼科医院) is one name,
    /// and the two forms count as one provider under the long one. A hospital's own department or a
    /// kind of clinic (医院眼科, 儿童眼科) names no provider.
    func testAnEyeChainIsOneProviderUnderItsShortAndLongNames() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re) }
        }
        let chain = find("来到明澈眼科做了检查,明澈眼科医院的设备很新,明澈眼科的医生很耐心")
        XCTAssertEqual(chain?.name, "明澈眼科医院")
        XCTAssertEqual(chain?.count, 3)
        XCTAssertEqual(find("孩子在星河齿科矫正牙齿,星河齿科的医生说")?.name, "星河齿科")
        XCTAssertNil(find("挂了医院眼科的号,又去看了儿童眼科"))
    }

    /// A page in traditional script promotes its clinic under the same name as a simplified one: the
    /// name is found by its traditional institution word and counted folded.
    func testATraditionalScriptClinicIsAPromotedEntity() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        // the few characters this test needs of the fold table
        let fold: (String) -> String = { s in
            [("診", "诊"), ("這", "这"), ("醫", "医")].reduce(s) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re, fold: fold) }
        }
        let page = "安和診所院長表示,療程免開刀。安和诊所另有專人諮詢,到安和診所只需預約"
        let found = try XCTUnwrap(find(page))
        XCTAssertEqual(found.name, "安和诊所")
        XCTAssertEqual(found.count, 3, "one name in either script")
        XCTAssertEqual(String(decoding: Array(page.utf8)[found.first], as: UTF8.self), "安和診所", "the span is the page's own text")
        XCTAssertNil(find("這些診所與一些醫美都在整治之列"), "kinds and crowds are no name")
    }

    /// A page may promote a product or device under a quoted brand rather than a clinic; scare
    /// quotes around a kind of treatment and a quotation holding the whole product are no brand.
    func testAQuotedBrandBeforeItsKindIsAPromotedEntity() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        let product = try AdscanMatch.Regex(PromotedEntity.productPattern)
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re, product: product) }
        }
        let found = try XCTUnwrap(find("目前先进的方式是“海星宝”聚焦超声系统。选择“海星宝”治疗仪的患者"))
        XCTAssertEqual(found.name, "海星宝")
        XCTAssertEqual(found.count, 2)
        XCTAssertNil(find("所谓“无痛”人流手术并非没有风险"), "scare quotes around a kind")
        XCTAssertNil(find("当事人宣传“速效益菌胶囊”能治病"), "the quotation holds the whole product")
        XCTAssertEqual(find("注射填充等医美项目")?.name, nil, "等 ends a list, it begins no name")
    }

    /// A product advertorial names its product again and again without quotes: the longest name
    /// named most often before a product form (口服液, 精华液) is the entity, from three mentions;
    /// a product named once or twice, or an everyday form noun, is none.
    func testAnUnquotedProductNamedAgainAndAgainIsAPromotedEntity() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re) }
        }
        let page = "为此,青禾益肝口服液应运而生。青禾益肝口服液中的成分可以护肝。服用青禾益肝口服液三个月后"
        let found = try XCTUnwrap(find(page))
        XCTAssertEqual(found.name, "青禾益肝口服液", "the longest of the names named three times")
        XCTAssertEqual(found.count, 3)
        XCTAssertEqual(String(decoding: Array(page.utf8)[found.first], as: UTF8.self), "青禾益肝口服液")
        XCTAssertNil(find("有人推荐青禾益肝口服液,也有人说青禾益肝口服液没用"), "two mentions are a report's")
        XCTAssertNil(find("拍了三张照片,又拍了两张照片,再拍一张照片"), "片 is no product form")
    }

    /// An advertorial for a doctor or a remedy may name no institution: a doctor named again and
    /// again under one surname and title, or a remedy under its own quoted name from its second
    /// mention, is the entity it promotes; an expert named once or twice is a report's source.
    func testARecurringDoctorOrQuotedRemedyIsAPromotedEntity() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        let doctor = try AdscanMatch.Regex(PromotedEntity.doctorPattern)
        let remedy = try AdscanMatch.Regex(PromotedEntity.remedyPattern)
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re, doctor: doctor, remedy: remedy) }
        }
        let story = "听说贺明山医生治腰腿痛有一套,贺医生开了三副药,贺医生说再巩固一个月"
        let found = try XCTUnwrap(find(story))
        XCTAssertEqual(found.name, "贺医生", "贺明山医生 and 贺医生 are one doctor")
        XCTAssertEqual(found.count, 3)
        XCTAssertNil(find("贺明山医生提醒,腰腿痛要及时就医。贺医生说"), "named twice: a source, not the subject")
        XCTAssertEqual(find("她用了“安肾汤”之后,又把丈夫带来喝“安肾汤”")?.name, "安肾汤")
        XCTAssertNil(find("古方“安肾汤”出自宋代医书"), "one mention")
        XCTAssertNil(find("主治医生和口腔医生都建议住院,这位医生也同意,哪个医生都一样"), "a kind of doctor is no name")
        XCTAssertEqual(find("种植科的韩一鸣院长很忙。韩一鸣院长说,来自黑龙江的韩院长早年学医")?.name, "韩院长",
                       "a particle is never inside a name: 江的韩院长 is no doctor of its own")
    }

    /// The doctor pattern runs only around the titles its matches end with: what it finds there is
    /// what a search of the whole page finds (titles next to each other, one inside a longer one,
    /// a name at the page's start, a supplementary-plane character in a name).
    func testDoctorNamesAreFoundAroundTheirTitlesAsOverTheWholePage() throws {
        let doctor = try AdscanMatch.Regex(PromotedEntity.doctorPattern)
        func whole(_ s: String) -> [String] {
            var s = s, out: [String] = []
            s.withUTF8 { b in doctor.forEachMatch(in: b, from: 0, to: b.count, data: MatchData()) { out.append(UTF8Scan.string(b, from: $0, to: $1)) } }
            return out
        }
        func windowed(_ s: String) -> [String] {
            var s = s, out: [String] = []
            s.withUTF8 { b in
                for w in PromotedEntity.titleWindows(b) {
                    doctor.forEachMatch(in: UnsafeBufferPointer(rebasing: b[0..<w.upperBound]), from: w.lowerBound,
                                        to: w.upperBound, data: MatchData()) { out.append(UTF8Scan.string(b, from: $0, to: $1)) }
                }
            }
            return out
        }
        for page in ["王医生说,李主任医师和张老中医生都来了", "黄教授黄教授,赵院长", "据介绍,𠀋明医生从医三十年,陈大夫也在",
                     "没有任何医生的名字", "刘博士专家团队,孙专家"] {
            XCTAssertEqual(windowed(page), whole(page), page)
        }
        XCTAssertEqual(whole("王医生说,李主任医师和张老中医生都来了"), ["王医生", "李主任", "张老中医"])
    }

    /// A provider speaking of itself (我院, 本院) from the second time promotes itself even where
    /// the crawled text keeps no name; a long name (city, district and brand) is still one name.
    func testSelfReferenceAndLongNamesArePromotedEntities() throws {
        let re = try AdscanMatch.Regex(PromotedEntity.pattern)
        func find(_ s: String) -> PromotedEntity.Found? {
            var s = s
            return s.withUTF8 { PromotedEntity.find(in: $0, pattern: re) }
        }
        let found = try XCTUnwrap(find("张女士在我院治疗四个月,如今来本院复查,各项指标平稳"))
        XCTAssertEqual(found.name, "我院")
        XCTAssertEqual(found.count, 2)
        XCTAssertNil(find("张女士在我院治疗四个月"), "once is not yet a voice")
        XCTAssertEqual(find("他们都在重庆市南川青松山中医医院接受治疗,又回到重庆市南川青松山中医医院复查")?.name,
                       "重庆市南川青松山中医医院", "ten characters before 医院")
    }

    /// Pinyin glosses that mirror sites put after characters are read through by the page-level
    /// searches (a county hospital is still one); brackets holding anything else stay.
    func testPinyinGlossesAreStrippedFromTheFoldedPage() {
        XCTAssertEqual(PinyinGloss.strip("望奎县中医(yī)院外科"), "望奎县中医院外科")
        XCTAssertEqual(PinyinGloss.strip("当(dāng)事人发(fā)布"), "当事人发布")
        XCTAssertEqual(PinyinGloss.strip("电话(0451)与(图)"), "电话(0451)与(图)", "digits and Han in brackets are no gloss")
        XCTAssertEqual(PinyinGloss.strip("见附件(pdf)"), "见附件", "a short Latin word after Han reads as a gloss: the page-level searches lose nothing by it")
        XCTAssertEqual(PinyinGloss.strip("x (abc) y"), "x (abc) y", "after no Han character")
    }

    /// A dateline or source line is the form a news page takes; an outlet named in the text is
    /// what an advertorial cites as its endorsement.
    func testSourceLinesAndDatelinesAreTheBylinesAnAdvertorialDoesNotCarry() {
        XCTAssertTrue(PressByline.isSourceOrDateline("来源:科技日报"))
        XCTAssertTrue(PressByline.isSourceOrDateline("本报讯"))
        XCTAssertTrue(PressByline.isSourceOrDateline("中新网北京1月18日电"))
        XCTAssertFalse(PressByline.isSourceOrDateline("央视网报道"))
    }

    /// A notice quotes a whole passage of an ad: the claim lies inside a quotation longer than its
    /// clause window, opened right after a reporting marker. The marker must stand at the opening
    /// mark (a colon or 为 between), and the quotation must close.
    func testAClaimInALongQuotationOpenedByAMarker() throws {
        let filler = String(repeating: "该产品选用上等原料精心制作,", count: 6)
        XCTAssertTrue(try active("广告中宣称“\(filler)能根治颈椎病,\(filler)”等").isEmpty)
        XCTAssertTrue(try active("其广告等内容为：“\(filler)能根治颈椎病”").isEmpty,
                      "a colon between the marker and the mark")
        XCTAssertEqual(try active("“\(filler)能根治颈椎病,\(filler)”").count, 1, "no marker: quotation marks for emphasis")
        XCTAssertEqual(try active("宣称那天我们来到店里,“\(filler)能根治颈椎病”").count, 1, "the marker is not at the mark")
        XCTAssertEqual(try active("广告中宣称“\(filler)能根治颈椎病,\(filler)").count, 1, "the quotation never closes")
    }

    /// A quoted claim answered at the start of the next sentence is a mention; the answer must open
    /// that sentence, and the claim must be quoted.
    func testAQuotedClaimAnsweredInTheNextSentence() throws {
        XCTAssertTrue(try active("网上流传“根治颈椎病”。宣称这种效果的都不可信").isEmpty)
        XCTAssertTrue(try active("网上流传\"根治颈椎病\".宣称这种效果的都不可信").isEmpty)
        XCTAssertEqual(try active("“根治颈椎病”。我们的理疗师十年来接诊无数,从来没人宣称做不到").count, 1,
                       "the marker is past the next sentence's opening")
        XCTAssertEqual(try active("根治颈椎病。宣称这种效果的都不可信").count, 1, "an unquoted claim")
    }

    /// A hit inside another hit's window reads its own clause when that window was cut at
    /// Clause.limit: a lookahead past the cut would otherwise pass (a well-formed number read as
    /// malformed because its end lay past the window).
    func testAHitReadsItsOwnClauseNotOneCutShort() throws {
        let yaml = """
            rules:
              - id: T-FORMAT
                category: missing_required
                severity: warning
                law: t
                message: t
                keywords: [医广]
                patterns: ['医广(?!【\\d{4}】第\\d+号)\\S{0,4}']
                examples: {flag: [医广第12号], pass: [医广【2024】第12号]}
              - id: T-OTHER
                category: efficacy_guarantee
                severity: warning
                law: t
                message: t
                keywords: [医院]
                patterns: ['医院包治']
                examples: {flag: [医院包治], pass: [医院]}
            """
        // 医院 (6 bytes), 46 characters of filler (138 bytes), then the number: its window from 医院
        // ends at byte 156, inside 【2024】
        let text = "医院" + String(repeating: "介", count: 46) + "医广【2024】第12号"
        XCTAssertEqual(Array(text.utf8).count, 6 + 138 + 6 + 3 + 4 + 3 + 3 + 2 + 3)
        XCTAssertTrue(try active(text, yaml).isEmpty)
        XCTAssertEqual(try active("医院" + String(repeating: "介", count: 46) + "医广第12号", yaml).count, 1)
    }

    /// A `.` touching a Chinese character ends the sentence (half-width pages): a frame in one
    /// sentence does not reach the claim in the next; decimals stay inside their sentence.
    func testAHalfWidthFullStopEndsTheClause() throws {
        XCTAssertTrue(try active("没有药物能根治颈椎病").isEmpty)
        XCTAssertEqual(try active("这个问题没有标准答案.我们的膏药能根治颈椎病").count, 1)
        XCTAssertTrue(try active("宣称每天1.5克就“根治颈椎病”").isEmpty, "a decimal is no full stop")
        XCTAssertEqual(try active("宣称的不一定可信.每天1.5克就“根治颈椎病”").count, 1)
    }

    /// A scanner for Self.pack with a story feature (多年, 后来), the extra context entries given,
    /// the advertorial genre rule T-ADV and a genre model whose advertorial head reads `weights`;
    /// `advertorial(text)` is T-ADV's finding in `text`.
    private func advertorialScanner(context: String, minConfidence: String, weights: String,
                                    ruleExtra: String = "", moreGenres: String = "") throws -> (String) -> Finding? {
        let yaml = Self.pack.replacingOccurrences(of: "context:\n", with: """
            context:
              - id: f_story
                scope: feature
                markers: [多年, 后来]
            \(context)
            """).replacingOccurrences(of: "rules:\n", with: "rules:\n" + TestSupport.weakAdvertorialRule("    min_confidence: \(minConfidence)\n" + ruleExtra)) + """

            genre_model:
            \(Self.twoGenreModel(minConfidence: minConfidence, weights: weights))
            \(moreGenres)
            """
        let s = RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml")))
        return { text in s.scan(text).findings.first { $0.rule.id == "T-ADV" } }
    }

    /// The `length` feature grows with a record up to a page of about 600 characters and stays
    /// there: a long real news page must not be read as more of an advertorial than the longest
    /// pages the model was fit on (at the old cap of 4 it was).
    func testTheLengthFeatureStopsGrowingAtAPage() throws {
        let set = try RuleLoader().load(yaml: Self.pack + """

            genre_model:
              cap: 3
              genres:
                - id: ad
                  bias: 0
                  weights: {}
            """, file: "p.yaml")
        let classifier = GenreClassifier(set)
        func length(_ bytes: Int) -> Double { classifier.features([], bytes: bytes, claimRules: 0).values.dropLast().last! }
        XCTAssertLessThan(length(300), length(1_000))
        XCTAssertLessThan(length(1_000), length(1_792))
        XCTAssertEqual(length(1_792), 3, accuracy: 1e-9)
        XCTAssertEqual(length(9_000), 3, accuracy: 1e-9)
    }

    /// `report_genres`: a warning in a record read as news with at least `report_min_mention` on the
    /// mention genres is lowered to info (a hospital's news of an operation); news read with less,
    /// and an ad read with more, keep it.
    func testAWarningIsLoweredToInfoOnlyInAReportingGenre() throws {
        let set = try RuleLoader().load(yaml: Self.pack + """

            genre_model:
              cap: 3
              suppress: [news]
              report_genres: [news]
              report_min_mention: 0.42
              genres:
                - id: ad
                  bias: 0
                  weights: {}
                - id: news
                  bias: 0
                  weights: {}
            """, file: "p.yaml")
        let classifier = GenreClassifier(set)
        let why = try XCTUnwrap(classifier.warningDowngrade(Genre(id: "news", confidence: 0.22, evidence: [], mention: 0.43)))
        XCTAssertTrue(why.hasPrefix("genre: news 0.22, mention 0.43"), why)
        XCTAssertNil(classifier.warningDowngrade(Genre(id: "news", confidence: 0.22, evidence: [], mention: 0.40)))
        XCTAssertNil(classifier.warningDowngrade(Genre(id: "ad", confidence: 0.30, evidence: [], mention: 0.60)))
        XCTAssertThrowsError(try RuleLoader().load(yaml: Self.pack + """

            genre_model:
              report_min_mention: 1.5
              genres:
                - id: ad
                  bias: 0
                  weights: {}
            """, file: "p.yaml"))
    }

    /// Below `min_confidence`, the advertorial rule fires from `weak_confidence` only with an active
    /// claim and a form feature (a story); the finding names the entity without a leading particle.
    func testAWeakAdvertorialNeedsAClaimAndTheFormOfAStory() throws {
        let advertorial = try advertorialScanner(context: """
              - id: f_cta
                scope: feature
                markers: [电话, 预约]

            """, minConfidence: "0.9", weights: "f_story: 0.2, f_cta: 0.2")
        let story = try XCTUnwrap(advertorial("周大爷腰疼多年，后来来到仁济堂诊所，说这里能根治颈椎病"))
        XCTAssertEqual(story.match, "仁济堂诊所")
        XCTAssertEqual(story.evidence.first { $0.role == "form" }?.match, "f_story")
        XCTAssertNil(advertorial("仁济堂诊所能根治颈椎病，预约电话"), "no story: an ad")
        XCTAssertNil(advertorial("周大爷腰疼多年，后来来到仁济堂诊所"), "no claim")
        XCTAssertNil(advertorial("周大爷腰疼多年，后来来到仁济堂诊所，没有药能根治颈椎病"), "the claim is negated")
    }

    /// With `weak_claims`, a page read as an advertorial below `min_confidence` and without a form
    /// feature is reported once it carries that many active claims; one claim is an ad's.
    func testAWeakAdvertorialWithoutTheFormNeedsSeveralClaims() throws {
        let advertorial = try advertorialScanner(context: """
              - id: f_cta
                scope: feature
                markers: [电话, 预约]

            """, minConfidence: "0.9", weights: "f_cta: 0.2", ruleExtra: "    weak_claims: 3\n")
        XCTAssertNil(advertorial("仁济堂诊所能根治颈椎病，预约电话"), "one claim")
        let page = try XCTUnwrap(advertorial("仁济堂诊所能根治颈椎病，预约电话。针灸根治颈椎病。推拿根治颈椎病。"))
        XCTAssertEqual(page.evidence.first { $0.role == "form" }?.match, "3 active claims")
    }

    /// A disguise promotes someone: an advertorial reading of a page that names no provider is
    /// no page finding, and lowers the page's errors to warnings; naming one keeps both. Only a
    /// sure reading (`ContextGate.unnamedAdvertorialSureness`) with an active claim of the page's own
    /// makes it one unnamed.
    func testAnAdvertorialReadingWithoutAPromotedProvider() throws {
        func scanner(storyWeight: Double) throws -> RecordScanner {
            let yaml = Self.genrePack(feature: "f_story", markers: "[多年, 后来]",
                                      rules: TestSupport.weakAdvertorialRule("    min_confidence: 0.5\n"),
                                      model: Self.twoGenreModel(minConfidence: "0.5", weights: "f_story: \(storyWeight)",
                                                                extra: "  errors_in: [ad, advertorial]\n") + "\n")
            return RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml")))
        }
        let s = try scanner(storyWeight: 0.5)
        let story = String(repeating: "多年来他在外地打工，后来回到家乡。", count: 8)
        let nobody = s.scan(story + "听说能根治颈椎病。")
        XCTAssertEqual(nobody.genre?.id, "advertorial")
        XCTAssertLessThan(nobody.genre?.confidence ?? 1, ContextGate.unnamedAdvertorialSureness)
        let page = try XCTUnwrap(nobody.findings.first { $0.rule.id == "T-ADV" })
        XCTAssertTrue(page.suppressedBy?.hasPrefix("no_promoted_entity") ?? false, page.suppressedBy ?? "nil")
        let cure = try XCTUnwrap(nobody.findings.first { $0.rule.id == "T-CURE" })
        XCTAssertEqual(cure.severity, .warning)
        XCTAssertTrue(cure.downgradedBy?.contains("no promoted provider") ?? false, cure.downgradedBy ?? "nil")
        let named = s.scan(story + "仁济堂诊所说能根治颈椎病，仁济堂诊所欢迎你。")
        XCTAssertNil(named.findings.first { $0.rule.id == "T-ADV" }?.suppressedBy)
        XCTAssertEqual(named.findings.first { $0.rule.id == "T-CURE" }?.severity, .error)
        // sure, with its own claim: a disguise even with no provider named
        let sure = try scanner(storyWeight: 3).scan(story + "听说能根治颈椎病。")
        XCTAssertGreaterThanOrEqual(sure.genre?.confidence ?? 0, ContextGate.unnamedAdvertorialSureness)
        let unnamed = try XCTUnwrap(sure.findings.first { $0.rule.id == "T-ADV" })
        XCTAssertNil(unnamed.suppressedBy)
    }

    /// A page read as health science (a `host_genres` genre) is reported when it carries an active
    /// claim: the science piece that promises a cure is the advertorial 第十九条 names; the same
    /// page without a claim, or with the claim negated, is science.
    func testAScienceReadingWithAClaimIsAHostedAdvertorial() throws {
        let advertorial = try advertorialScanner(context: """
              - id: f_science
                scope: feature
                markers: [科普, 建议]

            """, minConfidence: "0.9", weights: "f_story: 0.1",
            ruleExtra: "    host_genres: [science]\n", moreGenres: """
                - id: science
                  bias: 0
                  weights: {f_science: 3}

            """)
        let page = try XCTUnwrap(advertorial("科普：颈椎病怎么办？建议到仁济堂诊所，这里能根治颈椎病"))
        XCTAssertEqual(page.evidence.first { $0.role == "form" }?.match, "science page carrying a claim")
        XCTAssertNil(advertorial("科普：颈椎病怎么办？建议到仁济堂诊所看看"), "no claim")
        XCTAssertNil(advertorial("科普：颈椎病怎么办？建议到仁济堂诊所，没有药能根治颈椎病"), "the claim is negated")
    }

    /// A page read as an advertorial but marked by the document gate as discussing ads (a guide to
    /// spotting 新闻式软文 quotes their bylines and stories) keeps its disguised-ad finding only as
    /// a suppressed one, with the gate's markers as the reason.
    func testTheDocumentGateSuppressesTheAdvertorialReading() throws {
        let advertorial = try advertorialScanner(context: """
              - id: consumer_education
                scope: document
                min_distinct: 2
                markers: [软文, 举报电话]

            """, minConfidence: "0.5", weights: "f_story: 3")
        let story = "周大爷腰疼多年，后来来到仁济堂诊所，说这里能根治颈椎病"
        XCTAssertNil(try XCTUnwrap(advertorial(story)).suppressedBy, "the story alone is an advertorial")
        let guide = try XCTUnwrap(advertorial("这类软文常写：" + story + "。发现请拨打举报电话"))
        XCTAssertEqual(guide.suppressedBy, "consumer_education: 软文, 举报电话")
    }

    func testTheGenreModelSuppressesClaimsInANoticeAndExplainsWhy() throws {
        let yaml = Self.genrePack(feature: "f_penalty", markers: "[当事人, 经查, 罚款]", model: """
              cap: 3
              min_confidence: 0.5
              suppress: [enforcement]
              genres:
                - id: ad
                  bias: 0.5
                  weights: {claims: 0.5}
                - id: enforcement
                  bias: -1
                  weights: {f_penalty: 2.0}
            """)
        let s = RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml")))
        let notice = s.scan("经查，当事人发布根治颈椎病的广告，处以罚款。")
        XCTAssertEqual(notice.genre?.id, "enforcement")
        XCTAssertEqual(notice.findings.count, 1)
        let why = try XCTUnwrap(notice.findings[0].suppressedBy)
        XCTAssertTrue(why.hasPrefix("genre: enforcement"), why)
        XCTAssertTrue(why.contains("经查") || why.contains("当事人") || why.contains("罚款"), why)
        let ad = s.scan("根治颈椎病，欢迎来电")
        XCTAssertEqual(ad.genre?.id, "ad")
        XCTAssertNil(ad.findings.first?.suppressedBy)
    }

    /// A ranking of providers is written to read as news: a rule with `outlives_genre` keeps its
    /// finding on a news-read page that names a private provider, and loses it on one naming
    /// public bodies only; other rules on the page stay suppressed by the reading.
    func testARankingOutlivesANewsReadingOnlyWhereAPrivateProviderIsNamed() throws {
        let yaml = Self.genrePack(feature: "f_news", markers: "[记者, 报道]", rules: """
              - id: T-RANK
                category: disguised_ad
                severity: warning
                law: t
                message: t
                outlives_genre: true
                keywords: [医院排名]
                patterns: ['医院排名']
                examples:
                  flag: [医院排名]
                  pass: [医院]

            """, model: """
              cap: 3
              min_confidence: 0.5
              suppress: [news]
              genres:
                - id: ad
                  bias: 0.5
                  weights: {claims: 0.5}
                - id: news
                  bias: -1
                  weights: {f_news: 2.0}
            institutions:
              public: ['人民医院']
              private: ['整形医院']
            """)
        let s = RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml")))
        let privatePage = s.scan("记者报道：本年度医院排名出炉，康美整形医院位列榜首，能根治颈椎病。")
        XCTAssertEqual(privatePage.genre?.id, "news")
        XCTAssertNil(privatePage.findings.first { $0.ruleID == "T-RANK" }?.suppressedBy)
        let cure = try XCTUnwrap(privatePage.findings.first { $0.ruleID == "T-CURE" })
        XCTAssertTrue(cure.suppressedBy?.hasPrefix("genre: news") ?? false, cure.suppressedBy ?? "nil")
        let publicPage = s.scan("记者报道：本年度医院排名出炉，市人民医院位列榜首。")
        XCTAssertEqual(publicPage.genre?.id, "news")
        let rank = try XCTUnwrap(publicPage.findings.first { $0.ruleID == "T-RANK" })
        XCTAssertTrue(rank.suppressedBy?.hasPrefix("genre: news") ?? false, rank.suppressedBy ?? "nil")
    }

    func testAnErrorStandsOnlyInAnAdGenre() throws {
        let yaml = Self.pack.replacingOccurrences(of: "context:\n", with: """
            context:
              - id: f_penalty
                scope: feature
                markers: [当事人, 罚款]
              - id: f_comment
                scope: feature
                markers: [楼主, 网友]

            """) + """

            genre_model:
              cap: 3
              min_confidence: 0.9
              suppress: [enforcement]
              errors_in: [ad]
              error_max_mention: 0.25
              genres:
                - id: ad
                  bias: 0.5
                  weights: {claims: 0.5}
                - id: comment
                  bias: -1
                  weights: {f_comment: 4.0}
                - id: enforcement
                  bias: -1
                  weights: {f_penalty: 1.5}
            """
        let s = RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml")))
        let ad = try XCTUnwrap(s.scan("能根治颈椎病，欢迎来电").findings.first)
        XCTAssertEqual(ad.severity, .error)
        XCTAssertNil(ad.downgradedBy)
        let comment = s.scan("楼主说这里能根治颈椎病")
        XCTAssertEqual(comment.genre?.id, "comment")
        let c = try XCTUnwrap(comment.findings.first)
        XCTAssertNil(c.suppressedBy, "a comment's claim is kept, for review")
        XCTAssertEqual(c.severity, .warning)
        XCTAssertTrue(c.downgradedBy?.hasPrefix("genre: comment") == true, c.downgradedBy ?? "nil")
        // read as an ad, but with a notice's marker: not suppressed, not a verdict either
        let mixed = s.scan("当事人说能根治颈椎病")
        XCTAssertEqual(mixed.genre?.id, "ad")
        let m = try XCTUnwrap(mixed.findings.first)
        XCTAssertNil(m.suppressedBy)
        XCTAssertEqual(m.severity, .warning)
        XCTAssertTrue(m.downgradedBy?.contains("above 0.25") == true, m.downgradedBy ?? "nil")
        // an ad the model is not sure of keeps its claim for review, as a warning
        let unsureYAML = yaml.replacingOccurrences(of: "error_max_mention: 0.25", with: "error_max_mention: 0.25\n  error_min_confidence: 0.99")
        let unsure = RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: unsureYAML, file: "p.yaml")))
        let u = try XCTUnwrap(unsure.scan("能根治颈椎病，欢迎来电").findings.first)
        XCTAssertEqual(u.severity, .warning)
        XCTAssertTrue(u.downgradedBy?.contains("confidence under 0.99") == true, u.downgradedBy ?? "nil")
        XCTAssertThrowsError(try RuleLoader().load(yaml: yaml.replacingOccurrences(of: "error_max_mention: 0.25", with: "error_min_confidence: 2"), file: "p.yaml"))
        XCTAssertThrowsError(try RuleLoader().load(yaml: yaml.replacingOccurrences(of: "errors_in: [ad]", with: "errors_in: [adz]"), file: "p.yaml")) {
            XCTAssertTrue("\($0)".contains("no genre `adz`"), "\($0)")
        }
    }

    /// Quoted terms listed after 如 (例如, 比如) are examples under discussion in any genre, over 、
    /// and the clause breaks between the terms; the same terms sold in an ad's own voice stand.
    func testQuotedExamplesAfterRuAreSuppressedWhateverTheGenre() throws {
        XCTAssertTrue(try active("说话太满的别信,如“能根治颈椎病”、“三天见效”").isEmpty)
        XCTAssertTrue(try active("例如:\"能根治颈椎病\"、\"三天见效\"").isEmpty)
        XCTAssertTrue(try active("比如 “包好”、“能根治颈椎病”").isEmpty)
        // not a list, or not introduced as examples
        XCTAssertEqual(try active("本店膏药“能根治颈椎病”、“三天见效”").count, 1)
        XCTAssertEqual(try active("如果你也想要“能根治颈椎病”的效果, 就拍一号链接").count, 1)
    }

    /// A negation whose promise word an evader spaced out (「没·有·风·险」) is still the promise.
    func testASpacedOutNegatedHarmIsStillThePromise() throws {
        XCTAssertEqual(try active("这药没·有·副·作·用").count, 1)
        XCTAssertEqual(try active("这药没有副作用").count, 1)
    }

    /// A claim in quotation marks right before ?/？ is asked about (headlines, exposés); a quoted
    /// claim followed by more words before the question, or an unquoted one, is not.
    func testAQuotedClaimAskedAbout() throws {
        let pack = Self.pack(adding: "question", scope: "question", markers: "[吗]")
        XCTAssertTrue(try active("枕头“能根治颈椎病”？", pack).isEmpty)
        XCTAssertTrue(try active("网传\"能根治颈椎病\"吗?专家:别信", pack).isEmpty)
        XCTAssertEqual(try active("“能根治颈椎病”，还犹豫什么？", pack).count, 1)
        XCTAssertEqual(try active("能根治颈椎病？快来咨询", pack).count, 1, "unquoted, with no particle: a sales hook")
    }

    /// A `following` marker in the claim's sentence or the next names what came before as sales
    /// talk; further on, or over a line break, it does not reach.
    func testALaterSentenceCallingItSalesTalk() throws {
        let pack = Self.pack(adding: "retold", scope: "following", markers: "[话术]")
        XCTAssertTrue(try active("一个枕头能根治颈椎病……直播间里充斥着类似的销售话术。", pack).isEmpty)
        XCTAssertTrue(try active("据称能根治颈椎病。这些都是常见话术。", pack).isEmpty)
        XCTAssertEqual(try active("能根治颈椎病。今天下单立减。明天恢复原价。销售话术培训班招生。", pack).count, 1, "two sentences on")
        XCTAssertEqual(try active("能根治颈椎病\n话术", pack).count, 1, "not over a line break")
        XCTAssertEqual(try active("一个枕头能根治颈椎病……直播间里充斥着类似的销售话术。").count, 1, "without the entry nothing changes")
    }

    /// A-not-A needs the two characters in one clause: 「功能,不能」 is a negation after a comma.
    func testAnAnotAQuestionDoesNotReachOverAComma() throws {
        XCTAssertTrue(try active("本品仅具调节功能,不能根治颈椎病").isEmpty)
        XCTAssertTrue(try active("本品仅具调节功能，不能根治颈椎病").isEmpty)
        XCTAssertEqual(try active("你说它能不能根治颈椎病").count, 1, "能不能 asks")
    }

    /// A page naming public hospitals or health bodies and no private-style provider is their news.
    func testPublicInstitutionsOnly() throws {
        let pack = try RulePack.builtIn()
        let p = PublicInstitution(publicName: pack.publicNames, privateName: pack.privateNames)
        XCTAssertEqual(p.onlyPublic("近日,市第一人民医院心内科成功完成一例手术"), "市第一人民医院")
        XCTAssertNotNil(p.onlyPublic("记者从安徽省肿瘤医院获悉"))
        XCTAssertNotNil(p.onlyPublic("某医科大学附属第二医院专家提醒"))
        XCTAssertNil(p.onlyPublic("某大学附属东莞某某眼科医院完成一例手术"), "a specialty-named hospital is private-style")
        XCTAssertNil(p.onlyPublic("市人民医院的医生也没办法,后来她来到康和门诊部"), "a private provider named beside it")
        XCTAssertNil(p.onlyPublic("她跑遍了省城的大医院"), "省城 is no province's hospital")
        XCTAssertNil(p.onlyPublic("成功率稳居本省民营医院前列"), "本省民营医院 is no province's hospital")
        // the name shown: the match with up to six Han characters before it
        XCTAssertEqual(p.onlyPublic("后来,患者转入福建省三明市第一医院"), "患者转入福建省三明市第一医院")
        XCTAssertNil(p.onlyPublic("华美皮肤病医院引进新技术"))
        // a public hospital's own department is not a private provider; 的 makes it a sentence
        XCTAssertEqual(p.onlyPublic("在武汉大学人民医院医疗美容科的诊室里"), "在武汉大学人民医院")
        XCTAssertNil(p.onlyPublic("市人民医院的医生说,医疗美容机构要选正规的"))
        // a city's TCM hospital is public; a named hall's is not
        XCTAssertNotNil(p.onlyPublic("洛阳市中医院开展义诊活动"))
        XCTAssertNil(p.onlyPublic("同心堂中医院专家坐诊"))
        // a university's own hospital under its name is public
        XCTAssertEqual(p.onlyPublic("专家来自四川大学华西医院"), "专家来自四川大学华西医院")
        XCTAssertNil(p.onlyPublic("大学城附近医院"))
        // a private-style suffix that ends a public name is that name's (not an affiliate's); a crowd
        // of hospitals is no provider; a private chain is private by its brand
        XCTAssertNotNil(p.onlyPublic("新乡市口腔医院开展义诊活动"))
        XCTAssertNotNil(p.onlyPublic("中国中医科学院眼科医院副院长指出,手术要谨慎"))
        XCTAssertNotNil(p.onlyPublic("高考后北京各大眼科医院迎来摘镜热,市第一人民医院专家提醒"))
        XCTAssertNil(p.onlyPublic("在武汉大学附属爱尔眼科医院网络咨询"))
        // a former post at a public hospital is a credential lent to the page's product
        let withCredential = PublicInstitution(publicName: pack.publicNames, privateName: pack.privateNames, credential: pack.credentials)
        XCTAssertNotNil(withCredential.onlyPublic("城东区人民医院内分泌科主任提醒"))
        XCTAssertNil(withCredential.onlyPublic("配方由原城东区人民医院内分泌科主任研发"))
        XCTAssertNil(withCredential.onlyPublic("退休前在省人民医院当了三十年大夫"))
        // a county's hospital under its place name is public; one told of in passing names no county
        XCTAssertEqual(p.onlyPublic("建平县医院眼科启动复明工程"), "建平县医院")
        XCTAssertNil(p.onlyPublic("我们带他去过县医院"))
        // a disease's treatment base is a contracted department, whatever the host hospital
        XCTAssertNil(p.onlyPublic("解放军某部队医院癫痫病治疗基地专家介绍"))
    }
}
