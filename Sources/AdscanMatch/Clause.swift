/// Clause windows on raw UTF-8: the span around a hit up to the nearest sentence boundary
/// (newline, 。！？； and their ASCII forms, and a `.` touching a Han character: the 。 of text
/// written or crawled in half-width punctuation, 阿托品.假性近视), at most `limit` bytes either
/// way, snapped to code point boundaries. Rules never match across a sentence.
public enum Clause {
    public static let limit = 150

    @inline(__always)
    static func boundaryEnding(at i: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // true when a boundary character ends at byte i (inclusive)
        let b = p[i]
        if b == 0x0A || b == 0x0D || b == 0x21 || b == 0x3F || b == 0x3B { return true }
        if i >= 2 {
            let a = p[i - 2], m = p[i - 1]
            if a == 0xE3 && m == 0x80 && b == 0x82 { return true }               // 。
            if a == 0xEF && m == 0xBC && (b == 0x81 || b == 0x9F || b == 0x9B) { return true } // ！？；
        }
        return false
    }

    @inline(__always)
    static func boundaryStarting(at i: Int, _ p: UnsafeBufferPointer<UInt8>) -> Int {
        // length of a boundary character starting at byte i, or 0
        let b = p[i]
        if b == 0x0A || b == 0x0D || b == 0x21 || b == 0x3F || b == 0x3B { return 1 }
        if i + 2 < p.count {
            let m = p[i + 1], c = p[i + 2]
            if b == 0xE3 && m == 0x80 && c == 0x82 { return 3 }
            if b == 0xEF && m == 0xBC && (c == 0x81 || c == 0x9F || c == 0x9B) { return 3 }
        }
        return 0
    }

    /// Per byte: 1 = an ASCII boundary (\n \r ! ? ;), 2 = the last byte of 。！？； (0x82, 0x81, 0x9F,
    /// 0x9B: only then are the two bytes before it compared), 4 = the first byte of one (0xE3, 0xEF).
    private static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in [0x0A, 0x0D, 0x21, 0x3F, 0x3B] { t[b] = 1 }
        for b in [0x82, 0x81, 0x9F, 0x9B] { t[b] = 2 }
        for b in [0xE3, 0xEF] { t[b] = 4 }
        t[0x2E] = 6    // checked both ways (isHanDot)
        return t
    }()

    /// The paragraph's table: only the line breaks and 。 (`window: paragraph` rules read over
    /// ！？；).
    private static let paragraphByteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in [0x0A, 0x0D] { t[b] = 1 }
        t[0x82] = 2
        t[0xE3] = 4
        t[0x2E] = 6
        return t
    }()

    /// A `.` right after or right before a multi-byte character: a full stop (3.5, www.x.cn and
    /// 1.2.3 are left alone).
    @inline(__always)
    static func isHanDot(at i: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p[i] == 0x2E && ((i > 0 && p[i - 1] & 0xC0 == 0x80) || (i + 1 < p.count && p[i + 1] >= 0xC0))
    }

    /// The length of the full stop starting at byte i (a 。 or a `.` touching a Han character),
    /// or 0: what closes a window at its end, for gates that read on into the next sentence.
    @inline(__always)
    public static func fullStopLength(at i: Int, _ p: UnsafeBufferPointer<UInt8>) -> Int {
        guard i < p.count else { return 0 }
        if isHanDot(at: i, p) { return 1 }
        return i + 2 < p.count && isFullStop(endingAt: i + 2, p) ? 3 : 0
    }

    @inline(__always)
    static func isFullStop(endingAt i: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        i >= 2 && p[i - 2] == 0xE3 && p[i - 1] == 0x80 && p[i] == 0x82
    }

    /// The clause around original range `hit`: one table lookup per byte until a boundary.
    /// `paragraph`: up to a line break or 。 only.
    public static func around(_ hit: Range<Int>, in p: UnsafeBufferPointer<UInt8>, paragraph: Bool = false) -> Range<Int> {
        guard let base = p.baseAddress else { return hit }
        return (paragraph ? paragraphByteClass : byteClass).withUnsafeBufferPointer { cls in
            var s = hit.lowerBound
            let minS = max(0, hit.lowerBound - limit)
            while s > minS {
                let k = cls[Int(base[s &- 1])]
                if k & 3 != 0 && (k == 1 || isHanDot(at: s &- 1, p)
                                   || (paragraph ? isFullStop(endingAt: s &- 1, p) : boundaryEnding(at: s &- 1, p))) { break }
                s &-= 1
            }
            while s < hit.lowerBound && base[s] & 0xC0 == 0x80 { s &+= 1 }
            var e = hit.upperBound
            let maxE = min(p.count, hit.upperBound + limit)
            while e < maxE {
                let k = cls[Int(base[e])]
                if k & 5 != 0 && (k == 1 || isHanDot(at: e, p)
                                   || (paragraph ? e &+ 2 < p.count && isFullStop(endingAt: e &+ 2, p)
                                                 : boundaryStarting(at: e, p) != 0)) { break }
                e &+= 1
            }
            while e > hit.upperBound && e < p.count && base[e] & 0xC0 == 0x80 { e &-= 1 }
            return s..<e
        }
    }
}
