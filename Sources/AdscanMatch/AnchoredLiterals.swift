/// Literals that contain an ASCII byte, found by their first ASCII byte instead of by sampling.
///
/// The stride-3 prefilter samples windows at UTF-8 lead bytes; a literal like `fu读` or `康fu`
/// (pinyin mixed into a claim word, an evasion trigger) would shorten those windows to a single
/// character for common lead bytes. Such literals live here: runs of non-ASCII text are skipped
/// eight bytes at a time, and at an ASCII byte only the literals whose first ASCII byte it is are
/// compared, each at the one start that puts that byte in place (so each occurrence is found once).
/// Pinyin-glossed pages put a Latin letter every few bytes, so a comparison is one or two 8-byte
/// loads against a masked word, read from flat storage.
final class AnchoredLiterals: @unchecked Sendable {
    /// One literal, filed under its anchor byte: the first 16 bytes as two masked words.
    struct Entry {
        var offset: Int       // of the anchor byte in the literal
        var length: Int
        var id: Int32         // in the owning prefilter
        var index: Int32      // in `literals`
        var word0: UInt64, mask0: UInt64
        var word1: UInt64, mask1: UInt64
    }

    /// Entries of anchor byte b: entries[first[b] ..< first[b + 1]].
    private let first: UnsafeMutablePointer<Int32>
    private let entries: UnsafeMutablePointer<Entry>
    private let count: Int
    /// Flattened literal bytes, for the rare literal longer than 16 bytes.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let byteOffset: [Int]
    /// 1 when some literal is anchored at ASCII byte b (a table: letters and digits alternate
    /// unpredictably, and a test that picks one of two mask words by `b < 64` mispredicts).
    private let isAnchor: UnsafeMutablePointer<UInt8>
    /// Every literal is anchored at a letter beside a non-ASCII byte: only such letters of the
    /// text are looked at (pinyin mixed into Chinese), found eight bytes at a time.
    private let seamsOnly: Bool
    /// With seamsOnly: 2^16 bits over (anchor letter, side, the two bytes of the neighbouring
    /// character on that side) of every literal. Latin letters beside Chinese are common (HPV疫苗,
    /// glossed pages) but rarely beside the character of a literal: a seam whose neighbours have
    /// no bit set is passed over without comparing the letter's literals.
    private let seamFilter: UnsafeMutablePointer<UInt64>

    @inline(__always)
    static func seamKey(_ letter: UInt8, after: Bool, _ b0: UInt8, _ b1: UInt8) -> Int {
        let w = UInt64(letter) | UInt64(after ? 1 : 0) << 8 | UInt64(b0) << 16 | UInt64(b1) << 24
        return Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> 48)
    }

    /// The offset of the first ASCII byte, if any.
    static func anchor(_ lit: [UInt8]) -> Int? { lit.firstIndex { $0 < 0x80 } }

    /// Where a literal is looked for: its first Latin letter next to a non-ASCII byte (`fu读` at
    /// `u`, `治yu` at `y`), else its first ASCII byte.
    static func anchorForSearch(_ lit: [UInt8]) -> (offset: Int, atSeam: Bool) {
        for (i, b) in lit.enumerated() where isLetter(b) {
            if (i > 0 && lit[i - 1] >= 0x80) || (i + 1 < lit.count && lit[i + 1] >= 0x80) { return (i, true) }
        }
        return (anchor(lit)!, false)
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// - Precondition: every literal contains an ASCII byte.
    init(literals: [[UInt8]], ids: [Int32]) {
        var by = [[Entry]](repeating: [], count: 128)
        isAnchor = .allocate(capacity: 128)
        isAnchor.initialize(repeating: 0, count: 128)
        var seams = true
        seamFilter = .allocate(capacity: 1024)
        seamFilter.initialize(repeating: 0, count: 1024)
        for (k, lit) in literals.enumerated() {
            let (a, atSeam) = Self.anchorForSearch(lit)
            seams = seams && atSeam
            if atSeam {
                // the neighbour that makes it a seam: after the letter if it is non-ASCII there
                let after = a + 2 < lit.count && lit[a + 1] >= 0x80
                let key = after ? Self.seamKey(lit[a], after: true, lit[a + 1], lit[a + 2])
                                : Self.seamKey(lit[a], after: false, lit[a - 2], lit[a - 1])
                seamFilter[key >> 6] |= 1 << UInt64(key & 63)
            }
            var w0: UInt64 = 0, m0: UInt64 = 0, w1: UInt64 = 0, m1: UInt64 = 0
            for (j, b) in lit.prefix(16).enumerated() {
                if j < 8 { w0 |= UInt64(b) << (8 * UInt64(j)); m0 |= 0xFF << (8 * UInt64(j)) }
                else { w1 |= UInt64(b) << (8 * UInt64(j - 8)); m1 |= 0xFF << (8 * UInt64(j - 8)) }
            }
            let b = lit[a]
            isAnchor[Int(b)] = 1
            by[Int(b)].append(Entry(offset: a, length: lit.count, id: ids[k], index: Int32(k),
                                         word0: w0, mask0: m0, word1: w1, mask1: m1))
        }
        count = literals.count
        seamsOnly = seams
        first = .allocate(capacity: 129)
        entries = .allocate(capacity: max(1, count))
        var next = 0
        for b in 0..<128 {
            first[b] = Int32(next)
            for e in by[b] { (entries + next).initialize(to: e); next += 1 }
        }
        first[128] = Int32(next)
        var offsets: [Int] = []
        var all: [UInt8] = []
        for lit in literals { offsets.append(all.count); all += lit }
        bytes = .allocate(capacity: max(1, all.count))
        bytes.initialize(from: all, count: all.count)
        byteOffset = offsets
    }

    deinit {
        first.deallocate()
        isAnchor.deallocate()
        seamFilter.deallocate()
        entries.deallocate()
        bytes.deallocate()
    }

    /// Every occurrence, ordered by start (then literal id).
    func findAll(_ text: UnsafeBufferPointer<UInt8>) -> [LiteralPrefilter.Hit] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var out: [LiteralPrefilter.Hit] = []
        let isAnchor = self.isAnchor
        var q = 0
        if seamsOnly {
            let high: UInt64 = 0x8080_8080_8080_8080
            while q &+ 8 <= n {
                let w = UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self)
                let ascii = ~w & high
                if ascii == 0 { q &+= 8; continue }
                // letters (either case; bytes below 0x80 only, so the adds carry into no neighbour)
                let x = (w | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
                let letter = ascii & (x &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(x &+ 0x0505_0505_0505_0505)
                if letter != 0 { seams(base, n, q, w, letter, &out) }
                q &+= 8
            }
            while q < n {
                let b = base[q]
                if Self.isLetter(b) && isAnchor[Int(b)] != 0
                    && ((q > 0 && base[q &- 1] >= 0x80) || (q &+ 1 < n && base[q &+ 1] >= 0x80))
                    && seamMayMatch(base, n, q) {
                    check(base, n, q, &out)
                }
                q &+= 1
            }
            if out.count > 1 { out.sort { ($0.start, $0.literal) < ($1.start, $1.literal) } }
            return out
        }
        while q &+ 8 <= n {
            // the ASCII bytes of eight (high bit clear), then those that anchor some literal
            var ascii = ~UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            while ascii != 0 {
                let at = q &+ ascii.trailingZeroBitCount >> 3
                ascii &= ascii &- 1
                if isAnchor[Int(base[at])] != 0 { check(base, n, at, &out) }
            }
            q &+= 8
        }
        while q < n {
            let b = base[q]
            if b < 0x80 && isAnchor[Int(b)] != 0 { check(base, n, q, &out) }
            q &+= 1
        }
        if out.count > 1 { out.sort { ($0.start, $0.literal) < ($1.start, $1.literal) } }
        return out
    }

    /// The letters of the word at q (bits of `letter`) that stand beside a non-ASCII byte, each
    /// checked. Out of line: the word loop then keeps its state in registers.
    @inline(never)
    private func seams(_ base: UnsafePointer<UInt8>, _ n: Int, _ q: Int, _ w: UInt64, _ letter: UInt64,
                       _ out: inout [LiteralPrefilter.Hit]) {
        let high: UInt64 = 0x8080_8080_8080_8080
        // beside a non-ASCII byte: the byte before or after has its high bit set
        let before = (w << 8) | UInt64(q > 0 ? base[q &- 1] : 0)
        let after = (w >> 8) | (q &+ 8 < n ? UInt64(base[q &+ 8]) << 56 : 0)
        var seam = letter & (before | after) & high
        while seam != 0 {
            let at = q &+ seam.trailingZeroBitCount >> 3
            seam &= seam &- 1
            if isAnchor[Int(base[at])] != 0 && seamMayMatch(base, n, at) { check(base, n, at, &out) }
        }
    }

    /// Whether a literal anchored at the seam letter q can have the neighbours it has.
    @inline(__always)
    private func seamMayMatch(_ base: UnsafePointer<UInt8>, _ n: Int, _ q: Int) -> Bool {
        let b = base[q]
        if q &+ 2 < n {
            let k = Self.seamKey(b, after: true, base[q &+ 1], base[q &+ 2])
            if seamFilter[k >> 6] & (1 << UInt64(k & 63)) != 0 { return true }
        }
        if q >= 2 {
            let k = Self.seamKey(b, after: false, base[q &- 2], base[q &- 1])
            if seamFilter[k >> 6] & (1 << UInt64(k & 63)) != 0 { return true }
        }
        return false
    }

    /// The literals anchored at ASCII byte q, each compared at the start that puts its anchor there.
    @inline(__always)
    private func check(_ base: UnsafePointer<UInt8>, _ n: Int, _ q: Int, _ out: inout [LiteralPrefilter.Hit]) {
        let b = Int(base[q])
        var k = Int(first[b])
        let end = Int(first[b &+ 1])
        while k < end {
            let e = entries[k]
            k &+= 1
            let p = q &- e.offset
            guard p >= 0, p &+ e.length <= n else { continue }
            if p &+ 16 <= n {
                let raw = UnsafeRawPointer(base + p)
                guard raw.loadUnaligned(as: UInt64.self) & e.mask0 == e.word0,
                      raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & e.mask1 == e.word1 else { continue }
                if e.length > 16 {
                    let lit = bytes + byteOffset[Int(e.index)]
                    var j = 16
                    while j < e.length && base[p &+ j] == lit[j] { j &+= 1 }
                    guard j == e.length else { continue }
                }
            } else {
                let lit = bytes + byteOffset[Int(e.index)]
                var j = 0
                while j < e.length && base[p &+ j] == lit[j] { j &+= 1 }
                guard j == e.length else { continue }
            }
            out.append(LiteralPrefilter.Hit(start: p, literal: e.id))
        }
    }
}
