/// A folded copy of a span of original text, with a map from every folded byte back to the
/// original bytes it came from, so findings report ORIGINAL offsets.
public struct NormalizedText {
    /// Buffers kept at their largest size so far, valid up to `count`: the normaliser writes
    /// through pointers into room it does not have to clear or trim for every window.
    var storage: [UInt8] = []
    var starts: [Int32] = []
    var ends: [Int32] = []
    /// Number of folded bytes.
    public internal(set) var count = 0
    /// Folded UTF-8 bytes; always valid UTF-8 (invalid input bytes become U+FFFD).
    public var bytes: ArraySlice<UInt8> { storage[0..<count] }
    /// For folded byte j: the original offset where its source code point starts / ends.
    public var sourceStart: ArraySlice<Int32> { starts[0..<count] }
    public var sourceEnd: ArraySlice<Int32> { ends[0..<count] }
    /// Which transforms were needed anywhere in the span (0 when the text was already folded);
    /// bits of `Transform`.
    public var transformBits: UInt8 = 0
    /// The original span that was folded, and whether the offset map was written (sourceStart,
    /// sourceEnd and everything reading them are valid only then: Normalizer.ensureMap).
    public internal(set) var source: Range<Int> = 0..<0
    public internal(set) var mapped = true

    public init() {}

    public mutating func removeAll() {
        count = 0
        transformBits = 0
    }

    /// Makes room for `capacity` bytes (contents up to `count` are not kept).
    mutating func reserve(_ capacity: Int) {
        guard storage.count < capacity else { return }
        let size = max(capacity, storage.count * 2)
        storage = [UInt8](repeating: 0, count: size)
        starts = [Int32](repeating: 0, count: size)
        ends = [Int32](repeating: 0, count: size)
    }

    /// Index of the folded byte that came from original offset `o` (the first of its code point).
    public func foldedOffset(of o: Int) -> Int? {
        assert(mapped, "offset map not written (Normalizer.ensureMap)")
        var lo = 0, hi = count
        let t = Int32(truncatingIfNeeded: o)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && starts[lo] == t ? lo : nil
    }

    /// First folded index whose code point starts at or after original offset `o` (count if none).
    public func firstFolded(atOrAfter o: Int) -> Int {
        assert(mapped, "offset map not written (Normalizer.ensureMap)")
        var k = 0
        while k < count && Int(starts[k]) < o { k += 1 }
        return k
    }

    /// One past the last folded index whose code point ends at or before original offset `o`.
    public func endFolded(atOrBefore o: Int) -> Int? {
        assert(mapped, "offset map not written (Normalizer.ensureMap)")
        var k = count
        while k > 0 {
            if Int(ends[k - 1]) <= o { return k }
            k -= 1
        }
        return nil
    }

    /// Names of the transforms needed anywhere in the span.
    public var transforms: [String] { Transform.names(transformBits) }

    /// Original [start, end) for folded [from, to).
    @inline(__always)
    public func originalRange(_ from: Int, _ to: Int) -> Range<Int> {
        assert(mapped, "offset map not written (Normalizer.ensureMap)")
        let s = Int(starts[from])
        let e = to > from ? Int(ends[to - 1]) : s
        return s..<max(s, e)
    }

    /// The transforms needed by the code points in folded [from, to).
    public func transforms(in from: Int, _ to: Int, original: UnsafeBufferPointer<UInt8>,
                           table: FoldTable) -> [String] {
        guard transformBits != 0 else { return [] }
        return Transform.needed(by: original, originalRange(from, to), table: table)
    }
}

/// The kinds of folding a code point can need (reported as a finding's `via`).
public enum Transform {
    public static let traditional: UInt8 = 1
    public static let fullwidth: UInt8 = 2
    public static let letterCase: UInt8 = 4
    public static let ignorable: UInt8 = 8
    public static let compatibility: UInt8 = 16
    public static let invalidUTF8: UInt8 = 32

    // evasion-pass transforms (16-bit)
    public static let separator: UInt16 = 0x100
    public static let entity: UInt16 = 0x200
    public static let pinyinGloss: UInt16 = 0x400
    public static let repeated: UInt16 = 0x800
    public static let homophone: UInt16 = 0x1000
    public static let pinyin: UInt16 = 0x2000

    static let all: [(UInt16, String)] = [
        (UInt16(traditional), "traditional"), (UInt16(fullwidth), "fullwidth"), (UInt16(letterCase), "case"),
        (UInt16(ignorable), "ignorable"), (UInt16(compatibility), "compatibility"), (UInt16(invalidUTF8), "invalid_utf8"),
        (separator, "separator"), (entity, "entity"), (pinyinGloss, "pinyin_gloss"), (repeated, "repeat"),
        (homophone, "homophone"), (pinyin, "pinyin"),
    ]

    public static func names(_ bits: UInt8) -> [String] { names(UInt16(bits)) }

    /// The transforms the code points of original[range] need to fold.
    public static func needed(by original: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, table: FoldTable) -> [String] {
        var bits: UInt8 = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let (c, len) = UTF8Scan.decode(original, i)
            if c == 0xFFFD && len == 1 { bits |= Transform.invalidUTF8 }
            else if !table.isStable(c) { bits |= table.transformBit(c) }
            i += len
        }
        return bits == 0 ? [] : names(bits)
    }

    public static func names(_ bits: UInt16) -> [String] {
        all.filter { bits & $0.0 != 0 }.map(\.1).sorted()
    }
}
