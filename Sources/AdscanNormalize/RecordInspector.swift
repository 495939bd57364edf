/// One pass over a record's bytes: is it valid UTF-8, and does it show signs of disguise that
/// the fast path cannot see through? Only records that do pay for the evasion pass.
///
/// Suspicious: a "strong" separator between two Han characters (治*愈, 根😊治, 治\u{200B}愈: symbols,
/// emoji, invisible characters, * ~ # ^ ` @ $); weak separators (space | / + _ - . =) only when
/// they alternate with Han characters at least twice (治 愈 率 — one space between words is
/// ordinary layout); numeric character references (&#27835;); bracketed pinyin after a Han
/// character (醫(yī)院); a claim character written twice in a row (根根治).
/// Traditional characters, full-width forms and letter case are NOT suspicious: the fast path
/// already matches them, and bullets or symbols that do not sit between Han characters are layout.
/// Nor are the blanks of a form's date (____年__月__日): underscores alone before a date unit.
public struct RecordInspector: Sendable {
    /// Per BMP code point: 2 = strong separator, 1 = weak separator, 0 = neither.
    private let separator: [UInt8]
    /// 1 = a Han character of some claim word (in any raw form), for the repeat check.
    private let claimChar: [UInt8]
    /// 1 = an invisible character (zero-width, bidi control, ...): a disguise wherever it stands.
    private let invisible: [UInt8]

    public struct Report: Sendable, Equatable {
        /// The first invalid UTF-8 byte; when `suspicious`, only if it lies before `suspiciousAt`.
        public var firstInvalid: Int?
        public var suspicious: Bool
        /// Where the first sign of disguise was seen.
        public var suspiciousAt: Int? = nil
    }

    public init(table: FoldTable = .shared, claimCharacters: Set<UInt32> = []) {
        var s = [UInt8](repeating: 0, count: 0x10000)
        for c in 0..<0x10000 {
            let cp = UInt32(c)
            if (0xD800...0xDFFF).contains(cp) { continue }
            if !table.isStable(cp) && table.transformBit(cp) == Transform.ignorable { s[c] = 2 }   // invisible
        }
        for r in [0x2100...0x2BFF, 0x2022...0x2022, 0x301C...0x301C,
                  0xFF5E...0xFF5E, 0xE000...0xF8FF, 0xFE00...0xFE0F, 0x25A0...0x25FF, 0x2460...0x24FF] {
            for c in r { s[c] = 2 }
        }
        for b in Array("*~#^`@$_".utf8) { s[Int(b)] = 2 }
        for b in Array(" \t|/+-.='\"\\".utf8) { s[Int(b)] = 1 }
        s[0x3000] = 1   // ideographic space
        s[0x00B7] = 1   // middle dot: also the separator of transliterated names (泰勒·斯威夫特)
        s[0x30FB] = 1
        separator = s
        var inv = [UInt8](repeating: 0, count: 0x10000)
        for c in 0..<0x10000 where !(0xD800...0xDFFF).contains(c) {
            let cp = UInt32(c)
            if !table.isStable(cp) && table.transformBit(cp) == Transform.ignorable { inv[c] = 1 }
        }
        invisible = inv
        var k = [UInt8](repeating: 0, count: 0x10000)
        for c in claimCharacters where c < 0x10000 { k[Int(c)] = 1 }
        claimChar = k
    }

    /// 年 月 日 号 时 分: the units a form leaves blanks before.
    @inline(__always)
    static func isDateUnit(_ c: UInt32) -> Bool {
        c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x53F7 || c == 0x65F6 || c == 0x5206
    }

    /// What the scan carries from one code point to the next.
    struct State {
        var prevHan: UInt32 = 0      // previous code point if Han, else 0
        var sepKind: UInt8 = 0       // strongest separator seen since the last Han character (0 = none)
        var weakRuns = 0             // Han-weak-Han alternations in a row
        var blanks = false           // the strong separators since the last Han character are all `_`
        var invalid: Int? = nil      // the first invalid UTF-8 byte so far
    }

    /// One pass over the record, code point by code point, with two fast paths: plain ASCII eight
    /// bytes at a time, and stretches of Han text (`hanStretch`). Stops at the first sign of
    /// disguise: the rest is not validated here, as the evasion pass decodes every byte anyway and
    /// reports the first invalid one (Deobfuscator.Text.firstInvalid).
    public func inspect(_ p: UnsafeBufferPointer<UInt8>) -> Report {
        guard let base = p.baseAddress else { return Report(firstInvalid: nil, suspicious: false) }
        let n = p.count
        var i = 0
        var st = State()
        func suspiciousFrom(_ at: Int) -> Report {
            Report(firstInvalid: st.invalid, suspicious: true, suspiciousAt: at)
        }

        while i < n {
            let b = base[i]
            if b < 0x80 {
                if st.prevHan == 0 && st.sepKind == 0 && i + 8 <= n {
                    // plain ASCII with no Han character pending: skip 8 bytes unless one is '&'
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let x = w ^ 0x2626_2626_2626_2626
                    let hasAmp = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                    if w & 0x8080_8080_8080_8080 == 0 && hasAmp == 0 { i &+= 8; continue }
                }
                if b == 0x26 && i + 2 < n && base[i + 1] == 0x23 { return suspiciousFrom(i) }
                if b == 0x28 && st.prevHan != 0 && st.sepKind == 0 && i + 1 < n && (0x61...0x7A).contains(base[i + 1] | 0x20) {
                    return suspiciousFrom(i)      // 醫(yi
                }
                other(separator[Int(b)], UInt32(b), &st)
                i &+= 1
                continue
            }
            if st.sepKind == 0 && b >= 0xE3 && b <= 0xE9 {
                switch hanStretch(base, n, &i, &st) {
                case .none: break
                case .read: continue
                case .suspicious(let at): return suspiciousFrom(at)
                }
            }
            if b & 0xF0 == 0xE0 && i + 2 < n {
                let b1 = base[i + 1], b2 = base[i + 2]
                if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0) {
                    let c = (UInt32(b & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
                    if Han.contains(c) {   // (BMP here: three-byte sequence)
                        if han(c, &st) { return suspiciousFrom(i) }
                    } else {
                        if invisible[Int(c)] != 0 && i > 0 { return suspiciousFrom(i) }
                        other(separator[Int(c)], c, &st)
                    }
                    i &+= 3
                    continue
                }
            }
            let (c, len) = UTF8Scan.decode(p, i)
            if c == 0xFFFD && len == 1 {
                if st.invalid == nil { st.invalid = i }
                other(0, c, &st)
            } else if c >= 0x10000 {
                if Han.contains(c) {
                    if han(c, &st) { return suspiciousFrom(i) }
                } else {
                    other(2, c, &st)                          // emoji and other astral symbols
                }
            } else {
                other(separator[Int(c)], c, &st)
            }
            i &+= len
        }
        return Report(firstInvalid: st.invalid, suspicious: false)
    }

    /// A Han character: true when the record is suspicious (a strong separator or a second weak
    /// one between Han characters, or a claim character repeated).
    @inline(__always)
    private func han(_ c: UInt32, _ st: inout State) -> Bool {
        if st.sepKind == 2 {
            guard st.blanks && Self.isDateUnit(c) else { return true }
            st.sepKind = 0          // 月__日: a blank of a date, layout
        }
        if st.sepKind == 1 {
            st.weakRuns += 1
            if st.weakRuns >= 2 { return true }
        } else if c != st.prevHan {
            st.weakRuns = 0
        }
        // claim characters are all in the BMP; astral Han (U+20000…) never is one
        if c == st.prevHan && c < 0x10000 && claimChar[Int(c)] != 0 { return true }
        st.prevHan = c
        st.sepKind = 0
        return false
    }

    /// A non-Han code point: a separator continues a run after a Han character, anything else ends it.
    @inline(__always)
    private func other(_ kind: UInt8, _ cp: UInt32, _ st: inout State) {
        if kind != 0 && (st.prevHan != 0 || st.sepKind != 0) {
            if kind == 2 { st.blanks = (st.sepKind < 2 || st.blanks) && cp == 0x5F }
            st.sepKind = max(st.sepKind, kind)
        } else {
            st.prevHan = 0
            st.sepKind = 0
            st.weakRuns = 0
        }
    }

    enum Stretch {
        /// Nothing read: the byte at i is left to the exact steps.
        case none
        /// Read up to i.
        case read
        /// A claim character repeated at this offset.
        case suspicious(Int)
    }

    /// A stretch of 3-byte Han characters with nothing pending: only the repeat check applies.
    /// Characters that end a stretch without signifying anything (CJK punctuation, digits,
    /// letters, line breaks: neither separators nor invisible) are taken in it too: they follow
    /// Han text every few characters, and leaving the loop for each one cost a mispredicted
    /// branch or two.
    @inline(__always)
    private func hanStretch(_ base: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ st: inout State) -> Stretch {
        var c0 = st.prevHan       // the previous character if Han, else 0
        var run = false
        while true {
            // two characters (6 bytes) at a time while both are U+4000–9FFF (lead byte
            // E4–E9, two continuation bytes) and neither repeats the one before it; a
            // repeat, or anything else, is left to the exact step below
            var p3: UInt64 = c0 >= 0x800 && c0 < 0x10000
                ? UInt64(0xE0 | (c0 >> 12)) | UInt64(0x80 | ((c0 >> 6) & 0x3F)) << 8 | UInt64(0x80 | (c0 & 0x3F)) << 16
                : ~0
            var pairs = false
            while i &+ 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let l0 = UInt8(truncatingIfNeeded: w), l1 = UInt8(truncatingIfNeeded: w >> 24)
                guard l0 &- 0xE4 < 6 && l1 &- 0xE4 < 6,
                      w & 0x0000_C0C0_00C0_C000 == 0x0000_8080_0080_8000 else { break }
                let ch0 = w & 0xFF_FFFF, ch1 = (w >> 24) & 0xFF_FFFF
                if ch0 == p3 || ch1 == ch0 { break }
                p3 = ch1
                pairs = true
                i &+= 6
            }
            if pairs {
                run = true
                st.weakRuns = 0
                c0 = (UInt32(p3 & 0x0F) << 12) | (UInt32((p3 >> 8) & 0x3F) << 6) | UInt32((p3 >> 16) & 0x3F)
            }
            // one character exactly; anything else ends the stretch
            guard i &+ 2 < n else { break }
            let x = base[i]
            if x < 0x80 {
                // after a Han character a separator, `&` or `(` means something; after
                // anything else only `&` does (a reference)
                guard x != 0x26, c0 == 0 || (separator[Int(x)] == 0 && x != 0x28) else { break }
                c0 = 0
                st.weakRuns = 0
                run = true
                i &+= 1
                continue
            }
            guard x & 0xF0 == 0xE0 else { break }
            let b1 = base[i &+ 1], b2 = base[i &+ 2]
            guard b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && !(x == 0xE0 && b1 < 0xA0) && !(x == 0xED && b1 >= 0xA0) else { break }
            let c = (UInt32(x & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
            if c >= 0x3400 && c <= 0x9FFF {
                if c == c0 && claimChar[Int(c)] != 0 { return .suspicious(i) }
                if c != c0 { st.weakRuns = 0 }
                c0 = c
            } else {
                // not Han (U+F900–FAFF is), not invisible, and no separator after a Han character
                guard c < 0xF900 || c > 0xFAFF, invisible[Int(c)] == 0,
                      c0 == 0 || separator[Int(c)] == 0 else { break }
                c0 = 0
                st.weakRuns = 0
            }
            run = true
            i &+= 3
        }
        if run { st.prevHan = c0; return .read }
        return .none
    }
}
