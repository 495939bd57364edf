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
        out.removeAll()
        let cap = range.count * 3 + 64
        var bits: UInt8 = 0
        var n = 0
        out.bytes.reserveCapacity(cap)
        out.sourceStart.reserveCapacity(cap)
        out.sourceEnd.reserveCapacity(cap)
        let table = self.table
        // grow the arrays to capacity once, fill through pointers, then cut back to n
        out.bytes.append(contentsOf: repeatElement(0, count: cap))
        out.sourceStart.append(contentsOf: repeatElement(0, count: cap))
        out.sourceEnd.append(contentsOf: repeatElement(0, count: cap))
        out.bytes.withUnsafeMutableBufferPointer { ob in
            out.sourceStart.withUnsafeMutableBufferPointer { ss in
                out.sourceEnd.withUnsafeMutableBufferPointer { se in
                    let o = ob.baseAddress!, s0 = ss.baseAddress!, e0 = se.baseAddress!
                    @inline(__always) func put(_ c: UInt32, _ s: Int32, _ e: Int32) {
                        if c < 0x80 {
                            o[n] = UInt8(c); s0[n] = s; e0[n] = e; n &+= 1
                        } else if c < 0x800 {
                            o[n] = UInt8(0xC0 | (c >> 6)); o[n + 1] = UInt8(0x80 | (c & 0x3F))
                            s0[n] = s; s0[n + 1] = s; e0[n] = e; e0[n + 1] = e; n &+= 2
                        } else if c < 0x10000 {
                            o[n] = UInt8(0xE0 | (c >> 12)); o[n + 1] = UInt8(0x80 | ((c >> 6) & 0x3F)); o[n + 2] = UInt8(0x80 | (c & 0x3F))
                            s0[n] = s; s0[n + 1] = s; s0[n + 2] = s; e0[n] = e; e0[n + 1] = e; e0[n + 2] = e; n &+= 3
                        } else {
                            o[n] = UInt8(0xF0 | (c >> 18)); o[n + 1] = UInt8(0x80 | ((c >> 12) & 0x3F))
                            o[n + 2] = UInt8(0x80 | ((c >> 6) & 0x3F)); o[n + 3] = UInt8(0x80 | (c & 0x3F))
                            for k in 0..<4 { s0[n + k] = s; e0[n + k] = e }
                            n &+= 4
                        }
                    }
                    var i = range.lowerBound
                    let end = range.upperBound
                    while i < end {
                        let b = text[i]
                        if b < 0x80 {
                            // ASCII: only upper case changes
                            let f = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                            if f != b { bits |= Transform.letterCase }
                            o[n] = f; s0[n] = Int32(i); e0[n] = Int32(i + 1); n &+= 1
                            i &+= 1
                            continue
                        }
                        let (c, len) = UTF8Scan.decode(text, i)
                        let s = Int32(i), e = Int32(i + len)
                        if c == 0xFFFD && len == 1 {
                            put(0xFFFD, s, e)
                            bits |= Transform.invalidUTF8
                        } else if table.isStable(c) {
                            put(c, s, e)
                        } else {
                            bits |= table.transformBit(c)
                            table.fold(c) { put($0, s, e) }
                        }
                        i &+= len
                    }
                }
            }
        }
        out.bytes.removeSubrange(n...)
        out.sourceStart.removeSubrange(n...)
        out.sourceEnd.removeSubrange(n...)
        out.transformBits = bits
    }

    /// Convenience for tests and rule loading.
    public func normalize(_ s: String) -> NormalizedText {
        var out = NormalizedText()
        var copy = s
        copy.withUTF8 { p in normalize(p, range: 0..<p.count, into: &out) }
        return out
    }
}
