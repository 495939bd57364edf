import AdscanNormalize

/// The evasion pass: rewrites a whole record into the text an advertiser meant readers to see,
/// keeping a map from every output byte back to the original bytes and the transforms it needed.
///   1. numeric and named character references are decoded (&#27835; → 治);
///   2. every code point is folded (NFKC, case, Traditional→Simplified; invisible ones vanish);
///   3. bracketed pinyin after a Han character is dropped (醫(yī)院 → 医院);
///   4. runs of separators between two Han characters are dropped (治*愈, 根😊治 → 治愈, 根治),
///      but never across sentence or clause punctuation or a line break (根。治疗 stays);
///   5. a claim character repeated in a row collapses (根根治 → 根治);
///   6. homophones and pinyin-mixed claim words are replaced (治玉, zhi愈 → 治愈).
public struct Deobfuscator: Sendable {
    let table: FoldTable
    let claimChar: Set<UInt32>
    /// Replacement sources (folded) and their targets.
    let replacements: LiteralPrefilter?
    let replacementTargets: [[UInt8]]
    let replacementKind: [UInt16]
    /// ASCII bytes the rewrite copies as they are whatever surrounds them: stable under folding,
    /// and neither a separator, `&` nor `(` (bit b of word b >> 6).
    let plainASCII: (UInt64, UInt64)

    public init(table: FoldTable, claimCharacters: Set<UInt32>, replacements: [(from: String, to: String, kind: UInt16)]) {
        self.table = table
        self.claimChar = claimCharacters
        let usable = replacements.filter { $0.from.utf8.count >= 3 }
        self.replacements = usable.isEmpty ? nil : LiteralPrefilter(literals: usable.map { Array($0.from.utf8) })
        self.replacementTargets = usable.map { Array($0.to.utf8) }
        self.replacementKind = usable.map(\.kind)
        var plain: (UInt64, UInt64) = (0, 0)
        for b in UInt32(0)..<128 where table.isStable(b) && !Self.isSeparator(b) && b != 0x26 && b != 0x28 {
            if b < 64 { plain.0 |= 1 << UInt64(b) } else { plain.1 |= 1 << UInt64(b - 64) }
        }
        plainASCII = plain
    }

    /// The rewritten record.
    public struct Text {
        public var bytes: [UInt8] = []
        /// Where each output byte came from, and the transforms it needed.
        public var map = RewriteMap()
        /// Offset of the first invalid UTF-8 byte of the original (the pass decodes every byte).
        public var firstInvalid: Int? = nil

        public init(bytes: [UInt8] = []) { self.bytes = bytes }

        /// The original bytes of output bytes from..<to, widened to whole characters.
        public func originalRange(_ from: Int, _ to: Int) -> Range<Int> {
            guard from < bytes.count else { return 0..<0 }
            var f = from
            while f > 0 && bytes[f] & 0xC0 == 0x80 { f -= 1 }
            let s = map.sourceStart(f)
            guard to > from else { return s..<s }
            var t = min(to, bytes.count)
            while t < bytes.count && bytes[t] & 0xC0 == 0x80 { t += 1 }
            return s..<max(s, map.sourceEnd(t))
        }

        /// The transforms output bytes from..<to needed; `original` is the text that was rewritten.
        public func transforms(_ from: Int, _ to: Int, original: UnsafeBufferPointer<UInt8>) -> [String] {
            let to = min(to, bytes.count)
            var b = map.bits(from, to)
            if b & UInt16(Transform.traditional) == 0 && map.foldsLinearText(bytes, from, to, original) {
                b |= UInt16(Transform.traditional)
            }
            return Transform.names(b)
        }
    }

    /// One original code point (or character reference) after folding: where it ends in the
    /// original, how many code points it folds to (0 = invisible) and the first of them.
    struct Unit {
        var next: Int
        var count: Int
        var first: UInt32
        var entry: UInt32
        var bits: UInt16
        /// Folds to itself and its original bytes are its UTF-8 (copy them as they are).
        var verbatim: Bool
    }

    /// Decodes and folds the unit that starts at byte i (i < text.count).
    @inline(__always)
    func unit(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Unit {
        let b = text[i]
        if b < 0x80 && b != 0x26 {
            let c = UInt32(b)
            let e = table.entry(c)
            if e == c { return Unit(next: i &+ 1, count: 1, first: c, entry: e, bits: 0, verbatim: true) }
            return folded(c, e, next: i &+ 1, bits: UInt16(table.transformBit(c)))
        }
        if b == 0x26, let (c, len) = Self.entity(text, i) {
            let e = c < 0x10000 ? table.entry(c) : c
            return folded(c, e, next: i &+ len, bits: Transform.entity)
        }
        let (c, len) = UTF8Scan.decode(text, i)
        if c == 0xFFFD && len == 1 {
            return Unit(next: i &+ 1, count: 1, first: 0xFFFD, entry: 0xFFFD, bits: UInt16(Transform.invalidUTF8), verbatim: false)
        }
        if c >= 0x10000 { return Unit(next: i &+ len, count: 1, first: c, entry: c, bits: 0, verbatim: true) }
        let e = table.entry(c)
        if e == c { return Unit(next: i &+ len, count: 1, first: c, entry: e, bits: 0, verbatim: true) }
        return folded(c, e, next: i &+ len, bits: UInt16(table.transformBit(c)))
    }

    @inline(__always)
    private func folded(_ c: UInt32, _ e: UInt32, next: Int, bits: UInt16) -> Unit {
        if c >= 0x10000 || e & 0x8000_0000 == 0 {
            return Unit(next: next, count: 1, first: c >= 0x10000 ? c : e, entry: c >= 0x10000 ? c : e, bits: bits, verbatim: false)
        }
        let n = Int(e & 0xFF)
        return Unit(next: next, count: n, first: n > 0 ? table.pooled(e, 0) : 0, entry: e, bits: bits, verbatim: false)
    }

    @inline(__always) static func isHan(_ c: UInt32?) -> Bool {
        guard let c else { return false }
        return Han.contains(c)
    }

    /// Clause and sentence punctuation and line breaks: separators are never removed across them.
    @inline(__always) public static func isBoundary(_ c: UInt32) -> Bool {
        switch c {
        case 0x0A, 0x0D, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF0C, 0x3001, 0x21, 0x3F, 0x3B, 0x2C, 0x3A, 0xFF1A:
            return true
        default:
            return false
        }
    }

    /// (`=` is not one: copy writes equations with it, 一盒=三瓶)
    @inline(__always) public static func isSeparator(_ c: UInt32) -> Bool {
        if isBoundary(c) { return false }
        switch c {
        case 0x20, 0x09, 0x2A, 0x7E, 0x2D, 0x5F, 0x2E, 0x23, 0x7C, 0x2F, 0x5C, 0x5E, 0x2B, 0x60, 0x27, 0x22, 0x40, 0x24,
             0x00B7, 0x2022, 0x30FB, 0x301C, 0x3000, 0x2027:
            return true
        default:
            return (0x2010...0x2BFF).contains(c) || (0x1F000...0x1FAFF).contains(c) || (0xE000...0xF8FF).contains(c)
        }
    }

    /// Where the rewrite stands: the next input byte, the next output byte, and what it carries
    /// to the next unit. A local of the pass (never captured by a closure: a captured variable
    /// lives in a heap box, and a loop that loads and stores it every iteration waits on store
    /// forwarding).
    struct Cursor {
        var i = 0                    // next input byte
        var k = 0                    // next output byte
        var delta = Int.min          // source − output offset of the open linear piece (none: Int.min)
        var last: UInt32 = 0         // last emitted code point (0 = none)
        var pending: UInt16 = 0      // transforms of dropped units, marked on the next emitted one
        var firstInvalid: Int? = nil

        /// Output byte k comes from input byte i, in a linear piece (opened unless it continues one).
        @inline(__always)
        mutating func linear(_ map: inout RewriteMap) {
            if i &- k != delta { map.openLinear(out: k, src: i); delta = i &- k }
        }
    }

    /// One streaming pass over the record: decode, fold, and drop or keep each unit, writing the
    /// output through a pointer and its offset map as runs (code points that fold to themselves
    /// are copied as their original bytes). Per unit: the fast paths (`copyFast`), else decode it
    /// (`unit`), drop it (`drops`: invisible, a pinyin gloss, a separator run, a repeat) or write
    /// it (`emit`). Then step 6, the replacements (`replace`).
    public func rewrite(_ text: UnsafeBufferPointer<UInt8>) -> Text {
        let n = text.count
        // folding rarely grows text (full-width → ASCII and dropped separators shrink it); when a
        // unit could overflow, the pass stops, the buffer grows, and it resumes where it was
        var cap = n + 64
        var bytes = [UInt8](unsafeUninitializedCapacity: cap) { _, c in c = cap }
        var map = RewriteMap()
        var cursor = Cursor()
        while true {
            let limit = cap - 64      // room for the largest unit (18 code points × 3 bytes)
            bytes.withUnsafeMutableBufferPointer { ob in
                let o = ob.baseAddress!
                var cur = cursor      // in a local: see Cursor
                while cur.i < n && cur.k < limit {
                    if copyFast(text, o, &cur, &map) { continue }
                    let u = unit(text, cur.i)
                    if u.bits & UInt16(Transform.invalidUTF8) != 0 && cur.firstInvalid == nil { cur.firstInvalid = cur.i }
                    if drops(u, text, &cur) { continue }
                    emit(u, text, o, &cur, &map)
                }
                cursor = cur
            }
            if cursor.i >= n { break }
            cap *= 2
            bytes.append(contentsOf: repeatElement(0, count: cap - bytes.count))
        }
        bytes.removeSubrange(cursor.k...)
        var out = Text(bytes: bytes)
        out.map = map
        out.firstInvalid = cursor.firstInvalid
        var replaced = replace(out)
        replaced.firstInvalid = cursor.firstInvalid
        return replaced
    }

    /// The fast paths, which keep the byte length (a linear piece) or fold one 3-byte character
    /// to one code point: plain ASCII, a Han character folding to one Han character that does not
    /// repeat the last, and any other 3-byte character folding to one code point that is neither
    /// a separator, `(` nor a repeat (CJK and full-width punctuation: ，→ ,). Also a pinyin gloss
    /// after a Han character, found without decoding `(` as a unit first (glossed pages have
    /// hundreds). False when the unit at `cur.i` needs the exact steps.
    @inline(__always)
    private func copyFast(_ text: UnsafeBufferPointer<UInt8>, _ o: UnsafeMutablePointer<UInt8>,
                          _ cur: inout Cursor, _ map: inout RewriteMap) -> Bool {
        let n = text.count
        let i = cur.i
        let b = text[i]
        if b < 0x80 {
            let word = b < 64 ? plainASCII.0 : plainASCII.1
            if (word >> UInt64(b & 63)) & 1 != 0 {
                cur.linear(&map)
                if cur.pending != 0 { map.mark(cur.k, cur.k &+ 1, cur.pending); cur.pending = 0 }
                o[cur.k] = b
                cur.k &+= 1; cur.last = UInt32(b); cur.i &+= 1
                return true
            }
            if b == 0x28 && Self.isHan(cur.last), let skip = pinyinGloss(text, from: i &+ 1) {
                cur.pending |= Transform.pinyinGloss
                cur.i = skip
                return true
            }
            return false
        }
        if i &+ 2 < n, let (_, f) = FoldTable.foldedHan(table.hanFoldTable, text, at: i), f != cur.last {
            // (its traditional bit is not recorded: a linear piece whose bytes differ from the
            // original's can only be a Han fold, see Text.transforms)
            cur.linear(&map)
            if cur.pending != 0 { map.mark(cur.k, cur.k &+ 3, cur.pending) }
            UTF8Scan.encode3(f, into: o + cur.k)
            cur.k &+= 3; cur.last = f; cur.pending = 0; cur.i &+= 3
            return true
        }
        guard b >= 0xE0 && b < 0xF0 && i &+ 2 < n else { return false }
        let b1 = text[i &+ 1], b2 = text[i &+ 2]
        let c = (UInt32(b & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
        guard b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && c >= 0x800 && (c < 0xD800 || c > 0xDFFF) else { return false }
        let e = table.entry(c)
        guard e & 0x8000_0000 == 0 && e != cur.last && e != 0x28 && !Self.isSeparator(e) else { return false }
        if e == c {
            cur.linear(&map)
            if cur.pending != 0 { map.mark(cur.k, cur.k &+ 3, cur.pending) }
            o[cur.k] = b; o[cur.k &+ 1] = b1; o[cur.k &+ 2] = b2
            cur.k &+= 3
        } else {
            map.atomic(out: cur.k, src: i, srcEnd: i &+ 3)
            cur.delta = Int.min
            let start = cur.k
            cur.k &+= UTF8Scan.encode(e, into: o + cur.k)
            let bit = cur.pending | UInt16(table.transformBit(c))
            if bit != 0 { map.mark(start, cur.k, bit) }
        }
        cur.last = e; cur.pending = 0; cur.i &+= 3
        return true
    }

    /// Steps 2-5 for a unit that leaves no output: an invisible character, and after a Han
    /// character a pinyin gloss, a run of separators before another Han character, or a claim
    /// character repeated. Its transforms are kept for the next unit written.
    @inline(__always)
    private func drops(_ u: Unit, _ text: UnsafeBufferPointer<UInt8>, _ cur: inout Cursor) -> Bool {
        if u.count == 0 {                    // invisible: gone, but remembered
            cur.pending |= u.bits
            cur.i = u.next
            return true
        }
        guard u.count == 1 && Self.isHan(cur.last) else { return false }
        let n = text.count
        let c = u.first
        if c == 0x28, let skip = pinyinGloss(text, from: u.next) {
            cur.pending |= Transform.pinyinGloss
            cur.i = skip
            return true
        }
        if Self.isSeparator(c) {
            var j = u.next
            var v = j < n ? unit(text, j) : u
            while j < n && (v.count == 0 || (v.count == 1 && Self.isSeparator(v.first))) {
                j = v.next
                if j < n { v = unit(text, j) }
            }
            if j < n, v.count == 1, Self.isHan(v.first) {
                cur.pending |= Transform.separator
                cur.i = j
                return true
            }
        }
        if c == cur.last, claimChar.contains(c) {
            cur.pending |= Transform.repeated
            cur.i = u.next
            return true
        }
        return false
    }

    /// Writes a unit: its original bytes when it folds to itself (a linear piece), else what it
    /// folds to (an atomic piece); marks its transforms and those of the units dropped before it.
    @inline(__always)
    private func emit(_ u: Unit, _ text: UnsafeBufferPointer<UInt8>, _ o: UnsafeMutablePointer<UInt8>,
                      _ cur: inout Cursor, _ map: inout RewriteMap) {
        let bit = u.bits | cur.pending
        let start = cur.k
        if u.verbatim {
            cur.linear(&map)
            for p in cur.i..<u.next { o[cur.k] = text[p]; cur.k &+= 1 }
            cur.last = u.first
        } else {
            map.atomic(out: cur.k, src: cur.i, srcEnd: u.next)
            cur.delta = Int.min
            if u.count == 1 {
                cur.k &+= UTF8Scan.encode(u.first, into: o + cur.k)
                cur.last = u.first
            } else {
                for m in 0..<u.count {
                    let c = table.pooled(u.entry, m)
                    cur.k &+= UTF8Scan.encode(c, into: o + cur.k)
                    cur.last = c
                }
            }
        }
        if bit != 0 { map.mark(start, cur.k, bit) }
        cur.pending = 0
        cur.i = u.next
    }

    /// `(` + 1–8 Latin letters (pinyin, with or without tone marks, folded) + `)` after a Han
    /// character, the `(` already read: returns the byte offset after the `)`.
    private func pinyinGloss(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var j = start
        var letters = 0
        while j < text.count {
            let b = text[j]
            if b < 0x80 && b != 0x26 {
                // ASCII folds to itself but for upper case (and `&` may start a reference)
                let c = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if (c >= 0x61 && c <= 0x7A) || c == 0x20 {
                    letters += 1
                    if letters > 8 { return nil }
                    j += 1
                    continue
                }
                return letters >= 1 && c == 0x29 ? j + 1 : nil
            }
            // a 2-byte letter (tone-marked pinyin: ī ǎ à) that folds to one code point, decoded in
            // place; anything else through unit()
            var c: UInt32
            var next: Int
            if b >= 0xC2 && b < 0xE0 && j &+ 1 < text.count && text[j &+ 1] & 0xC0 == 0x80,
               case let e = table.entry((UInt32(b & 0x1F) << 6) | UInt32(text[j &+ 1] & 0x3F)), e & 0x8000_0000 == 0 {
                c = e
                next = j &+ 2
            } else {
                let u = unit(text, j)
                guard u.count == 1 else { break }
                c = u.first
                next = u.next
            }
            if (0x61...0x7A).contains(c) || (0xE0...0x24F).contains(c) || c == 0x20 {
                letters += 1
                if letters > 8 { return nil }
                j = next
                continue
            }
            return letters >= 1 && c == 0x29 ? next : nil
        }
        return nil
    }

    /// &#NNNN; &#xHHHH; and the common named references.
    static func entity(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
        var j = i + 1
        guard j < t.count else { return nil }
        if t[j] == 0x23 {
            j += 1
            var hex = false
            if j < t.count && (t[j] | 0x20) == 0x78 { hex = true; j += 1 }
            var v: UInt32 = 0
            var digits = 0
            while j < t.count && digits < 7 {
                let b = t[j]
                if b >= 0x30 && b <= 0x39 { v = v * (hex ? 16 : 10) + UInt32(b - 0x30) }
                else if hex && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { v = v * 16 + UInt32((b | 0x20) - 0x61 + 10) }
                else { break }
                digits += 1
                j += 1
            }
            guard digits > 0, j < t.count, t[j] == 0x3B, v > 0, v < 0x110000, !(0xD800...0xDFFF).contains(v) else { return nil }
            return (v, j + 1 - i)
        }
        let names: [(String, UInt32)] = [("amp;", 0x26), ("lt;", 0x3C), ("gt;", 0x3E), ("quot;", 0x22), ("nbsp;", 0xA0), ("apos;", 0x27)]
        for (name, v) in names {
            let bytes = Array(name.utf8)
            if j + bytes.count <= t.count && t[j..<(j + bytes.count)].elementsEqual(bytes) { return (v, bytes.count + 1) }
        }
        return nil
    }

    /// Step 6: longest-first, left-to-right replacement of homophones and pinyin-mixed words.
    private func replace(_ text: Text) -> Text {
        guard let filter = replacements else { return text }
        let hits = HitBuffer(capacity: 16)
        text.bytes.withUnsafeBufferPointer { filter.findAll($0, into: hits) }
        guard !hits.isEmpty else { return text }
        var out = Text()
        out.bytes.reserveCapacity(text.bytes.count)
        var pos = 0
        var h = 0
        while h < hits.count {
            var best = hits[h]
            // among hits at the same start, the longest source wins
            while h + 1 < hits.count && hits[h + 1].start == best.start {
                h += 1
                if filter.literals[Int(hits[h].literal)].count > filter.literals[Int(best.literal)].count { best = hits[h] }
            }
            h += 1
            let len = filter.literals[Int(best.literal)].count
            guard best.start >= pos else { continue }
            out.map.append(text.map, pos..<best.start, at: out.bytes.count)
            out.bytes.append(contentsOf: text.bytes[pos..<best.start])
            let end = best.start + len
            let bit = replacementKind[Int(best.literal)] | text.map.bits(best.start, end)
            let target = replacementTargets[Int(best.literal)]
            out.map.atomic(out: out.bytes.count, src: text.map.sourceStart(best.start), srcEnd: text.map.sourceEnd(end))
            if bit != 0 { out.map.mark(out.bytes.count, out.bytes.count + target.count, bit) }
            out.bytes.append(contentsOf: target)
            pos = end
        }
        out.map.append(text.map, pos..<text.bytes.count, at: out.bytes.count)
        out.bytes.append(contentsOf: text.bytes[pos...])
        return out
    }
}
