import CICUShim

/// Per-code-point fold: fold(c) = Traditional→Simplified(NFKC_Casefold(c)), derived from ICU once
/// at start-up (ICU's transliterator runs at ~5 MB/s; a table lookup at hundreds of MB/s).
/// Code points above U+FFFF fold to themselves (ICU maps none of them T→S).
public final class FoldTable: @unchecked Sendable {
    /// See cicushim_build_fold_table for the entry encoding.
    let entries: [UInt32]
    let pool: [UInt32]
    /// The same tables behind raw pointers (immutable after init): the per-code-point lookups
    /// below inline into other modules' hot loops without bounds checks or array retains.
    @usableFromInline let entryPtr: UnsafeMutablePointer<UInt32>
    @usableFromInline let poolPtr: UnsafeMutablePointer<UInt32>
    /// What each CJK Unified Ideograph (U+4E00–9FFF) folds to when that is one Han character
    /// (U+3400–9FFF), else 0: 42 KB read without a branch, where the 256 KB entry table misses
    /// the cache and a stable-or-not test mispredicts on text that mixes both scripts.
    @usableFromInline let hanFold: UnsafeMutablePointer<UInt16>

    public struct BuildError: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String { "could not build the ICU fold table (ICU error \(code))" }
    }

    /// The process-wide table. Immutable after its one-time, thread-safe initialisation.
    public static let shared: FoldTable = {
        do { return try FoldTable() } catch { fatalError("\(error)") }
    }()

    public init() throws {
        var entries = [UInt32](repeating: 0, count: 0x10000)
        var pool = [UInt32](repeating: 0, count: 16384)
        var err: Int32 = 0
        let used = entries.withUnsafeMutableBufferPointer { e in
            pool.withUnsafeMutableBufferPointer { p in
                cicushim_build_fold_table(e.baseAddress, p.baseAddress, Int32(p.count), &err)
            }
        }
        guard used >= 0 else { throw BuildError(code: err != 0 ? err : used) }
        pool.removeSubrange(Int(used)...)
        self.entries = entries
        self.pool = pool
        entryPtr = .allocate(capacity: entries.count)
        entryPtr.initialize(from: entries, count: entries.count)
        poolPtr = .allocate(capacity: max(1, pool.count))
        poolPtr.initialize(from: pool, count: pool.count)
        hanFold = .allocate(capacity: 0x5200)
        for c in 0x4E00..<0xA000 {
            let e = entries[c]
            hanFold[c - 0x4E00] = e >= 0x3400 && e <= 0x9FFF ? UInt16(e) : 0
        }
    }

    deinit {
        entryPtr.deallocate()
        poolPtr.deallocate()
        hanFold.deallocate()
    }

    /// The raw entry for a BMP code point (see cicushim_build_fold_table): the folded code point
    /// itself when bit 31 is clear, else a count (low 8 bits, 0 = ignorable) and a pool offset.
    @inlinable @inline(__always)
    public func entry(_ c: UInt32) -> UInt32 { entryPtr[Int(c)] }

    /// The Han fold table itself, for a hot loop to hold in a register: read through the class
    /// instead, every character waits on two dependent loads (object, field) before its own,
    /// since the loop's stores to its output might, for all the compiler knows, change them.
    @inlinable public var hanFoldTable: UnsafePointer<UInt16> { UnsafePointer(hanFold) }

    /// The fast path of every folding loop: when text[i..<i+3] is a CJK Unified Ideograph
    /// (U+4E00–9FFF) that folds to one Han character, that character and what it folds to.
    /// `hanFold` is `hanFoldTable`, held by the caller.
    /// - Precondition: i + 2 < text.count.
    @inlinable @inline(__always)
    public static func foldedHan(_ hanFold: UnsafePointer<UInt16>, _ text: UnsafeBufferPointer<UInt8>,
                                 at i: Int) -> (original: UInt32, folded: UInt32)? {
        let b = text[i], b1 = text[i &+ 1], b2 = text[i &+ 2]
        guard b & 0xF0 == 0xE0, b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
        let c = (UInt32(b & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
        guard c >= 0x4E00 && c <= 0x9FFF else { return nil }
        let f = UInt32(hanFold[Int(c &- 0x4E00)])
        return f != 0 ? (c, f) : nil
    }

    /// Code point k of a multi-code-point entry.
    @inlinable @inline(__always)
    public func pooled(_ entry: UInt32, _ k: Int) -> UInt32 { poolPtr[Int((entry >> 8) & 0x7F_FFFF) &+ k] }

    /// True when the code point folds to exactly itself.
    @inlinable @inline(__always)
    public func isStable(_ c: UInt32) -> Bool {
        c >= 0x10000 || entryPtr[Int(c)] == c
    }

    /// Calls `body` with each code point `c` folds to (none for ignorable code points).
    @inlinable @inline(__always)
    public func fold(_ c: UInt32, _ body: (UInt32) -> Void) {
        if c >= 0x10000 { body(c); return }
        let e = entryPtr[Int(c)]
        if e & 0x8000_0000 == 0 { body(e); return }
        let n = Int(e & 0xFF), off = Int((e >> 8) & 0x7F_FFFF)
        for k in 0..<n { body(poolPtr[off &+ k]) }
    }

    /// Folds a whole string (rule keywords, terms, exceptions). Not for hot paths.
    public func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            fold(u.value) { if let v = Unicode.Scalar($0) { out.append(v) } }
        }
        return String(out)
    }

    /// Folds UTF-8 bytes (a match in a record; invalid bytes become U+FFFD as String(decoding:)
    /// would make them). Returns the text unchanged, without a second pass, when nothing folds.
    public func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var i = 0
        var stable = true
        while i < bytes.count {
            let (c, len) = UTF8Scan.decode(bytes, i)
            // invalid bytes: the String route, so that repairs match String(decoding:)'s
            if c == 0xFFFD && len == 1 { return fold(String(decoding: bytes, as: UTF8.self)) }
            if !isStable(c) { stable = false }
            i += len
        }
        if stable { return String(decoding: bytes, as: UTF8.self) }
        // fold code point by code point into UTF-8, without iterating a String
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        i = 0
        while i < bytes.count {
            let (c, len) = UTF8Scan.decode(bytes, i)
            fold(c) { UTF8Scan.append($0, to: &out) }
            i += len
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `bytes[range]` folds to exactly `folded` (code point by code point, no buffer).
    public func folds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to folded: [UInt8]) -> Bool {
        var i = range.lowerBound, k = 0
        var out: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &out) { buf -> Bool in
            // one code point folds to at most 18 code points (72 bytes of UTF-8)
            let scratch = buf.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while i < range.upperBound {
                let (c, len) = UTF8Scan.decode(bytes, i)
                if c == 0xFFFD && len == 1 { return false }
                var n = 0
                fold(c) { n += UTF8Scan.encode($0, into: scratch + n) }
                guard k + n <= folded.count else { return false }
                for j in 0..<n where scratch[j] != folded[k + j] { return false }
                k += n
                i += len
            }
            return k == folded.count
        }
    }

    /// Folds only Han ideographs (Traditional→Simplified), leaving everything else untouched.
    /// Used on regex patterns, where folding ASCII or punctuation would change the syntax.
    public func foldHan(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let c = u.value
            // (the table covers the BMP)
            if c < 0x10000 && Han.contains(c), entries[Int(c)] & 0x8000_0000 == 0, let v = Unicode.Scalar(entries[Int(c)]) {
                out.append(v)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// For every code point that other code points fold to: those sources (the target first).
    /// Used when compiling rules, to expand literals into the raw forms they may take
    /// (traditional characters, full-width forms, upper case). Computed per call: not for hot paths.
    public func inverseMap() -> [UInt32: [UInt32]] {
        var inv: [UInt32: [UInt32]] = [:]
        for c in 0..<UInt32(0x10000) where !(0xD800...0xDFFF).contains(c) {
            let e = entries[Int(c)]
            guard e & 0x8000_0000 == 0, e != c else { continue }
            inv[e, default: [e]].append(c)
        }
        return inv
    }

    /// Which transform a non-stable code point needs (a `Transform` bit), for a finding's `via`.
    @inlinable @inline(__always)
    public func transformBit(_ c: UInt32) -> UInt8 {
        if c >= 0x10000 { return 0 }
        if Han.contains(c) { return Transform.traditional }
        if (0xFF01...0xFF5E).contains(c) || c == 0x3000 { return Transform.fullwidth }
        if (0x41...0x5A).contains(c) { return Transform.letterCase }
        let e = entryPtr[Int(c)]
        if e & 0x8000_0000 != 0 && e & 0xFF == 0 { return Transform.ignorable }
        return Transform.compatibility
    }
}
