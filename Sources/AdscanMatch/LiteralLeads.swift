/// The literals every match of a pattern must begin with, read from the pattern's syntax: each
/// top-level alternative must start with plain characters or a non-capturing group whose own
/// alternatives do (`(?:来源|稿源)\s*:…|(?:新华社|人民网)…` gives 来源, 稿源, 新华社, 人民网).
/// A pattern given them is tried only where one starts (`LeadIndex`), instead of PCRE2 trying a
/// long alternation at every Han character, whose first bytes give its start map nothing to skip.
/// Lookarounds before the literal are passed over (they consume nothing). Nil when any
/// alternative can begin otherwise (a class, an escape, an optional first character or group):
/// then the pattern is searched as written.
public enum LiteralLeads {
    /// Quantifiers that let the item before them be absent.
    @inline(__always) private static func optional(_ c: UInt8) -> Bool { c == 0x3F || c == 0x2A || c == 0x7B }   // ? * {
    @inline(__always) private static func meta(_ c: UInt8) -> Bool {
        switch c {
        case 0x5C, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x2E, 0x5E, 0x24, 0x3F, 0x2A, 0x2B: return true   // \ ( ) [ ] { } | . ^ $ ? * +
        default: return false
        }
    }
    /// Longer patterns (composed word lists, thousands of alternatives) get their leads from
    /// their lists, and reading them here would cost more at load than it saves.
    static let maxPatternBytes = 4096
    /// Fewer alternatives PCRE2 finds as fast by itself (its start-byte map and first-unit
    /// search), without a call per candidate position: on the bench corpus's first 400 pages a
    /// lead from 2 alternatives up cost 1% more instructions than from 8, from 30 up 2% more.
    static let minLeads = 8

    public static func of(_ pattern: String) -> [String]? {
        guard pattern.utf8.count <= maxPatternBytes else { return nil }
        let s = Array(pattern.utf8)
        // an inline option (?i) (?x) (?-…) (?^) (?n) or quoting \Q can change what a later
        // literal means: such a pattern is searched as written
        for k in 0..<max(0, s.count - 2) {
            if s[k] == 0x28, s[k + 1] == 0x3F {
                switch s[k + 2] { case 0x69, 0x78, 0x2D, 0x5E, 0x6E: return nil; default: break }   // i x - ^ n
            }
            if s[k] == 0x5C, s[k + 1] == 0x51 { return nil }
        }
        var i = 0
        guard let leads = alternation(s, &i), i == s.count, leads.count >= minLeads else { return nil }
        return leads
    }

    /// Alternatives from s[i] up to the `)` closing the group (left at s[i]) or the end.
    private static func alternation(_ s: [UInt8], _ i: inout Int) -> [String]? {
        var leads: [String] = []
        while true {
            guard let l = sequence(s, &i) else { return nil }
            leads += l
            guard i < s.count, s[i] == 0x7C else { return leads }
            i += 1
        }
    }

    /// The leads of one alternative; moves i past it (to its `|`, `)` or the end).
    private static func sequence(_ s: [UInt8], _ i: inout Int) -> [String]? {
        var leads: [String]?
        // a lookaround consumes nothing: the match still begins with what follows it
        while i + 2 < s.count, s[i] == 0x28, s[i + 1] == 0x3F,
              s[i + 2] == 0x3D || s[i + 2] == 0x21 || (s[i + 2] == 0x3C && i + 3 < s.count && (s[i + 3] == 0x3D || s[i + 3] == 0x21)) {
            i += 1
            guard skipGroup(s, &i) else { return nil }
        }
        if i + 2 < s.count, s[i] == 0x28, s[i + 1] == 0x3F, s[i + 2] == 0x3A {
            i += 3
            leads = alternation(s, &i)
            guard leads != nil, i < s.count, s[i] == 0x29 else { return nil }
            i += 1
            if i < s.count, optional(s[i]) { return nil }
        } else {
            var run: [UInt8] = []
            while i < s.count, !meta(s[i]) { run.append(s[i]); i += 1 }
            if i < s.count, optional(s[i]), !run.isEmpty {
                // the quantifier takes the last character: all of its bytes
                run.removeLast()
                while let last = run.last, last & 0xC0 == 0x80 { run.removeLast() }
                if let last = run.last, last >= 0xC0 { run.removeLast() }
            }
            if run.isEmpty { return nil }
            leads = [String(decoding: run, as: UTF8.self)]
        }
        return skipRest(s, &i) ? leads : nil
    }

    /// Moves i (just inside a group) past the group's closing `)`.
    private static func skipGroup(_ s: [UInt8], _ i: inout Int) -> Bool {
        guard skipRest(s, &i, toGroupEnd: true), i < s.count, s[i] == 0x29 else { return false }
        i += 1
        return !(i < s.count && optional(s[i]))
    }

    /// Moves i to the end of the current alternative: past escapes, classes and nested groups.
    private static func skipRest(_ s: [UInt8], _ i: inout Int, toGroupEnd: Bool = false) -> Bool {
        var depth = 0
        while i < s.count {
            switch s[i] {
            case 0x5C: i += 2
            case 0x5B:
                i += 1
                if i < s.count, s[i] == 0x5E { i += 1 }
                if i < s.count, s[i] == 0x5D { i += 1 }
                while i < s.count, s[i] != 0x5D { i += s[i] == 0x5C ? 2 : 1 }
                i += 1
            case 0x28: depth += 1; i += 1
            case 0x29:
                if depth == 0 { return true }
                depth -= 1; i += 1
            case 0x7C:
                if depth == 0 && !toGroupEnd { return true }
                i += 1
            default: i += 1
            }
        }
        return depth == 0
    }
}
