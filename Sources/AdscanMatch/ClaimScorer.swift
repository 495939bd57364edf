import AdscanNormalize
import AdscanRules

/// The sentence claim model compiled for the hot path: every n-gram of the model packed into one
/// 64-bit key (up to three code points, 21 bits each, plus one so that shorter grams differ), in
/// an open-addressing table that maps it to a row of per-head weights. Scoring a sentence walks
/// its folded bytes once: no strings, no allocation.
///
/// Features are the ones tools/fit_claims.py trains on: the folded sentence with whitespace
/// dropped and every run of ASCII digits read as one `0`; each 1-, 2- and 3-gram of code points
/// counts once per occurrence.
public struct ClaimScorer: Sendable {
    public let heads: Int
    let bias: [Float]
    public let threshold: [Float]
    /// Where a rule of another family already found something in the sentence (ClaimModel.sharedThreshold).
    public let sharedThreshold: [Float]
    /// Records of at most `shortRecord` sentences read with `shortThreshold` (ClaimModel.shortRecord).
    public let shortRecord: Int
    public let shortThreshold: [Float]
    /// Head index of `ANY`, or -1.
    public let anyHead: Int
    private let keys: [UInt64]      // 0 = empty slot
    private let rows: [Int32]
    private let weights: [Float]    // rows × heads
    private let shift: UInt64

    public init(_ model: ClaimModel) {
        heads = model.heads.count
        bias = model.bias
        threshold = model.threshold
        sharedThreshold = model.sharedThreshold.count == model.threshold.count ? model.sharedThreshold : model.threshold
        anyHead = model.anyHead ?? -1
        shortRecord = model.shortThreshold.count == model.heads.count ? model.shortRecord : 0
        shortThreshold = model.shortThreshold
        var bits: UInt64 = 4
        while (1 << bits) < model.grams.count * 2 { bits += 1 }
        shift = 64 - bits
        var keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        var rows = [Int32](repeating: -1, count: 1 << Int(bits))
        var weights = [Float](repeating: 0, count: model.grams.count * max(model.heads.count, 1))
        let mask = (1 << Int(bits)) - 1
        for (r, g) in model.grams.enumerated() {
            // a gram of one to three code points (no array per gram: tens of thousands of them)
            var key: UInt64 = 0, length = 0
            for s in g.unicodeScalars {
                length += 1
                if length > 3 { break }
                key = Self.push(key, s.value)
            }
            guard (1...3).contains(length) else { continue }
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            rows[slot] = Int32(r)
            for h in 0..<model.heads.count { weights[r * model.heads.count + h] = model.weight(gram: r, head: h) }
        }
        self.keys = keys
        self.rows = rows
        self.weights = weights
    }

    public var isEmpty: Bool { heads == 0 }

    /// The key of a gram extended by one code point (the oldest of three falls off).
    @inline(__always)
    static func push(_ key: UInt64, _ scalar: UInt32) -> UInt64 {
        ((key << 21) | UInt64(scalar + 1)) & ((1 << 63) - 1)
    }

    @inline(__always)
    private func row(_ key: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[slot]
            if k == key { return Int(rows[slot]) }
            if k == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Whitespace as Python's str.isspace sees it, for the code points NFKC folding leaves.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || (0x09...0x0D).contains(c) || (0x1C...0x1F).contains(c) || c == 0x85 || c == 0xA0
            || c == 0x1680 || (0x2000...0x200A).contains(c) || c == 0x2028 || c == 0x2029 || c == 0x202F
            || c == 0x205F || c == 0x3000
    }

    /// Walks the features of folded UTF-8: `visit(row, startByte, endByte, characters)` for each
    /// gram the model knows (offsets into `bytes`); returns the number of characters that count
    /// (not whitespace).
    @inline(__always)
    func forEachGram(_ bytes: UnsafeBufferPointer<UInt8>, _ visit: (Int, Int, Int, Int) -> Void) -> Int {
        var k1: UInt64 = 0, k2: UInt64 = 0, k3: UInt64 = 0   // keys of the 1-, 2-, 3-gram ending here
        var s1 = 0, s2 = 0, s3 = 0                             // their start bytes
        var prevStart = 0, prev2Start = 0
        var have = 0
        var chars = 0
        var i = 0
        var inDigits = false
        let n = bytes.count
        while i < n {
            // folded text is valid UTF-8
            let (scalar, len) = UTF8Scan.decode(bytes, i)
            var c = scalar
            let start = i
            i += len
            if Self.isSpace(c) { continue }
            chars += 1
            if c >= 0x30 && c <= 0x39 {
                if inDigits { continue }   // a run of digits is one 0
                inDigits = true
                c = 0x30
            } else {
                inDigits = false
            }
            k3 = have >= 2 ? Self.push(k2, c) : 0
            k2 = have >= 1 ? Self.push(k1, c) : 0
            k1 = Self.push(0, c)
            s3 = prev2Start; s2 = prevStart; s1 = start
            prev2Start = prevStart; prevStart = start
            have += 1
            let r1 = row(k1)
            if r1 >= 0 { visit(r1, s1, i, 1) }
            if have >= 2 { let r = row(k2); if r >= 0 { visit(r, s2, i, 2) } }
            if have >= 3 { let r = row(k3); if r >= 0 { visit(r, s3, i, 3) } }
        }
        return chars
    }

    /// Each head's score of a folded sentence, written into `into` (heads entries); returns
    /// false for a sentence of fewer than four characters (no score).
    public func score(_ bytes: UnsafeBufferPointer<UInt8>, into z: inout [Float]) -> Bool {
        if z.count != heads { z = [Float](repeating: 0, count: heads) }
        for h in 0..<heads { z[h] = bias[h] }
        let chars = weights.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { zp in
                forEachGram(bytes) { r, _, _, _ in
                    let base = r * heads
                    for h in 0..<heads { zp[h] += w[base + h] }
                }
            }
        }
        return chars >= 4
    }

    /// The grams that pushed head `h` up most in a folded sentence: up to `limit` byte ranges
    /// (into `bytes`), largest weight first, not overlapping; words (grams of two or three
    /// characters) before single characters, which say little to a reader (了, 都).
    public func strongest(_ bytes: UnsafeBufferPointer<UInt8>, head h: Int, limit: Int = 3) -> [Range<Int>] {
        var all: [(Float, Range<Int>)] = []
        var singles: [(Float, Range<Int>)] = []
        weights.withUnsafeBufferPointer { w in
            _ = forEachGram(bytes) { r, s, e, n in
                let v = w[r * heads + h]
                if v > 0 { if n > 1 { all.append((v, s..<e)) } else { singles.append((v, s..<e)) } }
            }
        }
        if all.isEmpty { all = singles }
        var out: [Range<Int>] = []
        for (_, r) in all.sorted(by: { $0.0 > $1.0 }) where out.count < limit {
            if !out.contains(where: { $0.overlaps(r) }) { out.append(r) }
        }
        return out
    }
}
