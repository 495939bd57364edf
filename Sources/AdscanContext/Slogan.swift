/// A record that is one short line: a slogan, a claim quoted on its own, a livestream host's line.
/// Such a record has no room for the advice, report or science around a claim that makes a bare
/// health word in an article harmless: rules with `slogan_severity` read it as the product's claim.
enum Slogan {
    /// At most this many characters (code points), surrounding white space not counted.
    static let maxCharacters = 40

    static func isOne(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var lo = 0, hi = text.count
        while lo < hi, text[lo] == 0x20 || text[lo] == 0x0A || text[lo] == 0x0D || text[lo] == 0x09 { lo += 1 }
        while hi > lo, text[hi - 1] == 0x20 || text[hi - 1] == 0x0A || text[hi - 1] == 0x0D || text[hi - 1] == 0x09 { hi -= 1 }
        guard hi > lo, hi - lo <= maxCharacters * 4 else { return false }
        var characters = 0
        for i in lo..<hi {
            let b = text[i]
            if b == 0x0A { return false }
            if b & 0xC0 != 0x80 { characters += 1 }
        }
        return characters <= maxCharacters
    }
}
