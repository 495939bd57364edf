/// Byte-level UTF-8 helpers for hot loops (no String/Character iteration).
public enum UTF8Scan {
    /// Decodes one code point at `i`. Returns (scalar, length); an invalid or truncated sequence
    /// returns (0xFFFD, 1) so callers always advance.
    @inline(__always)
    public static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let n = p.count
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xC2 { return (0xFFFD, 1) }
        if b0 < 0xE0 {
            guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            return (((b0 & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0xFFFD, 1) }
            let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            if b0 == 0xE0 && b1 < 0xA0 { return (0xFFFD, 1) }       // overlong
            if b0 == 0xED && b1 >= 0xA0 { return (0xFFFD, 1) }      // surrogate
            return (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard i + 3 < n else { return (0xFFFD, 1) }
            let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2]), b3 = UInt32(p[i + 3])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            if b0 == 0xF0 && b1 < 0x90 { return (0xFFFD, 1) }
            if b0 == 0xF4 && b1 >= 0x90 { return (0xFFFD, 1) }
            return (((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// Offset of the first invalid UTF-8 byte, or nil when the buffer is valid.
    /// ASCII runs are skipped eight bytes at a time; 3-byte sequences (CJK) are checked with one
    /// 32-bit load. Anything else goes through the full decoder.
    public static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let n = p.count
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if w & 0x8080_8080_8080_8080 == 0 { i &+= 8; continue }
            // skip the ASCII prefix of the word
            let skip = (w & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
            i &+= skip
            // runs of 3-byte sequences, two at a time: leads E1–EC or EE–EF need no further check
            while i &+ 8 <= n {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                guard v & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0 else { break }
                let l0 = UInt8(truncatingIfNeeded: v), l1 = UInt8(truncatingIfNeeded: v >> 24)
                guard l0 != 0xE0, l0 != 0xED, l1 != 0xE0, l1 != 0xED else { break }
                i &+= 6
            }
            while i &+ 4 <= n {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)
                // lead 1110xxxx, then 10xxxxxx 10xxxxxx
                guard v & 0x00C0_C0F0 == 0x0080_80E0 else { break }
                let b0 = v & 0xFF, b1 = (v >> 8) & 0xFF
                if b0 == 0xE0 && b1 < 0xA0 { return i }
                if b0 == 0xED && b1 >= 0xA0 { return i }
                i &+= 3
            }
            if i < n && base[i] >= 0x80 {
                let (c, len) = decode(p, i)
                if c == 0xFFFD && len == 1 { return i }
                i &+= len
            }
        }
        while i < n {
            let (c, len) = decode(p, i)
            if c == 0xFFFD && len == 1 { return i }
            i &+= len
        }
        return nil
    }

    /// Number of Unicode scalars in p[from..<to] (counts non-continuation bytes; invalid bytes count 1).
    @inline(__always)
    public static func scalarCount(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var c = 0
        var i = from
        while i < to {
            if p[i] & 0xC0 != 0x80 { c &+= 1 }
            i &+= 1
        }
        return c
    }

    /// Writes the UTF-8 of c at p; returns its length (the one encoder of the hot loops).
    @inlinable @inline(__always)
    public static func encode(_ c: UInt32, into p: UnsafeMutablePointer<UInt8>) -> Int {
        if c < 0x80 { p[0] = UInt8(c); return 1 }
        if c < 0x800 { p[0] = UInt8(0xC0 | (c >> 6)); p[1] = UInt8(0x80 | (c & 0x3F)); return 2 }
        if c < 0x10000 { encode3(c, into: p); return 3 }
        p[0] = UInt8(0xF0 | (c >> 18)); p[1] = UInt8(0x80 | ((c >> 12) & 0x3F))
        p[2] = UInt8(0x80 | ((c >> 6) & 0x3F)); p[3] = UInt8(0x80 | (c & 0x3F))
        return 4
    }

    /// Writes a code point of U+0800–FFFF (a Han character) as its 3 bytes, without length tests.
    @inlinable @inline(__always)
    public static func encode3(_ c: UInt32, into p: UnsafeMutablePointer<UInt8>) {
        p[0] = UInt8(0xE0 | (c >> 12)); p[1] = UInt8(0x80 | ((c >> 6) & 0x3F)); p[2] = UInt8(0x80 | (c & 0x3F))
    }

    /// Appends the UTF-8 encoding of c.
    @inline(__always)
    public static func append(_ c: UInt32, to out: inout [UInt8]) {
        if c < 0x80 { out.append(UInt8(c)); return }
        // encoded on the stack, then one append (not one per byte)
        var buf: UInt32 = 0
        withUnsafeMutableBytes(of: &buf) { b in
            let n = encode(c, into: b.baseAddress!.assumingMemoryBound(to: UInt8.self))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[0..<n]))
        }
    }

    /// The range from..<to clamped to the buffer, both ends moved back onto the start of a code point.
    public static func aligned(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Range<Int> {
        var a = max(0, min(from, p.count)), b = max(a, min(to, p.count))
        while a > 0 && p[a] & 0xC0 == 0x80 { a -= 1 }
        while b < p.count && b > a && p[b] & 0xC0 == 0x80 { b -= 1 }
        return a..<b
    }

    /// Whether the bytes of `p` just before `end` are `word` (false where `end` is out of `p`).
    public static func endsWith(_ p: UnsafeBufferPointer<UInt8>, at end: Int, _ word: [UInt8]) -> Bool {
        guard end >= word.count, end <= p.count else { return false }
        for k in 0..<word.count where p[end - word.count + k] != word[k] { return false }
        return true
    }

    /// Whether the bytes of `p` from `start` on begin with `word`.
    public static func startsWith(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ word: [UInt8]) -> Bool {
        endsWith(p, at: start + word.count, word)
    }

    /// Whether `needle` occurs in `p`, byte for byte (short needles in short text: a plain scan).
    public static func contains(_ p: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.isEmpty || range(of: needle, in: p) != nil
    }

    /// The first occurrence of `needle` in `p` at or after `from`, byte for byte (a plain scan).
    public static func range(of needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Range<Int>? {
        let n = needle.count
        guard n > 0, n <= p.count else { return nil }
        var i = max(0, from)
        while i + n <= p.count {
            if p[i] == needle[0] {
                var k = 1
                while k < n && p[i + k] == needle[k] { k += 1 }
                if k == n { return i..<(i + n) }
            }
            i += 1
        }
        return nil
    }

    /// Decodes bytes into a String, replacing invalid sequences (for report text only).
    public static func string(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }
}

/// Writes UTF-8 and, per byte, the original range it came from, through raw pointers into
/// buffers the caller sized for the worst case: the window normaliser's output (a struct, so the
/// count is not captured and boxed as a nested function's would be).
/// Where the window normaliser writes folded code points: with the offset map, or bytes only.
public protocol FoldSink {
    var count: Int { get }
    mutating func put(_ c: UInt32, _ s: Int32, _ e: Int32)
    mutating func put3(_ c: UInt32, _ s: Int32, _ e: Int32)
    mutating func putASCII(_ b: UInt8, _ s: Int32)
}

/// Folded bytes only: a window searched for patterns that mostly find nothing needs no offset
/// map until something matches (Normalizer.ensureMap).
public struct ByteWriter: FoldSink {
    @usableFromInline let bytes: UnsafeMutablePointer<UInt8>
    public var count = 0

    public init(bytes: UnsafeMutablePointer<UInt8>) { self.bytes = bytes }

    @inlinable @inline(__always)
    public mutating func put(_ c: UInt32, _ s: Int32, _ e: Int32) {
        count &+= UTF8Scan.encode(c, into: bytes + count)
    }

    @inlinable @inline(__always)
    public mutating func put3(_ c: UInt32, _ s: Int32, _ e: Int32) {
        let k = count
        UTF8Scan.encode3(c, into: bytes + k)
        count = k &+ 3
    }

    @inlinable @inline(__always)
    public mutating func putASCII(_ b: UInt8, _ s: Int32) {
        bytes[count] = b
        count &+= 1
    }
}

public struct OffsetMapWriter: FoldSink {
    @usableFromInline let bytes: UnsafeMutablePointer<UInt8>
    @usableFromInline let sourceStart: UnsafeMutablePointer<Int32>
    @usableFromInline let sourceEnd: UnsafeMutablePointer<Int32>
    public var count = 0

    public init(bytes: UnsafeMutablePointer<UInt8>, sourceStart: UnsafeMutablePointer<Int32>,
                sourceEnd: UnsafeMutablePointer<Int32>) {
        self.bytes = bytes
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
    }

    /// Appends c, mapped to original [s, e).
    @inlinable @inline(__always)
    public mutating func put(_ c: UInt32, _ s: Int32, _ e: Int32) {
        let m = encode(c)
        for k in count..<(count &+ m) { sourceStart[k] = s; sourceEnd[k] = e }
        count &+= m
    }

    /// A 3-byte code point (U+0800–FFFF, e.g. a Han character) mapped to [s, e), without the
    /// length branches of `put`.
    @inlinable @inline(__always)
    public mutating func put3(_ c: UInt32, _ s: Int32, _ e: Int32) {
        let k = count
        UTF8Scan.encode3(c, into: bytes + k)
        sourceStart[k] = s; sourceStart[k &+ 1] = s; sourceStart[k &+ 2] = s
        sourceEnd[k] = e; sourceEnd[k &+ 1] = e; sourceEnd[k &+ 2] = e
        count = k &+ 3
    }

    /// One ASCII byte (already folded) from original offset s.
    @inlinable @inline(__always)
    public mutating func putASCII(_ b: UInt8, _ s: Int32) {
        bytes[count] = b; sourceStart[count] = s; sourceEnd[count] = s &+ 1
        count &+= 1
    }

    /// Writes the UTF-8 of c at `count` (not advancing it); returns its length.
    @inlinable @inline(__always)
    func encode(_ c: UInt32) -> Int { UTF8Scan.encode(c, into: bytes + count) }
}
