/// What a pattern cannot match without: sets of literals, one of each set in every match
/// (`(?:保证|确保)\s*(?:治愈|治好)` needs one of {保证, 确保} and one of {治愈, 治好}). A keyword hit
/// runs all of its rule's patterns over the clause; a pattern none of whose literals of some set
/// are in the clause is skipped (the way gitleaks runs a rule's regex only where its keywords are).
///
/// The analysis is conservative: it reads only the top-level sequence of the pattern, and any
/// construct it does not understand makes that item (or, for `|` at the top or inline options,
/// the whole pattern) carry no requirement. Skipping is then only ever done when no match exists.
public struct RequiredLiterals: Sendable, Equatable {
    /// AND of ORs: every match contains one literal of each set (as folded UTF-8 bytes).
    public let sets: [[[UInt8]]]

    public init(pattern: String) {
        // on the UTF-8 bytes: composed patterns are hundreds of kilobytes (their word lists written
        // in), read at every start-up; all syntax is ASCII, and no byte of a multi-byte character is
        sets = pattern.utf8.withContiguousStorageIfAvailable { Self.analyse($0) }
            ?? Array(pattern.utf8).withUnsafeBufferPointer { Self.analyse($0) }
    }

    /// Syntax bytes at the top level (outside a class).
    private static func isMeta(_ c: UInt8) -> Bool {
        switch c {
        case 0x5C, 0x5E, 0x24, 0x2E, 0x5B, 0x5D, 0x7C, 0x28, 0x29, 0x3F, 0x2A, 0x2B, 0x7B, 0x7D: return true   // \ ^ $ . [ ] | ( ) ? * + { }
        default: return false
        }
    }

    private enum Item {
        case literal([UInt8])
        case alternatives([[UInt8]])
        case opaque
    }

    private static let backslash = UInt8(ascii: "\\"), bar = UInt8(ascii: "|"), open = UInt8(ascii: "("), close = UInt8(ascii: ")")
    private static let openClass = UInt8(ascii: "["), closeClass = UInt8(ascii: "]"), question = UInt8(ascii: "?")

    /// The index after the character that starts at i (a UTF-8 sequence).
    private static func nextChar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i + 1
        while j < p.count && p[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    private static func analyse(_ p: UnsafeBufferPointer<UInt8>) -> [[[UInt8]]] {
        var items: [(item: Item, optional: Bool)] = []
        var run: [UInt8] = []
        func endRun() {
            if !run.isEmpty { items.append((.literal(run), false)); run = [] }
        }
        var i = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case bar:
                return []                                   // top-level alternation
            case open:
                guard let close = closing(p, i) else { return [] }
                endRun()
                let body = (i + 1)..<close
                if !body.isEmpty && p[body.lowerBound] == question {
                    let kind = body.count > 1 ? p[body.lowerBound + 1] : question
                    if kind == UInt8(ascii: ":") {
                        items.append((group(p, (body.lowerBound + 2)..<close), false))
                    } else if kind == UInt8(ascii: "=") || kind == UInt8(ascii: "!")
                                || (kind == UInt8(ascii: "<") && body.count > 2
                                    && (p[body.lowerBound + 2] == UInt8(ascii: "=") || p[body.lowerBound + 2] == UInt8(ascii: "!"))) {
                        items.append((.opaque, true))       // lookaround: consumes nothing
                    } else if kind == UInt8(ascii: "<") || kind == UInt8(ascii: "P") || kind == UInt8(ascii: "'") {
                        items.append((.opaque, false))      // named group: not read
                    } else {
                        return []                           // inline options, (?|, (*VERB)...
                    }
                } else if !body.isEmpty && p[body.lowerBound] == UInt8(ascii: "*") {
                    return []
                } else {
                    items.append((group(p, body), false))   // capturing group
                }
                i = close + 1
            case openClass:
                guard let close = classEnd(p, i) else { return [] }
                endRun()
                items.append((.opaque, false))
                i = close + 1
            case backslash:
                guard i + 1 < p.count else { return [] }
                endRun()
                let e = p[i + 1]
                if e == UInt8(ascii: "Q") || e == UInt8(ascii: "E") { return [] }
                var j = nextChar(p, i + 1)
                if e == UInt8(ascii: "p") || e == UInt8(ascii: "P") || e == UInt8(ascii: "x") || e == UInt8(ascii: "g") || e == UInt8(ascii: "k"),
                   j < p.count, p[j] == UInt8(ascii: "{") {
                    guard let e = p[j...].firstIndex(of: UInt8(ascii: "}")) else { return [] }
                    j = e + 1
                }
                items.append((.opaque, false))
                i = j
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                endRun()
                items.append((.opaque, c != UInt8(ascii: ".")))
                i += 1
            case question, UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{"):
                // a quantifier: applies to the last character of a run, or to the last item
                var optional = c == question || c == UInt8(ascii: "*")
                var j = i + 1
                if c == UInt8(ascii: "{") {
                    guard let (min, end) = braces(p, i) else { return [] }
                    optional = min == 0
                    j = end
                }
                if j < p.count && (p[j] == question || p[j] == UInt8(ascii: "+")) { j += 1 }   // lazy, possessive
                if !run.isEmpty {
                    // the run's last character: its lead byte and continuation bytes
                    var k = run.count - 1
                    while k > 0 && run[k] & 0xC0 == 0x80 { k -= 1 }
                    let last = Array(run[k...])
                    run.removeSubrange(k...)
                    endRun()
                    items.append((.literal(last), optional))
                } else if !items.isEmpty {
                    if optional { items[items.count - 1].optional = true }
                } else {
                    return []
                }
                i = j
            case close, closeClass, UInt8(ascii: "}"):
                return []                                   // unbalanced: not read
            default:
                run.append(c)
                i += 1
            }
        }
        endRun()
        var out: [[[UInt8]]] = []
        for (item, optional) in items where !optional {
            switch item {
            case .literal(let s):
                out.append([s])
            case .alternatives(let alts):
                // an empty alternative matches anywhere: no requirement
                if alts.contains(where: \.isEmpty) { continue }
                out.append(alts)
            case .opaque:
                continue
            }
        }
        return out
    }

    /// A group body: literal alternatives (`保证|确保|包`), else opaque.
    private static func group(_ p: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) -> Item {
        var alts: [[UInt8]] = [[]]
        for i in body {
            let c = p[i]
            if c == bar { alts.append([]); continue }
            if isMeta(c) { return .opaque }
            alts[alts.count - 1].append(c)
        }
        return .alternatives(alts)
    }

    /// Index of the `)` closing the group that opens at i (escapes and classes skipped).
    private static func closing(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var depth = 0
        var j = i
        while j < p.count {
            switch p[j] {
            case backslash: j = j + 1 < p.count ? nextChar(p, j + 1) : j + 2; continue
            case openClass:
                guard let e = classEnd(p, j) else { return nil }
                j = e + 1
                continue
            case open: depth += 1
            case close:
                depth -= 1
                if depth == 0 { return j }
            default: break
            }
            j += 1
        }
        return nil
    }

    /// Index of the `]` closing the class that opens at i (`[]…]` and `[^]…]` start with a literal `]`).
    private static func classEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i + 1
        if j < p.count && p[j] == UInt8(ascii: "^") { j += 1 }
        if j < p.count && p[j] == closeClass { j += 1 }
        while j < p.count {
            if p[j] == backslash { j = j + 1 < p.count ? nextChar(p, j + 1) : j + 2; continue }
            if p[j] == openClass && j + 1 < p.count && p[j + 1] == UInt8(ascii: ":") {
                // POSIX class [:alpha:]
                guard let e = p[(j + 2)...].firstIndex(of: closeClass) else { return nil }
                j = e + 1
                continue
            }
            if p[j] == closeClass { return j }
            j += 1
        }
        return nil
    }

    /// `{m}`, `{m,}`, `{m,n}` at i: the minimum and the index after `}`; nil when it is not one.
    private static func braces(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Int)? {
        func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
        var j = i + 1
        var min = 0, digits = 0
        while j < p.count, isDigit(p[j]) {
            if digits < 18 { min = min * 10 + Int(p[j] - 0x30) }
            digits += 1; j += 1
        }
        guard digits > 0, digits < 19 else { return nil }
        if j < p.count && p[j] == UInt8(ascii: ",") {
            j += 1
            while j < p.count, isDigit(p[j]) { j += 1 }
        }
        guard j < p.count, p[j] == UInt8(ascii: "}") else { return nil }
        return (min, j + 1)
    }
}

/// The 3- and 6-byte prefixes at the character starts of a folded clause, hashed into 2,048 bits:
/// a cheap, exact-negative test of whether a literal can occur in the clause (a literal of 6 bytes
/// or more is looked up by its first 6 bytes, a shorter one by its first 3).
public struct ClauseKeys {
    static let words = 32

    @inline(__always)
    static func key3(_ w: UInt64) -> UInt16 {
        UInt16(truncatingIfNeeded: ((w & 0xFF_FFFF) &* 0x9E37_79B9_7F4A_7C15) >> 53)
    }

    @inline(__always)
    static func key6(_ w: UInt64) -> UInt16 {
        UInt16(truncatingIfNeeded: ((w & 0xFFFF_FFFF_FFFF) &* 0xC2B2_AE3D_27D4_EB4F) >> 53)
    }

    /// The key of a literal, or nil when it is too short to have one (always "maybe present").
    public static func key(of literal: [UInt8]) -> UInt16? {
        guard literal.count >= 3 else { return nil }
        var w: UInt64 = 0
        for (k, b) in literal.prefix(6).enumerated() { w |= UInt64(b) << (8 * UInt64(k)) }
        return literal.count >= 6 ? key6(w) : key3(w)
    }

    /// Per pattern requirement: sets of keys, one of each set must be present. A set with a
    /// literal that has no key always passes, so it is left out.
    public static func keys(_ required: RequiredLiterals) -> [[UInt16]] {
        var out: [[UInt16]] = []
        for set in required.sets {
            let keys = set.map(key(of:))
            if keys.contains(where: { $0 == nil }) { continue }
            out.append(Array(Set(keys.compactMap { $0 })).sorted())
        }
        return out
    }

    /// Fills `bits` (`words` words) from the clause bytes.
    static func build(_ text: UnsafeBufferPointer<UInt8>, into bits: UnsafeMutablePointer<UInt64>) {
        bits.update(repeating: 0, count: words)
        guard let base = text.baseAddress else { return }
        let n = text.count
        var p = 0
        // character by character (the clause is folded text, valid UTF-8): the step is the
        // sequence length of the lead byte's top nibble (a stray continuation byte steps 1 and is
        // keyed too, which only lets more patterns run)
        while p &+ 3 <= n {
            var w: UInt64
            if p &+ 8 <= n {
                w = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            } else {
                w = 0
                var k = 0
                while p &+ k < n && k < 8 { w |= UInt64(base[p &+ k]) << (8 &* UInt64(k)); k &+= 1 }
            }
            let a = Int(key3(w))
            bits[a >> 6] |= 1 &<< UInt64(a & 63)
            if p &+ 6 <= n {
                let b = Int(key6(w))
                bits[b >> 6] |= 1 &<< UInt64(b & 63)
            }
            p &+= Int((0x4322_1111_1111_1111 as UInt64) >> (UInt64(w & 0xF0) >> 2) & 0xF)
        }
    }

    /// Whether every set has a key present.
    @inline(__always)
    static func mayMatch(_ sets: [[UInt16]], _ bits: UnsafeMutablePointer<UInt64>) -> Bool {
        for set in sets {
            var any = false
            for k in set where bits[Int(k >> 6)] & (1 &<< UInt64(k & 63)) != 0 { any = true; break }
            if !any { return false }
        }
        return true
    }
}
