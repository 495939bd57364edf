import Foundation
import XCTest

/// The binary as users run it: exit codes, output schema, bad input, streaming.
final class CLITests: XCTestCase {
    let claim = Array("本院治愈率高达98%，三个疗程根治\n".utf8)

    func testExitCodes() throws {
        XCTAssertEqual(try TestSupport.run(["scan", "-q"], stdin: claim).status, 1, "error findings → 1")
        XCTAssertEqual(try TestSupport.run(["scan", "-q"], stdin: Array("今天天气很好\n".utf8)).status, 0, "clean → 0")
        XCTAssertEqual(try TestSupport.run(["scan", "-q"], stdin: []).status, 0, "empty input → 0")
        XCTAssertEqual(try TestSupport.run(["scan", "--bogus"]).status, 2, "usage error → 2")
        XCTAssertEqual(try TestSupport.run(["scan", "-q", "/nonexistent/path"]).status, 2, "missing input → 2")
        // warnings fail only with --fail-on warning
        let review = Array("患者张女士：用了三周就好了\n".utf8)
        XCTAssertEqual(try TestSupport.run(["scan", "-q"], stdin: review).status, 0)
        XCTAssertEqual(try TestSupport.run(["scan", "-q", "--fail-on", "warning"], stdin: review).status, 1)
    }

    func testTextFormatLine() throws {
        let r = try TestSupport.run(["scan", "-q"], stdin: claim)
        XCTAssertEqual(r.stdoutLines, [
            "-:1:3: error cure_rate AL-16-2 宣传治愈率、有效率等诊疗效果 «治愈率高达98%»",
            "-:1:12: error efficacy_guarantee AL-16-1 对功效、安全性作断言或者保证（如保证治愈、根治、无副作用） «三个疗程根治»",
        ])
    }

    func testJSONLSchemaAndOffsetsIntoOriginalText() throws {
        let text = "廣告：本院治癒率高達９８％！\n第二行：三個療程根治"
        let input = [#"{"id":"r1","text":"\#(text.replacingOccurrences(of: "\n", with: "\\n"))"}"#,
                     #"{"id":"r2","text":"天气很好"}"#, #"{"id":"r3","text":"#].joined(separator: "\n")
        let r2 = try TestSupport.run(["scan", "--input", "jsonl", "--format", "jsonl", "--all-records", "--summary", "-q"],
                                     stdin: Array(input.utf8))
        XCTAssertEqual(r2.status, 2, "findings, and a malformed line that was not read: exit 2")
        let objs = try TestSupport.jsonLines(r2.stdout)
        XCTAssertEqual(objs.map { $0["type"] as? String }, ["record", "record", "error", "summary"])
        let rec = objs[0]
        XCTAssertEqual(rec["id"] as? String, "r1")
        XCTAssertEqual(rec["source"] as? String, "-")
        XCTAssertEqual(rec["verdict"] as? String, "violation")
        let findings = try XCTUnwrap(rec["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 2)
        let bytes = Array(text.utf8)
        let scalars = Array(text.unicodeScalars)
        for f in findings {
            for key in ["rule", "category", "severity", "law", "message", "match", "start", "end", "char_start",
                        "char_end", "line", "column", "context"] {
                XCTAssertNotNil(f[key], "finding lacks \(key)")
            }
            let s = f["start"] as! Int, e = f["end"] as! Int
            XCTAssertEqual(String(decoding: bytes[s..<e], as: UTF8.self), f["match"] as? String)
            let cs = f["char_start"] as! Int, ce = f["char_end"] as! Int
            XCTAssertEqual(scalars[cs..<ce].map(String.init).joined(), f["match"] as? String)
        }
        XCTAssertEqual(findings[1]["line"] as? Int, 2)
        XCTAssertEqual(findings[1]["column"] as? Int, 5)
        XCTAssertEqual(findings[1]["match"] as? String, "三個療程根治")
        XCTAssertEqual(objs[1]["verdict"] as? String, "clean")
        XCTAssertEqual(objs[2]["line"] as? Int, 3)
        let summary = objs[3]
        XCTAssertEqual(summary["records_in"] as? Int, 3, "every input record is accounted for")
        XCTAssertEqual(summary["records"] as? Int, 2)
        XCTAssertEqual(summary["errors"] as? Int, 1)
        XCTAssertTrue(r2.stderr.contains("-:3: malformed JSON"), r2.stderr)
    }

    func testInvalidUTF8IsReportedAndTheValidPartsScanned() throws {
        var input: [UInt8] = Array("坏字节".utf8) + [0xFF, 0xFE] + Array("三个疗程根治\n".utf8)
        input += Array("下一行也根治\n".utf8)
        let r = try TestSupport.run(["scan", "--format", "jsonl", "-q"], stdin: input)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("-:1: invalid UTF-8 at byte 9"), r.stderr)
        let objs = try TestSupport.jsonLines(r.stdout)
        XCTAssertEqual(objs.count, 2)
        let f = (objs[0]["findings"] as! [[String: Any]])[0]
        XCTAssertEqual(f["start"] as? Int, 11)
        XCTAssertEqual(f["match"] as? String, "三个疗程根治")
        XCTAssertNotNil(objs[0]["warnings"])
    }

    func testDirectoryScanSkipsBinaryFilesAndAccountsForEveryRecord() throws {
        let dir = try TestSupport.tempDir()
        try "三个疗程根治".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Data([0x00, 0x01, 0x02]).write(to: dir.appendingPathComponent("b.bin"))
        try "{\"id\":1,\"text\":\"无毒副作用\"}\n{\"id\":2,\"text\":\"正常\"}\n{bad\n"
            .write(to: dir.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        try "".write(to: dir.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["scan", "--format", "jsonl", "--summary", dir.path])
        XCTAssertEqual(r.status, 2, "c.jsonl line 3 was not read")
        let objs = try TestSupport.jsonLines(r.stdout)
        let summary = try XCTUnwrap(objs.last)
        XCTAssertEqual(summary["records"] as? Int, 4)      // a.txt, c.jsonl ×2, d.txt (empty); nothing from b.bin
        XCTAssertEqual(summary["errors"] as? Int, 2)       // b.bin skipped, c.jsonl line 3 malformed
        XCTAssertEqual(summary["records_in"] as? Int, 6)
        XCTAssertTrue(r.stderr.contains("binary file"), r.stderr)
        XCTAssertTrue(r.stderr.contains("adscan: 4 records"), "summary on stderr: \(r.stderr)")
        let ids = objs.filter { $0["type"] as? String == "record" }.map { $0["id"] as? String }
        XCTAssertEqual(ids, [dir.appendingPathComponent("a.txt").path, "1"])
    }

    func testMalformedRulePackIsRejectedWithFileAndLine() throws {
        let dir = try TestSupport.tempDir()
        try "rules:\n  - id: X\n    category: nope\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["scan", "--rules", dir.path], stdin: claim)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("bad.yaml:3: rule X: unknown category `nope`"), r.stderr)
    }

    func testRulesCommandListsChecksAndPrintsKeywords() throws {
        let list = try TestSupport.run(["rules"])
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.stdout.contains("AL-16-2\terror\tcure_rate\t《中华人民共和国广告法》第十六条第一款第（二）项"))
        let kw = try TestSupport.run(["rules", "--keywords"])
        XCTAssertTrue(kw.stdoutLines.contains("治愈率"))
        XCTAssertTrue(kw.stdoutLines.contains("治癒率"), "raw-text variants are part of the prefilter")
        XCTAssertEqual(try TestSupport.run(["rules", "--check"]).status, 0)
    }

    func testThreadsKeepInputOrder() throws {
        var input = ""
        for i in 0..<3000 { input += i % 7 == 0 ? "第\(i)行：三个疗程根治\n" : "第\(i)行：普通文字\n" }
        let one = try TestSupport.run(["scan", "-q", "--threads", "1"], stdin: Array(input.utf8))
        let two = try TestSupport.run(["scan", "-q", "--threads", "4"], stdin: Array(input.utf8))
        XCTAssertEqual(one.stdoutLines.count, 429)
        XCTAssertEqual(one.stdout, two.stdout)
    }

    /// With several threads JSONL lines are parsed by the workers: records, malformed lines and
    /// lines without the text field come out as with one thread, in input order.
    func testThreadsParseJSONLinesInOrder() throws {
        var input = ""
        for i in 0..<3000 {
            switch i % 11 {
            case 0: input += "{\"id\":\"r\(i)\",\"text\":\"第\(i)条：三个疗程根治\"}\n"
            case 3: input += "{\"id\":\"r\(i)\",\"text\":\"\\u6cbb\\u6108\\u7387\\u9ad8\\u8fbe98%\"}\n"
            case 5: input += "{\"id\":\"r\(i)\",\"text\":\"未闭合\n"
            case 7: input += "{\"id\":\"r\(i)\"}\n"
            case 9: input += "\n"
            default: input += "{\"id\":\"r\(i)\",\"text\":\"第\(i)条：普通文字\"}\n"
            }
        }
        let one = try TestSupport.run(["scan", "-q", "--threads", "1", "--input", "jsonl", "--format", "jsonl", "--summary"], stdin: Array(input.utf8))
        let four = try TestSupport.run(["scan", "-q", "--threads", "4", "--input", "jsonl", "--format", "jsonl", "--summary"], stdin: Array(input.utf8))
        func lines(_ r: TestSupport.Run) -> [String] { r.stdoutLines.filter { !$0.contains("\"type\":\"summary\"") } }
        XCTAssertEqual(lines(one).filter { $0.contains("\"type\":\"record\"") }.count, 273 + 273)
        XCTAssertEqual(lines(one), lines(four))
        XCTAssertEqual(one.stderr, four.stderr)
        let summary = try XCTUnwrap(four.stdoutLines.last)
        XCTAssertTrue(summary.contains("\"records_in\":2728"), summary)
    }

    /// With several threads a directory walk hands pages on by path and the workers read them:
    /// the report (records, errors, their order) is the same as one thread reading everything.
    func testThreadsReadDirectoryPagesInOrder() throws {
        let dir = try TestSupport.tempDir()
        let fm = FileManager.default
        for d in 0..<3 {
            let sub = dir.appendingPathComponent("d\(d)")
            try fm.createDirectory(at: sub, withIntermediateDirectories: true)
            for i in 0..<150 {
                let text = i % 5 == 0 ? "第\(d)-\(i)页：本院三个疗程根治，治愈率高达98%。" : "第\(d)-\(i)页：普通文字。"
                try Data(text.utf8).write(to: sub.appendingPathComponent(String(format: "p%03d.txt", i)))
            }
        }
        try Data([0x00, 0x01, 0x02]).write(to: dir.appendingPathComponent("d1/binary.txt"))
        try Data("{\"id\":\"j1\",\"text\":\"一次根治\"}\n{\"id\":\"j2\"\n".utf8).write(to: dir.appendingPathComponent("d1/feed.jsonl"))
        try Data("<html><body><p>国家级专家坐诊</p></body></html>".utf8).write(to: dir.appendingPathComponent("d2/page.html"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("d2/gone.txt").path, withDestinationPath: "/nonexistent/x")
        let one = try TestSupport.run(["scan", "-q", "--threads", "1", "--format", "jsonl", "--summary", dir.path])
        let four = try TestSupport.run(["scan", "-q", "--threads", "4", "--format", "jsonl", "--summary", dir.path])
        func lines(_ r: TestSupport.Run) -> [String] { r.stdoutLines.filter { !$0.contains("\"type\":\"summary\"") } }
        XCTAssertGreaterThan(lines(one).count, 90)
        XCTAssertEqual(lines(one), lines(four))
        XCTAssertEqual(one.stderr, four.stderr)
        XCTAssertTrue(one.stderr.contains("binary file"), one.stderr)
        XCTAssertTrue(one.stderr.contains("broken symbolic link"), one.stderr)
        let summary = try XCTUnwrap(four.stdoutLines.last)
        XCTAssertTrue(summary.contains("\"records_in\":455"), summary)
    }

    func testBrokenPipeEndsQuietly() throws {
        var input = ""
        for _ in 0..<20000 { input += "三个疗程根治\n" }
        let path = try TestSupport.tempDir().appendingPathComponent("many.txt")
        try input.write(to: path, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ADSCAN_RULES='\(TestSupport.lexicons)' '\(TestSupport.binary)' scan --input lines '\(path.path)' 2>err.txt | head -1 >/dev/null; cat err.txt"]
        p.currentDirectoryURL = path.deletingLastPathComponent()
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "", "no error message on a closed pipe")
    }

    /// A live monitor must see a finding as soon as its line is read, not at EOF.
    func testFindingsStreamBeforeEndOfInput() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.binary)
        p.arguments = ["scan", "-q", "--format", "jsonl"]
        p.environment = ["ADSCAN_RULES": TestSupport.lexicons]
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        inPipe.fileHandleForWriting.write(Data("主播：三个疗程根治\n".utf8))
        // read the first output line while stdin is still open
        let fd = outPipe.fileHandleForReading.fileDescriptor
        var got: [UInt8] = []
        let deadline = Date().addingTimeInterval(20)
        var buf = [UInt8](repeating: 0, count: 4096)
        while !got.contains(0x0A) && Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 100) > 0 {
                let n = read(fd, &buf, buf.count)
                if n <= 0 { break }
                got += buf[0..<n]
            }
        }
        XCTAssertTrue(p.isRunning, "adscan is still waiting for more input")
        XCTAssertTrue(String(decoding: got, as: UTF8.self).contains("AL-16-1"), "finding arrived before EOF")
        try inPipe.fileHandleForWriting.close()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1)
    }
}

/// Precision on the labelled corpus is part of the product: a rule change that costs precision or
/// recall below the issue's targets fails the suite (the numbers themselves: `adscan eval`).
final class CorpusEvalTests: XCTestCase {
    func testCorpusMeetsPrecisionAndRecallTargets() throws {
        let corpus = TestSupport.repoRoot.appendingPathComponent("corpora/labelled.jsonl").path
        let r = try TestSupport.run(["eval", corpus, "--min-precision", "0.95", "--min-recall", "0.90", "--show", "5"])
        XCTAssertEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.contains("record level: precision"), r.stdout)
        let records = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").count
        XCTAssertGreaterThanOrEqual(records, 400)
        // error findings on no more than 2% of the clean records
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("error findings on clean records:") } ?? ""
        let parts = line.split(separator: " ")[5].split(separator: "/")
        XCTAssertLessThanOrEqual(Double(parts[0])! / Double(parts[1])!, 0.02, String(line))
    }

    /// Several corpora (a file and standard input) are measured as one; a malformed row is named on
    /// stderr and skipped, the rest still counted, and the exit status says something was left out.
    func testEvalMeasuresSeveralCorporaTogetherAndNamesABadRow() throws {
        let dir = try TestSupport.tempDir()
        let a = dir.appendingPathComponent("a.jsonl")
        try (#"{"id":"v1","text":"本院治疗颈椎病，三个疗程根治，无效退款","label":"violation","categories":["efficacy_guarantee"]}"# + "\n"
             + "not json\n").write(to: a, atomically: true, encoding: .utf8)
        let stdin = #"{"id":"c1","text":"今天天气不错，适合去公园散步。","label":"clean","categories":[]}"# + "\n"
        let r = try TestSupport.run(["eval", a.path, "-"], stdin: Array(stdin.utf8))
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("corpus: 2 records from 2 files (1 violation, 1 clean)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("(TP 1, FP 0, FN 0, TN 1)"), r.stdout)
        XCTAssertTrue(r.stderr.contains("a.jsonl:2: expected {id, text, label, categories}; line skipped"), r.stderr)
    }

    /// The real-style corpora's tuning halves (written blind to the rules, then tuned on) must not
    /// regress. Their held-out halves are measured for the README, never asserted here: a test on
    /// them would be a tuning target.
    func testTuningHalvesOfTheRealStyleCorporaHoldTheirFloors() throws {
        for (path, p, rcl) in [("corpora/realstyle/tune.jsonl", "0.90", "0.80"), ("corpora/pages/tune.jsonl", "0.80", "0.85")] {
            let corpus = TestSupport.repoRoot.appendingPathComponent(path).path
            let r = try TestSupport.run(["eval", corpus, "--min-precision", p, "--min-recall", rcl, "--show", "5"])
            XCTAssertEqual(r.status, 0, "\(path): \(r.stdout)")
        }
    }
}
