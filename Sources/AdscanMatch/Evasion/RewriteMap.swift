/// Where each byte of a rewritten record came from, kept as runs instead of per byte: most of a
/// disguised record is copied or folded length for length, so one piece covers a whole stretch.
///
/// A piece starts at an output offset and is either *linear* (output byte k came from source
/// byte `src + (k - out)`: copied text, and Han characters folded to a character of the same
/// length) or *atomic* (every output byte of it came from the whole source range `src..<srcEnd`:
/// a fold that changed the length, a character reference, a replaced word). Queries are answered
/// at character boundaries, so both kinds give the range of whole original characters.
public struct RewriteMap: Sendable {
    public struct Piece: Sendable {
        var out: Int32
        var src: Int32
        /// -1 for a linear piece.
        var srcEnd: Int32
    }

    /// Transform bits of an output range (pieces of text that needed the same transforms).
    public struct BitsRun: Sendable {
        var start: Int32
        var end: Int32
        var bits: UInt16
    }

    var pieces: [Piece] = []
    var runs: [BitsRun] = []

    public init() {}

    @inline(__always)
    mutating func openLinear(out: Int, src: Int) {
        pieces.append(Piece(out: Int32(truncatingIfNeeded: out), src: Int32(truncatingIfNeeded: src), srcEnd: -1))
    }

    @inline(__always)
    mutating func atomic(out: Int, src: Int, srcEnd: Int) {
        pieces.append(Piece(out: Int32(truncatingIfNeeded: out), src: Int32(truncatingIfNeeded: src),
                            srcEnd: Int32(truncatingIfNeeded: srcEnd)))
    }

    /// Records `bits` for output bytes start..<end (merged with the run before when adjacent and equal).
    @inline(__always)
    mutating func mark(_ start: Int, _ end: Int, _ bits: UInt16) {
        if let last = runs.last, Int(last.end) == start, last.bits == bits {
            runs[runs.count - 1].end = Int32(truncatingIfNeeded: end)
        } else {
            runs.append(BitsRun(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), bits: bits))
        }
    }

    /// Index of the piece holding output byte k (the last piece starting at or before k).
    func piece(at k: Int) -> Int {
        var lo = 0, hi = pieces.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(pieces[mid].out) <= k { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// Source offset where the character starting at output byte k starts.
    func sourceStart(_ k: Int) -> Int {
        let p = pieces[piece(at: k)]
        return p.srcEnd < 0 ? Int(p.src) + (k - Int(p.out)) : Int(p.src)
    }

    /// Source offset where the character ending at output byte k (exclusive) ends.
    func sourceEnd(_ k: Int) -> Int {
        let p = pieces[piece(at: k - 1)]
        return p.srcEnd < 0 ? Int(p.src) + (k - Int(p.out)) : Int(p.srcEnd)
    }

    /// Index of the first bits run that ends after output byte k.
    func run(after k: Int) -> Int {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(runs[mid].end) <= k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// OR of the transform bits of output bytes from..<to.
    func bits(_ from: Int, _ to: Int) -> UInt16 {
        var lo = run(after: from)
        var b: UInt16 = 0
        while lo < runs.count && Int(runs[lo].start) < to {
            b |= runs[lo].bits
            lo += 1
        }
        return b
    }

    /// Whether a linear piece's bytes within from..<to differ from the original bytes they map
    /// to: only a Han character folded to its simplified form does that (its transform bit is
    /// not stored, to keep the map small on traditional text).
    func foldsLinearText(_ out: [UInt8], _ from: Int, _ to: Int, _ original: UnsafeBufferPointer<UInt8>) -> Bool {
        guard from < to, !pieces.isEmpty else { return false }
        var i = max(0, piece(at: from))
        while i < pieces.count && Int(pieces[i].out) < to {
            let p = pieces[i]
            let end = i + 1 < pieces.count ? Int(pieces[i + 1].out) : out.count
            if p.srcEnd < 0 {
                let s = max(from, Int(p.out)), e = min(to, end)
                let d = Int(p.src) - Int(p.out)
                var k = s
                while k < e {
                    if out[k] != original[k + d] { return true }
                    k += 1
                }
            }
            i += 1
        }
        return false
    }

    /// Appends the map of `other`'s output bytes r, which land at output offset `at` here.
    mutating func append(_ other: RewriteMap, _ r: Range<Int>, at: Int) {
        guard !r.isEmpty else { return }
        var i = other.piece(at: r.lowerBound)
        while i < other.pieces.count && Int(other.pieces[i].out) < r.upperBound {
            let p = other.pieces[i]
            let from = max(Int(p.out), r.lowerBound)
            let out = at + (from - r.lowerBound)
            if p.srcEnd < 0 { openLinear(out: out, src: Int(p.src) + (from - Int(p.out))) }
            else { atomic(out: out, src: Int(p.src), srcEnd: Int(p.srcEnd)) }
            i += 1
        }
        var lo = other.run(after: r.lowerBound)
        while lo < other.runs.count && Int(other.runs[lo].start) < r.upperBound {
            let run = other.runs[lo]
            let s = max(Int(run.start), r.lowerBound), e = min(Int(run.end), r.upperBound)
            mark(at + (s - r.lowerBound), at + (e - r.lowerBound), run.bits)
            lo += 1
        }
    }
}
