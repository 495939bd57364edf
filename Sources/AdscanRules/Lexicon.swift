import Foundation

/// Word lists as data (`lexicons/words/*.txt`, or a pack's `lexicons:` mapping) that rules
/// compose: a pattern names a list as `{{disease}}` and the loader writes the list in as one
/// alternation, so a frame such as `{{treat_verb}}\s*{{disease}}` binds to thousands of entries
/// without a rule per phrase.
public enum Lexicon {
    /// Entries of one `.txt` list: one per line; `#` starts a comment (source and licence live
    /// there); a tab ends the entry (a second column, e.g. a class, is read by `columns`).
    public static func entries(ofListFile text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            let entry = String(cols.first ?? "").trimmingCharacters(in: .whitespaces)
            if !entry.isEmpty { out.append(entry) }
        }
        return out
    }

    /// `{{name}}` occurrences in a pattern, in order.
    public static func references(in pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            names.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The word lists a pattern must begin with: `{{a}}`, `(?:{{a}})` or `(?:{{a}}|{{b}})` at its
    /// start, not quantified, and no top-level `|` after it (so every match starts with an entry
    /// of those lists). Empty when the pattern does not begin so. The matcher then tries the
    /// pattern only where an entry starts instead of at every position: PCRE2 walks a list of
    /// thousands of words branch by branch at each position it tries.
    public static func leadingLists(in pattern: String) -> [String] {
        // the lead is the first required list when it stands at the very start (requiredLists
        // drops quantified groups and answers nothing for a pattern with a top-level `|`)
        let s = Array(pattern.unicodeScalars)
        guard let (names, _) = listGroup(s, at: 0) else { return [] }
        return requiredLists(in: pattern).first == names ? names : []
    }

    /// `{{name}}` at `j`: the name and the index after it.
    private static func listName(_ s: [Unicode.Scalar], at j: Int) -> (String, Int)? {
        guard j + 1 < s.count, s[j] == "{", s[j + 1] == "{" else { return nil }
        var k = j + 2
        var n = String.UnicodeScalarView()
        while k + 1 < s.count, !(s[k] == "}" && s[k + 1] == "}") { n.append(s[k]); k += 1 }
        guard k + 1 < s.count, !n.isEmpty else { return nil }
        return (String(n), k + 2)
    }

    /// `{{a}}` or `(?:{{a}}|{{b}}…)` at `i`: the names and the index after the group.
    private static func listGroup(_ s: [Unicode.Scalar], at i: Int) -> ([String], Int)? {
        if let (n, next) = listName(s, at: i) { return ([n], next) }
        guard i + 3 < s.count, s[i] == "(", s[i + 1] == "?", s[i + 2] == ":" else { return nil }
        var j = i + 3
        var names: [String] = []
        while let (n, next) = listName(s, at: j) {
            names.append(n); j = next
            if j < s.count, s[j] == "|" { j += 1; continue }
            break
        }
        guard !names.isEmpty, j < s.count, s[j] == ")" else { return nil }
        return (names, j + 1)
    }

    /// The `{{name}}` references (or `(?:{{a}}|{{b}})` groups of them) that every match of the
    /// pattern must contain: items of its top-level sequence that are not quantified. Empty when
    /// the pattern has a top-level `|`. The matcher skips a pattern on a clause that holds no
    /// entry of one of them (a cheap trie scan instead of PCRE2 trying a long list at each gap
    /// position).
    public static func requiredLists(in pattern: String) -> [[String]] {
        let s = Array(pattern.unicodeScalars)
        func quantified(_ i: Int) -> Bool {
            guard i < s.count else { return false }
            let c = s[i]
            return c == "?" || c == "*" || c == "+" || (c == "{" && i + 1 < s.count && s[i + 1] != "{")
        }
        var out: [[String]] = []
        var depth = 0, inClass = false
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false }; i += 1; continue }
            if c == "[" { inClass = true; i += 1; continue }
            if depth == 0, let (names, next) = listGroup(s, at: i) {
                if !quantified(next) { out.append(names) }
                i = next
                continue
            }
            if c == "(" { depth += 1 }
            else if c == ")" { depth -= 1 }
            else if c == "|" && depth == 0 { return [] }
            i += 1
        }
        return out
    }

    /// Replaces every `{{name}}` by the list's alternation (from `cache`, built once per list);
    /// names it cannot resolve are returned.
    public static func expand(_ pattern: String, _ lists: [String: [String]],
                              cache: inout [String: String]) -> (String, missing: [String]) {
        var out = ""
        var missing: [String] = []
        var rest = Substring(pattern)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            out += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound])
            if let alt = cache[name] {
                out += alt
            } else if let words = lists[name], !words.isEmpty {
                let alt = alternation(words)
                cache[name] = alt
                out += alt
            } else {
                missing.append(name)
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return (out, missing)
    }

    /// A non-capturing alternation matching exactly the words, longest first. Short lists stay
    /// flat (so the required-literal analysis can read them); long ones become a trie, which PCRE2
    /// walks in time proportional to the word's length rather than to the list's.
    public static func alternation(_ words: [String]) -> String {
        // scalars, not Characters: grapheme breaking thousands of words costs start-up time
        let unique = Set(words.map { Array($0.unicodeScalars) }).sorted { a, b in
            a.count != b.count ? a.count > b.count : a.lexicographicallyPrecedes(b) { $0.value < $1.value }
        }
        if unique.count <= 48 { return "(?:" + unique.map(escape).joined(separator: "|") + ")" }
        final class Node {
            var children: [UInt32: Node] = [:]
            var end = false
        }
        let root = Node()
        for w in unique {
            var n = root
            for c in w {
                if let k = n.children[c.value] { n = k } else { let k = Node(); n.children[c.value] = k; n = k }
            }
            n.end = true
        }
        func emit(_ n: Node) -> String {
            let kids = n.children.keys.sorted().map { escape([Unicode.Scalar($0)!]) + emit(n.children[$0]!) }
            if kids.isEmpty { return "" }
            let alt = kids.count == 1 ? kids[0] : "(?:" + kids.joined(separator: "|") + ")"
            return n.end ? "(?:" + alt + ")?" : alt
        }
        return "(?:" + emit(root) + ")"
    }

    /// Regex syntax characters escaped; everything else as written.
    static func escape(_ w: [Unicode.Scalar]) -> String {
        var s = String.UnicodeScalarView()
        for ch in w {
            if ch == " " { s.append(contentsOf: "\\s*".unicodeScalars); continue }
            if ch.isASCII && "\\^$.|?*+()[]{}/-#".unicodeScalars.contains(ch) { s.append("\\") }
            s.append(ch)
        }
        return String(s)
    }
}
