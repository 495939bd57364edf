/// Pinyin glosses that mirror sites put after characters (醫(yī)院, 當(dāng)事人, 發(fā)布): the page-level
/// searches (institutions, bylines) read the page without them, so that 望奎縣中醫(yī)院 is still a
/// county hospital. Run on the folded page (full-width brackets already ASCII, letters lower case).
enum PinyinGloss {
    /// `folded` without every `(pinyin)` that follows a Han character; the page itself, with no
    /// copy made, when it has none. Walks the UTF-8 bytes.
    static func strip(_ folded: String) -> String {
        var page = folded
        return page.withUTF8 { b -> String in
            var out: [UInt8] = []      // filled from the first gloss on
            var copied = 0
            var i = 3
            while i < b.count {
                guard b[i] == 0x28, isHan(b, i - 3), let close = glossClose(b, after: i) else { i += 1; continue }
                if out.isEmpty { out.reserveCapacity(b.count) }
                out.append(contentsOf: b[copied..<i])
                copied = close + 1
                i = close + 1
            }
            if copied == 0 { return folded }
            out.append(contentsOf: b[copied..<b.count])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether the three bytes at `at` are one Han character (CJK unified ideographs and extension A).
    private static func isHan(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        let b0 = b[at], b1 = b[at + 1], b2 = b[at + 2]
        guard b0 >= 0xE3, b0 <= 0xE9, b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
        let v = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
        return (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
    }

    /// The offset of the `)` closing one to six pinyin letters after the `(` at `open`, or nil.
    private static func glossClose(_ b: UnsafeBufferPointer<UInt8>, after open: Int) -> Int? {
        var j = open + 1, letters = 0
        while j < b.count, letters <= 6 {
            let c = b[j]
            if c >= 0x61 && c <= 0x7A {
                j += 1
            } else if c >= 0xC3, c <= 0xC7, j + 1 < b.count,
                      toned.contains(UInt32(c & 0x1F) << 6 | UInt32(b[j + 1] & 0x3F)) {
                j += 2
            } else {
                break
            }
            letters += 1
        }
        return (1...6).contains(letters) && j < b.count && b[j] == 0x29 ? j : nil
    }

    /// Vowels with tone marks (all two bytes in UTF-8).
    private static let toned: Set<UInt32> = Set("āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ".unicodeScalars.map(\.value))
}
