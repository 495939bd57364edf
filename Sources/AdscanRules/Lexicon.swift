import Foundation
import AdscanNormalize

/// Word lists as data (`lexicons/words/*.txt`, or a pack's `lexicons:` mapping) that rules
/// compose: a pattern names a list as `{{disease}}` and the loader writes the list in as one
/// alternation, so a frame such as `{{treat_verb}}\s*{{disease}}` binds to thousands of entries
/// without a rule per phrase.
public enum Lexicon {
    /// Entries of one `.txt` list: one per line; `#` starts a comment (source and licence live
    /// there); a tab ends the entry (a second column, e.g. a class, is read by `columns`).
    public static func entries(ofListFile text: String) -> [String] {
        // on UTF-8 bytes: the built-in pack's lists are read at every start-up (thousands of lines)
        var out: [String] = []
        let bytes = Array(text.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C }
        var i = 0
        while i < bytes.count {
            var end = i
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            // the entry: up to a comment or a tab, without surrounding spaces
            var stop = i
            while stop < end && bytes[stop] != UInt8(ascii: "#") && bytes[stop] != 0x09 { stop += 1 }
            var a = i, b = stop
            while a < b && isSpace(bytes[a]) { a += 1 }
            while b > a && isSpace(bytes[b - 1]) { b -= 1 }
            if a < b { out.append(String(decoding: bytes[a..<b], as: UTF8.self)) }
            i = end + 1
        }
        return out
    }

    /// `{{name}}` occurrences in a pattern, in order.
    public static func references(in pattern: String) -> [String] {
        var names: [String] = []
        let p = Array(pattern.utf8)
        var i = 0
        while i + 1 < p.count {
            guard p[i] == UInt8(ascii: "{"), p[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 2
            while j + 1 < p.count && !(p[j] == UInt8(ascii: "}") && p[j + 1] == UInt8(ascii: "}")) { j += 1 }
            guard j + 1 < p.count else { break }
            names.append(String(decoding: p[(i + 2)..<j], as: UTF8.self))
            i = j + 2
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
        // on UTF-8 bytes: hundreds of patterns at every start-up
        let p = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var missing: [String] = []
        let brace = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var i = 0
        while i < p.count {
            guard i + 1 < p.count, p[i] == brace, p[i + 1] == brace else { out.append(p[i]); i += 1; continue }
            var j = i + 2
            while j + 1 < p.count && !(p[j] == close && p[j + 1] == close) { j += 1 }
            guard j + 1 < p.count else { out += p[i...]; break }   // no closing braces: as written
            let name = String(decoding: p[(i + 2)..<j], as: UTF8.self)
            if let alt = cache[name] {
                out += alt.utf8
            } else if let words = lists[name], !words.isEmpty {
                let alt = alternation(words)
                cache[name] = alt
                out += alt.utf8
            } else {
                missing.append(name)
            }
            i = j + 2
        }
        return (String(decoding: out, as: UTF8.self), missing)
    }

    /// Pattern text past which a pattern is also written in slices: PCRE2 (link size 2) compiles
    /// at most 64 KB of code, and a Han trie compiles to about 1.5 bytes per byte of its text.
    public static let shardTextLimit = 38_000

    /// The pattern written once per slice of its largest word list, each slice small enough that
    /// the slice's pattern stays under `shardTextLimit`; empty when the expanded pattern is
    /// already under it (or names no list to slice). A match of the pattern is a match of one of
    /// the slices, so running them all finds what the whole would.
    public static func shards(of pattern: String, expanded: String, _ lists: [String: [String]],
                              snippets: [String: String], cache: [String: String],
                              slices: inout [String: String]) -> [String] {
        guard let plan = shardPlan(of: pattern, expanded: expanded, lists, snippets: snippets, cache: cache) else { return [] }
        return writeShards(of: pattern, plan, lists, cache: cache, slices: &slices)
    }

    /// The same slices, written when first asked for (`PatternShards`): most patterns that have
    /// them are never run in a short scan, and writing them all cost a tenth of start-up.
    public static func lazyShards(of pattern: String, expanded: String, _ lists: [String: [String]],
                                  snippets: [String: String], cache: [String: String]) -> PatternShards {
        guard let plan = shardPlan(of: pattern, expanded: expanded, lists, snippets: snippets, cache: cache) else { return PatternShards() }
        return PatternShards(writing: {
            var slices: [String: String] = [:]
            return writeShards(of: pattern, plan, lists, cache: cache, slices: &slices)
        })
    }

    /// Which list a pattern is sliced by and into how many slices; nil when it is not sliced.
    static func shardPlan(of pattern: String, expanded: String, _ lists: [String: [String]],
                          snippets: [String: String], cache: [String: String]) -> (list: String, count: Int)? {
        let total = expanded.utf8.count
        guard total > shardTextLimit else { return nil }
        let names = Set(references(in: pattern)).filter { snippets[$0] == nil && lists[$0] != nil }
        guard let big = names.max(by: { (cache[$0]?.utf8.count ?? 0, $0) < (cache[$1]?.utf8.count ?? 0, $1) }),
              let words = lists[big], words.count > 1, let listText = cache[big]?.utf8.count else { return nil }
        // every occurrence of the list is written in full once per reference
        let uses = references(in: pattern).filter { $0 == big }.count
        let rest = total - uses * listText
        let room = max(1, shardTextLimit - rest)
        return (big, min(words.count, max(2, (uses * listText + room - 1) / room)))
    }

    static func writeShards(of pattern: String, _ plan: (list: String, count: Int), _ lists: [String: [String]],
                            cache: [String: String], slices: inout [String: String]) -> [String] {
        let (big, k) = plan
        let words = lists[big] ?? []
        var out: [String] = []
        let per = (words.count + k - 1) / k
        var start = 0
        while start < words.count {
            // each slice's alternation built once for every pattern that names the list
            let key = "\(big)/\(k)/\(start)"
            let alt = slices[key] ?? alternation(Array(words[start..<min(words.count, start + per)]))
            slices[key] = alt
            var sliceCache = cache
            sliceCache[big] = alt
            out.append(expand(pattern, lists, cache: &sliceCache).0)
            start += per
        }
        return out
    }

    /// A non-capturing alternation matching exactly the words, longest first. Short lists stay
    /// flat (so the required-literal analysis can read them); long ones become a trie, which PCRE2
    /// walks in time proportional to the word's length rather than to the list's.
    public static func alternation(_ words: [String]) -> String {
        // scalars, not Characters: grapheme breaking thousands of words costs start-up time
        let unique = Set(words.map { Array($0.unicodeScalars) }).sorted { a, b in
            a.count != b.count ? a.count > b.count : a.lexicographicallyPrecedes(b) { $0.value < $1.value }
        }
        if unique.count <= flatListLimit { return "(?:" + unique.map(escape).joined(separator: "|") + ")" }
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
        // written into one UTF-8 buffer (string concatenation per node cost start-up time)
        var out: [UInt8] = Array("(?:".utf8)
        // A node's branches, as one group. PCRE2 tries a group's branches one after another, so a
        // node with hundreds of children (the disease list starts with 754 characters) would cost
        // hundreds of failed branches at every position a pattern tries it; past `dispatchFanout`
        // the branches are split in halves by the range of their first characters, with a
        // conditional on a one-character lookahead choosing the half: about log2 checks instead.
        // (A space reads as `\s*`, which can match nothing, so a node with one is not split.)
        func emitBranches(_ n: Node, _ keys: ArraySlice<UInt32>) {
            if keys.count > dispatchFanout && !keys.contains(0x20) {
                let mid = keys.startIndex + keys.count / 2
                out += "(?(?=[".utf8
                appendHex(keys[keys.startIndex], to: &out)
                out.append(UInt8(ascii: "-"))
                appendHex(keys[mid - 1], to: &out)
                out += "])".utf8
                emitBranches(n, keys[..<mid])
                out.append(UInt8(ascii: "|"))
                emitBranches(n, keys[mid...])
                out.append(UInt8(ascii: ")"))
                return
            }
            if keys.count > 1 { out += "(?:".utf8 }
            for (k, key) in keys.enumerated() {
                if k > 0 { out.append(UInt8(ascii: "|")) }
                appendEscaped(Unicode.Scalar(key)!, to: &out)
                emit(n.children[key]!)
            }
            if keys.count > 1 { out.append(UInt8(ascii: ")")) }
        }
        func emit(_ n: Node) {
            let keys = n.children.keys.sorted()
            if keys.isEmpty { return }
            if n.end { out += "(?:".utf8 }
            emitBranches(n, keys[...])
            if n.end { out += ")?".utf8 }
        }
        emit(root)
        out.append(UInt8(ascii: ")"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Lists of more entries than this are written as a trie (`alternation`), which always holds
    /// a nested group: the required-literal analysis reads it as opaque.
    public static let flatListLimit = 48

    /// The text a required-literal analysis of an opaque group reads the same as any trie.
    public static let opaqueGroup = "(?:\\X)"

    /// Branches of one trie node past which they are split by first character (see `alternation`):
    /// with 16 a failed lookup of the disease list costs 6 range checks and at most 16 branches.
    static let dispatchFanout = 16

    /// A scalar as `\x{…}` (a class bound that needs no escaping rules).
    static func appendHex(_ v: UInt32, to out: inout [UInt8]) {
        out += "\\x{".utf8
        out += String(v, radix: 16).utf8
        out.append(UInt8(ascii: "}"))
    }

    /// Regex syntax characters escaped; everything else as written.
    static func escape(_ w: [Unicode.Scalar]) -> String {
        var out: [UInt8] = []
        for ch in w { appendEscaped(ch, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// One character of a word as pattern text, into UTF-8: a space reads as `\s*`.
    static func appendEscaped(_ ch: Unicode.Scalar, to out: inout [UInt8]) {
        if ch == " " { out += "\\s*".utf8; return }
        if ch.isASCII && "\\^$.|?*+()[]{}/-#".unicodeScalars.contains(ch) { out.append(UInt8(ascii: "\\")) }
        UTF8Scan.append(ch.value, to: &out)
    }
}
