import AdscanModel
import AdscanRules

/// Names the parts of a composed claim: for each word list a rule's patterns compose, the
/// longest entry of that list inside the (folded) match. Runs per finding, never per record.
struct PartFinder: Sendable {
    private let lists: [String: Set<String>]
    private let longest: [String: Int]

    init(_ lexicons: [String: [String]]) {
        lists = lexicons.mapValues { Set($0) }
        longest = lexicons.mapValues { $0.map(\.count).max() ?? 0 }
    }

    func parts(_ roles: [String], in folded: String) -> [Part] {
        guard !roles.isEmpty else { return [] }
        let chars = Array(folded)
        var out: [Part] = []
        for role in roles {
            guard let set = lists[role], let maxLen = longest[role] else { continue }
            var best = ""
            for s in chars.indices {
                var len = min(maxLen, chars.count - s)
                while len > best.count {
                    let w = String(chars[s..<(s + len)])
                    if set.contains(w) { best = w; break }
                    len -= 1
                }
            }
            if !best.isEmpty { out.append(Part(role: role, text: best)) }
        }
        return out
    }
}
