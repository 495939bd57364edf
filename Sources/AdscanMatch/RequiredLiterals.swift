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
        sets = Self.analyse(Array(pattern.unicodeScalars))
    }

    /// Characters that are syntax at the top level (outside a class).
    private static let meta: Set<Unicode.Scalar> = ["\\", "^", "$", ".", "[", "]", "|", "(", ")", "?", "*", "+", "{", "}"]

    private enum Item {
        case literal([Unicode.Scalar])
        case alternatives([[Unicode.Scalar]])
        case opaque
    }

    private static func analyse(_ p: [Unicode.Scalar]) -> [[[UInt8]]] {
        var items: [(item: Item, optional: Bool)] = []
        var run: [Unicode.Scalar] = []
        func endRun() {
            if !run.isEmpty { items.append((.literal(run), false)); run = [] }
        }
        var i = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case "|":
                return []                                   // top-level alternation
            case "(":
                guard let close = closing(p, i) else { return [] }
                endRun()
                let body = Array(p[(i + 1)..<close])
                if body.first == "?" {
                    let kind = body.count > 1 ? body[1] : "?"
                    if kind == ":" {
                        items.append((group(Array(body.dropFirst(2))), false))
                    } else if kind == "=" || kind == "!" || (kind == "<" && body.count > 2 && (body[2] == "=" || body[2] == "!")) {
                        items.append((.opaque, true))       // lookaround: consumes nothing
                    } else if kind == "<" || kind == "P" || kind == "'" {
                        items.append((.opaque, false))      // named group: not read
                    } else {
                        return []                           // inline options, (?|, (*VERB)...
                    }
                } else if body.first == "*" {
                    return []
                } else {
                    items.append((group(body), false))      // capturing group
                }
                i = close + 1
            case "[":
                guard let close = classEnd(p, i) else { return [] }
                endRun()
                items.append((.opaque, false))
                i = close + 1
            case "\\":
                guard i + 1 < p.count else { return [] }
                endRun()
                if p[i + 1] == "Q" || p[i + 1] == "E" { return [] }
                var j = i + 2
                if (p[i + 1] == "p" || p[i + 1] == "P" || p[i + 1] == "x" || p[i + 1] == "g" || p[i + 1] == "k"), j < p.count, p[j] == "{" {
                    guard let e = p[j...].firstIndex(of: "}") else { return [] }
                    j = e + 1
                }
                items.append((.opaque, false))
                i = j
            case ".", "^", "$":
                endRun()
                items.append((.opaque, c != "."))
                i += 1
            case "?", "*", "+", "{":
                // a quantifier: applies to the last character of a run, or to the last item
                var optional = c == "?" || c == "*"
                var j = i + 1
                if c == "{" {
                    guard let (min, end) = braces(p, i) else { return [] }
                    optional = min == 0
                    j = end
                }
                if j < p.count && (p[j] == "?" || p[j] == "+") { j += 1 }   // lazy, possessive
                if !run.isEmpty {
                    let last = run.removeLast()
                    endRun()
                    items.append((.literal([last]), optional))
                } else if !items.isEmpty {
                    if optional { items[items.count - 1].optional = true }
                } else {
                    return []
                }
                i = j
            case ")", "]", "}":
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
                out.append([Array(String(String.UnicodeScalarView(s)).utf8)])
            case .alternatives(let alts):
                // an empty alternative matches anywhere: no requirement
                if alts.contains(where: \.isEmpty) { continue }
                out.append(alts.map { Array(String(String.UnicodeScalarView($0)).utf8) })
            case .opaque:
                continue
            }
        }
        return out
    }

    /// A group body: literal alternatives (`保证|确保|包`), else opaque.
    private static func group(_ body: [Unicode.Scalar]) -> Item {
        var alts: [[Unicode.Scalar]] = [[]]
        for c in body {
            if c == "|" { alts.append([]); continue }
            if meta.contains(c) { return .opaque }
            alts[alts.count - 1].append(c)
        }
        return .alternatives(alts)
    }

    /// Index of the `)` closing the group that opens at i (escapes and classes skipped).
    private static func closing(_ p: [Unicode.Scalar], _ i: Int) -> Int? {
        var depth = 0
        var j = i
        while j < p.count {
            switch p[j] {
            case "\\": j += 2; continue
            case "[":
                guard let e = classEnd(p, j) else { return nil }
                j = e + 1
                continue
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return j }
            default: break
            }
            j += 1
        }
        return nil
    }

    /// Index of the `]` closing the class that opens at i (`[]…]` and `[^]…]` start with a literal `]`).
    private static func classEnd(_ p: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i + 1
        if j < p.count && p[j] == "^" { j += 1 }
        if j < p.count && p[j] == "]" { j += 1 }
        while j < p.count {
            if p[j] == "\\" { j += 2; continue }
            if p[j] == "[" && j + 1 < p.count && p[j + 1] == ":" {
                // POSIX class [:alpha:]
                guard let e = p[(j + 2)...].firstIndex(of: "]") else { return nil }
                j = e + 1
                continue
            }
            if p[j] == "]" { return j }
            j += 1
        }
        return nil
    }

    /// `{m}`, `{m,}`, `{m,n}` at i: the minimum and the index after `}`; nil when it is not one.
    private static func braces(_ p: [Unicode.Scalar], _ i: Int) -> (Int, Int)? {
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        var j = i + 1
        var digits = ""
        while j < p.count, isDigit(p[j]) { digits.unicodeScalars.append(p[j]); j += 1 }
        guard let min = Int(digits) else { return nil }
        if j < p.count && p[j] == "," {
            j += 1
            while j < p.count, isDigit(p[j]) { j += 1 }
        }
        guard j < p.count, p[j] == "}" else { return nil }
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
