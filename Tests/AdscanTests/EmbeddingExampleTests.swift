import AdscanEngine
import AdscanModel
import AdscanReport
import Foundation
import XCTest

/// The README's "Embedding adscan in a Swift program" example, compiled and run here so that it
/// cannot rot: the lines between the markers must stand in README.md as they stand here.
final class EmbeddingExampleTests: XCTestCase {
    func testReadmeExampleRuns() throws {
        // README example begin
        let engine = try Engine.builtIn()
        let record = engine.scan("本院治愈率高达98%，三个疗程根治",
                                 origin: RecordOrigin(source: "ads.jsonl", line: 1, explicitID: "ad-42"))
        print(record.verdict)                    // violation
        for f in record.findings where f.suppressedBy == nil {
            print(f.ruleID, f.severity, f.match, f.law, f.fingerprint)
        }
        var line: [UInt8] = []                   // the line `adscan scan --format jsonl` writes
        JSONLReporter(options: ReportOptions()).record(record, embeddedText: true, text: nil, into: &line)
        // README example end
        XCTAssertEqual(record.verdict, .violation)
        XCTAssertTrue(record.findings.contains { $0.match == "治愈率高达98%" && $0.fingerprint.count == 16 })
        let json = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        XCTAssertEqual(json?["id"] as? String, "ad-42")
    }

    func testReadmeHoldsTheExample() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let begin = lines.firstIndex(where: { $0.hasSuffix("// README example begin") }),
              let end = lines.firstIndex(where: { $0.hasSuffix("// README example end") }) else {
            return XCTFail("markers not found")
        }
        let example = lines[(begin + 1)..<end].map { $0.dropFirst(8) }.joined(separator: "\n")
        let readme = try String(contentsOfFile: TestSupport.repoRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        XCTAssertTrue(readme.contains(example), "README.md must hold the example as it stands in this test:\n\(example)")
    }
}
