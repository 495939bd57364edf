import AdscanNormalize
import AdscanRules

/// What the evasion pass looks for, compiled from the rules' own words and `lexicons/evasion.yaml`
/// (`RuleSet.evasion`): the claim characters whose doubling is a disguise (根根治), and the
/// spellings that stand for a claim word - the table's homophones and look-alikes (治玉 → 治愈), and
/// every keyword or term of 2-5 characters with one character written in pinyin (zhi愈 → 治愈).
struct ClaimSpellings {
    /// Han characters (in every raw form that folds to them) that begin a claim term and are not
    /// doubled in ordinary writing: a repeat of one is collapsed (根根治 → 根治).
    let claimCharacters: Set<UInt32>
    /// Written form (folded) → claim word (folded), and its transform bit (homophone or pinyin),
    /// the table's homophones first, then the pinyin spellings in the order of the sorted words.
    let replacements: [(from: String, to: String, kind: UInt16)]

    init(_ ruleSet: RuleSet, inverse: [UInt32: [UInt32]]) {
        var claimWords: [String] = []
        for r in ruleSet.rules { claimWords += r.keywords + r.terms }
        // a repeated character is a disguise only for the first character of a claim term (根根治);
        // repeats elsewhere are ordinary writing (现在在, 谢谢)
        var claimChars = Set<UInt32>()
        for r in ruleSet.rules {
            for t in r.terms { if let u = t.unicodeScalars.first, Han.contains(u.value) { claimChars.insert(u.value) } }
        }
        // a character that is doubled inside a claim word (痘痘) or in everyday words (谢谢) is not
        // a repeat to collapse
        for w in claimWords + ruleSet.evasion.ordinaryReduplications {
            let u = w.unicodeScalars.map(\.value)
            for i in u.indices.dropFirst() where u[i] == u[i - 1] { claimChars.remove(u[i]) }
        }
        for c in claimChars { for src in inverse[c] ?? [] { claimChars.insert(src) } }
        claimCharacters = claimChars

        var replacements: [(from: String, to: String, kind: UInt16)] = ruleSet.evasion.homophones.map { ($0.0, $0.1, Transform.homophone) }
        let pinyin = Dictionary(ruleSet.evasion.pinyin.map { ($0.0, $0.1) }, uniquingKeysWith: +)
        var seenSources = Set(replacements.map(\.from))
        // only a word with a character the table spells in pinyin has such spellings: the others
        // are left out before the sort (thousands of words, sorted as strings at every start-up)
        let spellable = Set(claimWords).filter { w in w.contains { pinyin[$0] != nil } }
        for w in spellable.sorted() where (2...5).contains(w.count) {
            let chars = Array(w)
            for (pos, ch) in chars.enumerated() {
                for syl in pinyin[ch] ?? [] {
                    var v = chars.map(String.init)
                    v[pos] = syl
                    let from = v.joined()
                    if seenSources.insert(from).inserted { replacements.append((from, w, Transform.pinyin)) }
                }
            }
        }
        self.replacements = replacements
    }
}
