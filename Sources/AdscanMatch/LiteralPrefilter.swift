/// Finds every occurrence (overlapping) of a set of byte literals in UTF-8 text.
///
/// Stride-3 hashed sampling (a Wu–Manber idea applied to UTF-8; measured in
/// shared/notes/swift-prefilter-experiment.md): every literal is ≥ 3 bytes, so every occurrence
/// contains a sample position i ≡ 0 (mod 3) at offset d < 3 from its start. At each sample the
/// window text[i ..< i+L(b)] (L chosen by the sampled byte b) is hashed into a 64 Kbit bitmap;
/// only on a bitmap hit are the three possible starts i-2, i-1, i verified exactly.
public final class LiteralPrefilter: @unchecked Sendable {
    public struct Hit: Equatable, Sendable {
        public var start: Int
        public var literal: Int32
        public init(start: Int, literal: Int32) {
            self.start = start
            self.literal = literal
        }
    }

    public let literals: [[UInt8]]
    /// Byte mask for the window length L(b); 0 = b never starts a window of any literal.
    private let windowMask: UnsafeMutablePointer<UInt64>
    private let bitmap: UnsafeMutablePointer<UInt64>
    /// Bit 1: a literal of 3–5 bytes starts with the byte; bit 2: a longer one does
    /// (UTF-8 continuation bytes never start one).
    private let startsLiteral: UnsafeMutablePointer<UInt8>
    /// Verification: literals of 3–5 bytes by their first 3 bytes, longer ones by their first 6,
    /// so a common first character (治) does not drag every literal that starts with it along.
    private let short: PrefixTable
    private let long: PrefixTable
    /// Flattened literal bytes for verification.
    private let litBytes: UnsafeMutablePointer<UInt8>
    private let litOffset: UnsafeMutablePointer<Int32>

    /// 2^19 bits (64 KiB): measured faster than 32 KiB with ~5,000 literals (fewer false
    /// candidates outweigh the bitmap no longer fitting L1 beside the text) and no slower than 128 KiB.
    private static let bitmapWords = 8192

    @inline(__always)
    private static func hash(_ w: UInt64, _ offset: UInt64) -> Int {
        Int(truncatingIfNeeded: ((w &* 0x9E37_79B9_7F4A_7C15) &+ offset) >> 45)
    }

    /// Added to the hash product, chosen so that the bit of the empty window (w = 0, a byte that
    /// starts no window) is clear: the sampling loop then needs no test of the window mask.
    private let hashOffset: UInt64


    /// Literals that would shorten the sampled windows of common bytes (pinyin-mixed evasion
    /// triggers such as `fu读`: a Han character 3 bytes from the end) are not sampled: those with
    /// an ASCII byte are found by it (AnchoredLiterals), any others by a second, small prefilter
    /// of their own; both report ids in this one.
    private let anchored: AnchoredLiterals?
    private let side: LiteralPrefilter?
    private let sideIds: [Int32]

    /// True when sampling `lit` would force a window shorter than two characters at a UTF-8 lead
    /// byte, or shorter than 4 bytes at a continuation byte.
    static func shortensWindows(_ lit: [UInt8]) -> Bool {
        for d in 0..<min(3, lit.count) {
            let b = lit[d], tail = lit.count - d
            if b >= 0xC0 && tail < 6 { return true }
            if b >= 0x80 && b < 0xC0 && tail < 4 { return true }
        }
        return false
    }

    /// - Precondition: every literal is at least 3 bytes long.
    public convenience init(literals: [[UInt8]]) {
        self.init(literals: literals, splitShortening: true)
    }

    private init(literals: [[UInt8]], splitShortening: Bool) {
        precondition(literals.allSatisfy { $0.count >= 3 }, "prefilter literals must be ≥ 3 bytes")
        self.literals = literals
        let shortening = splitShortening ? literals.indices.filter { Self.shortensWindows(literals[$0]) } : []
        // per literal: whether the sampled windows cover it (a flag array: tens of thousands of
        // literals are looked up several times each while the tables are built)
        var sampled = [Bool](repeating: true, count: literals.count)
        if shortening.isEmpty || shortening.count == literals.count {
            anchored = nil
            side = nil
            sideIds = []
        } else {
            let withASCII = shortening.filter { AnchoredLiterals.anchor(literals[$0]) != nil }
            let rest = shortening.filter { AnchoredLiterals.anchor(literals[$0]) == nil }
            anchored = withASCII.isEmpty ? nil
                : AnchoredLiterals(literals: withASCII.map { literals[$0] }, ids: withASCII.map { Int32($0) })
            side = rest.isEmpty ? nil : LiteralPrefilter(literals: rest.map { literals[$0] }, splitShortening: false)
            sideIds = rest.map { Int32($0) }
            for i in shortening { sampled[i] = false }
        }
        windowMask = .allocate(capacity: 256)
        windowMask.initialize(repeating: 0, count: 256)
        bitmap = .allocate(capacity: Self.bitmapWords)
        bitmap.initialize(repeating: 0, count: Self.bitmapWords)
        startsLiteral = .allocate(capacity: 256)
        startsLiteral.initialize(repeating: 0, count: 256)
        for (i, lit) in literals.enumerated() where sampled[i] { startsLiteral[Int(lit[0])] |= lit.count < 6 ? 1 : 2 }

        // L(b): the shortest literal tail starting with byte b at an offset d < 3, capped at 8.
        var lengthFor = [Int](repeating: 0, count: 256)
        for (i, lit) in literals.enumerated() where sampled[i] {
            for d in 0..<min(3, lit.count) {
                let b = Int(lit[d])
                let tail = min(8, lit.count - d)
                lengthFor[b] = lengthFor[b] == 0 ? tail : min(lengthFor[b], tail)
            }
        }
        for b in 0..<256 where lengthFor[b] > 0 {
            windowMask[b] = lengthFor[b] == 8 ? ~0 : (UInt64(1) << (8 * UInt64(lengthFor[b]))) - 1
        }
        var windows: [UInt64] = []
        for (i, lit) in literals.enumerated() where sampled[i] {
            for d in 0..<min(3, lit.count) {
                let len = lengthFor[Int(lit[d])]
                var w: UInt64 = 0
                for k in 0..<len { w |= UInt64(lit[d + k]) << (8 * UInt64(k)) }
                windows.append(w)
            }
        }
        // the first offset (of a fixed sequence: builds are reproducible) whose bits leave the
        // empty window's bit clear; with a few thousand bits of 2^19 set, nearly always the first
        var offset: UInt64 = 0
        for attempt in UInt64(0)..<64 {
            offset = attempt &* 0x0000_4000_0000_0000 &* 0x9E37_79B9
            let empty = Self.hash(0, offset)
            if !windows.contains(where: { Self.hash($0, offset) == empty }) { break }
        }
        hashOffset = offset
        for w in windows {
            let h = Self.hash(w, offset)
            bitmap[h >> 6] |= 1 << UInt64(h & 63)
        }

        short = PrefixTable(literals: literals, keyLength: 3, select: { sampled[$0] && $1.count < 6 })
        long = PrefixTable(literals: literals, keyLength: 6, select: { sampled[$0] && $1.count >= 6 })
        let total = literals.reduce(0) { $0 + $1.count }
        litBytes = .allocate(capacity: max(1, total))
        litOffset = .allocate(capacity: max(1, literals.count))
        var off = 0
        for (i, lit) in literals.enumerated() {
            litOffset[i] = Int32(off)
            for b in lit { litBytes[off] = b; off += 1 }
        }
    }

    deinit {
        windowMask.deallocate()
        bitmap.deallocate()
        startsLiteral.deallocate()
        litBytes.deallocate()
        litOffset.deallocate()
    }

    /// Appends every occurrence in `text` to `hits`, ordered by start.
    public func findAll(_ text: UnsafeBufferPointer<UInt8>, into hits: inout [Hit]) {
        let buffer = HitBuffer()
        findAll(text, into: buffer)
        hits.append(contentsOf: buffer.hits)
    }

    /// Appends every occurrence in `text` to `hits`, ordered by start (the hot-path form).
    ///
    /// Batched (shared/notes/swift-prefilter-experiment.md, technique 5): phase 1 tests a block of
    /// samples against the bitmap without a branch, writing each sample's offset to a candidate list
    /// and advancing the list only on a bitmap hit; phase 2 verifies the candidates. On ad text a
    /// seventh of the samples hit, so a branch per sample mispredicts too often.
    public func findAll(_ text: UnsafeBufferPointer<UInt8>, into hits: HitBuffer) {
        guard let base = text.baseAddress, text.count >= 3, !literals.isEmpty else { return }
        let n = text.count
        let fastEnd = n - 8  // samples up to here can load 8 bytes directly
        let firstHit = hits.count
        let windowMask = self.windowMask, bitmap = self.bitmap, offset = hashOffset
        var i = 0
        // 64 samples (192 bytes) at a time: their bitmap bits gather in one word, so no
        // iteration waits on another's bitmap load (a candidate list indexed by the running
        // count would chain them); the set bits are then verified in order
        while i &+ 189 <= fastEnd {
            var found: UInt64 = 0
            for j in 0..<64 {
                let p = i &+ 3 &* j
                let m = windowMask[Int(base[p])]
                let w = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) & m
                let h = Self.hash(w, offset)
                // shifted in from the right (no variable shift): sample j ends at bit 63 - j
                found = found &<< 1 | ((bitmap[h >> 6] >> UInt64(h & 63)) & 1)
            }
            while found != 0 {
                let j = found.leadingZeroBitCount
                verifySample(base, n, i &+ 3 &* j, hits)
                found ^= 0x8000_0000_0000_0000 &>> UInt64(j)
            }
            i &+= 192
        }
        // the last samples: fewer than 64 left, and near the end an 8-byte load would run past it
        while i < n {
            let m = windowMask[Int(base[i])]
            if m != 0 {
                var t: UInt64 = 0
                if i <= fastEnd {
                    t = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                } else {
                    var k = 0
                    while i + k < n && k < 8 { t |= UInt64(base[i + k]) << (8 * UInt64(k)); k += 1 }
                }
                let h = Self.hash(t & m, offset)
                if bitmap[h >> 6] & (1 << UInt64(h & 63)) != 0 { verifySample(base, n, i, hits) }
            }
            i &+= 3
        }
        if anchored != nil || side != nil { mergeSide(text, from: firstHit, into: hits) }
    }

    /// Adds the hits of the literals that are not sampled (rare) in start order.
    private func mergeSide(_ text: UnsafeBufferPointer<UInt8>, from first: Int, into hits: HitBuffer) {
        var extra = anchored?.findAll(text) ?? []
        if let side {
            let buffer = HitBuffer(capacity: 16)
            side.findAll(text, into: buffer)
            for h in 0..<buffer.count {
                extra.append(Hit(start: buffer[h].start, literal: sideIds[Int(buffer[h].literal)]))
            }
            if buffer.count > 0 && anchored != nil { extra.sort { ($0.start, $0.literal) < ($1.start, $1.literal) } }
        }
        guard !extra.isEmpty else { return }
        var merged: [Hit] = []
        merged.reserveCapacity(hits.count - first + extra.count)
        var a = first, b = 0
        while a < hits.count || b < extra.count {
            if b == extra.count || (a < hits.count && hits[a].start <= extra[b].start) {
                merged.append(hits[a]); a += 1
            } else {
                merged.append(extra[b]); b += 1
            }
        }
        hits.truncate(to: first)
        for h in merged { hits.append(start: h.start, literal: h.literal) }
    }

    /// A bitmap hit at sample i: the literals can start at i-2, i-1 or i.
    @inline(__always)
    private func verifySample(_ base: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ hits: HitBuffer) {
        // which of the three starts can begin a literal, as bits gathered without a branch (on
        // Chinese text whether i-2, i-1 or i is a lead byte follows the text, not a pattern the
        // branch predictor can learn); then one call per set bit, nearly always exactly one
        let first = i >= 2 ? i &- 2 : 0
        var starts: UInt32 = 0
        var p = first
        while p <= i {
            starts |= UInt32(startsLiteral[Int(base[p])] != 0 ? 1 : 0) << UInt32(p &- first)
            p &+= 1
        }
        while starts != 0 {
            verify(base, n, first &+ starts.trailingZeroBitCount, hits)
            starts &= starts &- 1
        }
    }

    @inline(__always)
    private func verify(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: Int, _ hits: HitBuffer) {
        guard p + 3 <= n else { return }
        let kinds = startsLiteral[Int(base[p])]
        if p &+ 8 <= n {
            // both keys from one load
            let w = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            if kinds & 1 != 0, let (start, count) = short.bucket(w & 0xFF_FFFF) { check(base, n, p, start, count, short, hits) }
            if kinds & 2 != 0, let (start, count) = long.bucket(w & 0xFFFF_FFFF_FFFF) { check(base, n, p, start, count, long, hits) }
            return
        }
        let k3 = UInt64(base[p]) | UInt64(base[p + 1]) << 8 | UInt64(base[p + 2]) << 16
        if kinds & 1 != 0, let (start, count) = short.bucket(k3) { check(base, n, p, start, count, short, hits) }
        if kinds & 2 != 0 && p + 6 <= n {
            let k6 = k3 | UInt64(base[p + 3]) << 24 | UInt64(base[p + 4]) << 32 | UInt64(base[p + 5]) << 40
            if let (start, count) = long.bucket(k6) { check(base, n, p, start, count, long, hits) }
        }
    }

    @inline(__always)
    private func check(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: Int, _ start: Int, _ count: Int,
                       _ table: PrefixTable, _ hits: HitBuffer) {
        let key = table.keyLength
        if p &+ key &+ 8 <= n {
            // the 8 bytes after the key, loaded once for the whole bucket
            let next = UnsafeRawPointer(base + p + key).loadUnaligned(as: UInt64.self)
            let entries = table.entries
            for j in start..<(start &+ count) where next & entries[j].tailMask == entries[j].tailWord {
                let len = Int(entries[j].length)
                let id = entries[j].id
                if len <= key &+ 8 { hits.append(start: p, literal: id); continue }
                guard p + len <= n else { continue }
                let lit = litBytes + Int(litOffset[Int(id)])
                var k = key &+ 8
                while k < len && base[p + k] == lit[k] { k += 1 }
                if k == len { hits.append(start: p, literal: id) }
            }
            return
        }
        for j in start..<(start &+ count) {
            let id = Int(table.entries[j].id)
            let len = Int(table.entries[j].length)
            guard p + len <= n else { continue }
            let lit = litBytes + Int(litOffset[id])
            var k = key
            while k < len && base[p + k] == lit[k] { k += 1 }
            if k == len { hits.append(start: p, literal: Int32(id)) }
        }
    }
}

/// Open-addressed table from a literal prefix (3 or 6 bytes, packed little-endian with a marker
/// bit so that zero means empty) to the literals that start with it. A bucket's entries lie side
/// by side with what checking them needs (the 8 bytes after the key, their mask, the length), so
/// a bucket is read sequentially rather than through the literal ids.
final class PrefixTable: @unchecked Sendable {
    struct Slot {
        var key: UInt64
        var start: UInt32
        var count: UInt32
    }

    /// One literal of a bucket: the 8 bytes after the key (masked to the literal's length), its
    /// length and id, together in one place (a bucket is one or two cache lines, not four arrays).
    struct Entry {
        var tailWord: UInt64
        var tailMask: UInt64
        var length: Int32
        var id: Int32
    }

    let keyLength: Int
    private let slots: UnsafeMutablePointer<Slot>
    let entries: UnsafeMutablePointer<Entry>
    private let mask: Int

    init(literals: [[UInt8]], keyLength: Int, select: (Int, [UInt8]) -> Bool) {
        self.keyLength = keyLength
        // (prefix key, literal id) pairs in key order, ids ascending within a key: one sort
        // instead of an array per key
        var pairs: [(key: UInt64, id: Int32)] = []
        for (i, lit) in literals.enumerated() where select(i, lit) {
            var k: UInt64 = 0
            for j in 0..<keyLength { k |= UInt64(lit[j]) << (8 * UInt64(j)) }
            pairs.append((k, Int32(i)))
        }
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.id < $1.id }
        var keys = 0
        for (n, p) in pairs.enumerated() where n == 0 || pairs[n - 1].key != p.key { keys += 1 }
        var size = 16
        while size < keys * 4 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(key: 0, start: 0, count: 0), count: size)
        entries = .allocate(capacity: max(1, pairs.count))
        var next = 0
        while next < pairs.count {
            let key = pairs[next].key
            var end = next
            while end < pairs.count && pairs[end].key == key { end += 1 }
            var s = Self.slot(key, mask)
            while slots[s].key != 0 { s = (s + 1) & mask }
            slots[s] = Slot(key: key | (1 << 63), start: UInt32(next), count: UInt32(end - next))
            for e in next..<end {
                let id = pairs[e].id
                let lit = literals[Int(id)]
                var word: UInt64 = 0, m: UInt64 = 0
                for k in keyLength..<min(lit.count, keyLength + 8) {
                    word |= UInt64(lit[k]) << (8 * UInt64(k - keyLength))
                    m |= UInt64(0xFF) << (8 * UInt64(k - keyLength))
                }
                entries[e] = Entry(tailWord: word, tailMask: m, length: Int32(lit.count), id: id)
            }
            next = end
        }
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inline(__always)
    func bucket(_ key: UInt64) -> (Int, Int)? {
        let marked = key | (1 << 63)
        var s = Self.slot(key, mask)
        while true {
            let k = slots[s].key
            if k == 0 { return nil }
            if k == marked { return (Int(slots[s].start), Int(slots[s].count)) }
            s = (s + 1) & mask
        }
    }
}

/// A growable buffer of prefilter hits, reused per thread (no copy-on-write checks per append).
public final class HitBuffer {
    private(set) var base: UnsafeMutablePointer<LiteralPrefilter.Hit>

    public private(set) var count = 0
    private var capacity: Int

    public init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(start: Int, literal: Int32) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<LiteralPrefilter.Hit>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: LiteralPrefilter.Hit(start: start, literal: literal))
        count += 1
    }

    public func removeAll() { count = 0 }

    /// Replaces each hit's literal id i by ids[i].
    func mapLiterals(_ ids: [Int32]) {
        ids.withUnsafeBufferPointer { m in
            for k in 0..<count { base[k].literal = m[Int(base[k].literal)] }
        }
    }

    func truncate(to n: Int) { count = min(count, n) }

    public var isEmpty: Bool { count == 0 }

    public subscript(i: Int) -> LiteralPrefilter.Hit { base[i] }

    public var hits: [LiteralPrefilter.Hit] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
