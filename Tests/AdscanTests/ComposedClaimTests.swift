import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanRules
import XCTest

/// Composed claims with small inline packs (editing the shipped lexicons cannot break these):
/// word lists written into patterns, parts, severity and citation per ad class from provisions,
/// one finding per claim.
final class ComposedClaimTests: XCTestCase {
    /// A pack with its own word lists, provisions and two ad classes.
    static let pack = """
        lexicons:
          disease: [高血压, 糖尿病, 颈椎病, 失眠]
          verb: [调理, 改善, 治疗]
          product: [茶, 枕头]
        provisions:
          - id: P-GEN
            law: 《中华人民共和国广告法》第四条第一款
            text: 广告不得含有虚假或者引人误解的内容，不得欺骗、误导消费者。
            classes: [any]
          - id: P-FOOD
            law: 《中华人民共和国食品安全法》第七十三条第一款
            text: 食品广告的内容应当真实合法，不得含有虚假内容，不得涉及疾病预防、治疗功能。
            classes: [food]
          - id: P-MED
            law: 《中华人民共和国广告法》第十六条第一款第（一）项
            text: 医疗、药品、医疗器械广告不得含有下列内容：（一）表示功效、安全性的断言或者保证；
            classes: [medical]
        ad_classes:
          - id: food
            name: 食品
            min_score: 2
            indicators:
              - weight: 2
                terms: [食品生产许可]
          - id: medical
            name: 医疗
            min_score: 2
            indicators:
              - weight: 2
                terms: [医疗机构执业许可]
        rules:
          - id: T-TREAT
            category: efficacy_guarantee
            severity: warning
            message: treat
            provision: P-GEN
            provision_by_class: {food: P-FOOD, medical: P-MED}
            severity_by_class: {food: error, medical: info}
            keywords: ['{{verb}}']
            patterns: ['(?:{{verb}})\\s*{{disease}}']
            examples:
              flag: [调理高血压]
              pass: [调理心情]
          - id: T-PHRASE
            category: efficacy_guarantee
            severity: error
            law: 《中华人民共和国广告法》第十六条第一款第（一）项
            message: phrase
            terms: [调理高血压]
            examples:
              flag: [调理高血压]
              pass: [调理心情]
        """

    func scanner(_ yaml: String = pack) throws -> RecordScanner {
        RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "pack.yaml")))
    }

    func testWordListsComposeAndReportTheirParts() throws {
        let f = try scanner().scan("这款茶可以改善颈椎病").findings
        XCTAssertEqual(f.map(\.ruleID), ["T-TREAT"])
        XCTAssertEqual(f[0].match, "改善颈椎病")
        XCTAssertEqual(f[0].parts, [Part(role: "verb", text: "改善"), Part(role: "disease", text: "颈椎病")])
        XCTAssertTrue(try scanner().scan("改善睡眠环境").findings.isEmpty, "失眠 is listed, 睡眠 is not")
    }

    /// A `window: paragraph` rule's patterns read over ？！ (a question and its answer), not over
    /// 。 or a line break; the same pattern in a clause rule stops at the question mark.
    func testAParagraphWindowReadsOverQuestionMarks() throws {
        let rule = """
              - id: T-LOOKS
                category: appearance_anxiety
                severity: warning
                law: t
                message: looks
                WINDOW
                keywords: [单眼皮]
                patterns: ['单眼皮[^。\\n]{0,20}?面试']
                examples:
                  flag: [单眼皮 面试]
                  pass: [双眼皮 面试]
            """
        let base = "rules:\n"
        let para = try scanner(base + rule.replacingOccurrences(of: "WINDOW", with: "window: paragraph"))
        let clause = try scanner(base + rule.replacingOccurrences(of: "    WINDOW\n", with: ""))
        XCTAssertEqual(para.scan("单眼皮=没精神?面试官第一眼就刷了").findings.map(\.ruleID), ["T-LOOKS"])
        XCTAssertEqual(para.scan("单眼皮=没精神!面试官第一眼就刷了").findings.map(\.ruleID), ["T-LOOKS"])
        XCTAssertTrue(clause.scan("单眼皮=没精神?面试官第一眼就刷了").findings.isEmpty)
        XCTAssertTrue(para.scan("单眼皮很常见。面试官看的是能力").findings.isEmpty, "。 ends a paragraph window")
        XCTAssertTrue(para.scan("单眼皮很常见\n面试官看的是能力").findings.isEmpty, "so does a line break")
        XCTAssertThrowsError(try scanner(base + rule.replacingOccurrences(of: "WINDOW", with: "window: page"))) { error in
            XCTAssertTrue("\(error)".contains("window must be clause or paragraph"), "\(error)")
        }
    }

    func testAdClassChoosesSeverityAndTheProvisionWithItsOwnText() throws {
        let plain = try scanner().scan("调理糖尿病").findings.first { $0.ruleID == "T-TREAT" }
        XCTAssertEqual(plain?.severity, .warning)
        XCTAssertEqual(plain?.law, "《中华人民共和国广告法》第四条第一款")
        let food = try scanner().scan("食品生产许可 调理糖尿病").findings.first { $0.ruleID == "T-TREAT" }
        XCTAssertEqual(food?.severity, .error)
        XCTAssertEqual(food?.law, "《中华人民共和国食品安全法》第七十三条第一款")
        XCTAssertEqual(food?.lawText, "食品广告的内容应当真实合法，不得含有虚假内容，不得涉及疾病预防、治疗功能。")
        XCTAssertEqual(food?.parts.last, Part(role: "ad_class", text: "food"))
        let clinic = try scanner().scan("医疗机构执业许可 调理糖尿病").findings.first { $0.ruleID == "T-TREAT" }
        XCTAssertEqual(clinic?.severity, .info)
    }

    /// A record that is one short line is the product's claim: `slogan_severity` raises a bare
    /// claim there, not in a longer text, and never over what a detected class decides.
    func testSloganSeverityRaisesABareClaimOnAShortLineOnly() throws {
        let yaml = Self.pack.replacingOccurrences(of: "severity_by_class: {food: error, medical: info}",
                                                  with: "severity_by_class: {food: error, medical: info}\n    slogan_severity: error")
        let short = try scanner(yaml).scan("  调理糖尿病\n").findings.first { $0.ruleID == "T-TREAT" }
        XCTAssertEqual(short?.severity, .error)
        XCTAssertEqual(short?.parts.last, Part(role: "form", text: "slogan"))
        let long = String(repeating: "今天天气很好", count: 6) + "调理糖尿病"
        XCTAssertEqual(try scanner(yaml).scan(long).findings.first { $0.ruleID == "T-TREAT" }?.severity, .warning)
        XCTAssertEqual(try scanner(yaml).scan("第一行\n调理糖尿病").findings.first { $0.ruleID == "T-TREAT" }?.severity, .warning,
                       "two lines are not one slogan")
        XCTAssertEqual(try scanner(yaml).scan("医疗机构执业许可 调理糖尿病").findings.first { $0.ruleID == "T-TREAT" }?.severity, .info,
                       "the class decides where one applies")
        XCTAssertEqual(try scanner().scan("调理糖尿病").findings.first { $0.ruleID == "T-TREAT" }?.severity, .warning)
    }

    /// A rule that implies its class (a return promise implies an investment ad) still cites the
    /// provision of another class it names when the record shows that class (a real-estate page).
    func testImpliedClassGivesWayToANamedDetectedClass() throws {
        let rule = """
              - id: T-IMPLIED
                category: efficacy_guarantee
                severity: warning
                message: implied
                provision: P-GEN
                implies_class: medical
                provision_by_class: {food: P-FOOD}
                severity_by_class: {food: error}
                terms: [根治失眠]
                examples:
                  flag: [根治失眠]
                  pass: [失眠]

            """
        let yaml = Self.pack.replacingOccurrences(of: "\nrules:\n", with: "\nrules:\n" + rule)
        let bare = try scanner(yaml).scan("根治失眠").findings.first { $0.ruleID == "T-IMPLIED" }
        XCTAssertEqual(bare?.law, "《中华人民共和国广告法》第四条第一款")
        XCTAssertEqual(bare?.severity, .warning)
        let food = try scanner(yaml).scan("食品生产许可 根治失眠").findings.first { $0.ruleID == "T-IMPLIED" }
        XCTAssertEqual(food?.law, "《中华人民共和国食品安全法》第七十三条第一款")
        XCTAssertEqual(food?.severity, .error)
        XCTAssertEqual(food?.parts.last, Part(role: "ad_class", text: "food"))
    }

    func testOneFindingPerClaimWhereRulesOverlap() throws {
        // T-PHRASE (error) and T-TREAT (warning) find the same claim: the error stays
        let f = try scanner().scan("调理高血压").findings
        XCTAssertEqual(f.map(\.ruleID), ["T-PHRASE"])
        // the rule-example checker sees each rule's own findings
        var s = try scanner()
        s.gate.resolveOverlaps = false
        XCTAssertEqual(Set(s.scan("调理高血压").findings.map(\.ruleID)), ["T-PHRASE", "T-TREAT"])
    }

    /// A product rule (scope `cue`): its matches are never findings; a claim of one of its
    /// `derives_from` categories near one, with a disease around it, is also reported as the
    /// product rule's finding, cited by the record's class.
    static let productPack = pack + """

          - id: T-STORY
            category: testimonial
            severity: warning
            law: 《中华人民共和国广告法》第二十八条第二款第（四）项
            message: story
            keywords: [喝了]
            patterns: ['喝了\\S{0,6}?(?:{{disease}})\\S{0,2}好了']
            examples:
              flag: [我妈喝了两个月糖尿病好了]
              pass: [喝了两杯水]
          - id: T-PRODUCT
            scope: cue
            category: non_medical_cure_claim
            severity: warning
            message: product
            provision: P-GEN
            provision_by_class: {food: P-FOOD}
            severity_by_class: {food: error}
            exclude_class: [medical]
            derives_from: [testimonial]
            near_lists: [disease]
            keywords: ['{{product}}']
            patterns: ['(?:{{product}})']
            examples:
              flag: [这款茶 我妈喝了两个月糖尿病好了]
              pass: [这款茶 口感好]
        """

    func testProductTypeTurnsANearbyClaimIntoItsOwnFinding() throws {
        let s = try scanner(Self.productPack)
        let f = s.scan("这款茶 口感好 我妈喝了两个月糖尿病好了").findings
        XCTAssertEqual(Set(f.map(\.ruleID)), ["T-STORY", "T-PRODUCT"])
        let d = f.first { $0.ruleID == "T-PRODUCT" }
        XCTAssertEqual(d?.match, f.first { $0.ruleID == "T-STORY" }?.match, "the claim's own span")
        XCTAssertEqual(d?.severity, .warning, "the claim's severity where no class decides")
        XCTAssertEqual(d?.parts.prefix(2).map(\.text), ["茶", "T-STORY"])
        XCTAssertEqual(d?.evidence.map(\.role), ["cue", "claim"])
        // the class chooses severity and article
        let food = s.scan("食品生产许可 这款茶 我妈喝了两个月糖尿病好了").findings.first { $0.ruleID == "T-PRODUCT" }
        XCTAssertEqual(food?.severity, .error)
        XCTAssertEqual(food?.law, "《中华人民共和国食品安全法》第七十三条第一款")
        // no product, an excluded class, or no claim: nothing derived, and a cue alone is never a finding
        XCTAssertEqual(s.scan("我妈喝了两个月糖尿病好了").findings.map(\.ruleID), ["T-STORY"])
        XCTAssertFalse(s.scan("医疗机构执业许可 这款茶 我妈喝了两个月糖尿病好了").findings.contains { $0.ruleID == "T-PRODUCT" })
        XCTAssertTrue(s.scan("这款茶 口感好").findings.isEmpty)
        // a product too far before the claim does not reach it
        let far = "这款茶" + String(repeating: "口感很好。", count: 60) + "我妈喝了两个月糖尿病好了"
        XCTAssertFalse(s.scan(far).findings.contains { $0.ruleID == "T-PRODUCT" })
    }

    func testProductRuleNeedsTheCategoriesItDerivesFrom() {
        let yaml = Self.productPack.replacingOccurrences(of: "derives_from: [testimonial]", with: "derives_from: []")
        XCTAssertThrowsError(try RuleLoader().load(yaml: yaml, file: "pack.yaml")) { e in
            XCTAssertTrue("\(e)".contains("derives_from"), "\(e)")
        }
    }

    func testUnknownWordListIsRejectedAtTheRule() {
        let yaml = Self.pack.replacingOccurrences(of: "{{disease}}", with: "{{illness}}")
        XCTAssertThrowsError(try RuleLoader().load(yaml: yaml, file: "pack.yaml")) { e in
            XCTAssertTrue("\(e)".contains("no word list `illness`"), "\(e)")
        }
    }

    func testProvisionOutsideItsScopeIsRejected() {
        // P-MED covers medical ads only: mapping food to it is a wrong citation
        let yaml = Self.pack.replacingOccurrences(of: "{food: P-FOOD, medical: P-MED}", with: "{food: P-MED}")
        XCTAssertThrowsError(try RuleLoader().load(yaml: yaml, file: "pack.yaml")) { e in
            XCTAssertTrue("\(e)".contains("provision P-MED does not apply to food ads"), "\(e)")
        }
        let missing = Self.pack.replacingOccurrences(of: "provision: P-GEN", with: "provision: P-NONE")
        XCTAssertThrowsError(try RuleLoader().load(yaml: missing, file: "pack.yaml"))
    }

    /// A trie node with more children than `Lexicon.dispatchFanout` is split by first-character
    /// range: the same words still match, and nothing else (probes between and beyond the ranges).
    func testAWideTrieNodeIsSplitByCharacterRangeAndMatchesTheSameWords() throws {
        // 400 words over 200 first characters spread across the Han block, some with a shared stem
        let firsts = (0..<200).map { Unicode.Scalar(0x4E00 + UInt32($0) * 97)! }
        var words: [String] = []
        for (k, f) in firsts.enumerated() {
            words.append(String(f) + "病")
            words.append(String(f) + (k % 2 == 0 ? "痛症" : "hpv"))
        }
        words.append("病")
        let alt = Lexicon.alternation(words)
        XCTAssertTrue(alt.contains("(?(?=["), "a node of 200 branches is dispatched")
        let re = try Regex("^" + alt + "$")
        let data = MatchData()
        func matches(_ s: String) -> Bool {
            var b = Array(s.utf8)
            return b.withUnsafeMutableBufferPointer { re.matches(in: UnsafeBufferPointer($0), from: 0, to: $0.count, data: data) }
        }
        for w in words { XCTAssertTrue(matches(w), w) }
        let between = String(Unicode.Scalar(0x4E00 + 97 * 50 + 1)!) + "病"
        for probe in [between, "丁", String(firsts[3]) + "痛", "a病", "\u{9FA5}病", String(firsts[199]) + "病病"] {
            XCTAssertFalse(matches(probe), probe)
        }
        // a search finds the longest entry where one starts, as the flat alternation does
        let flat = try Regex("(?:" + words.sorted { $0.count > $1.count }.joined(separator: "|") + ")")
        let tried = try Regex(alt)
        for t in ["前文" + String(firsts[7]) + "痛症后文", String(firsts[120]) + "hpv" + String(firsts[0]) + "病"] {
            var b = Array(t.utf8)
            b.withUnsafeMutableBufferPointer { m in
                let u = UnsafeBufferPointer(m)
                XCTAssertEqual(flat.firstMatch(in: u, from: 0, to: u.count, data: data), tried.firstMatch(in: u, from: 0, to: u.count, data: data), t)
            }
        }
    }

    func testLongWordListsBecomeATrieThatMatchesExactlyTheWords() throws {
        var words: [String] = []
        let chars = Array("高血压糖尿病颈椎腰间盘突出肩周炎失眠多梦")
        var rng = SystemRandomNumberGenerator()
        while words.count < 200 {
            let n = Int.random(in: 2...5, using: &rng)
            words.append(String((0..<n).map { _ in chars.randomElement(using: &rng)! }))
        }
        let alt = Lexicon.alternation(words)
        XCTAssertTrue(alt.hasPrefix("(?:"))
        let re = try Regex("^" + alt + "$")
        let data = MatchData()
        for w in Set(words) {
            var b = Array(w.utf8)
            XCTAssertTrue(b.withUnsafeMutableBufferPointer { re.matches(in: UnsafeBufferPointer($0), from: 0, to: $0.count, data: data) }, w)
        }
        for probe in ["高", "病病病病病病", "xyz"] where !words.contains(probe) {
            var b = Array(probe.utf8)
            XCTAssertFalse(b.withUnsafeMutableBufferPointer { re.matches(in: UnsafeBufferPointer($0), from: 0, to: $0.count, data: data) }, probe)
        }
    }
}
