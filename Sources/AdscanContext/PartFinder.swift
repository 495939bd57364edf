import AdscanMatch
import AdscanModel
import AdscanRules

/// Names the parts of a composed claim: for each word list a rule's patterns compose, the
/// longest entry of that list inside the (folded) match, the first of equally long ones. Runs
/// per finding, never per record; a byte trie per list, not a substring per position and length.
struct PartFinder: Sendable {
    private let lists: [String: LeadIndex]

    init(_ lists: [String: LeadIndex]) {
        self.lists = lists
    }

    func parts(_ roles: [String], in folded: String) -> [Part] {
        guard !roles.isEmpty else { return [] }
        var out: [Part] = []
        var text = folded
        text.withUTF8 { u in
            guard let base = u.baseAddress else { return }
            for role in roles {
                guard let index = lists[role] else { continue }
                var best = 0..<0
                var bestScalars = 0
                for s in 0..<u.count where u[s] & 0xC0 != 0x80 {
                    let len = index.longestEntry(base, s, u.count)
                    guard len > 0 else { continue }
                    let scalars = u[s..<(s + len)].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                    if scalars > bestScalars { best = s..<(s + len); bestScalars = scalars }
                }
                if !best.isEmpty { out.append(Part(role: role, text: String(decoding: u[best], as: UTF8.self))) }
            }
        }
        return out
    }
}
