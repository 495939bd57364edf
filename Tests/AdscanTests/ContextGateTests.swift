import AdscanContext
import AdscanMatch
import AdscanModel
import AdscanRules
import XCTest

/// The context gate alone, on the matcher's candidates, with a small inline pack (editing the
/// shipped lexicons cannot break these): each scope of a context entry suppresses where it should
/// and nowhere else, and `suppressed_by` names the entry and the cue ("id: marker").
final class ContextGateTests: XCTestCase {
    static let pack = """
        context:
          - id: notice
            scope: document
            min_distinct: 2
            markers: [经查, 责令, 罚款]
          - id: caveat
            scope: document
            markers: [不能代替药物]
          - id: frame
            scope: clause_before
            markers: [不得宣传, 禁止]
          - id: quoting
            scope: clause_after
            markers: [等用语]
          - id: mandated
            scope: cover
            markers: [本品不能根治颈椎病, 本品不能代替药物]
          - id: negation
            scope: negation
            markers: [没有, 并不]
            promises: [副作用]
          - id: mention
            scope: mention
            markers: [宣称]
          - id: listing
            scope: enumeration
            markers: [下列情形]
          - id: question
            scope: question
            markers: [吗]
        rules:
          - id: T-CURE
            category: efficacy_guarantee
            severity: error
            law: t
            message: cure
            terms: [根治颈椎病, 副作用]
            examples:
              flag: [根治颈椎病]
              pass: [颈椎]
        """

    static let compiled: CompiledRuleSet = {
        do { return try CompiledRuleSet(try RuleLoader().load(yaml: pack, file: "p.yaml")) }
        catch { fatalError("test pack does not load: \(error)") }
    }()

    /// The gate's findings of a text: the matcher's candidates, then `ContextGate.assess`.
    func findings(_ text: String) -> [Finding] {
        let matcher = Matcher(Self.compiled)
        let gate = ContextGate(Self.compiled)
        var copy = text
        return copy.withUTF8 { bytes in
            gate.assess(matcher.scan(bytes, scratch: Scratch()), text: bytes, validUTF8: true).findings
        }
    }

    /// What suppressed each finding (nil: active).
    func suppressedBy(_ text: String) -> [String?] { findings(text).map(\.suppressedBy) }

    func testAClaimWithoutACueIsActive() {
        let f = findings("本店推拿根治颈椎病")
        XCTAssertEqual(f.map(\.ruleID), ["T-CURE"])
        XCTAssertEqual(f.map(\.match), ["根治颈椎病"])
        XCTAssertEqual(f.map(\.suppressedBy), [nil])
    }

    func testClauseBeforeNeedsItsMarkerEarlierInTheClause() {
        XCTAssertEqual(suppressedBy("广告中不得宣传根治颈椎病"), ["frame: 不得宣传"])
        XCTAssertEqual(suppressedBy("根治颈椎病，禁止"), [nil], "after the claim, and in another clause")
        XCTAssertEqual(suppressedBy("禁止吸烟。本店根治颈椎病"), [nil], "a sentence end closes the clause")
    }

    func testClauseAfterNeedsItsMarkerLaterInTheClause() {
        XCTAssertEqual(suppressedBy("广告使用了根治颈椎病等用语"), ["quoting: 等用语"])
        XCTAssertEqual(suppressedBy("等用语。本店根治颈椎病"), [nil])
    }

    func testCoverNeedsTheMarkerToCoverTheMatch() {
        XCTAssertEqual(suppressedBy("请注意：本品不能根治颈椎病"), ["mandated: 本品不能根治颈椎病"])
        XCTAssertEqual(suppressedBy("本品能根治颈椎病"), [nil])
    }

    func testNegationDeniesUnlessItNegatesAHarm() {
        XCTAssertEqual(suppressedBy("目前并不能根治颈椎病"), ["negation: 并不"])
        XCTAssertEqual(suppressedBy("没有别的办法，我们根治颈椎病"), [nil], "a comma ends the negation's reach")
        XCTAssertEqual(findings("没有副作用").map(\.match), ["副作用"])
        XCTAssertEqual(suppressedBy("没有副作用"), [nil], "a negated harm (a promise word) is the claim itself")
    }

    func testMentionNeedsTheClaimInQuotationMarks() {
        XCTAssertEqual(suppressedBy("当事人在广告中宣称“根治颈椎病”"), ["mention: 宣称"])
        XCTAssertEqual(suppressedBy("当事人宣称能根治颈椎病"), [nil], "an unquoted claim is still a claim")
    }

    func testEnumerationNeedsItsMarkerInTheLeadInOfAColon() {
        XCTAssertEqual(suppressedBy("不得含有下列情形：（一）根治颈椎病"), ["listing: 下列情形"])
        XCTAssertEqual(suppressedBy("本店特色：根治颈椎病"), [nil], "a colon without the lead-in")
        XCTAssertEqual(suppressedBy("不得含有下列情形：\n根治颈椎病"), [nil], "a line break ends the enumeration")
    }

    func testQuestionNeedsTheParticleBeforeTheQuestionMark() {
        XCTAssertEqual(suppressedBy("推拿能根治颈椎病吗？"), ["question: 吗?"])
        XCTAssertEqual(suppressedBy("推拿根治颈椎病，还犹豫吗？"), [nil], "the question is another clause")
    }

    /// An A-not-A question in the claim's clause asks whether it holds; an ad's hook (想不想) does not.
    func testAnANotAQuestionInTheClaimsClauseIsAsked() {
        XCTAssertEqual(suppressedBy("推拿能不能根治颈椎病？"), ["question: 能不能…?"])
        XCTAssertEqual(suppressedBy("想不想根治颈椎病？"), [nil], "an ad's hook")
        XCTAssertEqual(suppressedBy("推拿能不能根治颈椎病，根治颈椎病！"), [nil, nil], "no question mark")
    }

    func testDocumentScopeNeedsEnoughDistinctMarkers() {
        XCTAssertEqual(suppressedBy("经查，当事人发布根治颈椎病的广告，责令停止发布。"), ["notice: 经查, 责令"])
        XCTAssertEqual(suppressedBy("经查，经查，当事人发布根治颈椎病的广告。"), [nil], "one marker twice is one")
    }

    /// A document marker inside a mandated statement is the ad's own label, not a warning about ads.
    func testADocumentMarkerInsideAMandatedStatementDoesNotCount() {
        XCTAssertEqual(suppressedBy("推拿根治颈椎病，但不能代替药物。"), ["caveat: 不能代替药物"])
        XCTAssertEqual(suppressedBy("推拿根治颈椎病。本品不能代替药物"), [nil], "the statement the law makes the ad carry")
    }

    func testTheFirstEntryOfThePackWinsInAClause() {
        // both a clause_before (frame) and a clause_after (quoting) cue: the earlier entry names it
        XCTAssertEqual(suppressedBy("禁止根治颈椎病等用语"), ["frame: 禁止"])
    }
    /// The default pack's document gates for study reports and second-hand chat: two distinct
    /// markers of one gate suppress the record; one marker, or copy with the claim alone, does not.
    func testTheDefaultPackReadsStudiesAndSecondHandChatAsMentions() {
        func active(_ s: String) -> [String] {
            TestSupport.scanner.scan(s).findings.filter { $0.suppressedBy == nil && $0.severity != .info }.map(\.ruleID)
        }
        XCTAssertEqual(active("结果 治疗组有效率为81.3%,对照组为60.2%,差异有统计学意义"), [])
        XCTAssertFalse(active("本院独创疗法 有效率为98% 随访三年无复发").isEmpty, "one study word in an ad")
        XCTAssertEqual(active("我爸说那款降糖茶喝了能降血糖,我跟他说那是广告"), [])
        XCTAssertFalse(active("这款降糖茶喝了能降血糖,别信外面那些").isEmpty, "one skeptic word in the seller's mouth")
        // a warning that a product cannot replace treatment is advice; the label's own statement is not
        XCTAssertEqual(active("三七能活血化瘀、调节血脂,辅助控制血糖,但无法替代药物治疗"), [])
        XCTAssertFalse(active("降糖茶 喝一个月根治糖尿病 (本品为保健食品,不能代替药物)").isEmpty)
    }

    /// The default pack's knowledge reading: a science page that promotes no one and claims only
    /// what a substance does is explaining; the same page inviting readers to 我院 is not.
    func testTheDefaultPackReadsSciencePromotingNoOneAsKnowledge() {
        let page = "褪黑素是人体松果体分泌的一种激素，夜间分泌增多，白天分泌减少。一般认为，规律作息有助于维持正常的昼夜节律。"
            + "对于倒时差的人群，短期服用褪黑素能够改善睡眠质量。长期失眠应当及时就医，查明原因，不宜自行长期服用任何助眠产品。"
            + "老年人褪黑素分泌减少，入睡困难较为常见，可以通过白天适度运动、晚间减少屏幕使用来调整。"
        let read = TestSupport.scanner.scan(page).findings.filter { $0.severity != .info }
        XCTAssertFalse(read.isEmpty)
        XCTAssertTrue(read.allSatisfy { $0.suppressedBy?.hasPrefix("knowledge_page") == true }, "\(read.map(\.suppressedBy))")
        let promoted = TestSupport.scanner.scan(page + "欢迎到我院睡眠门诊咨询预约。").findings
        XCTAssertTrue(promoted.contains { $0.suppressedBy == nil && $0.severity != .info })
        // a short line is no page
        XCTAssertTrue(TestSupport.scanner.scan("短期服用褪黑素能够改善睡眠质量").findings.contains { $0.suppressedBy == nil && $0.severity != .info })
    }
}
