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
    /// `mapped: false` writes the folded bytes only; `ensureMap` adds the map when it is needed.
    public func normalize(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into out: inout NormalizedText,
                          mapped: Bool = true) {
        // first with room for text that does not grow (nearly all); a clause with code points that
        // expand (ligatures, ㈱) is folded again into room for the worst case
        if !normalize(text, range: range, into: &out, capacity: range.count + 64, mapped: mapped) {
            _ = normalize(text, range: range, into: &out, capacity: range.count * 18 + 64, mapped: mapped)
        }
    }

    /// Folds the span of `out` again with its offset map, if it was folded without one.
    @inline(__always)
    public func ensureMap(_ text: UnsafeBufferPointer<UInt8>, _ out: inout NormalizedText) {
        if !out.mapped { normalize(text, range: out.source, into: &out, mapped: true) }
    }

    /// False when the output would pass `capacity`.
    private func normalize(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into out: inout NormalizedText,
                           capacity cap: Int, mapped: Bool) -> Bool {
        out.removeAll()
        out.source = range
        out.mapped = mapped
        var bitsOut: UInt8 = 0
        var n = 0
        var complete = true
        out.reserve(cap)
        out.storage.withUnsafeMutableBufferPointer { ob in
            out.starts.withUnsafeMutableBufferPointer { ss in
                out.ends.withUnsafeMutableBufferPointer { se in
                    if mapped {
                        var w = OffsetMapWriter(bytes: ob.baseAddress!, sourceStart: ss.baseAddress!, sourceEnd: se.baseAddress!)
                        complete = fold(text, range, cap, &w, &bitsOut)
                        n = w.count
                    } else {
                        var w = ByteWriter(bytes: ob.baseAddress!)
                        complete = fold(text, range, cap, &w, &bitsOut)
                        n = w.count
                    }
                }
            }
        }
        out.count = n
        out.transformBits = bitsOut
        return complete
    }

    /// The folding loop, for either sink (specialised for each).
    @inline(__always)
    private func fold<W: FoldSink>(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ cap: Int,
                                   _ w: inout W, _ bitsOut: inout UInt8) -> Bool {
        let limit = cap - 56      // a BMP code point folds to at most 18 code points (54 bytes)
        let table = self.table
        let han = table.hanFoldTable
        var complete = true
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
            // a run of Han characters, without the outer loop's other tests per character
            var run = false
            while i &+ 2 < end && w.count <= limit, let (c, f) = FoldTable.foldedHan(han, text, at: i) {
                if f != c { bits |= Transform.traditional }
                w.put3(f, Int32(i), Int32(i &+ 3))
                i &+= 3
                run = true
            }
            if run { continue }
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
