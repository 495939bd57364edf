import AdscanModel
import AdscanReport
import Foundation
import XCTest

/// The JSON Lines reporter on ScannedRecord values (no subprocess): genre on every record, the
/// parts of a composed claim, the cited provision's own text.
final class JSONLRecordTests: XCTestCase {
    func json(_ r: ScannedRecord) throws -> [String: Any] {
        var options = ReportOptions()
        options.allRecords = true
        var out: [UInt8] = []
        JSONLReporter(options: options).record(r, embeddedText: false, text: nil, into: &out)
        XCTAssertEqual(out.last, 0x0A)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
    }

    func testRecordCarriesGenrePartsAndLawText() throws {
        var f = Finding(ruleID: "CLM-TREAT.product", category: .nonMedicalCureClaim, severity: .error,
                        law: "《中华人民共和国广告法》第十七条", message: "m", match: "这款茶能调理血压", start: 0, end: 24)
        f.lawText = "除医疗、药品、医疗器械广告外，禁止其他任何广告涉及疾病治疗功能。"
        f.parts = [Part(role: "product_nonmedical", text: "茶"), Part(role: "treat_verb", text: "调理")]
        var r = ScannedRecord(origin: RecordOrigin(source: "-", line: 1), byteCount: 24, findings: [f])
        r.genre = Genre(id: "ad", confidence: 0.81234, evidence: ["咨询", "特价"], mention: 0.05)
        let o = try json(r)
        let g = try XCTUnwrap(o["genre"] as? [String: Any])
        XCTAssertEqual(g["id"] as? String, "ad")
        XCTAssertEqual(g["confidence"] as? Double, 0.812)
        XCTAssertEqual(g["evidence"] as? [String], ["咨询", "特价"])
        let finding = try XCTUnwrap((o["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["law_text"] as? String, f.lawText)
        XCTAssertEqual(finding["parts"] as? [String: String], ["product_nonmedical": "茶", "treat_verb": "调理"])
    }

    func testCleanRecordStillCarriesItsGenre() throws {
        var r = ScannedRecord(origin: RecordOrigin(source: "-", line: 2), byteCount: 10, findings: [])
        r.genre = Genre(id: "news", confidence: 0.7, evidence: ["记者"], mention: 0.8)
        let o = try json(r)
        XCTAssertEqual(o["verdict"] as? String, "clean")
        XCTAssertEqual((o["genre"] as? [String: Any])?["id"] as? String, "news")
        XCTAssertEqual((o["genre"] as? [String: Any])?["mention"] as? Double, 0.8)
    }
}
