/// Pinyin glosses that mirror sites put after characters (醫(yī)院, 當(dāng)事人, 發(fā)布): the page-level
/// searches (institutions, bylines) read the page without them, so that 望奎縣中醫(yī)院 is still a
/// county hospital. Run on the folded page (full-width brackets already ASCII, letters lower case).
enum PinyinGloss {
    /// `folded` without every `(pinyin)` that follows a Han character; the page itself when it has none.
    static func strip(_ folded: String) -> String {
        guard folded.utf8.contains(0x28) else { return folded }
        let s = Array(folded.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "(", i > 0, isHan(s[i - 1]) {
                var j = i + 1
                while j < s.count, j - i <= 7, isPinyinLetter(s[j]) { j += 1 }
                if j < s.count, s[j] == ")", j - i >= 2, j - i <= 7 {
                    i = j + 1
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    private static func isHan(_ c: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(c.value) || (0x3400...0x4DBF).contains(c.value)
    }

    private static let toned: Set<Unicode.Scalar> = Set("āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ".unicodeScalars)

    private static func isPinyinLetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x61 && c.value <= 0x7A) || toned.contains(c)
    }
}
