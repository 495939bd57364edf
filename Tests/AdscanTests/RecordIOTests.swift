import Foundation
import XCTest

/// `--record-io`: the record-in/record-out contract that Spark's pipe relies on (README,
/// "Running on Spark"); examples/spark/test.sh checks it under Spark itself.
final class RecordIOTests: XCTestCase {
    static let contract = ["scan", "--input", "jsonl", "--format", "jsonl", "--all-records", "--fail-on", "never", "--record-io"]

    let input = [
        #"{"id":"a","text":"本院治愈率高达98%"}"#,
        #"{"id":"b","text":"x""#,                       // truncated: the id was read
        "",                                              // blank line
        #"{"id":7,"text":""}"#,                         // empty text, numeric id
        #"{"text":"三个疗程根治"}"#,                     // no id
        #"{"text": 三个疗程根治}"#,                      // malformed, no id
        #"{"id":"c","body":"这款养生茶能调理血压"}"#,    // no text field
        #"{"id":"d","text":"转义\n\"引号\"\t\u6cbb\u6108\u7387\u9ad8\u8fbe98%\r"}"#,
    ].map { $0 + "\n" }.joined()

    func testOneLinePerInputLineWithoutPositions() throws {
        let r = try TestSupport.run(Self.contract + ["-q"], stdin: Array(input.utf8))
        XCTAssertEqual(r.status, 0, "per-record errors are reported in place: exit 0 with --fail-on never")
        XCTAssertTrue(r.stdout.hasSuffix("\n"))
        XCTAssertFalse(r.stdout.contains("\r"))
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 8, "one output line per input line")
        let objs = try TestSupport.jsonLines(r.stdout)
        XCTAssertEqual(objs.map { $0["type"] as? String }, ["record", "error", "error", "record", "record", "error", "error", "record"])
        for o in objs {
            XCTAssertNil(o["source"])
            XCTAssertNil(o["line"])
        }
        XCTAssertEqual(objs.map { $0["id"] as? String }, ["a", "b", nil, "7", nil, nil, "c", "d"])
        XCTAssertTrue(objs[4]["id"] is NSNull, "a record without an id: id null, not source:line")
        XCTAssertEqual(objs[2]["excerpt"] as? String, "")
        XCTAssertEqual(objs[5]["excerpt"] as? String, #"{"text": 三个疗程根治}"#)
        XCTAssertNil(objs[1]["excerpt"], "an error with the record's id needs no excerpt")
        XCTAssertEqual(objs[0]["verdict"] as? String, "violation")
        XCTAssertEqual(objs[7]["verdict"] as? String, "violation", "escaped claim found")
    }

    func testSameBytesWhateverThePositionOrThreads() throws {
        let one = try TestSupport.run(Self.contract + ["-q", "--threads", "1"], stdin: Array(input.utf8))
        let two = try TestSupport.run(Self.contract + ["-q", "--threads", "2"], stdin: Array(input.utf8))
        XCTAssertEqual(one.stdout, two.stdout)
        // a file, and the same records split in two as two pipes would see them (Spark partitions)
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("in.jsonl")
        try Data(input.utf8).write(to: file)
        let byPath = try TestSupport.run(Self.contract + ["-q", file.path])
        XCTAssertEqual(byPath.stdout, one.stdout)
        let lines = input.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0 + "\n" }
        let first = try TestSupport.run(Self.contract + ["-q"], stdin: Array(lines[..<4].joined().utf8))
        let second = try TestSupport.run(Self.contract + ["-q"], stdin: Array(lines[4...].joined().utf8))
        XCTAssertEqual(first.stdout + second.stdout, one.stdout, "fingerprints and lines do not depend on the position")
    }

    func testExitStatus() throws {
        let bytes = Array(input.utf8)
        XCTAssertEqual(try TestSupport.run(Array(Self.contract.dropLast(3)) + ["--record-io", "-q"], stdin: bytes).status, 1,
                       "findings still fail without --fail-on never")
        XCTAssertEqual(try TestSupport.run(Array(Self.contract.dropLast()) + ["-q"], stdin: bytes).status, 2,
                       "without --record-io a malformed line is input not read in full: 2 even with --fail-on never")
        XCTAssertEqual(try TestSupport.run(Self.contract + ["--summary"], stdin: bytes).status, 2, "--summary is not a record")
        XCTAssertEqual(try TestSupport.run(["scan", "--format", "jsonl", "--record-io"], stdin: bytes).status, 2, "needs --input jsonl")
    }
}
