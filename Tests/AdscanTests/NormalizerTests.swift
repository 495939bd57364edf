@testable import AdscanNormalize
import XCTest

final class NormalizerTests: XCTestCase {
    let table = FoldTable.shared

    func testByteContainsFindsANeedleAnywhereAndOnlyWhole() {
        func has(_ hay: String, _ needle: String) -> Bool {
            Array(hay.utf8).withUnsafeBufferPointer { UTF8Scan.contains($0, Array(needle.utf8)) }
        }
        XCTAssertTrue(has("如一些医美机构", "一些"))
        XCTAssertTrue(has("整治医美", "整治"))
        XCTAssertTrue(has("无证", "无证"))
        XCTAssertFalse(has("仁济堂诊所", "一些"))
        XCTAssertFalse(has("一", "一些"), "a needle longer than the text")
        XCTAssertFalse(has("一此", "一些"), "a shared first byte is no match")
        XCTAssertTrue(has("abc", ""))
    }

    func testFoldsWidthCaseTraditionalAndIgnorables() {
        XCTAssertEqual(table.fold("治癒率高達９８％"), "治愈率高达98%")
        XCTAssertEqual(table.fold("ＮＯ．１ Top"), "no.1 top")
        XCTAssertEqual(table.fold("國家級醫療"), "国家级医疗")
        XCTAssertEqual(table.fold("治\u{200B}愈"), "治愈", "zero-width space folds away")
        XCTAssertEqual(table.fold("①"), "1")
    }

    /// The table is derived from ICU; on real traditional text it must agree with ICU's own
    /// Traditional→Simplified transliterator (the probe measured 2,853 mappings, all 1:1).
    func testTableAgreesWithICUTransliteratorOnSeedText() throws {
        let path = TestSupport.seeds + "/000_36c4a3f68c1d41a7.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let icu = ICUReference.traditionalToSimplified(text)
        // compare on Han characters only (the table also does NFKC and case, ICU's T→S does not)
        let hanOnly = { (s: String) in String(s.unicodeScalars.filter { (0x3400...0x9FFF).contains($0.value) }.map(Character.init)) }
        XCTAssertEqual(hanOnly(table.foldHan(text)), hanOnly(icu))
        XCTAssertNotEqual(hanOnly(text), hanOnly(icu), "seed 000 is traditional text")
    }

    /// The process reads the tables from FoldTableData.swift when its ICU is the one that wrote
    /// them: they must be what this ICU derives (after an ICU upgrade, rerun adscan-fold-tables).
    func testEmbeddedTablesAreWhatICUDerives() throws {
        let icu = try FoldTable()
        let embedded = try XCTUnwrap(FoldTable(serialized: icu.serialized()), "serialized tables read back")
        XCTAssertTrue(embedded.sameTables(as: icu), "round trip")
        if FoldTable.icuVersion == FoldTableData.icuVersion {
            XCTAssertTrue(FoldTable.shared.sameTables(as: icu),
                          "FoldTableData.swift differs from ICU \(FoldTable.icuVersion): swift run adscan-fold-tables Sources/AdscanNormalize/FoldTableData.swift")
        }
        XCTAssertNil(FoldTable(serialized: "F 4e00"), "malformed text is refused, not half read")
        XCTAssertEqual(icu.toTraditional("头发说明"), "頭發說明", "one character at a time (ICU's phrase rules would write 頭髮)")
    }

    func testOffsetMapPointsBackToOriginalBytes() {
        let original = "Ａ國\u{200B}家"
        let n = Normalizer().normalize(original)
        XCTAssertEqual(String(decoding: n.bytes, as: UTF8.self), "a国家")
        // "a" came from the 3-byte Ａ at 0..<3; 国 from 3..<6; 家 from 9..<12 (the ZWSP 6..<9 vanished)
        XCTAssertEqual(n.originalRange(0, 1), 0..<3)
        XCTAssertEqual(n.originalRange(1, 4), 3..<6)
        XCTAssertEqual(n.originalRange(4, 7), 9..<12)
        XCTAssertEqual(n.originalRange(1, 7), 3..<12)
        XCTAssertEqual(Set(n.transforms), ["fullwidth", "traditional", "ignorable"])
    }

    /// Code points that fold to many (U+FDFA → 18 code points, ㈱ → "(株)") overflow the first,
    /// tight buffer; the window is folded again with room for the worst case.
    func testTextThatGrowsWhenFoldedIsFoldedWhole() {
        for s in [String(repeating: "\u{FDFA}", count: 40), "治愈" + String(repeating: "㈱", count: 100) + "根治"] {
            let n = Normalizer().normalize(s)
            XCTAssertEqual(String(decoding: n.bytes, as: UTF8.self), table.fold(s))
            XCTAssertGreaterThan(n.bytes.count, s.utf8.count + 64)
            XCTAssertEqual(n.sourceEnd.last.map(Int.init), s.utf8.count)
        }
    }

    func testInvalidUTF8BecomesReplacementMappedToOneByte() {
        let bytes: [UInt8] = [0xE6, 0xB2, 0xBB, 0xFF, 0xE6, 0x84, 0x88]   // 治 <bad> 愈
        var out = NormalizedText()
        bytes.withUnsafeBufferPointer { Normalizer().normalize($0, range: 0..<$0.count, into: &out) }
        XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), "治\u{FFFD}愈")
        XCTAssertEqual(out.originalRange(3, 6), 3..<4)
        XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Scan.firstInvalid($0) }, 3)
    }

    func testValidatorAgreesWithStandardLibrary() {
        var rng = SplitMix(seed: 42)
        let pieces: [[UInt8]] = [Array("治愈率".utf8), Array("abc".utf8), [0xFF], [0xE6, 0xB2], [0xED, 0xA0, 0x80],
                                 [0xE0, 0x80, 0x80], Array("😀".utf8), [0xC3, 0xA9], [0x80], [0xF4, 0x90, 0x80, 0x80]]
        for _ in 0..<3000 {
            var b: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) { b += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let ours = b.withUnsafeBufferPointer { UTF8Scan.firstInvalid($0) }
            let valid = String(validating: b, as: UTF8.self) != nil
            XCTAssertEqual(ours == nil, valid, "\(b)")
        }
    }
}

/// Deterministic random numbers for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
