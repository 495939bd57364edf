import Foundation
import XCTest

final class ReportTests: XCTestCase {
    let ad = Array("本院治愈率高达98%，三个疗程根治。\n华美医疗美容医院双眼皮手术限时特价，咨询热线：028-86661234，欢迎到院\n".utf8)

    func python(_ code: String, _ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [TestSupport.pythonWithJSONSchema ?? "python3", "-c", code] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testSARIFValidatesAgainstTheOfficialSchema() throws {
        let dir = try TestSupport.tempDir()
        let out = dir.appendingPathComponent("r.sarif").path
        let r = try TestSupport.run(["scan", "-q", "--format", "sarif", "-o", out], stdin: ad)
        XCTAssertEqual(r.status, 1)
        let schema = TestSupport.repoRoot.appendingPathComponent("Tests/Fixtures/sarif-schema-2.1.0.json").path
        let (code, text) = try python("""
            import json, sys, jsonschema
            log = json.load(open(sys.argv[1])); jsonschema.validate(log, json.load(open(sys.argv[2])))
            run = log['runs'][0]
            assert run['columnKind'] == 'unicodeCodePoints'
            ids = [r['ruleId'] for r in run['results']]
            assert 'AL-16-2' in ids and 'AL-16-1' in ids, ids
            rule = next(r for r in run['tool']['driver']['rules'] if r['id'] == 'AL-16-2')
            assert '第十六条' in rule['help']['text']
            assert run['taxonomies'][0]['taxa'], 'law citations as a taxonomy'
            res = next(r for r in run['results'] if r['ruleId'] == 'AL-16-2')
            assert res['properties']['charStart'] == 2 and res['partialFingerprints']['adscan/v1']
            print('ok', len(ids))
            """, [out, schema])
        XCTAssertEqual(code, 0, "SARIF invalid (is python3-jsonschema installed? .ci/run installs it): \(text)")
    }

    func testCSVParsesBackWithBOMOption() throws {
        let dir = try TestSupport.tempDir()
        let out = dir.appendingPathComponent("r.csv").path
        XCTAssertEqual(try TestSupport.run(["scan", "-q", "--format", "csv", "--bom", "-o", out], stdin: ad).status, 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let (code, text) = try python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            r = next(r for r in rows if r['rule'] == 'AL-16-2')
            assert r['match'] == '治愈率高达98%' and r['char_start'] == '2' and '第十六条' in r['law'], r
            assert any(r['rule'] == 'MAM-14' for r in rows)
            print(len(rows))
            """, [out])
        XCTAssertEqual(code, 0, text)
    }

    /// Rendered by a real browser (Debian's Chromium, installed by .ci/run): the summary, the
    /// pagination and the highlighted claims exist in the live DOM.
    func testHTMLReportRendersInABrowser() throws {
        let dir = try TestSupport.tempDir()
        let out = dir.appendingPathComponent("r.html").path
        var input = ""
        for i in 0..<120 { input += "第\(i)条：三个疗程根治，</script><b>x</b>\n" }
        XCTAssertEqual(try TestSupport.run(["scan", "-q", "--format", "html", "-o", out], stdin: Array(input.utf8)).status, 1)
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else { return XCTFail("Chromium is needed to check the HTML report (.ci/run installs it)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + out]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertTrue(dom.contains("第 1/3 页，共 120 条"), "pagination: \(dom.prefix(300))")
        XCTAssertTrue(dom.contains("<mark class=\"error\""), "claims highlighted")
        XCTAssertTrue(dom.contains("三个疗程根治"))
        XCTAssertFalse(dom.contains("<b>x</b>"), "record text is escaped, not interpreted")
        XCTAssertTrue(dom.contains("efficacy_guarantee"), "category chart")
        XCTAssertTrue(dom.contains("文档体裁"), "genre panel")
        XCTAssertTrue(dom.contains("class=\"genre\""), "each record shows its genre")
    }

    func testBaselineReportsOnlyNewFindings() throws {
        let dir = try TestSupport.tempDir()
        let first = try TestSupport.run(["scan", "-q", "--format", "jsonl"], stdin: ad)
        let base = dir.appendingPathComponent("base.jsonl")
        try first.stdout.write(to: base, atomically: true, encoding: .utf8)
        let fps = try TestSupport.jsonLines(first.stdout).flatMap { ($0["findings"] as! [[String: Any]]).map { $0["fingerprint"] as! String } }
        XCTAssertEqual(fps.count, Set(fps).count)
        XCTAssertTrue(fps.allSatisfy { $0.count == 16 })
        let again = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--baseline", base.path], stdin: ad)
        XCTAssertEqual(again.stdout, "")
        XCTAssertEqual(again.status, 0)
        // a new claim, and the old ones moved to other offsets: only the new one is reported
        let changed = Array("今天新增：无毒副作用！\n".utf8) + ad
        let diff = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--input", "doc", "--baseline", base.path], stdin: changed)
        let docFirst = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--input", "doc"], stdin: ad)
        try docFirst.stdout.write(to: base, atomically: true, encoding: .utf8)
        let diff2 = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--input", "doc", "--baseline", base.path], stdin: changed)
        XCTAssertFalse(diff.stdout.isEmpty)
        let rules = try TestSupport.jsonLines(diff2.stdout).flatMap { ($0["findings"] as! [[String: Any]]).map { $0["rule"] as! String } }
        XCTAssertEqual(rules, ["AL-16-1"], "only the new 无毒副作用")
    }

    func testAllowlistAndInlineAllowSuppressWithReason() throws {
        let first = try TestSupport.run(["scan", "-q", "--format", "jsonl"], stdin: Array("三个疗程根治\n".utf8))
        let fp = try XCTUnwrap((try TestSupport.jsonLines(first.stdout).first?["findings"] as? [[String: Any]])?.first?["fingerprint"] as? String)
        let dir = try TestSupport.tempDir()
        let allow = dir.appendingPathComponent("allow.txt")
        try "# reviewed by the legal team\n\(fp) 已核实为药品说明书原文\n".write(to: allow, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--explain", "--allowlist", allow.path], stdin: Array("三个疗程根治\n".utf8))
        XCTAssertEqual(r.status, 0)
        let f = try XCTUnwrap((try TestSupport.jsonLines(r.stdout).first?["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(f["suppressed_by"] as? String, "allowlist: 已核实为药品说明书原文")
        let inline = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--explain"],
                                         stdin: Array("三个疗程根治，本院最好 adscan:allow(AL-16-1): 说明书原文\n".utf8))
        let fs = try XCTUnwrap(try TestSupport.jsonLines(inline.stdout).first?["findings"] as? [[String: Any]])
        XCTAssertEqual(fs.first { $0["rule"] as? String == "AL-16-1" }?["suppressed_by"] as? String, "adscan:allow: 说明书原文")
        XCTAssertNil(fs.first { $0["rule"] as? String == "AL-9-3" }?["suppressed_by"], "only the named rule is allowed")
    }

    func testColourOnlyWhenAskedOrOnATerminal() throws {
        let plain = try TestSupport.run(["scan", "-q"], stdin: Array("三个疗程根治\n".utf8))
        XCTAssertFalse(plain.stdout.contains("\u{1B}["), "not a terminal: no colour")
        let forced = try TestSupport.run(["scan", "-q", "--color", "always"], stdin: Array("三个疗程根治\n".utf8))
        XCTAssertTrue(forced.stdout.contains("\u{1B}[1;31merror"))
        let explained = try TestSupport.run(["scan", "-q", "--explain"], stdin: Array("三个疗程根治\n".utf8))
        XCTAssertTrue(explained.stdout.contains("law: 《中华人民共和国广告法》第十六条"))
        XCTAssertTrue(explained.stdout.contains("text: 医疗、药品、医疗器械广告不得含有下列内容"))
    }
}
