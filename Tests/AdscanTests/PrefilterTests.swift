import AdscanMatch
import XCTest

/// The stride-3 prefilter must report exactly what a naive search reports: every occurrence of
/// every literal, overlapping, in order of start.
final class PrefilterTests: XCTestCase {
    func naive(_ text: [UInt8], _ lits: [[UInt8]]) -> [LiteralPrefilter.Hit] {
        var hits: [LiteralPrefilter.Hit] = []
        for p in 0..<text.count {
            for (i, l) in lits.enumerated() where p + l.count <= text.count && Array(text[p..<(p + l.count)]) == l {
                hits.append(.init(start: p, literal: Int32(i)))
            }
        }
        return hits
    }

    func sorted(_ h: [LiteralPrefilter.Hit]) -> [LiteralPrefilter.Hit] {
        h.sorted { ($0.start, $0.literal) < ($1.start, $1.literal) }
    }

    func testAgreesWithNaiveSearchOnRandomText() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("治愈率高达根治第一最好国家级的了是在%0198 .No".unicodeScalars).map { String($0) }
        for round in 0..<300 {
            var lits: [[UInt8]] = []
            for _ in 0..<(1 + Int(rng.next() % 12)) {
                var s = ""
                while s.utf8.count < 3 { s += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                for _ in 0..<Int(rng.next() % 3) { s += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                lits.append(Array(s.utf8))
            }
            var text = ""
            for _ in 0..<Int(rng.next() % 200) { text += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let bytes = Array(text.utf8)
            let pf = LiteralPrefilter(literals: lits)
            var hits: [LiteralPrefilter.Hit] = []
            bytes.withUnsafeBufferPointer { pf.findAll($0, into: &hits) }
            XCTAssertEqual(sorted(hits), sorted(naive(bytes, lits)), "round \(round): \(text)")
            XCTAssertEqual(hits.map(\.start), hits.map(\.start).sorted(), "hits come in start order")
        }
    }

    func testFindsLiteralsAtBothEndsOfTheBuffer() {
        let pf = LiteralPrefilter(literals: [Array("根治".utf8), Array("100%".utf8)])
        let text = Array("根治xx100%".utf8)
        var hits: [LiteralPrefilter.Hit] = []
        text.withUnsafeBufferPointer { pf.findAll($0, into: &hits) }
        XCTAssertEqual(hits, [.init(start: 0, literal: 0), .init(start: 8, literal: 1)])
    }
}
