/// Literals that contain an ASCII byte, found by their first ASCII byte instead of by sampling.
///
/// The stride-3 prefilter samples windows at UTF-8 lead bytes; a literal like `fu读` or `康fu`
/// (pinyin mixed into a claim word, an evasion trigger) would shorten those windows to a single
/// character for common lead bytes. Such literals live here: runs of non-ASCII text are skipped
/// eight bytes at a time, and at an ASCII byte only the literals whose first ASCII byte it is are
/// compared, each at the one start that puts that byte in place (so each occurrence is found once).
struct AnchoredLiterals: Sendable {
    /// Literal bytes, and their ids in the owning prefilter.
    let literals: [[UInt8]]
    let ids: [Int32]
    /// Per ASCII byte: (offset of that byte in the literal, literal index) for every literal whose
    /// first ASCII byte it is.
    private let byAnchor: [[(offset: Int, index: Int)]]
    /// Bit b of word b >> 6: some literal is anchored at ASCII byte b.
    private let anchors: (UInt64, UInt64)

    /// The offset of the first ASCII byte, if any.
    static func anchor(_ lit: [UInt8]) -> Int? { lit.firstIndex { $0 < 0x80 } }

    /// - Precondition: every literal contains an ASCII byte.
    init(literals: [[UInt8]], ids: [Int32]) {
        self.literals = literals
        self.ids = ids
        var by = [[(offset: Int, index: Int)]](repeating: [], count: 128)
        var mask: (UInt64, UInt64) = (0, 0)
        for (k, lit) in literals.enumerated() {
            let a = Self.anchor(lit)!
            let b = Int(lit[a])
            by[b].append((a, k))
            if b < 64 { mask.0 |= 1 << UInt64(b) } else { mask.1 |= 1 << UInt64(b - 64) }
        }
        byAnchor = by
        anchors = mask
    }

    /// Every occurrence, ordered by start (then literal id).
    func findAll(_ text: UnsafeBufferPointer<UInt8>) -> [LiteralPrefilter.Hit] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var out: [LiteralPrefilter.Hit] = []
        let (low, high) = anchors
        @inline(__always) func at(_ q: Int) {
            let b = base[q]
            guard ((b < 64 ? low : high) >> UInt64(b & 63)) & 1 != 0 else { return }
            for (a, k) in byAnchor[Int(b)] {
                let p = q - a
                let lit = literals[k]
                guard p >= 0, p + lit.count <= n else { continue }
                var j = 0
                while j < lit.count && base[p + j] == lit[j] { j += 1 }
                if j == lit.count { out.append(LiteralPrefilter.Hit(start: p, literal: ids[k])) }
            }
        }
        var q = 0
        while q &+ 8 <= n {
            // the ASCII bytes of eight: their high bits are clear
            var ascii = ~UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            while ascii != 0 {
                at(q &+ ascii.trailingZeroBitCount >> 3)
                ascii &= ascii &- 1
            }
            q &+= 8
        }
        while q < n {
            if base[q] < 0x80 { at(q) }
            q &+= 1
        }
        if out.count > 1 { out.sort { ($0.start, $0.literal) < ($1.start, $1.literal) } }
        return out
    }
}
