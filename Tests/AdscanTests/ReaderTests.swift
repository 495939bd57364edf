import AdscanModel
import AdscanReader
import XCTest

final class ReaderTests: XCTestCase {
    struct Collected {
        var records: [(origin: RecordOrigin, text: String, slice: Batch.RecordSlice)] = []
        var errors: [RecordError] = []
        var deferred: [String] = []
        var deferredLines: [String] = []
    }

    func read(_ options: ReaderOptions, _ body: (RecordReader) -> Void) -> Collected {
        var c = Collected()
        let reader = RecordReader(options: options) { batch in
            for item in batch.items {
                switch item {
                case .record(let s):
                    c.records.append((s.origin, String(decoding: batch.bytes[s.range], as: UTF8.self), s))
                case .error(let e):
                    c.errors.append(e)
                case .file(let path):
                    c.deferred.append(path)
                case .jsonLine(_, _, let range):
                    c.deferredLines.append(String(decoding: batch.bytes[range], as: UTF8.self))
                }
            }
            return true
        }
        body(reader)
        reader.finish()
        return c
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = try TestSupport.tempDir()
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testLinesModeSplitsOnNewlinesAndStripsCR() throws {
        let path = try file("t.txt", Array("第一行\r\n\n第三行".utf8))
        var o = ReaderOptions()
        o.mode = .lines
        let c = read(o) { $0.read(path: path) }
        XCTAssertEqual(c.records.map(\.text), ["第一行", "", "第三行"])
        XCTAssertEqual(c.records.map(\.origin.line), [1, 2, 3])
        XCTAssertEqual(c.records[2].origin.id, path + ":3")
    }

    /// A file that reports no size (procfs) is read to its end, though each read returns a page.
    func testFileWithoutASizeIsReadToItsEnd() throws {
        #if os(Linux)
        var o = ReaderOptions()
        o.mode = .doc
        let c = read(o) { $0.read(path: "/proc/self/smaps") }
        XCTAssertEqual(c.records.count, 1)
        XCTAssertGreaterThan(c.records.first?.slice.range.count ?? 0, 8192, "more than the first reads' pages")
        #endif
    }

    func testDocModeIsOneRecordPerFileAndDefaultsByExtension() throws {
        let path = try file("page.txt", Array("甲\n乙".utf8))
        let c = read(ReaderOptions()) { $0.read(path: path) }
        XCTAssertEqual(c.records.map(\.text), ["甲\n乙"])
        XCTAssertEqual(c.records[0].origin.id, path)
        XCTAssertEqual(InputMode.forPath("x.ndjson"), .jsonl)
        XCTAssertEqual(InputMode.forPath("x.JSONL"), .jsonl)
        XCTAssertEqual(InputMode.forPath("x.jsonl.gz"), .jsonl)
        XCTAssertEqual(InputMode.forPath("a/b.HTM"), .html)
        XCTAssertEqual(InputMode.forPath("crawl.warc.gz"), .warc)
    }

    func testEmptyFileIsOneCleanDocRecord() throws {
        let path = try file("empty.txt", [])
        let c = read(ReaderOptions()) { $0.read(path: path) }
        XCTAssertEqual(c.records.map(\.text), [""])
        XCTAssertTrue(c.errors.isEmpty)
    }

    func testJSONLExtractsTextAndIdAndDecodesEscapes() throws {
        let lines = [
            #"{"id":"a","text":"\u6cbb\u6108\u7387 98%","meta":{"x":[1,2,{"y":null}]}}"#,
            #"{"text":"换行\n和引号\"","id":42}"#,
            #"{"id":"b","text":"😀 \ud83d\ude00"}"#,
            "   ",
            #"{"id":"c","body":"no text"}"#,
            #"{"id":"d","text":"truncated"#,
            #"{"id":"e","text":7}"#,
            #"not json"#,
            #"{"id":"f","text":"ok"} trailing"#,
        ]
        let path = try file("in.jsonl", Array(lines.joined(separator: "\n").utf8))
        let c = read(ReaderOptions()) { $0.read(path: path) }
        XCTAssertEqual(c.records.map(\.text), ["治愈率 98%", "换行\n和引号\"", "😀 😀"])
        XCTAssertEqual(c.records.map(\.origin.id), ["a", "42", "b"])
        XCTAssertEqual(c.errors.map(\.line), [5, 6, 7, 8, 9])
        XCTAssertTrue(c.errors[0].message.contains("no field `text`"))
        XCTAssertTrue(c.errors[1].message.contains("truncated string"), c.errors[1].message)
        XCTAssertTrue(c.errors[2].message.contains("not a string"))
        XCTAssertTrue(c.errors[3].message.contains("malformed JSON at column 1"))
        XCTAssertTrue(c.errors[4].message.contains("after the object"))
    }

    func testCustomFieldsAndDeepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000)
        let lines = [#"{"url":"http://x","content":"根治"}"#, #"{"a":\#(deep),"content":"x"}"#]
        let path = try file("in.jsonl", Array(lines.joined(separator: "\n").utf8))
        var o = ReaderOptions()
        o.textField = "content"
        o.idField = "url"
        let c = read(o) { $0.read(path: path) }
        XCTAssertEqual(c.records.map(\.origin.id), ["http://x"])
        XCTAssertEqual(c.errors.count, 1)
        XCTAssertTrue(c.errors[0].message.contains("nesting"))
    }

    func testBinaryFilesAreSkippedWithAMessage() throws {
        let path = try file("blob.bin", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02])
        let c = read(ReaderOptions()) { $0.read(path: path) }
        XCTAssertTrue(c.records.isEmpty)
        XCTAssertEqual(c.errors.count, 1)
        XCTAssertTrue(c.errors[0].message.contains("binary file"))
    }

    func testDirectoriesAreWalkedInSortedOrderAndBrokenLinksReported() throws {
        let dir = try TestSupport.tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "b".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try "a".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "c".write(to: dir.appendingPathComponent("sub/c.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("z.txt").path, withDestinationPath: "/nonexistent/x")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop").path, withDestinationPath: dir.path)
        let c = read(ReaderOptions()) { $0.read(path: dir.path) }
        XCTAssertEqual(c.records.map(\.text), ["a", "b", "c"])
        XCTAssertEqual(c.errors.count, 1)
        XCTAssertTrue(c.errors[0].message.contains("broken symbolic link"))
    }

    func testDeferredWalkHandsOnPagesByPathAndReadsStreamsItself() throws {
        let dir = try TestSupport.tempDir()
        try Data("甲".utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data("{\"text\":\"乙\"}\n".utf8).write(to: dir.appendingPathComponent("b.jsonl"))
        try Data("丙".utf8).write(to: dir.appendingPathComponent("c.txt"))
        var o = ReaderOptions()
        o.deferFiles = true
        let c = read(o) { $0.read(path: dir.path) }
        XCTAssertEqual(c.deferred.map { ($0 as NSString).lastPathComponent }, ["a.txt", "c.txt"])
        XCTAssertEqual(c.records.map(\.text), ["乙"], "a JSONL file is read by the walk, not deferred")
        let later = read(ReaderOptions()) { $0.readDeferred(c.deferred.map { .file($0) }) }
        XCTAssertEqual(later.records.map(\.text), ["甲", "丙"])
    }

    func testDeferredFilesAreBatchedByCountAndBytes() throws {
        let dir = try TestSupport.tempDir()
        for i in 0..<10 { try Data(String(repeating: "字", count: 100 * (i + 1)).utf8).write(to: dir.appendingPathComponent("p\(i).txt")) }
        var o = ReaderOptions()
        o.deferFiles = true
        o.batchBytes = 1000          // bytes of files per batch a worker holds at once
        o.deferredBatchFiles = 3
        var sizes: [[Int]] = []
        let reader = RecordReader(options: o) { b in
            sizes.append(b.items.compactMap { if case .file(let p) = $0 { return (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? -1 }; return nil })
            return true
        }
        reader.read(path: dir.path)
        reader.finish()
        XCTAssertEqual(sizes.flatMap { $0 }.count, 10)
        for batch in sizes {
            XCTAssertLessThanOrEqual(batch.count, 3)
            XCTAssertLessThan(batch.dropLast().reduce(0, +), 1000, "a batch is cut once its files reach batchBytes: \(sizes)")
        }
    }

    func testDeferredJSONLinesAreHandedOnUnparsedAndParsedLater() throws {
        let path = try file("feed.jsonl", Array("{\"id\":\"a\",\"text\":\"甲\"}\n\n{bad\n{\"id\":\"b\",\"text\":\"乙\\u4e19\"}\n".utf8))
        var o = ReaderOptions()
        o.deferJSON = true
        var batches: [Batch] = []
        let reader = RecordReader(options: o) { batches.append($0); return true }
        reader.read(path: path)
        reader.finish()
        var lines: [(source: String, line: Int, range: Range<Int>)] = []
        for b in batches {
            for item in b.items { if case .jsonLine(let s, let l, let r) = item { lines.append((s, l, r)) } }
        }
        XCTAssertEqual(lines.map(\.line), [1, 3, 4], "the blank line is no record")
        let later = read(ReaderOptions()) { $0.readDeferred(batches[0].items, in: batches[0].bytes) }
        XCTAssertEqual(later.records.map(\.text), ["甲", "乙丙"])
        XCTAssertEqual(later.records.map(\.origin.id), ["a", "b"])
        XCTAssertEqual(later.errors.map(\.line), [3])
    }

    func testOversizedLineIsScannedInOverlappingSegments() throws {
        let unit = "正常文字abc"
        let text = String(repeating: unit, count: 30000)   // 450 KB, one line
        let path = try file("big.txt", Array((text + "\n下一行").utf8))
        var o = ReaderOptions()
        o.mode = .lines
        o.maxRecordBytes = 100_000
        o.segmentOverlap = 1000
        let c = read(o) { $0.read(path: path) }
        let segs = c.records.filter { $0.origin.line == 1 }
        XCTAssertGreaterThan(segs.count, 4)
        XCTAssertEqual(segs.filter { $0.slice.isFinal }.count, 1)
        XCTAssertTrue(segs.last!.slice.isFinal)
        // the segments, minus their overlaps, rebuild the line exactly
        var rebuilt = ""
        for s in segs {
            let bytes = Array(s.text.utf8)
            rebuilt += String(decoding: bytes[s.slice.ownFrom..<(s.slice.ownTo ?? bytes.count)], as: UTF8.self)
        }
        XCTAssertEqual(rebuilt, text)
        XCTAssertEqual(segs.last!.slice.recordBytes, text.utf8.count)
        XCTAssertEqual(c.records.last?.text, "下一行")
        XCTAssertEqual(c.records.last?.origin.line, 2)
    }

    func testOversizedJSONLineIsAnErrorAndReadingGoesOn() throws {
        let big = #"{"text":""# + String(repeating: "x", count: 300_000) + #""}"#
        let path = try file("big.jsonl", Array((big + "\n" + #"{"text":"根治"}"#).utf8))
        var o = ReaderOptions()
        o.maxRecordBytes = 100_000
        let c = read(o) { $0.read(path: path) }
        XCTAssertEqual(c.records.map(\.text), ["根治"])
        XCTAssertEqual(c.errors.count, 1)
        XCTAssertTrue(c.errors[0].message.contains("longer than"))
    }
}
