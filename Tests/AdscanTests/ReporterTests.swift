import AdscanModel
import AdscanReport
import Foundation
import XCTest

/// Each reporter on ScannedRecord values built here: no scan, no subprocess, no rule pack.
final class ReporterTests: XCTestCase {
    static let rules = [
        RuleMeta(id: "T-BEST", category: .absoluteTerm, severity: .warning, law: "《广告法》第九条", lawText: "不得使用最佳", message: "best"),
        RuleMeta(id: "T-CURE", category: .efficacyGuarantee, severity: .error, law: "《广告法》第十七条", lawText: nil, message: "cure"),
    ]

    /// A record on line 3 of a file: an active error (on the record's second line) and a
    /// suppressed warning whose match a spreadsheet would take for a formula.
    static var record: ScannedRecord {
        var cure = Finding(ruleID: "T-CURE", category: .efficacyGuarantee, severity: .error, law: "《广告法》第十七条",
                           message: "cure", match: "根治颈椎病", start: 10, end: 25)
        cure.charStart = 4
        cure.charEnd = 9
        cure.line = 2
        cure.column = 3
        cure.context = "枕头，根治颈椎病, 真的"
        cure.via = ["traditional"]
        cure.fingerprintValue = 0x0123_4567_89AB_CDEF
        var best = Finding(ruleID: "T-BEST", category: .absoluteTerm, severity: .warning, law: "《广告法》第九条",
                           message: "best", match: "=最佳", start: 0, end: 7)
        best.charEnd = 3
        best.suppressedBy = "adscan:allow: 品牌名"
        best.fingerprintValue = 0xFEDC_BA98_7654_3210
        var r = ScannedRecord(origin: RecordOrigin(source: "ads.txt", line: 3, explicitID: "ad-1"), byteCount: 40,
                              findings: [best, cure])
        r.adClasses = ["medical"]
        return r
    }

    /// The record with its warning lowered from an error by the genre reading.
    static var downgraded: ScannedRecord {
        var r = record
        r.findings[0].downgradedBy = "genre: news 0.61, mention 0.70"
        return r
    }

    static var clean: ScannedRecord { ScannedRecord(origin: RecordOrigin(source: "-", line: 9), byteCount: 5, findings: []) }

    func options(_ configure: (inout ReportOptions) -> Void = { _ in }) -> ReportOptions {
        var o = ReportOptions()
        o.rules = Self.rules
        configure(&o)
        return o
    }

    func render(_ reporter: any Reporter, _ records: [ScannedRecord], embeddedText: Bool = false) -> String {
        var out: [UInt8] = []
        reporter.begin(into: &out)
        var wrote = false
        for r in records {
            var chunk: [UInt8] = []
            reporter.record(r, embeddedText: embeddedText, text: nil, into: &chunk)
            if chunk.isEmpty { continue }
            if wrote, let sep = reporter.recordSeparator { out += sep }
            out += chunk
            wrote = true
        }
        var s = ScanSummary()
        for r in records { s.add(r) }
        reporter.finish(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func json(_ line: Substring) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    // MARK: - JSONL

    func testJSONLRecordLineHidesSuppressedFindingsUnlessExplained() throws {
        let lines = render(JSONLReporter(options: options()), [Self.record, Self.clean]).split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "a record without findings is left out")
        let o = try json(lines[0])
        XCTAssertEqual(o["type"] as? String, "record")
        XCTAssertEqual(o["id"] as? String, "ad-1")
        XCTAssertEqual(o["source"] as? String, "ads.txt")
        XCTAssertEqual(o["line"] as? Int, 3)
        XCTAssertEqual(o["bytes"] as? Int, 40)
        XCTAssertEqual(o["verdict"] as? String, "violation")
        XCTAssertEqual(o["ad_class"] as? [String], ["medical"])
        let fs = try XCTUnwrap(o["findings"] as? [[String: Any]])
        XCTAssertEqual(fs.count, 1)
        XCTAssertEqual(fs[0]["rule"] as? String, "T-CURE")
        XCTAssertEqual(fs[0]["law"] as? String, "《广告法》第十七条")
        XCTAssertEqual(fs[0]["match"] as? String, "根治颈椎病")
        XCTAssertEqual([fs[0]["start"], fs[0]["end"], fs[0]["char_start"], fs[0]["char_end"], fs[0]["line"], fs[0]["column"]] as? [Int],
                       [10, 25, 4, 9, 2, 3])
        XCTAssertEqual(fs[0]["via"] as? [String], ["traditional"])
        XCTAssertEqual(fs[0]["fingerprint"] as? String, "0123456789abcdef")
        XCTAssertNil(fs[0]["suppressed_by"])

        let explained = try json(render(JSONLReporter(options: options { $0.explain = true }), [Self.record]).split(separator: "\n")[0])
        let all = try XCTUnwrap(explained["findings"] as? [[String: Any]])
        XCTAssertEqual(all.map { $0["rule"] as? String }, ["T-BEST", "T-CURE"])
        XCTAssertEqual(all[0]["suppressed_by"] as? String, "adscan:allow: 品牌名")
    }

    func testJSONLAllRecordsAndRecordIOPositions() throws {
        let lines = render(JSONLReporter(options: options { $0.allRecords = true; $0.omitPosition = true }), [Self.clean])
            .split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let o = try json(lines[0])
        XCTAssertEqual(o["verdict"] as? String, "clean")
        XCTAssertTrue(o["id"] is NSNull, "--record-io: no id field, no position")
        XCTAssertNil(o["source"])
        XCTAssertNil(o["line"])
    }

    func testJSONLErrorAndSummaryLines() throws {
        let r = JSONLReporter(options: options())
        var out: [UInt8] = []
        var e = RecordError(source: "in.jsonl", line: 4, message: "malformed JSON")
        e.id = "x-4"
        r.error(e, into: &out)
        var s = ScanSummary()
        s.add(Self.record)
        r.summaryLine(s, into: &out)
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let err = try json(lines[0])
        XCTAssertEqual(err["type"] as? String, "error")
        XCTAssertEqual(err["id"] as? String, "x-4")
        XCTAssertEqual(err["line"] as? Int, 4)
        XCTAssertEqual(err["message"] as? String, "malformed JSON")
        let sum = try json(lines[1])
        XCTAssertEqual(sum["type"] as? String, "summary")
        XCTAssertEqual(sum["records"] as? Int, 1)
        XCTAssertEqual(sum["findings"] as? Int, 1)
        XCTAssertEqual(sum["suppressed_findings"] as? Int, 1)
    }

    // MARK: - CSV

    func testCSVRowsQuotingAndFormulaNeutralising() {
        let text = render(CSVReporter(options: options { $0.explain = true; $0.bom = true }), [Self.downgraded])
        XCTAssertTrue(text.hasPrefix("\u{FEFF}source,id,line,column,rule,"))
        let rows = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[1], "ads.txt,ad-1,3,1,T-BEST,absolute_term,warning,《广告法》第九条,best,'=最佳,0,7,0,3,,adscan:allow: 品牌名,fedcba9876543210,,\"genre: news 0.61, mention 0.70\"")
        // the finding's own line within the record, and its column; a context with a comma is quoted
        XCTAssertEqual(rows[2], "ads.txt,ad-1,4,3,T-CURE,efficacy_guarantee,error,《广告法》第十七条,cure,根治颈椎病,10,25,4,9,traditional,,0123456789abcdef,\"枕头，根治颈椎病, 真的\",")
        let plain = render(CSVReporter(options: options()), [Self.record], embeddedText: true)
        let lines = plain.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 2, "a suppressed finding only with explain")
        XCTAssertTrue(lines[1].hasPrefix("ads.txt,ad-1,3,5,T-CURE,"), "embedded text: the record's line, the character offset + 1")
    }

    // MARK: - HTML

    /// Each finding's array carries why an error was lowered (its 12th field), and the page shows it.
    func testHTMLFindingCarriesWhyAnErrorWasLowered() {
        let text = render(HTMLReporter(options: options { $0.explain = true }), [Self.downgraded])
        XCTAssertTrue(text.contains(#","genre: news 0.61, mention 0.70"]"#), "downgraded_by closes the finding's array")
        XCTAssertTrue(text.contains("f[11]?"), "the card renders field 11")
        let plain = render(HTMLReporter(options: options()), [Self.record])
        XCTAssertTrue(plain.contains(#""根治颈椎病","",""]"#), "no law text, not lowered: two empty last fields")
        XCTAssertFalse(plain.contains("genre: news"))
    }

    // MARK: - SARIF

    func testSARIFIsOneLogWithRulesResultsAndSuppressions() throws {
        let text = render(SARIFReporter(options: options { $0.explain = true }), [Self.downgraded, Self.clean, Self.record])
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual((driver["rules"] as? [[String: Any]])?.map { $0["id"] as? String }, ["T-BEST", "T-CURE"])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 4, "two records' findings, the separator between them")
        XCTAssertEqual(results[0]["ruleId"] as? String, "T-BEST")
        XCTAssertEqual(results[0]["level"] as? String, "note", "a suppressed finding is a note")
        XCTAssertEqual((results[0]["suppressions"] as? [[String: Any]])?.first?["justification"] as? String, "adscan:allow: 品牌名")
        XCTAssertEqual((results[0]["properties"] as? [String: Any])?["downgradedBy"] as? String, "genre: news 0.61, mention 0.70")
        XCTAssertNil((results[1]["properties"] as? [String: Any])?["downgradedBy"])
        XCTAssertEqual(results[1]["ruleIndex"] as? Int, 1)
        XCTAssertEqual(results[1]["level"] as? String, "error")
        XCTAssertEqual((results[1]["partialFingerprints"] as? [String: Any])?["adscan/v1"] as? String, "0123456789abcdef")
        let region = (((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
                      as? [String: Any])
        XCTAssertEqual(region?["startLine"] as? Int, 4)
        XCTAssertEqual(region?["startColumn"] as? Int, 3)
        XCTAssertEqual((run["properties"] as? [String: Any])?["findings"] as? Int, 2)
    }

    // MARK: - text

    func testTextLinesAndExplain() {
        XCTAssertEqual(render(TextReporter(options: options()), [Self.record, Self.clean]),
                       "ads.txt:4:3: error efficacy_guarantee T-CURE cure «根治颈椎病» via traditional\n")
        let explained = render(TextReporter(options: options { $0.explain = true }), [Self.record])
        XCTAssertTrue(explained.hasPrefix("ads.txt:3:1: warning absolute_term T-BEST best «=最佳»\n    law: 《广告法》第九条\n"))
        XCTAssertTrue(explained.contains("\n    suppressed by adscan:allow: 品牌名\n    fingerprint: fedcba9876543210\n"))
        var truncated = Self.record
        truncated.truncated = true
        XCTAssertTrue(render(TextReporter(options: options()), [truncated])
            .hasSuffix("ads.txt:3: note: more findings in this record were not reported (--max-findings)\n"))
        let colored = render(TextReporter(options: options { $0.color = true }), [Self.record])
        XCTAssertTrue(colored.contains("\u{1B}[1;31merror\u{1B}[0m"))
    }
}
