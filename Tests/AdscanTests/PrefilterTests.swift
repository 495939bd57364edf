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

    /// Pinyin mixed into claim words (治yu, fu读) is found at the seam between letters and Han
    /// characters; glosses, brand names and pinyin runs around it must not hide or invent hits.
    func testAgreesWithNaiveSearchOnPinyinMixedText() {
        var rng = SplitMix(seed: 11)
        let han = ["治", "愈", "读", "康", "痊", "顶"], latin = ["y", "u", "Y", "U", "f", "j", "i", "z", "h"]
        let other = [" ", "(", ")", "ī", "1", "\n"]
        for round in 0..<300 {
            // plain claim words are sampled; the mixed ones are found at their seams
            var lits: [[UInt8]] = [Array("治愈康".utf8), Array("痊愈".utf8)]
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                // a Han character with one or two letters before or after it
                let h = han[Int(rng.next() % UInt64(han.count))]
                var l = latin[Int(rng.next() % UInt64(latin.count))]
                if rng.next() % 2 == 0 { l += latin[Int(rng.next() % UInt64(latin.count))] }
                lits.append(Array((rng.next() % 2 == 0 ? h + l : l + h).utf8))
            }
            var text = ""
            for _ in 0..<Int(rng.next() % 300) {
                let r = rng.next() % 10
                let set = r < 4 ? han : r < 8 ? latin : other
                text += set[Int(rng.next() % UInt64(set.count))]
            }
            let bytes = Array(text.utf8)
            let pf = LiteralPrefilter(literals: lits)
            var hits: [LiteralPrefilter.Hit] = []
            bytes.withUnsafeBufferPointer { pf.findAll($0, into: &hits) }
            XCTAssertEqual(sorted(hits), sorted(naive(bytes, lits)), "round \(round): \(text)")
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
