/// Folds original UTF-8 text (NFKC, case, full-width, Traditional→Simplified) into a
/// NormalizedText, keeping the offset map. Runs on windows around candidates, not on whole records.
public struct Normalizer: Sendable {
    public let table: FoldTable

    public init(table: FoldTable = .shared) {
        self.table = table
    }

    /// Folds `text[range]` into `out` (cleared first). Offsets in the map are absolute in `text`.
    public func normalize(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into out: inout NormalizedText) {
        out.removeAll()
        out.bytes.reserveCapacity(range.count + 8)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = text[i]
            if b < 0x80 {
                // ASCII: only upper case changes
                let f = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                if f != b { out.transformBits |= Transform.letterCase }
                out.bytes.append(f)
                out.sourceStart.append(Int32(i))
                out.sourceEnd.append(Int32(i + 1))
                i += 1
                continue
            }
            let (c, len) = UTF8Scan.decode(text, i)
            let invalid = c == 0xFFFD && len == 1
            let s = Int32(i), e = Int32(i + len)
            let before = out.bytes.count
            if invalid {
                UTF8Scan.append(0xFFFD, to: &out.bytes)
                out.transformBits |= Transform.invalidUTF8
            } else if table.isStable(c) {
                UTF8Scan.append(c, to: &out.bytes)
            } else {
                out.transformBits |= table.transformBit(c)
                table.fold(c) { UTF8Scan.append($0, to: &out.bytes) }
            }
            for _ in before..<out.bytes.count {
                out.sourceStart.append(s)
                out.sourceEnd.append(e)
            }
            i += len
        }
    }

    /// Convenience for tests and rule loading.
    public func normalize(_ s: String) -> NormalizedText {
        var out = NormalizedText()
        var copy = s
        copy.withUTF8 { p in normalize(p, range: 0..<p.count, into: &out) }
        return out
    }
}
