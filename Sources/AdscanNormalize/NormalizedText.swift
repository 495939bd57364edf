/// A folded copy of a span of original text, with a map from every folded byte back to the
/// original bytes it came from, so findings report ORIGINAL offsets.
public struct NormalizedText {
    /// Folded UTF-8 bytes; always valid UTF-8 (invalid input bytes become U+FFFD).
    public var bytes: [UInt8] = []
    /// For folded byte j: the original offset where its source code point starts / ends.
    public var sourceStart: [Int32] = []
    public var sourceEnd: [Int32] = []
    /// Which transforms were needed anywhere in the span (0 when the text was already folded);
    /// bits of `Transform`.
    public var transformBits: UInt8 = 0

    public init() {}

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        sourceStart.removeAll(keepingCapacity: true)
        sourceEnd.removeAll(keepingCapacity: true)
        transformBits = 0
    }

    /// Names of the transforms needed anywhere in the span.
    public var transforms: [String] { Transform.names(transformBits) }

    /// Original [start, end) for folded [from, to).
    @inline(__always)
    public func originalRange(_ from: Int, _ to: Int) -> Range<Int> {
        let s = Int(sourceStart[from])
        let e = to > from ? Int(sourceEnd[to - 1]) : s
        return s..<max(s, e)
    }

    /// The transforms needed by the code points in folded [from, to).
    public func transforms(in from: Int, _ to: Int, original: UnsafeBufferPointer<UInt8>,
                           table: FoldTable) -> [String] {
        guard transformBits != 0 else { return [] }
        var bits: UInt8 = 0
        let r = originalRange(from, to)
        var i = r.lowerBound
        while i < r.upperBound {
            let (c, len) = UTF8Scan.decode(original, i)
            if c == 0xFFFD && len == 1 { bits |= Transform.invalidUTF8 }
            else if !table.isStable(c) { bits |= table.transformBit(c) }
            i += len
        }
        return Transform.names(bits)
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

    public static func names(_ bits: UInt16) -> [String] {
        all.filter { bits & $0.0 != 0 }.map(\.1).sorted()
    }
}
