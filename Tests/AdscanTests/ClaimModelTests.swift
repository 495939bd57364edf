import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanNormalize
import AdscanRules
import Foundation
import XCTest

/// The sentence claim model: its file format, the features the scorer computes (they must be the
/// ones tools/fit_claims.py trains on), and how its findings go through the engine.
final class ClaimModelTests: XCTestCase {
    // two heads; 调理 and 血压 push `efficacy_guarantee`, 0个 (any number, then 个) pushes ANY
    static let tsv = """
        # a test model
        heads\tefficacy_guarantee ANY
        bias\t-2.000 -2.000
        threshold\t1.00 1.50
        调理\t0:1.500
        血压\t0:1.000 1:0.500
        0个\t1:2.000
        天\t0:0.250

        """

    static let pack = """
        pack: t
        rules:
          - id: T-MDL
            scope: model
            category: efficacy_guarantee
            severity: warning
            law: t
            message: t
            examples:
              flag: [这款茶调理血压,天天喝血压稳]
              pass: [今天天气很好]

        """

    func testParsesHeadsBiasThresholdAndWeights() throws {
        let m = try ClaimModel.parse(Self.tsv, file: "claims.tsv")
        XCTAssertEqual(m.heads, ["efficacy_guarantee", "ANY"])
        XCTAssertEqual(m.bias, [-2, -2])
        XCTAssertEqual(m.threshold, [1, 1.5])
        XCTAssertEqual(m.grams.count, 4)
        XCTAssertEqual(m.anyHead, 1)
        XCTAssertEqual(m.grams[1], "血压")
        XCTAssertEqual(m.weights.count, 4 * 2)
        XCTAssertNotEqual(m.weight(gram: 1, head: 0), 0)
        XCTAssertNotEqual(m.weight(gram: 1, head: 1), 0)
    }

    func testRejectsMalformedLines() {
        XCTAssertThrowsError(try ClaimModel.parse("heads\ta b\nbias\t1\nthreshold\t1 1\n", file: "m.tsv")) { e in
            XCTAssertEqual((e as? RuleLoadError)?.line, 2)
        }
        XCTAssertThrowsError(try ClaimModel.parse("heads\ta\nbias\t0\nthreshold\t1\n调理\t3:1.0\n", file: "m.tsv"))
        XCTAssertThrowsError(try ClaimModel.parse("调理\t0:1.0\n", file: "m.tsv"))
        XCTAssertThrowsError(try ClaimModel.parse("heads\ta\n", file: "m.tsv"))
    }

    /// Counted 1-3-grams of the folded sentence, whitespace dropped, a digit run read as one 0.
    func testScoresTheFeaturesTheFitterTrainsOn() throws {
        let scorer = ClaimScorer(try ClaimModel.parse(Self.tsv, file: "claims.tsv"))
        let normalizer = Normalizer()
        func score(_ s: String) -> [Float] {
            var z: [Float] = []
            let folded = normalizer.normalize(s)
            _ = Array(folded.bytes).withUnsafeBufferPointer { scorer.score($0, into: &z) }
            return z
        }
        // 调理 once, 血压 twice, 天 once
        XCTAssertEqual(score("调理血压,血压一天"), [-2 + 1.5 + 2 + 0.25, -2 + 1], accuracy: 1e-5)
        // traditional and full-width text folds first; spaces do not break a gram
        XCTAssertEqual(score("調 理血壓"), [-2 + 1.5 + 1, -2 + 0.5], accuracy: 1e-5)
        // 3个, 30个 and ３０个 are all 0个; 3 0个 is one run once the space is dropped
        XCTAssertEqual(score("买了30个和３个"), [-2, -2 + 4], accuracy: 1e-5)
        XCTAssertEqual(score("3 0个"), [-2, -2 + 2], accuracy: 1e-5)
        var z: [Float] = []
        XCTAssertFalse(Array("调理".utf8).withUnsafeBufferPointer { scorer.score($0, into: &z) }, "under four characters: no score")
    }

    private func engine(resolveOverlaps: Bool = true) throws -> Engine {
        let set = try RuleLoader().load(files: [("t.yaml", Self.pack), ("models/claims.tsv", Self.tsv)])
        var options = EngineOptions()
        options.resolveOverlaps = resolveOverlaps
        return Engine(try CompiledRuleSet(set), options: options)
    }

    func testASentenceOverTheThresholdIsAFindingWithItsCues() throws {
        // -2 + 1.5 (调理) + 2 × 1.0 (血压) + 2 × 0.25 (天) = 2 over 1
        let rec = try engine().scan("门店地址在东街。这款茶调理血压,天天喝血压稳！欢迎选购")
        let f = try XCTUnwrap(rec.findings.first { $0.ruleID == "T-MDL" })
        XCTAssertNil(f.suppressedBy)
        XCTAssertEqual(f.match, "调理血压,天天喝血压", "the span of its strongest grams, not the record")
        XCTAssertEqual(f.start, "门店地址在东街。这款茶".utf8.count)
        XCTAssertEqual(f.evidence.map(\.role), ["cue", "cue", "cue"])
        XCTAssertEqual(f.evidence.map(\.match), ["调理", "血压", "血压"], "strongest grams first")
        XCTAssertTrue(try engine().scan("这款茶调理血压效果好").findings.isEmpty, "0.5: under the threshold")
        XCTAssertEqual(rec.findings.count, 1)
    }

    /// A row of a table of figures is not a sentence: the same grams, under a quarter of the piece's
    /// characters Han, are not read (a return-on-equity table was read as an endorsement, rc27).
    func testAPieceUnderAQuarterHanIsNotRead() throws {
        let row = "调理血压,天天喝血压 | 3.67 | 9.26 | 13.59 | 4.64 | 4.84 | 13.48 | 20.37 | 4.65"
        XCTAssertTrue(try engine().scan(row).findings.isEmpty)
        XCTAssertFalse(try engine().scan("这款茶调理血压,天天喝血压稳").findings.isEmpty, "the same grams in a sentence")
    }

    /// A head past its own threshold but short of its shared one speaks only where no rule of any
    /// family found something in the sentence: there it is the only reading; beside another
    /// family's finding a weak reading is noise (a cure guarantee also read as a comparison).
    func testAHeadShortOfItsSharedThresholdStaysSilentBesideAnotherFamilysFinding() throws {
        let tsv = Self.tsv.replacingOccurrences(of: "threshold\t1.00 1.50\n", with: "threshold\t1.00 1.50\nthreshold_shared\t3.00 1.50\n")
        XCTAssertEqual(try ClaimModel.parse(tsv, file: "claims.tsv").sharedThreshold, [3, 1.5])
        XCTAssertEqual(try ClaimModel.parse(Self.tsv, file: "claims.tsv").sharedThreshold, [1, 1.5], "defaults to threshold")
        let other = Self.pack + """
              - id: T-BEST
                category: absolute_term
                severity: warning
                law: t
                message: t
                terms: [最好]
                examples: {flag: [最好], pass: [很好]}

            """
        let e = Engine(try CompiledRuleSet(try RuleLoader().load(files: [("t.yaml", other), ("models/claims.tsv", tsv)])))
        // efficacy head at 2: past 1, short of 3
        XCTAssertEqual(e.scan("这款茶调理血压,天天喝血压稳").findings.map(\.ruleID), ["T-MDL"])
        XCTAssertEqual(e.scan("最好的茶调理血压,天天喝血压稳").findings.map(\.ruleID), ["T-BEST"])
    }

    /// A record of at most `short_record` sentences reads with `threshold_short`; a longer record
    /// with `threshold`: a page gives a loose reading many chances to misfire, a quoted claim one.
    func testAShortRecordReadsWithTheShortThreshold() throws {
        let tsv = Self.tsv.replacingOccurrences(of: "threshold\t1.00 1.50\n", with: "threshold\t1.00 1.50\nshort_record\t2\nthreshold_short\t0.00 1.50\n")
        let m = try ClaimModel.parse(tsv, file: "claims.tsv")
        XCTAssertEqual(m.shortRecord, 2)
        XCTAssertEqual(m.shortThreshold, [0, 1.5])
        XCTAssertThrowsError(try ClaimModel.parse(Self.tsv + "short_record\t2\n", file: "m.tsv"), "a count without thresholds")
        let e = Engine(try CompiledRuleSet(try RuleLoader().load(files: [("t.yaml", Self.pack), ("models/claims.tsv", tsv)])))
        // efficacy head at 0.5 (调理 1.5, 血压 1.0): over 0, under 1
        XCTAssertEqual(e.scan("这款茶调理血压效果好").findings.map(\.ruleID), ["T-MDL"], "one sentence: short")
        XCTAssertEqual(e.scan("门店在东街。这款茶调理血压效果好").findings.map(\.ruleID), ["T-MDL"], "two: short")
        XCTAssertTrue(e.scan("门店在东街。营业到晚上九点。这款茶调理血压效果好").findings.isEmpty, "three: a longer record")
        XCTAssertTrue(try engine().scan("这款茶调理血压效果好").findings.isEmpty, "no short_record line: threshold")
    }

    func testTheAnyHeadGivesTheSentenceToItsBestCategory() throws {
        // 0个 twice: ANY -2 + 4 = 2 > 1.5; the efficacy head itself stays at -2 + 0.25
        let rec = try engine().scan("三天两个疗程,吃了3个就好,再来5个")
        XCTAssertEqual(rec.findings.filter { $0.suppressedBy == nil }.map(\.ruleID), ["T-MDL"])
        XCTAssertTrue(try engine().scan("吃了3个就好").findings.isEmpty, "one 0个: ANY at 0, under its threshold")
    }

    func testModelFindingsGoThroughTheSpanGates() throws {
        let loaded = try RuleLoader().load(directory: TestSupport.lexicons)
        // the real pack's suppressors (quotes, reporting frames) with the test model's rule
        var set = try RuleLoader().load(files: [("t.yaml", Self.pack), ("models/claims.tsv", Self.tsv)])
        set.suppressors = loaded.suppressors
        set.genre = loaded.genre
        let e = Engine(try CompiledRuleSet(set))
        // a notice quoting the claim: the genre reads it as discussing claims, so the model does not run
        let notice = e.scan("经查,当事人在其公众号发布广告,宣称“这款茶调理血压,天天喝血压稳”。上述行为违反了《广告法》第十七条,市场监管局依法责令停止发布并罚款二万元")
        XCTAssertTrue(notice.findings.allSatisfy { $0.suppressedBy != nil }, "\(notice.findings.map(\.match))")
        // a claim under a prohibition frame is gated like any finding
        let banned = e.scan("保健食品广告不得宣称这款茶调理血压,天天喝血压稳")
        XCTAssertFalse(banned.findings.isEmpty)
        XCTAssertTrue(banned.findings.allSatisfy { $0.suppressedBy != nil }, "\(banned.findings.map(\.match))")
        XCTAssertEqual(e.scan("这款茶调理血压,天天喝血压稳").findings.filter { $0.suppressedBy == nil }.count, 1)
    }

    /// The files of a pack parse at once; the first error is still the one a serial load meets
    /// (word lists, then the model, then rule files in order), and the merge keeps file order.
    func testAParallelLoadReportsErrorsAndMergesInFileOrder() throws {
        let badModel = "heads\ta\nbias\t1 2\n"
        let badYAML = "pack: t\nrules: [\n"
        XCTAssertThrowsError(try RuleLoader().load(files: [("a.yaml", badYAML), ("models/claims.tsv", badModel)])) { e in
            XCTAssertEqual((e as? RuleLoadError)?.file, "models/claims.tsv", "\(e)")
        }
        let second = Self.pack.replacingOccurrences(of: "T-MDL", with: "T-MDL2")
        let set = try RuleLoader().load(files: [("t.yaml", Self.pack), ("u.yaml", second), ("models/claims.tsv", Self.tsv)])
        XCTAssertEqual(set.rules.map(\.id), ["T-MDL", "T-MDL2"])
        XCTAssertEqual(try concurrentMap(100) { $0 * 2 }, Array(stride(from: 0, to: 200, by: 2)))
        XCTAssertEqual(try concurrentMap(0) { $0 }, [])
    }

    func testAModelRuleNeedsTheModelAndAHeadForItsCategory() {
        XCTAssertThrowsError(try RuleLoader().load(files: [("t.yaml", Self.pack)])) { e in
            XCTAssertTrue("\(e)".contains("needs the claim model"), "\(e)")
        }
        let other = Self.pack.replacingOccurrences(of: "category: efficacy_guarantee", with: "category: testimonial")
        XCTAssertThrowsError(try RuleLoader().load(files: [("t.yaml", other), ("models/claims.tsv", Self.tsv)])) { e in
            XCTAssertTrue("\(e)".contains("no head for category `testimonial`"), "\(e)")
        }
    }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, _ message: String = "",
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, message, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, message + " \(a) vs \(b)", file: file, line: line) }
}
