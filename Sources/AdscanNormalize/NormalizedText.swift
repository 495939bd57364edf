/// A folded copy of a span of original text, with a map from every folded byte back to the
/// original bytes it came from, so findings report ORIGINAL offsets.
public struct NormalizedText {
    /// Folded UTF-8 bytes; always valid UTF-8 (invalid input bytes become U+FFFD).
    public var bytes: [UInt8] = []
    /// For folded byte j: the original offset where its source code point starts / ends.
    public var sourceStart: [Int32] = []
    public var sourceEnd: [Int32] = []
    /// Which transforms were needed anywhere in the span (empty when the text was already folded).
    public var transforms: Set<String> = []

    public init() {}

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        sourceStart.removeAll(keepingCapacity: true)
        sourceEnd.removeAll(keepingCapacity: true)
        transforms.removeAll(keepingCapacity: true)
    }

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
        guard !transforms.isEmpty else { return [] }
        var kinds = Set<String>()
        let r = originalRange(from, to)
        var i = r.lowerBound
        while i < r.upperBound {
            let (c, len) = UTF8Scan.decode(original, i)
            if !table.isStable(c) { kinds.insert(table.transformKind(c)) }
            i += len
        }
        return kinds.sorted()
    }
}
