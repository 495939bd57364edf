import Foundation
import XCTest

/// Crawl inputs and hostile input: HTML, encodings, gzip, WARC, and a scanner that accounts for
/// every record.
final class CrawlInputTests: XCTestCase {
    func write(_ dir: URL, _ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    func python(_ code: String, _ args: String...) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](d)
    }

    func records(_ r: TestSupport.Run) throws -> [[String: Any]] {
        try TestSupport.jsonLines(r.stdout).filter { $0["type"] as? String == "record" }
    }

    func testHTMLVisibleTextOnlyWithBlocksAsLineBreaks() throws {
        let dir = try TestSupport.tempDir()
        let html = """
            <!DOCTYPE html><html><head><title>某医院官网</title><meta name="description" content="三个疗程根治牛皮癣">
            <script>var ad = "治愈率高达99%";</script><style>p{}</style></head>
            <body><nav>首页 | 新闻</nav><p>根</p><p>治疗方案介绍</p><div>本院治愈率高达&#57;8&#37;，<b>國家級</b>专家</div><!-- 最好 --></body></html>
            """
        let path = try write(dir, "page.html", Array(html.utf8))
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--explain", path])
        let rec = try XCTUnwrap(try records(r).first)
        XCTAssertEqual(rec["html"] as? Bool, true)
        let fs = rec["findings"] as! [[String: Any]]
        let matches = fs.map { $0["match"] as! String }
        XCTAssertTrue(matches.contains("三个疗程根治"), "meta description is part of the record: \(matches)")
        XCTAssertTrue(matches.contains("治愈率高达98%"), "entities decoded: \(matches)")
        XCTAssertFalse(matches.contains("治愈率高达99%"), "script text is not visible text")
        XCTAssertFalse(matches.contains { $0.contains("最好") }, "comments are not visible text")
        XCTAssertFalse(matches.contains("根治"), "<p>根</p><p>治疗</p> must not run together")
    }

    func testEncodingsAreDetectedAndConverted() throws {
        let dir = try TestSupport.tempDir()
        _ = try write(dir, "meta.html", try python("import sys;sys.stdout.buffer.write('<html><head><meta charset=\"gb2312\"></head><body><p>三个疗程根治</p></body></html>'.encode('gb2312'))"))
        _ = try write(dir, "plain.txt", try python("import sys;sys.stdout.buffer.write(('本院是全国最好的医院，治愈率高达98%。'*20).encode('gbk'))"))
        _ = try write(dir, "big5.txt", try python("import sys;sys.stdout.buffer.write(('本院治癒率高達98%，三個療程根治。'*20).encode('big5'))"))
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", dir.path])
        let recs = try records(r)
        XCTAssertEqual(recs.count, 3)
        let enc = Dictionary(uniqueKeysWithValues: recs.map { (($0["source"] as! String).split(separator: "/").last.map(String.init)!, $0["encoding"] as? String) })
        XCTAssertEqual(enc["meta.html"], "GB18030")
        XCTAssertEqual(enc["plain.txt"], "GB18030")
        XCTAssertEqual(enc["big5.txt"], "Big5")
        XCTAssertTrue(recs.allSatisfy { !($0["findings"] as! [[String: Any]]).isEmpty })
        XCTAssertFalse(r.stderr.contains("invalid UTF-8"), r.stderr)
    }

    /// A UTF-8 page with one stray byte is still UTF-8: scanned as it is, the byte reported, not
    /// transcoded from a legacy charset (which would garble every character).
    func testUTF8PageWithOneBadByteStaysUTF8() throws {
        let dir = try TestSupport.tempDir()
        // text, a stray byte, then a claim; returns the record, stderr and the byte's offset
        func scan(_ name: String, _ open: String = "", _ close: String = "") throws -> ([String: Any], String, Int) {
            var bytes = Array(open.utf8) + Array(String(repeating: "本院专家团队介绍，", count: 10).utf8)
            let bad = bytes.count
            bytes.append(0xFF)
            bytes += Array("三个疗程根治。\(close)".utf8)
            let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", try write(dir, name, bytes)])
            return (try XCTUnwrap(try records(r).first), r.stderr, bad)
        }
        let (rec, stderr, bad) = try scan("page.txt")
        XCTAssertNil(rec["encoding"], "not transcoded")
        let matches = (rec["findings"] as! [[String: Any]]).map { $0["match"] as! String }
        XCTAssertTrue(matches.contains("三个疗程根治"), "\(matches)")
        XCTAssertTrue(stderr.contains("invalid UTF-8 at byte \(bad)"), stderr)
        // the same in an HTML page (the document path, after text extraction)
        let (hrec, _, _) = try scan("page.html", "<html><body><p>", "</p></body></html>")
        XCTAssertNil(hrec["encoding"], "not transcoded")
        XCTAssertTrue((hrec["findings"] as! [[String: Any]]).contains { $0["match"] as? String == "三个疗程根治" })
    }

    func testGzipFilesStreamsAndTruncation() throws {
        let dir = try TestSupport.tempDir()
        let gz = try python("import gzip,sys;sys.stdout.buffer.write(gzip.compress('{\"id\":\"a\",\"text\":\"三个疗程根治\"}\\n{\"id\":\"b\",\"text\":\"正常\"}\\n'.encode()))")
        let path = try write(dir, "feed.jsonl.gz", gz)
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--summary", path])
        let objs = try TestSupport.jsonLines(r.stdout)
        XCTAssertEqual(objs.first?["id"] as? String, "a")
        XCTAssertEqual(objs.last?["records"] as? Int, 2)
        // the same bytes on standard input
        let s = try TestSupport.run(["scan", "-q", "--input", "jsonl", "--format", "jsonl"], stdin: gz)
        XCTAssertEqual(try records(s).first?["id"] as? String, "a")
        // truncated: what was readable is scanned, the damage is an error
        let noisy = "import gzip,random,sys;random.seed(1);t='三个疗程根治\\n'+''.join(chr(random.randint(0x4e00,0x9fff)) for _ in range(20000));sys.stdout.buffer.write(gzip.compress(t.encode()))"
        let full = try python(noisy)
        XCTAssertGreaterThan(full.count, 4000)
        let cut = try write(dir, "cut.txt.gz", Array(full.prefix(full.count / 2)))
        let t = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--summary", cut])
        XCTAssertTrue(t.stderr.contains("truncated gzip stream"), t.stderr)
        XCTAssertEqual(try records(t).count, 1, "the recovered text is scanned")
        XCTAssertEqual(try TestSupport.jsonLines(t.stdout).last?["errors"] as? Int, 1)
    }

    /// A WARC as Heritrix/wget write it: warcinfo, request, responses (chunked, gzip-encoded,
    /// GBK, an image), and, in a second file, a record cut short.
    func testWARCResponsesBecomeRecordsIdentifiedByURI() throws {
        let dir = try TestSupport.tempDir()
        let maker = """
            import gzip, sys
            def rec(t, uri, payload):
                h = f'WARC/1.0\\r\\nWARC-Type: {t}\\r\\nWARC-Target-URI: {uri}\\r\\nWARC-Record-ID: <urn:uuid:1>\\r\\nContent-Length: {len(payload)}\\r\\n\\r\\n'.encode()
                return h + payload + b'\\r\\n\\r\\n'
            def http(ctype, body, extra=b''):
                return b'HTTP/1.1 200 OK\\r\\nContent-Type: ' + ctype + b'\\r\\n' + extra + b'\\r\\n' + body
            html = '<html><head><title>广告</title></head><body><p>本院治愈率高达98%</p></body></html>'.encode()
            chunked = b'%x\\r\\n' % len(html) + html + b'\\r\\n0\\r\\n\\r\\n'
            gzbody = gzip.compress('<p>三个疗程根治</p>'.encode())
            gbk = '<p>国家级专家坐诊</p>'.encode('gbk')
            parts = [rec('warcinfo', '', b'software: test\\r\\n'),
                     rec('request', 'http://a.cn/', b'GET / HTTP/1.1\\r\\n\\r\\n'),
                     rec('response', 'http://a.cn/', http(b'text/html; charset=utf-8', chunked, b'Transfer-Encoding: chunked\\r\\n')),
                     rec('response', 'http://b.cn/', http(b'text/html', gzbody, b'Content-Encoding: gzip\\r\\n')),
                     rec('response', 'http://c.cn/', http(b'text/html; charset=gbk', gbk)),
                     rec('response', 'http://d.cn/logo.png', http(b'image/png', b'\\x89PNG\\r\\n\\x1a\\n'))]
            if sys.argv[1] == 'gz':
                sys.stdout.buffer.write(b''.join(gzip.compress(p) for p in parts))
            elif sys.argv[1] == 'cut':
                sys.stdout.buffer.write(b''.join(parts[:3]) + parts[3][:120])
            else:
                sys.stdout.buffer.write(b''.join(parts))
            """
        func make(_ arg: String) throws -> [UInt8] { try python(maker, arg) }
        for (name, kind) in [("crawl.warc", "plain"), ("crawl.warc.gz", "gz")] {
            let path = try write(dir, name, try make(kind))
            let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--summary", path])
            let recs = try records(r)
            XCTAssertEqual(recs.map { $0["id"] as! String }, ["http://a.cn/", "http://b.cn/", "http://c.cn/"], name)
            XCTAssertEqual(recs.last?["encoding"] as? String, "GB18030")
            let summary = try XCTUnwrap(try TestSupport.jsonLines(r.stdout).last)
            XCTAssertEqual(summary["records"] as? Int, 3)
            XCTAssertEqual(summary["errors"] as? Int, 1, "the image response is accounted for, not scanned")
        }
        let cut = try write(dir, "cut.warc", try make("cut"))
        let c = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--summary", cut])
        XCTAssertEqual(try records(c).map { $0["id"] as! String }, ["http://a.cn/"])
        XCTAssertTrue(c.stderr.contains("truncated WARC record http://b.cn/"), c.stderr)
    }

    func testDeeplyNestedAndUnclosedHTMLNeverCrash() throws {
        let dir = try TestSupport.tempDir()
        let nested = String(repeating: "<div>", count: 20000) + "三个疗程根治" + String(repeating: "<span><b><i>", count: 5000)
        let path = try write(dir, "nested.html", Array(nested.utf8))
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--summary", path])
        XCTAssertNotEqual(r.status, 2, r.stderr)
        XCTAssertEqual(try TestSupport.jsonLines(r.stdout).last?["records_in"] as? Int, 1, "scanned or reported, never lost")
    }

    func testFilesFromHiddenAndExcludes() throws {
        let dir = try TestSupport.tempDir()
        let a = try write(dir, "a.txt", Array("三个疗程根治".utf8))
        _ = try write(dir, ".hidden/b.txt", Array("三个疗程根治".utf8))
        _ = try write(dir, "c.png.txt", Array("三个疗程根治".utf8))
        let list = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--files-from", "-"], stdin: Array((a + "\n").utf8))
        XCTAssertEqual(try records(list).map { $0["source"] as! String }, [a])
        let walk = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--skip-hidden", "--exclude", "*.png.txt", dir.path])
        XCTAssertEqual(try records(walk).map { $0["source"] as! String }, [a])
        let all = try TestSupport.run(["scan", "-q", "--format", "jsonl", dir.path])
        XCTAssertEqual(try records(all).count, 3)
    }

    func testVeryLongLineIsSegmentedWithWholeRecordOffsets() throws {
        // a 6 MB line with a claim near its end, scanned in 1 MiB segments
        var line = String(repeating: "正常文字", count: 500_000)
        line += "三个疗程根治"
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--input", "lines", "--max-record-bytes", "1048576"],
                                    stdin: Array((line + "\n下一行\n").utf8))
        let recs = try records(r)
        XCTAssertEqual(recs.count, 1)
        // the claim's finding (the claim model may also read the filler: 正常 is a cure outcome's
        // word), not crowded out by the model's readings of it
        let all = try XCTUnwrap(recs[0]["findings"] as? [[String: Any]])
        XCTAssertLessThanOrEqual(all.filter { ($0["rule"] as? String)?.hasPrefix("MDL") == true }.count, 64)
        let f = try XCTUnwrap((recs[0]["findings"] as? [[String: Any]])?.first { $0["match"] as? String == "三个疗程根治" })
        XCTAssertEqual(f["start"] as? Int, 6_000_000)
        XCTAssertEqual(f["char_start"] as? Int, 2_000_000)
        XCTAssertEqual(recs[0]["bytes"] as? Int, 6_000_018)
        XCTAssertTrue(r.stderr.contains("scanning it in segments"), r.stderr)
    }

    func testPermissionDeniedFileIsAnErrorAndTheScanGoesOn() throws {
        guard geteuid() != 0 else {
            throw XCTSkip("running as root: permissions do not stop root from reading (covered by the broken-link test)")
        }
        let dir = try TestSupport.tempDir()
        let locked = try write(dir, "locked.txt", Array("三个疗程根治".utf8))
        _ = try write(dir, "open.txt", Array("三个疗程根治".utf8))
        chmod(locked, 0)
        let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--summary", dir.path])
        XCTAssertTrue(r.stderr.contains("Permission denied"), r.stderr)
        XCTAssertEqual(try TestSupport.jsonLines(r.stdout).last?["records_in"] as? Int, 2)
    }
}

/// The fuzzer's seed corpus and every crash reproducer it ever found run through the same entry
/// point, without libFuzzer, on every test run.
final class FuzzRegressionTests: XCTestCase {
    func testSeedCorpusAndCrashReproducersReplayCleanly() throws {
        let root = TestSupport.repoRoot
        let fm = FileManager.default
        var inputs: [String] = []
        for dir in ["fuzz/corpus", "fuzz/crashes"] {
            let d = root.appendingPathComponent(dir).path
            for name in (try? fm.contentsOfDirectory(atPath: d)) ?? [] where !name.hasPrefix(".") { inputs.append(d + "/" + name) }
        }
        XCTAssertGreaterThanOrEqual(inputs.count, 7)
        let bin = URL(fileURLWithPath: TestSupport.binary).deletingLastPathComponent().appendingPathComponent("adscan-fuzz").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = inputs
        p.currentDirectoryURL = root
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertTrue(text.contains("replayed \(inputs.count) inputs"), text)
    }

    /// A claim across the point where an oversized record is cut is found once, at its offset in
    /// the whole record (it used to be cut short in one segment and dropped by the next).
    func testAClaimAcrossASegmentCutIsFound() throws {
        let claim = "三个疗程根治"
        for shift in [-15, -9, -3, 0, 3] {
            let before = String(repeating: "a", count: 12288 + shift)
            let text = before + claim + String(repeating: "b", count: 10_000)
            let r = try TestSupport.run(["scan", "-q", "--format", "jsonl", "--input", "lines", "--max-record-bytes", "16384"],
                                        stdin: Array((text + "\n").utf8))
            let recs = try TestSupport.jsonLines(r.stdout)
            let found = recs.flatMap { $0["findings"] as? [[String: Any]] ?? [] }.filter { ($0["match"] as? String)?.contains("根治") == true }
            XCTAssertEqual(found.count, 1, "shift \(shift): \(r.stdout.prefix(400))")
            XCTAssertEqual(found.first?["start"] as? Int, before.utf8.count, "shift \(shift)")
        }
    }

}
