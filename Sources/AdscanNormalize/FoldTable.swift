import CICUShim

/// Per-code-point fold: fold(c) = Traditional→Simplified(NFKC_Casefold(c)), derived from ICU
/// (ICU's transliterator runs at ~5 MB/s; a table lookup at hundreds of MB/s). Code points above
/// U+FFFF fold to themselves (ICU maps none of them T→S). Also the opposite direction per Han
/// character (`traditional`), from which raw-text variants of a pack's literals are made.
///
/// Deriving the tables costs ICU about 0.4 G instructions (opening its transliterator registry
/// alone, 0.14 G): most of a start-up. `FoldTableData.swift` holds them as ICU 72.1 derives them
/// (written by `adscan-fold-tables`, checked against ICU by the tests); a process running with
/// that ICU version reads them from there, any other derives them from its own ICU.
public final class FoldTable: @unchecked Sendable {
    /// See cicushim_build_fold_table for the entry encoding.
    let entries: [UInt32]
    let pool: [UInt32]
    /// Simplified→Traditional per BMP Han code point, where ICU changes it.
    public let traditional: [UInt32: UInt32]
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
        if icuVersion == FoldTableData.icuVersion, let t = FoldTable(serialized: FoldTableData.tables) { return t }
        do { return try FoldTable() } catch { fatalError("\(error)") }
    }()

    /// The ICU version this process runs with.
    public static var icuVersion: String {
        var buf = [CChar](repeating: 0, count: 32)
        cicushim_icu_version(&buf, Int32(buf.count))
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Derives the tables from ICU.
    public convenience init() throws {
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
        var st = [UInt32](repeating: 0, count: 0x10000)
        guard cicushim_build_st_table(&st, &err) == 0 else { throw BuildError(code: err) }
        var traditional: [UInt32: UInt32] = [:]
        for c in 0..<st.count where st[c] != UInt32(c) { traditional[UInt32(c)] = st[c] }
        self.init(entries: entries, pool: pool, traditional: traditional)
    }

    init(entries: [UInt32], pool: [UInt32], traditional: [UInt32: UInt32]) {
        self.entries = entries
        self.pool = pool
        self.traditional = traditional
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

    /// The tables as text (`FoldTableData.tables`): `F` then, per code point that does not fold
    /// to itself, `c=v` (hex; several code points joined by `+`, none for an ignorable one);
    /// `T` then `c=v` per Simplified→Traditional pair. Entries are separated by spaces (or line
    /// breaks).
    public func serialized() -> String {
        var out = "F"
        for c in 0..<0x10000 {
            var to: [UInt32] = []
            fold(UInt32(c)) { to.append($0) }
            if to == [UInt32(c)] { continue }
            out += " " + String(c, radix: 16) + "=" + to.map { String($0, radix: 16) }.joined(separator: "+")
        }
        out += " T"
        for (c, t) in traditional.sorted(by: { $0.key < $1.key }) { out += " " + String(c, radix: 16) + "=" + String(t, radix: 16) }
        return out
    }

    /// Reads `serialized()`'s text; nil when it is malformed.
    public convenience init?(serialized text: String) {
        var entries = [UInt32](unsafeUninitializedCapacity: 0x10000) { buf, n in
            for c in 0..<0x10000 { buf[c] = UInt32(c) }
            n = 0x10000
        }
        var pool: [UInt32] = []
        var traditional: [UInt32: UInt32] = [:]
        var section: UInt8 = 0
        var ok = true
        var values: [UInt32] = []
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            func hex() -> UInt32? {
                var v: UInt32 = 0, digits = 0
                while i < bytes.count {
                    let b = bytes[i]
                    let d: UInt32
                    switch b {
                    case 0x30...0x39: d = UInt32(b - 0x30)
                    case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                    default: return digits > 0 ? v : nil
                    }
                    v = v << 4 | d; digits += 1; i += 1
                }
                return digits > 0 ? v : nil
            }
            while i < bytes.count && ok {
                let b = bytes[i]
                if b == 0x20 || b == 0x0A { i += 1; continue }
                if b == UInt8(ascii: "F") || b == UInt8(ascii: "T") { section = b; i += 1; continue }
                guard let c = hex(), c < 0x10000, i < bytes.count, bytes[i] == UInt8(ascii: "=") else { ok = false; break }
                i += 1
                values.removeAll(keepingCapacity: true)
                while let v = hex() {
                    values.append(v)
                    if i < bytes.count && bytes[i] == UInt8(ascii: "+") { i += 1 } else { break }
                }
                if section == UInt8(ascii: "F") {
                    if values.count == 1 && values[0] & 0x8000_0000 == 0 {
                        entries[Int(c)] = values[0]
                    } else {
                        entries[Int(c)] = 0x8000_0000 | UInt32(pool.count) << 8 | UInt32(values.count)
                        pool += values
                    }
                } else if section == UInt8(ascii: "T"), values.count == 1 {
                    traditional[c] = values[0]
                } else {
                    ok = false
                }
            }
        }
        guard ok, section == UInt8(ascii: "T") else { return nil }
        self.init(entries: entries, pool: pool, traditional: traditional)
    }

    /// Simplified→Traditional per character (`traditional`): the all-traditional form raw-text
    /// variants of a literal start from.
    public func toTraditional(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if let t = traditional[u.value], let v = Unicode.Scalar(t) { out.append(v) } else { out.append(u) }
        }
        return String(out)
    }

    /// Whether two tables fold and convert alike (the embedded data against ICU's own).
    public func sameTables(as other: FoldTable) -> Bool {
        guard traditional == other.traditional else { return false }
        for c in 0..<UInt32(0x10000) {
            var a: [UInt32] = [], b: [UInt32] = []
            fold(c) { a.append($0) }
            other.fold(c) { b.append($0) }
            if a != b { return false }
        }
        return true
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
