/// Folds original UTF-8 text (NFKC, case, full-width, Traditional→Simplified) into a
/// NormalizedText, keeping the offset map. Runs on windows around candidates, not on whole records.
public struct Normalizer: Sendable {
    public let table: FoldTable

    public init(table: FoldTable = .shared) {
        self.table = table
    }

    /// Folds `text[range]` into `out` (cleared first). Offsets in the map are absolute in `text`.
    /// Writes through pointers into buffers sized for the worst case (a BMP code point folds to at
    /// most 18 code points, 3 bytes each, per input byte far less), then trims.
    public func normalize(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into out: inout NormalizedText) {
        // first with room for text that does not grow (nearly all); a clause with code points that
        // expand (ligatures, ㈱) is folded again into room for the worst case
        if !normalize(text, range: range, into: &out, capacity: range.count + 64) {
            _ = normalize(text, range: range, into: &out, capacity: range.count * 18 + 64)
        }
    }

    /// False when the output would pass `capacity`.
    private func normalize(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into out: inout NormalizedText,
                           capacity cap: Int) -> Bool {
        out.removeAll()
        var bitsOut: UInt8 = 0
        var n = 0
        var complete = true
        let limit = cap - 56      // a BMP code point folds to at most 18 code points (54 bytes)
        out.reserve(cap)
        let table = self.table
        out.storage.withUnsafeMutableBufferPointer { ob in
            out.starts.withUnsafeMutableBufferPointer { ss in
                out.ends.withUnsafeMutableBufferPointer { se in
                    var w = OffsetMapWriter(bytes: ob.baseAddress!, sourceStart: ss.baseAddress!, sourceEnd: se.baseAddress!)
                    var i = range.lowerBound
                    let end = range.upperBound
                    var bits: UInt8 = 0 // a local: a captured one would be reloaded after every store
                    defer { bitsOut = bits }
                    while i < end {
                        if w.count > limit { complete = false; break }
                        let b = text[i]
                        if b < 0x80 {
                            // ASCII: only upper case changes
                            let f = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                            if f != b { bits |= Transform.letterCase }
                            w.putASCII(f, Int32(i))
                            i &+= 1
                            continue
                        }
                        if i &+ 2 < end, let (c, f) = table.foldedHan(text, at: i) {
                            if f != c { bits |= Transform.traditional }
                            w.put3(f, Int32(i), Int32(i &+ 3))
                            i &+= 3
                            continue
                        }
                        let (c, len) = UTF8Scan.decode(text, i)
                        let s = Int32(i), e = Int32(i + len)
                        if c == 0xFFFD && len == 1 {
                            w.put(0xFFFD, s, e)
                            bits |= Transform.invalidUTF8
                        } else if table.isStable(c) {
                            w.put(c, s, e)
                        } else {
                            bits |= table.transformBit(c)
                            table.fold(c) { w.put($0, s, e) }
                        }
                        i &+= len
                    }
                    n = w.count
                }
            }
        }
        out.count = n
        out.transformBits = bitsOut
        return complete
    }

    /// Convenience for tests and rule loading.
    public func normalize(_ s: String) -> NormalizedText {
        var out = NormalizedText()
        var copy = s
        copy.withUTF8 { p in normalize(p, range: 0..<p.count, into: &out) }
        return out
    }
}
