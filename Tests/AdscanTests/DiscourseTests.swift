import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanModel
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

    func active(_ text: String, _ yaml: String = pack) throws -> [Finding] {
        let s = RecordScanner(try CompiledRuleSet(try RuleLoader().load(yaml: yaml, file: "p.yaml")))
        return s.scan(text).findings.filter { $0.suppressedBy == nil }
    }

    func testNegationBeforeTheClaimInItsClauseSuppresses() throws {
        XCTAssertTrue(try active("目前没有药物能根治颈椎病").isEmpty)
        XCTAssertTrue(try active("枕头并不能根治颈椎病").isEmpty)
        // a comma ends the negation's reach
        XCTAssertEqual(try active("没有别的办法，我们能根治颈椎病").count, 1)
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
        let pack = Self.pack.replacingOccurrences(of: "  - id: quoted_mention", with: """
              - id: enumeration
                scope: enumeration
                markers: [下列情形, 违禁词]
              - id: quoted_mention
            """)
        XCTAssertTrue(try active("医疗广告不得含有下列情形：（一）涉及诊疗方法；（二）能根治颈椎病的；", pack).isEmpty)
        XCTAssertTrue(try active("直播违禁词：最好 第一 能根治颈椎病 包好", pack).isEmpty)
        XCTAssertEqual(try active("本院承诺：能根治颈椎病", pack).count, 1)
        XCTAssertEqual(try active("常见违禁词见下\n本品能根治颈椎病", pack).count, 1, "a new line ends the enumeration")
        XCTAssertEqual(try active("医疗广告不得含有下列情形：（一）涉及诊疗方法", pack).count, 0)
        XCTAssertEqual(try active("下列情形见附件。本品能根治颈椎病：见效快", pack).count, 1, "a sentence end before the colon's lead-in")
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
    }

    func testTheGenreModelSuppressesClaimsInANoticeAndExplainsWhy() throws {
        let yaml = Self.pack.replacingOccurrences(of: "context:\n", with: """
            context:
              - id: f_penalty
                scope: feature
                markers: [当事人, 经查, 罚款]

            """) + """

            genre_model:
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
            """
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
}
