import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanReader
import AdscanReport
import AdscanRules
import Foundation
import XCTest

/// The engine's record-level work with a small inline pack (editing the shipped lexicons cannot
/// break these): inline `adscan:allow`, fingerprints, the baseline, the allowlist, and an
/// oversized record's segments merged back into whole-record offsets.
final class EngineSuppressionTests: XCTestCase {
    static let pack = """
        rules:
          - id: T-CURE
            category: efficacy_guarantee
            severity: error
            law: t
            message: cure
            terms: [根治颈椎病]
            examples:
              flag: [根治颈椎病]
              pass: [颈椎]
          - id: T-BEST
            category: absolute_term
            severity: warning
            law: t
            message: best
            terms: [最佳枕头]
            examples:
              flag: [最佳枕头]
              pass: [枕头]
        """

    static let compiled: CompiledRuleSet = {
        do { return try CompiledRuleSet(try RuleLoader().load(yaml: pack, file: "p.yaml")) }
        catch { fatalError("test pack does not load: \(error)") }
    }()

    func engine(_ configure: (inout EngineOptions) -> Void = { _ in }) -> Engine {
        var o = EngineOptions()
        configure(&o)
        return Engine(Self.compiled, options: o)
    }

    func origin(_ id: String? = "r1", line: Int = 1) -> RecordOrigin {
        RecordOrigin(source: "in.jsonl", line: line, explicitID: id)
    }

    // MARK: - inline adscan:allow

    func testInlineAllowSuppressesEveryFindingOfItsRecord() {
        let r = engine().scan("最佳枕头，根治颈椎病 adscan:allow: 已审核", origin: origin())
        XCTAssertEqual(r.findings.map(\.ruleID), ["T-BEST", "T-CURE"])
        XCTAssertEqual(r.findings.map(\.suppressedBy), ["adscan:allow: 已审核", "adscan:allow: 已审核"])
        XCTAssertEqual(r.verdict, .clean)
    }

    func testInlineAllowNamingARuleSuppressesOnlyThatRule() {
        let r = engine().scan("最佳枕头，根治颈椎病 adscan:allow(T-BEST)：品牌名", origin: origin())
        XCTAssertEqual(r.findings.first { $0.ruleID == "T-BEST" }?.suppressedBy, "adscan:allow: 品牌名")
        XCTAssertNil(r.findings.first { $0.ruleID == "T-CURE" }?.suppressedBy)
        XCTAssertEqual(r.verdict, .violation)
    }

    func testInlineAllowWithoutAReasonAndWithoutTheMarker() {
        XCTAssertEqual(engine().scan("根治颈椎病 adscan:allow", origin: origin()).findings.map(\.suppressedBy), ["adscan:allow"])
        XCTAssertEqual(engine().scan("根治颈椎病 adscan:allo", origin: origin()).findings.map(\.suppressedBy), [nil])
    }

    // MARK: - fingerprints

    func testFingerprintsLeaveOffsetsOutAndCountOccurrences() {
        let e = engine()
        let a = e.scan("根治颈椎病", origin: origin()).findings
        let moved = e.scan("前言一段。\n后来：根治颈椎病", origin: origin(line: 7)).findings
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(a[0].fingerprint.count, 16)
        XCTAssertTrue(a[0].fingerprint.allSatisfy(\.isHexDigit))
        XCTAssertEqual(moved.map(\.fingerprint), a.map(\.fingerprint), "an edit elsewhere in the record keeps the fingerprint")
        XCTAssertEqual(e.scan("根治颈椎病", origin: origin()).findings.map(\.fingerprint), a.map(\.fingerprint), "stable across runs")
        XCTAssertNotEqual(e.scan("根治颈椎病", origin: origin("r2")).findings.map(\.fingerprint), a.map(\.fingerprint),
                          "the record id is part of it")
        let twice = e.scan("根治颈椎病，再根治颈椎病", origin: origin()).findings
        XCTAssertEqual(twice.count, 2)
        XCTAssertEqual(twice[0].fingerprint, a[0].fingerprint)
        XCTAssertNotEqual(twice[1].fingerprint, twice[0].fingerprint, "the second occurrence is another finding")
    }

    func testFingerprintsOfRecordsWithoutAnIdFollowTheirPositionUnlessByExplicitIDOnly() {
        let byPosition = engine()
        XCTAssertNotEqual(byPosition.scan("根治颈椎病", origin: origin(nil, line: 1)).findings.map(\.fingerprint),
                          byPosition.scan("根治颈椎病", origin: origin(nil, line: 2)).findings.map(\.fingerprint))
        let byID = engine { $0.fingerprintByExplicitIDOnly = true }
        XCTAssertEqual(byID.scan("根治颈椎病", origin: origin(nil, line: 1)).findings.map(\.fingerprint),
                       byID.scan("根治颈椎病", origin: origin(nil, line: 2)).findings.map(\.fingerprint))
    }

    // MARK: - baseline

    func testBaselineDropsFindingsAnEarlierReportHad() throws {
        let text = "最佳枕头，根治颈椎病"
        let before = engine().scan(text, origin: origin())
        // the earlier run's JSONL report, read back as a baseline: only T-CURE was reported then
        var old = before
        old.findings.removeAll { $0.ruleID != "T-CURE" }
        var report: [UInt8] = []
        JSONLReporter(options: ReportOptions()).record(old, embeddedText: true, text: nil, into: &report)
        report += Array("{\"type\":\"summary\",\"records\":1}\nnot json\n".utf8)
        let baseline = Baseline(jsonlReport: Data(report))
        XCTAssertEqual(baseline.fingerprints, [before.findings[1].fingerprint])

        let e = engine { $0.baseline = baseline }
        let after = e.scan(text, origin: origin())
        XCTAssertEqual(after.findings.map(\.ruleID), ["T-BEST"], "only the new finding is reported")
        let bytes = Array(text.utf8)
        let res = bytes.withUnsafeBufferPointer {
            e.scan(Batch.RecordSlice(origin: origin(), range: 0..<$0.count), in: $0, scratch: Scratch())
        }
        XCTAssertTrue(res.isFinished)
        XCTAssertEqual(res.baselineSuppressed, 1)
        XCTAssertEqual(engine().scan(text, origin: origin("other")).findings.count, 2, "another record's finding is new")
    }

    func testBaselineThatCannotBeReadIsAnError() {
        XCTAssertThrowsError(try Baseline(contentsOf: "/nonexistent/baseline.jsonl")) {
            XCTAssertEqual(($0 as? SuppressionFileError)?.description, "cannot read baseline /nonexistent/baseline.jsonl")
        }
    }

    // MARK: - allowlist

    func testAllowlistMarksReviewedFindingsSuppressedWithTheReason() throws {
        let text = "最佳枕头，根治颈椎病"
        let fps = engine().scan(text, origin: origin()).findings.map(\.fingerprint)
        let list = try Allowlist(text: """
            # reviewed 2024-05
            \(fps[0]) 品牌名，非绝对化用语   # T-BEST

            \(fps[1])
            """, source: "allow.txt")
        XCTAssertEqual(list.reasons.count, 2)
        let r = engine { $0.allowlist = list }.scan(text, origin: origin())
        XCTAssertEqual(r.findings.map(\.suppressedBy), ["allowlist: 品牌名，非绝对化用语", "allowlist: reviewed"])
        XCTAssertEqual(r.verdict, .clean)
        // an inline allow was there first: it keeps its own reason
        let inline = engine { $0.allowlist = list }.scan(text + " adscan:allow(T-CURE): 已整改", origin: origin())
        XCTAssertEqual(inline.findings.map(\.suppressedBy), ["allowlist: 品牌名，非绝对化用语", "adscan:allow: 已整改"])
    }

    func testAllowlistLineWithoutAFingerprintIsAnError() {
        XCTAssertThrowsError(try Allowlist(text: "0123456789abcdef ok\nnot-a-fingerprint why", source: "allow.txt")) {
            XCTAssertEqual(($0 as? SuppressionFileError)?.description,
                           "allow.txt:2: expected a 16-digit fingerprint, then the reason")
        }
    }

    // MARK: - segments

    /// A record cut into two overlapping segments, as the reader hands on an oversized one:
    /// merged, its findings have the offsets, lines, columns and fingerprints of the whole.
    func testSegmentsMergeIntoWholeRecordOffsets() throws {
        let text = "第一行：最佳枕头。\n第二行平常的话，根治颈椎病。\n第三行：根治颈椎病！最佳枕头"
        let bytes = Array(text.utf8)
        let whole = engine().scan(text, origin: origin())
        XCTAssertEqual(whole.findings.count, 4)

        // the second line's claim lies in the overlap: both segments see it, the first owns it
        let claim = Array("根治颈椎病".utf8)
        let at = (0...(bytes.count - claim.count)).first { Array(bytes[$0..<($0 + claim.count)]) == claim }!
        let cut = at + claim.count + 3, from = at - 3       // on character boundaries (3 bytes each)
        var first = Batch.RecordSlice(origin: origin(), range: 0..<cut)
        first.isFinal = false
        var second = Batch.RecordSlice(origin: origin(), range: from..<bytes.count)
        second.segmentOffset = from
        second.ownFrom = cut - from
        let before = String(decoding: bytes[..<from], as: UTF8.self).unicodeScalars
        second.lineBase = before.filter { $0 == "\n" }.count
        second.columnBase = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
        second.charBase = before.count
        second.recordBytes = bytes.count

        let e = engine()
        var merger = SegmentMerger()
        var merged: ScannedRecord? = nil
        bytes.withUnsafeBufferPointer { all in
            for slice in [first, second] {
                let part = e.scan(slice, in: all, scratch: Scratch())
                XCTAssertFalse(part.isFinished, "a segment waits for the others")
                XCTAssertTrue(part.record.findings.allSatisfy { $0.fingerprint.isEmpty })
                if let rec = merger.add(part.record, slice) { merged = rec }
            }
        }
        guard var rec = merged else { return XCTFail("no record after the final segment") }
        XCTAssertEqual(e.finish(&rec, text: nil), 0)
        XCTAssertEqual(rec.byteCount, bytes.count)
        func key(_ f: Finding) -> [String] {
            [f.ruleID, f.match, "\(f.start)", "\(f.end)", "\(f.charStart)", "\(f.charEnd)", "\(f.line)", "\(f.column)", f.fingerprint]
        }
        XCTAssertEqual(rec.findings.map(key), whole.findings.map(key))
    }
}
