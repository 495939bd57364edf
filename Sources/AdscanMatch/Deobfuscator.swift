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

    public init(table: FoldTable, claimCharacters: Set<UInt32>, replacements: [(from: String, to: String, kind: UInt16)]) {
        self.table = table
        self.claimChar = claimCharacters
        let usable = replacements.filter { $0.from.utf8.count >= 3 }
        self.replacements = usable.isEmpty ? nil : LiteralPrefilter(literals: usable.map { Array($0.from.utf8) })
        self.replacementTargets = usable.map { Array($0.to.utf8) }
        self.replacementKind = usable.map(\.kind)
    }

    /// The rewritten record.
    public struct Text {
        public var bytes: [UInt8] = []
        public var sourceStart: [Int32] = []
        public var sourceEnd: [Int32] = []
        public var bits: [UInt16] = []

        public init(bytes: [UInt8] = [], sourceStart: [Int32] = [], sourceEnd: [Int32] = [], bits: [UInt16] = []) {
            self.bytes = bytes
            self.sourceStart = sourceStart
            self.sourceEnd = sourceEnd
            self.bits = bits
        }

        public func originalRange(_ from: Int, _ to: Int) -> Range<Int> {
            guard from < sourceStart.count else { return 0..<0 }
            let s = Int(sourceStart[from])
            let e = to > from ? Int(sourceEnd[to - 1]) : s
            return s..<max(s, e)
        }

        public func transforms(_ from: Int, _ to: Int) -> [String] {
            var b: UInt16 = 0
            for i in from..<min(to, bits.count) { b |= bits[i] }
            return Transform.names(b)
        }
    }

    /// One original code point (or character reference) after folding: its folded code points
    /// live in a shared flat buffer, so a record costs two allocations, not one per character.
    struct Unit {
        var cpStart: Int32
        var cpCount: Int32
        var start: Int32
        var end: Int32
        var bits: UInt16
        var single: UInt32?
    }

    @inline(__always) static func isHan(_ c: UInt32?) -> Bool {
        guard let c, c != 0 else { return false }
        return (0x3400...0x9FFF).contains(c) || (0xF900...0xFAFF).contains(c) || (0x20000...0x3FFFF).contains(c)
    }

    /// Clause and sentence punctuation and line breaks: separators are never removed across them.
    @inline(__always) static func isBoundary(_ c: UInt32) -> Bool {
        switch c {
        case 0x0A, 0x0D, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF0C, 0x3001, 0x21, 0x3F, 0x3B, 0x2C, 0x3A, 0xFF1A:
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isSeparator(_ c: UInt32) -> Bool {
        if isBoundary(c) { return false }
        switch c {
        case 0x20, 0x09, 0x2A, 0x7E, 0x2D, 0x5F, 0x2E, 0x23, 0x7C, 0x2F, 0x5C, 0x5E, 0x2B, 0x3D, 0x60, 0x27, 0x22, 0x40, 0x24,
             0x00B7, 0x2022, 0x30FB, 0x301C, 0x3000, 0x2027:
            return true
        default:
            return (0x2010...0x2BFF).contains(c) || (0x1F000...0x1FAFF).contains(c) || (0xE000...0xF8FF).contains(c)
        }
    }

    public func rewrite(_ text: UnsafeBufferPointer<UInt8>) -> Text {
        // 1–2: decode (with character references) and fold into units
        var units: [Unit] = []
        units.reserveCapacity(text.count / 2 + 8)
        var cps: [UInt32] = []
        cps.reserveCapacity(text.count / 2 + 8)
        var i = 0
        let table = self.table
        while i < text.count {
            let first = cps.count
            var start = i
            var bits: UInt16 = 0
            if text[i] == 0x26, let (c, len) = Self.entity(text, i) {
                table.fold(c) { cps.append($0) }
                bits = Transform.entity
                start = i
                i += len
            } else {
                let (c, len) = UTF8Scan.decode(text, i)
                if c == 0xFFFD && len == 1 {
                    cps.append(0xFFFD)
                    bits = UInt16(Transform.invalidUTF8)
                } else if table.isStable(c) {
                    cps.append(c)
                } else {
                    table.fold(c) { cps.append($0) }
                    bits = UInt16(table.transformBit(c))
                }
                i += len
            }
            let count = cps.count - first
            units.append(Unit(cpStart: Int32(first), cpCount: Int32(count), start: Int32(start), end: Int32(i),
                              bits: bits, single: count == 1 ? cps[first] : nil))
        }
        // 3–5: build the output, through pointers into buffers sized for the worst case
        let cap = cps.count * 4 + 16
        // uninitialised storage: every slot below n is written before it is read
        var bytes = [UInt8](unsafeUninitializedCapacity: cap) { _, c in c = cap }
        var srcS = [Int32](unsafeUninitializedCapacity: cap) { _, c in c = cap }
        var srcE = [Int32](unsafeUninitializedCapacity: cap) { _, c in c = cap }
        var bitsOut = [UInt16](unsafeUninitializedCapacity: cap) { _, c in c = cap }
        var n = 0
        bytes.withUnsafeMutableBufferPointer { ob in
        srcS.withUnsafeMutableBufferPointer { sb in
        srcE.withUnsafeMutableBufferPointer { eb in
        bitsOut.withUnsafeMutableBufferPointer { bb in
        cps.withUnsafeBufferPointer { cp in
        units.withUnsafeBufferPointer { un in
            var w = OffsetMapWriter(bytes: ob.baseAddress!, sourceStart: sb.baseAddress!, sourceEnd: eb.baseAddress!)
            let b0 = bb.baseAddress!
            var last: UInt32 = 0          // last emitted code point (0 = none)
            var pending: UInt16 = 0
            var k = 0
            let count = un.count
            while k < count {
                let u = un[k]
                if u.cpCount == 0 {                  // invisible: gone, but remembered
                    pending |= u.bits
                    k &+= 1
                    continue
                }
                let lastHan = Self.isHan(last)
                if lastHan, let c = u.single {
                    if c == 0x28, let skip = pinyinGloss(un, from: k) {
                        pending |= Transform.pinyinGloss
                        k = skip
                        continue
                    }
                    if Self.isSeparator(c) {
                        var j = k
                        while j < count && (un[j].cpCount == 0 || (un[j].single.map(Self.isSeparator) ?? false)) { j &+= 1 }
                        if j < count, Self.isHan(un[j].single) {
                            pending |= Transform.separator
                            k = j
                            continue
                        }
                    }
                    if c == last, claimChar.contains(c) {
                        pending |= Transform.repeated
                        k &+= 1
                        continue
                    }
                }
                let bit = u.bits | pending
                for x in Int(u.cpStart)..<Int(u.cpStart + u.cpCount) { w.put(cp[x], u.start, u.end, bits: b0, bit) }
                pending = 0
                last = cp[Int(u.cpStart + u.cpCount) - 1]
                k &+= 1
            }
            n = w.count
        }}}}}}
        bytes.removeSubrange(n...)
        srcS.removeSubrange(n...)
        srcE.removeSubrange(n...)
        bitsOut.removeSubrange(n...)
        let out = Text(bytes: bytes, sourceStart: srcS, sourceEnd: srcE, bits: bitsOut)
        return replace(out)
    }

    /// `(` + 1–7 Latin letters (pinyin, with or without tone marks) + `)` after a Han character:
    /// returns the index after the `)`.
    private func pinyinGloss(_ units: UnsafeBufferPointer<Unit>, from k: Int) -> Int? {
        var j = k + 1
        var letters = 0
        while j < units.count, let c = units[j].single, (0x61...0x7A).contains(c) || (0xE0...0x24F).contains(c) || c == 0x20 {
            letters += 1
            j += 1
        }
        guard letters >= 1, letters <= 8, j < units.count, units[j].single == 0x29 else { return nil }
        return j + 1
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
            for b in pos..<best.start {
                out.bytes.append(text.bytes[b]); out.sourceStart.append(text.sourceStart[b])
                out.sourceEnd.append(text.sourceEnd[b]); out.bits.append(text.bits[b])
            }
            let s = text.sourceStart[best.start], e = text.sourceEnd[best.start + len - 1]
            var bit = replacementKind[Int(best.literal)]
            for b in best.start..<(best.start + len) { bit |= text.bits[b] }
            for b in replacementTargets[Int(best.literal)] {
                out.bytes.append(b); out.sourceStart.append(s); out.sourceEnd.append(e); out.bits.append(bit)
            }
            pos = best.start + len
        }
        for b in pos..<text.bytes.count {
            out.bytes.append(text.bytes[b]); out.sourceStart.append(text.sourceStart[b])
            out.sourceEnd.append(text.sourceEnd[b]); out.bits.append(text.bits[b])
        }
        return out
    }
}
