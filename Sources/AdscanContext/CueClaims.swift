import AdscanMatch
import AdscanModel
import AdscanNormalize
import AdscanRules

/// Claims a cue turns into another finding (rules of scope `cue`): the same 「喝一个月 血糖降到
/// 正常」 is a cure promise in any ad and, near a tea, a food claiming to treat disease (广告法第
/// 十七条); 「彻底好了」 two sentences after 「62岁的王阿姨」 is her testimonial. The claim was
/// found by the claim rules; the cue was named near it, often sentences before (a livestream
/// names its product once, then talks), so this is decided per record, after matching, from the
/// cue rules' matches.
struct CueClaims: Sendable {
    /// Bytes each side of a claim searched for an entry of the rule's `near_lists`.
    static let nameReach = 90

    private let rules: [Rule]
    private let adClasses: [AdClass]
    private let partFinder: PartFinder
    private let table: FoldTable
    let cueRules: [Bool]
    let hasCueRules: Bool
    /// Rule id → the class its own words establish (an exam guarantee is an education ad's).
    private let impliedClass: [String: String]

    init(_ compiled: CompiledRuleSet, partFinder: PartFinder) {
        rules = compiled.ruleSet.rules
        adClasses = compiled.ruleSet.adClasses
        self.partFinder = partFinder
        table = compiled.normalizer.table
        cueRules = rules.map { $0.scope == .cue }
        hasCueRules = cueRules.contains(true)
        impliedClass = Dictionary(rules.compactMap { r in r.impliesClass.map { (r.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The findings the cues (the cue rules' candidates) turn claims into, one per claim and cue
    /// rule (the nearest cue). Runs only for records with a claim candidate.
    func derive(from findings: [Finding], candidates: [Candidate], classes: [Int],
                text: UnsafeBufferPointer<UInt8>) -> [Finding] {
        var out: [Finding] = []
        // a cue makes one finding, at the first claim it reaches (one story, one testimonial)
        var used = Set<Int>()
        for f in findings where f.suppressedBy == nil && f.severity != .info && f.end > f.start {
            var best: [Int: (k: Int, c: Candidate)] = [:]
            for (k, c) in candidates.enumerated() where cueRules[c.rule] && !used.contains(k) {
                let r = rules[c.rule]
                guard r.derivesFrom.contains(f.category),
                      c.end > f.start - r.reach.before, c.start < f.end + r.reach.after else { continue }
                if let b = best[c.rule], distance(b.c, f) <= distance(c, f) { continue }
                best[c.rule] = (k, c)
            }
            for (ri, (k, c)) in best.sorted(by: { $0.key < $1.key }) {
                let r = rules[ri]
                var named: [Part] = []
                if !r.nearLists.isEmpty {
                    let around = UTF8Scan.aligned(text, f.start - Self.nameReach, f.end + Self.nameReach)
                    named = partFinder.parts(r.nearLists, in: table.fold(UnsafeBufferPointer(rebasing: text[around])))
                    if named.isEmpty { continue }
                }
                // the class the claim's own words establish, else the record's
                let ids = (impliedClass[f.ruleID].map { [$0] } ?? []) + classes.map { adClasses[$0].id }
                var d = Finding(rule: meta(r, ids), match: f.match, start: f.start, end: f.end)
                d.severity = f.severity
                if let s = ids.lazy.compactMap({ r.severityByClass[$0] }).first { d.severity = s }
                d.via = f.via
                d.normalizedMatch = f.normalizedMatch
                let cue = UTF8Scan.string(text, from: c.start, to: c.end)
                d.parts = [Part(role: "cue", text: cue), Part(role: "claim", text: f.ruleID)] + named
                d.evidence = [Evidence(role: "cue", match: cue, start: c.start, end: c.end),
                              Evidence(role: "claim", match: f.match, start: f.start, end: f.end)]
                out.append(d)
                used.insert(k)
            }
        }
        return out
    }

    /// Bytes between a cue and a claim (0 when they overlap).
    private func distance(_ c: Candidate, _ f: Finding) -> Int {
        c.end <= f.start ? f.start - c.end : c.start >= f.end ? c.start - f.end : 0
    }

    /// The rule's report metadata with the citation the record's ad class chooses.
    private func meta(_ r: Rule, _ classes: [String]) -> RuleMeta {
        var m = r.meta
        for id in classes {
            if let l = r.lawByClass[id] { m.law = l; m.lawText = r.lawTextByClass[id]; break }
        }
        return m
    }
}
