import AdscanDefaultPack
@testable import AdscanMatch
import Foundation
import XCTest

/// A new user's first run outside the clone, input that must never pass as clean unread, and the
/// faults a nightly monitoring job meets (issue 16).
final class FirstRunAndFaultTests: XCTestCase {
    let claimLine = Array("本院治愈率高达98%\n".utf8)

    /// Runs `binary` with `args` in `cwd`, with the environment given (no ADSCAN_RULES unless set).
    func runIn(_ cwd: String, _ binary: String, _ args: [String], stdin: [UInt8], env: [String: String] = [:]) throws -> TestSupport.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var e = ProcessInfo.processInfo.environment
        e.removeValue(forKey: "ADSCAN_RULES")
        for (k, v) in env { e[k] = v }
        p.environment = e
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(stdin))
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return TestSupport.Run(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                               stderr: String(decoding: err, as: UTF8.self))
    }

    /// The text in GBK (Python's codec: Foundation on Linux has no GBK).
    func gbk(_ text: String) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sys; sys.stdout.buffer.write(sys.argv[1].encode('gbk'))", text]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(data)
    }

    // MARK: 1. first run outside the clone

    func testInstalledBinaryFindsItsRulePackFromAnyDirectory() throws {
        // the README's layout: the binary alone in <prefix>/bin, run by bare name from elsewhere
        let prefix = try TestSupport.tempDir()
        let bin = prefix.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let installed = bin.appendingPathComponent("adscan").path
        try FileManager.default.copyItem(atPath: TestSupport.binary, toPath: installed)
        for cwd in ["/", NSTemporaryDirectory()] {
            let r = try runIn(cwd, "/usr/bin/env", ["adscan", "scan"], stdin: claimLine,
                              env: ["PATH": bin.path + ":/usr/bin:/bin"])
            XCTAssertEqual(r.status, 1, "from \(cwd): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("AL-16-2"), "from \(cwd): \(r.stdout) \(r.stderr)")
        }
        // a share directory installed beside it is found from the executable's real path
        let share = prefix.appendingPathComponent("share/adscan/lexicons")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try """
            rules:
              - id: LOCAL-1
                category: cure_rate
                severity: error
                law: 《测试》
                message: m
                terms: [天气很好]
                examples:
                  flag: [天气很好]
                  pass: [下雨了]

            """.write(to: share.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        let viaLink = try TestSupport.tempDir().appendingPathComponent("adscan").path
        try FileManager.default.createSymbolicLink(atPath: viaLink, withDestinationPath: installed)
        let local = try runIn("/", viaLink, ["scan"], stdin: Array("今天天气很好\n".utf8))
        XCTAssertTrue(local.stdout.contains("LOCAL-1"), local.stdout + local.stderr)
        // --rules and $ADSCAN_RULES still win
        let env = try runIn("/", installed, ["scan"], stdin: claimLine, env: ["ADSCAN_RULES": TestSupport.lexicons])
        XCTAssertTrue(env.stdout.contains("AL-16-2"), env.stderr)
    }

    func testBuiltInPackIsLexiconsByteForByte() throws {
        let dir = TestSupport.lexicons
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let lists = try FileManager.default.contentsOfDirectory(atPath: dir + "/words")
            .filter { $0.hasSuffix(".txt") }.sorted().map { "words/" + $0 }
        XCTAssertFalse(lists.isEmpty)
        let models = try FileManager.default.contentsOfDirectory(atPath: dir + "/models")
            .filter { $0.hasSuffix(".tsv") }.sorted().map { "models/" + $0 }
        XCTAssertEqual(models, ["models/claims.tsv"])
        XCTAssertEqual(DefaultPack.files.map(\.name), names + lists + models)
        for (name, text) in DefaultPack.files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
            XCTAssertEqual(Array(text.utf8), Array(bytes), "\(name) differs from the built-in copy")
        }
    }

    func testBuiltInPackLoadsFromAnyDirectory() throws {
        // `adscan rules` loads and compiles the built-in pack wherever it runs. How long that takes
        // is measured in bench/ (start-up row), not asserted here: a wall-clock bound failed on a
        // busy two-core machine (2.3 s for the debug build) with nothing wrong in the code.
        let r = try runIn("/", TestSupport.binary, ["rules"], stdin: [])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("built-in lexicons"), r.stdout)
    }

    // MARK: 2, 3, 4. README, manifest, --help

    func testREADMETestCommandUsesDebianPackagesAndCIRunsIt() throws {
        let readme = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let ci = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## Run the tests").dropFirst().first)
        let command = try XCTUnwrap(section.components(separatedBy: "```sh\n").dropFirst().first?
            .components(separatedBy: "\n```").first)
        XCTAssertTrue(command.contains("python3-jsonschema"), command)
        XCTAssertFalse(command.contains("pip"), "pip is refused on Debian 12 (PEP 668): \(command)")
        XCTAssertTrue(ci.contains(command), ".ci/run must run exactly the README's test command")
        XCTAssertNotNil(TestSupport.pythonWithJSONSchema, "python3-jsonschema is not installed")
    }

    func testManifestExcludesOnlyPathsAFreshCloneHas() throws {
        let manifest = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        var checked = 0
        for part in manifest.components(separatedBy: "exclude: [").dropFirst() {
            let list = part.components(separatedBy: "]").first ?? ""
            let fuzzDir = TestSupport.repoRoot.appendingPathComponent("fuzz")
            for name in list.components(separatedBy: ",").map({ $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
            where !name.isEmpty {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = ["git", "-C", TestSupport.repoRoot.path, "ls-files", "fuzz/" + name]
                let out = Pipe()
                p.standardOutput = out
                try p.run()
                let listed = out.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                XCTAssertFalse(listed.isEmpty, "exclude `\(name)` (\(fuzzDir.path)) is not in a fresh clone: SwiftPM warns on every build")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testHelpAndREADMEAgree() throws {
        let help = try TestSupport.run(["scan", "--help"]).stdout
        let readme = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let options = Set(help.matches(of: /--[a-z][a-z-]+/).map { String($0.output) }).subtracting(["--help", "--version"])
        XCTAssertGreaterThan(options.count, 20)
        for o in options.sorted() {
            XCTAssertTrue(readme.contains("`\(o)"), "README's option table lacks \(o)")
        }
        let inputHelp = try XCTUnwrap(help.components(separatedBy: "--input <input>").dropFirst().first)
        XCTAssertTrue(inputHelp.hasPrefix(" ") || inputHelp.hasPrefix("\n"))
        let text = inputHelp.prefix(400)
        for mode in ["lines", "jsonl", "doc", "html", "warc"] { XCTAssertTrue(text.contains(mode), "--input help lacks \(mode): \(text)") }
        XCTAssertTrue(readme.contains("  by category: cure_rate 1, efficacy_guarantee 1"), "README's example lacks the by-category line")
        XCTAssertTrue(readme.contains("exit status 1"), "README must say the one-liner exits 1")
        XCTAssertTrue(readme.contains("`--fail-on error\\|warning\\|info\\|never`"))
    }

    // MARK: 5-8. silent misses and lost text

    func testMostlyValidUTF8DocumentIsReadAsUTF8() throws {
        let dir = try TestSupport.tempDir()
        let file = dir.appendingPathComponent("t.txt")
        var bytes = Array("ok line\n".utf8) + [0xFF, 0xFE] + Array("本院治愈率高达98%".utf8) + [0xC3]
        bytes += Array("\n第三个疗程根治\n".utf8)
        try Data(bytes).write(to: file)
        let r = try TestSupport.run(["scan", "--format", "jsonl", "--all-records", file.path])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rec = try XCTUnwrap(try TestSupport.jsonLines(r.stdout).first)
        XCTAssertNil(rec["encoding"], "read as UTF-8")
        XCTAssertEqual((rec["findings"] as? [[String: Any]])?.count, 2)
        XCTAssertTrue(r.stderr.contains("invalid UTF-8 at byte 8"), r.stderr)
    }

    func testGuessedLegacyCharsetIsReportedNotSilent() throws {
        let dir = try TestSupport.tempDir()
        let file = dir.appendingPathComponent("gbk.txt")
        try Data(try gbk("本院是全国最好的医院，治愈率高达98%。")).write(to: file)
        let r = try TestSupport.run(["scan", "--format", "jsonl", "--summary", file.path])
        let objs = try TestSupport.jsonLines(r.stdout)
        XCTAssertEqual(objs.first?["encoding"] as? String, "GB18030")
        XCTAssertNotNil(objs.first?["encoding_confidence"])
        XCTAssertTrue(r.stderr.contains("detected as GB18030 with confidence"), r.stderr)
        XCTAssertEqual(objs.last?["detected_encoding_records"] as? Int, 1)
        // declared (or --encoding): no guess to report
        let forced = try TestSupport.run(["scan", "--format", "jsonl", "--encoding", "gbk", file.path])
        XCTAssertFalse(forced.stderr.contains("detected as"), forced.stderr)
        XCTAssertTrue(forced.stdout.contains("AL-16-2"))
    }

    func testLongDocumentsAreSegmentedNotSkipped() throws {
        let dir = try TestSupport.tempDir()
        let filler = String(repeating: "无关文字", count: 30000)      // 360,000 bytes
        try (filler + "本院治愈率高达98%\n").write(to: dir.appendingPathComponent("big.txt"), atomically: true, encoding: .utf8)
        try ("<html><body>" + String(repeating: "<p>无关文字</p>", count: 30000) + "<p>本院治愈率高达98%</p></body></html>")
            .write(to: dir.appendingPathComponent("big.html"), atomically: true, encoding: .utf8)
        for (name, start) in [("big.txt", 360_006), ("big.html", 390_006)] {
            // --fail-on warning: the filler reads as a long science page, which may lower the severity
            let r = try TestSupport.run(["scan", "--format", "jsonl", "--fail-on", "warning", "--max-record-bytes", "16384",
                                         dir.appendingPathComponent(name).path])
            XCTAssertEqual(r.status, 1, r.stderr)
            let f = try XCTUnwrap((try TestSupport.jsonLines(r.stdout).first?["findings"] as? [[String: Any]])?.first, r.stderr)
            XCTAssertEqual(f["match"] as? String, "治愈率高达98%")
            XCTAssertEqual(f["start"] as? Int, start, "offset relative to the whole record (\(name))")
            XCTAssertFalse(r.stderr.contains("skipped"), r.stderr)
        }
    }

    func testBadGzipCRCScansWhatDecompressesThenReportsIt() throws {
        let dir = try TestSupport.tempDir()
        let jsonl = (0..<3).map { "{\"id\":\($0),\"text\":\"三个疗程根治\"}\n" }.joined()
        let plain = dir.appendingPathComponent("f.jsonl")
        try jsonl.write(to: plain, atomically: true, encoding: .utf8)
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gz.arguments = ["gzip", "-n", plain.path]
        try gz.run()
        gz.waitUntilExit()
        let path = plain.path + ".gz"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 8] ^= 0xFF                      // the CRC
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try TestSupport.run(["scan", "--format", "jsonl", "--summary", path])
        XCTAssertEqual(r.status, 2, "input not read in full: \(r.stderr)")
        let objs = try TestSupport.jsonLines(r.stdout)
        XCTAssertEqual(objs.filter { $0["type"] as? String == "record" }.count, 3, r.stdout)
        XCTAssertTrue(r.stderr.contains("CRC"), r.stderr)
        XCTAssertFalse(r.stderr.contains("malformed"), r.stderr)
    }

    func testGBKOnStandardInputIsConvertedInLinesMode() throws {
        let gbk = try gbk("本院治愈率高达98%\n三个疗程根治\n")
        let detected = try TestSupport.run(["scan", "--format", "jsonl"], stdin: Array(gbk))
        XCTAssertEqual(detected.status, 1, detected.stderr)
        XCTAssertEqual(try TestSupport.jsonLines(detected.stdout).count, 2, detected.stdout)
        XCTAssertTrue(detected.stderr.contains("detected as GB18030"), detected.stderr)
        let forced = try TestSupport.run(["scan", "--encoding", "gbk", "-q"], stdin: Array(gbk))
        XCTAssertEqual(forced.stdoutLines.count, 2, forced.stdout + forced.stderr)
        // valid UTF-8 wins, even with --encoding
        let utf8 = try TestSupport.run(["scan", "--encoding", "gbk", "-q"], stdin: claimLine)
        XCTAssertTrue(utf8.stdout.contains("«治愈率高达98%»"), utf8.stdout)
        XCTAssertEqual(try TestSupport.run(["scan", "--encoding", "no-such-charset"], stdin: claimLine).status, 2)
    }

    // MARK: 9-13. faults and exit codes

    func testInputThatWasNotReadInFullExitsTwo() throws {
        let dir = try TestSupport.tempDir()
        try "{\"id\":1,\"text\":\"正常\"}\n{bad\n".write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let r = try TestSupport.run(["scan", "--format", "jsonl", "--summary", dir.appendingPathComponent("a.jsonl").path])
        XCTAssertEqual(r.status, 2, "a record that was not read: \(r.stderr)")
        XCTAssertEqual(try TestSupport.jsonLines(r.stdout).last?["incomplete_inputs"] as? Int, 1)
        XCTAssertTrue(r.stderr.contains("not read in full"), r.stderr)
        // findings are still written, and still exit 2
        try "{\"id\":1,\"text\":\"三个疗程根治\"}\n{bad\n".write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let both = try TestSupport.run(["scan", "-q", dir.appendingPathComponent("a.jsonl").path])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stdout.contains("AL-16-1"))
        // a binary file met in a directory walk is skipped by design: not an error
        let walk = try TestSupport.tempDir()
        try Data([0, 1, 2]).write(to: walk.appendingPathComponent("b.bin"))
        try "今天天气很好".write(to: walk.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try TestSupport.run(["scan", "-q", walk.path]).status, 0)
        // named on the command line it was not read: an error
        XCTAssertEqual(try TestSupport.run(["scan", "-q", walk.appendingPathComponent("b.bin").path]).status, 2)
    }

    func testFailOnNever() throws {
        XCTAssertEqual(try TestSupport.run(["scan", "-q", "--fail-on", "never"], stdin: claimLine).status, 0)
        let r = try TestSupport.run(["scan", "--fail-on", "never"], stdin: claimLine)
        XCTAssertTrue(r.stdout.contains("AL-16-2"), "findings are still reported")
        XCTAssertEqual(try TestSupport.run(["scan", "--fail-on", "never", "--bogus"]).status, 2)
        XCTAssertEqual(try TestSupport.run(["scan", "-q", "--fail-on", "never", "/nonexistent/path"]).status, 2)
    }

    func testInterruptedWholeFileReportLeavesThePreviousFile() throws {
        let dir = try TestSupport.tempDir()
        for format in ["sarif", "html", "csv"] {
            let out = dir.appendingPathComponent("report." + format)
            try "previous report".write(to: out, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.binary)
            p.arguments = ["scan", "-q", "--format", format, "-o", out.path]
            var env = ProcessInfo.processInfo.environment
            env["ADSCAN_RULES"] = TestSupport.lexicons
            p.environment = env
            let inPipe = Pipe()
            p.standardInput = inPipe
            try p.run()
            inPipe.fileHandleForWriting.write(Data(claimLine))     // the scan goes on: stdin stays open
            Thread.sleep(forTimeInterval: 1.0)
            kill(p.processIdentifier, SIGINT)
            p.waitUntilExit()
            try? inPipe.fileHandleForWriting.close()
            XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "previous report", format)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }, [],
                           "temporary file left behind")
            // a finished scan replaces it
            XCTAssertEqual(try TestSupport.run(["scan", "-q", "--format", format, "-o", out.path], stdin: claimLine).status, 1)
            XCTAssertNotEqual(try String(contentsOf: out, encoding: .utf8), "previous report")
        }
    }

    func testCatastrophicPatternIsReportedOncePerRule() throws {
        let rules = try TestSupport.tempDir()
        try """
            rules:
              - id: SLOW-1
                category: cure_rate
                severity: error
                law: 《测试》
                message: m
                keywords: [aaa]
                patterns: ['(a+)+$']
                examples:
                  flag: [aaa]
                  pass: [aaab]

            """.write(to: rules.appendingPathComponent("slow.yaml"), atomically: true, encoding: .utf8)
        let check = try TestSupport.run(["rules", "--check", "--min-examples", "0", "--rules", rules.path])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(check.stderr.contains("slow.yaml:2: rule SLOW-1: pattern /(a+)+$/ backtracks catastrophically"), check.stderr)
        let line = String(repeating: "a", count: 40) + "x\n"     // not "!": clause punctuation ends the window, and `$` matches there
        let r = try TestSupport.run(["scan", "--rules", rules.path, "--format", "jsonl", "--summary"],
                                    stdin: Array(String(repeating: line, count: 5).utf8))
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(r.stderr.components(separatedBy: "rule SLOW-1: a pattern hit the regex match limit").count - 1, 1, r.stderr)
        XCTAssertEqual(try TestSupport.jsonLines(r.stdout).last?["regex_limit_rules"] as? [String], ["SLOW-1"])
    }

    func testRegexHasExplicitMatchLimit() throws {
        let re = try Regex("(a+)+$")
        re.ruleID = "X"
        let data = MatchData()
        let subject = Array((String(repeating: "a", count: 40) + "!").utf8)
        subject.withUnsafeBufferPointer { p in
            XCTAssertFalse(re.matches(in: p, from: 0, to: p.count, data: data))
        }
        XCTAssertEqual(data.limitHits, 1)
        XCTAssertEqual(data.limitRules, ["X"])
        XCTAssertEqual(Regex.matchLimit, 1_000_000)
        XCTAssertTrue(re.blowsUp())
        XCTAssertFalse(try Regex(#"(?:治愈|有效)率\s*(?:高达|达)?\s*\d+(?:\.\d+)?\s*%"#).blowsUp())
    }

    func testCSVCellsThatLookLikeFormulasAreNeutralised() throws {
        let input = Array(#"{"id":"=1+2","text":"@SUM(1)本院治愈率高达98%"}"#.utf8) + [0x0A]
        let r = try TestSupport.run(["scan", "-q", "--input", "jsonl", "--format", "csv"], stdin: input)
        let row = try XCTUnwrap(r.stdout.components(separatedBy: "\r\n").dropFirst().first)
        XCTAssertTrue(row.hasPrefix("-,'=1+2,"), row)
        XCTAssertTrue(row.hasSuffix(",'@SUM(1)本院治愈率高达98%,"), "context, then an empty downgraded_by: " + row)
        XCTAssertFalse(row.contains(",=") || row.contains(",@") || row.contains(",+"), row)
    }

    func testNegativeThreadsSaysWhatIsWrong() throws {
        let r = try TestSupport.run(["scan", "--threads", "-3"], stdin: claimLine)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--threads must be at least 1"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Missing value"), r.stderr)
    }
}
