import AdscanModel
import AdscanNormalize
import AdscanRules

/// A RuleSet compiled once at start-up: the literal prefilter over raw-text variants of every
/// keyword, term and context marker, and the PCRE2 patterns. Immutable; shared by all threads.
public final class CompiledRuleSet: Sendable {
    /// What a canonical (folded) literal is used for.
    enum Use: Sendable {
        case keyword(rule: Int)
        case term(rule: Int, term: Int)
        case group(rule: Int, group: Int)
        case marker(suppressor: Int, marker: Int)
        /// A clause-level context marker: every hit counts (its place decides what it suppresses).
        case clauseMarker(suppressor: Int, marker: Int)
        case classIndicator(slot: Int)
        /// A homophone or pinyin-mixed spelling of a claim word: the record needs the evasion pass.
        case evasionTrigger
    }

    final class CompiledRule: Sendable {
        let patterns: [Regex]
        let terms: [[UInt8]]
        let exceptions: [[UInt8]]
        let exceptionPatterns: [Regex]
        let groupPatterns: [[Regex]]
        let wordBoundary: Bool
        /// The patterns see the paragraph around a hit (`window: paragraph`), not its clause.
        let paragraph: Bool
        /// A term hit is a finding as soon as the hit folds to the term: no exception or word
        /// boundary to check in the folded clause, so the clause need not be folded.
        let termsNeedClause: Bool
        /// Per pattern: the literal keys a clause must have for the pattern to match in it
        /// (RequiredLiterals, ClauseKeys); empty = no requirement known.
        let patternKeys: [[[UInt16]]]
        /// Per pattern: word-list indexes (`CompiledRuleSet.listIndexes`) of which the clause
        /// must hold an entry each for the pattern to match.
        let patternLists: [[Int]]
        /// Per pattern: the list index its matches begin with (-1: none).
        let patternLead: [Int]
        /// Bit masks over ad classes (bit i = ruleSet.adClasses[i]); 0 = no constraint.
        let requireClassMask: UInt64
        let excludeClassMask: UInt64

        init(patterns: [Regex], terms: [[UInt8]], exceptions: [[UInt8]], exceptionPatterns: [Regex],
             groupPatterns: [[Regex]], wordBoundary: Bool, requireClassMask: UInt64, excludeClassMask: UInt64,
             patternLists: [[Int]] = [], patternLead: [Int] = [], paragraph: Bool = false, keyTexts: [String?] = []) {
            self.paragraph = paragraph
            self.patternLists = patternLists.count == patterns.count ? patternLists : patterns.map { _ in [] }
            self.patternLead = patternLead.count == patterns.count ? patternLead : patterns.map { _ in -1 }
            self.requireClassMask = requireClassMask
            self.excludeClassMask = excludeClassMask
            self.patterns = patterns
            self.terms = terms
            self.exceptions = exceptions
            self.exceptionPatterns = exceptionPatterns
            self.groupPatterns = groupPatterns
            self.wordBoundary = wordBoundary
            self.termsNeedClause = !exceptions.isEmpty || !exceptionPatterns.isEmpty || wordBoundary
            self.patternKeys = patterns.indices.map { i in
                ClauseKeys.keys(RequiredLiterals(pattern: (i < keyTexts.count ? keyTexts[i] : nil) ?? patterns[i].pattern))
            }
        }
    }

    public let ruleSet: RuleSet
    public let prefilter: LiteralPrefilter
    /// For folded text: the folded forms only (`foldedVariantId[i]`: their ids in `prefilter`).
    let foldedPrefilter: LiteralPrefilter
    let foldedVariantId: [Int32]
    /// Raw variant literal → canonical literal, and its length in bytes.
    let variantToCanonical: [Int32]
    let variantLength: [Int32]
    /// Uses of canonical literal c: useList[useStart[c] ..< useStart[c + 1]] (flat, no nested arrays).
    let useStart: [Int32]
    let useList: [Use]
    /// Per group slot: whether the group has patterns (else a keyword hit is evidence enough).
    let slotHasPatterns: [Bool]
    /// Per canonical literal: every use of it needs only its first hit in a record (markers, ad
    /// class indicators, evasion triggers, evidence groups without patterns), so later hits of it
    /// are skipped outright.
    let firstHitOnly: [Bool]
    public let canonicalLiterals: [String]
    let uses: [[Use]]
    let rules: [CompiledRule]
    /// Per rule: the ad-class masks, flat, for the per-hit `applies` test without touching the rule.
    let requireMask: [UInt64]
    let excludeMask: [UInt64]
    /// Document-scope rules: (rule index, group roles, first group slot), so the hot path never
    /// copies a Rule. Each group of a document rule has a slot in Scratch's flat arrays.
    let documentRules: [(rule: Int, roles: [String], firstSlot: Int)]
    /// Group slot of (rule, group) = groupSlotBase[rule] + group.
    let groupSlotBase: [Int]
    let groupSlotCount: Int
    /// Ad-class indicators: slot → (class, weight); one slot per indicator.
    let indicatorClass: [Int]
    let indicatorWeight: [Int]
    /// Required-content rules: (rule index, class index, first group slot, group count).
    let requiredRules: [(rule: Int, adClass: Int, firstSlot: Int, groups: Int)]
    /// Markers: one id per (suppressor, marker), for deduplication per record.
    let markerSlotBase: [Int]
    let markerSlotCount: Int
    public let normalizer: Normalizer
    /// The sentence claim model and the `model`-scope rules that report it, with their heads.
    public let claimScorer: ClaimScorer
    public let modelRules: [(rule: Int, head: Int)]
    /// Inspection (UTF-8 validity, signs of disguise) and the evasion pass for disguised records.
    public let evasion: EvasionPass
    /// genre.yaml's `institutions`, each side compiled once as one alternation (nil when empty):
    /// a pattern that does not compile refuses the pack instead of turning the check off.
    public let publicNames: Regex?
    public let privateNames: Regex?
    public let pressBylines: Regex?
    public let credentials: Regex?
    public let speakers: Regex?

    public struct CompileError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Patterns that backtrack catastrophically on a probe (`Regex.blowsUp`) or do not compile
    /// in full: `file:line: reason`, for `rules --check`. Compiles every pattern, so it is not
    /// run at load; a scan bounds each match attempt by `Regex.matchLimit` and reports the rules
    /// whose patterns reach it.
    public func patternWarnings() -> [String] {
        var out: [String] = []
        for (r, c) in zip(ruleSet.rules, rules) {
            for re in c.patterns + c.exceptionPatterns + c.groupPatterns.flatMap({ $0 }) {
                if !re.prepareNow() {
                    out.append("\(r.file):\(r.line): rule \(r.id): pattern /\(re.pattern)/ does not compile in full "
                        + "(its word lists make it larger than PCRE2 allows); it never matches")
                } else if re.blowsUp() {
                    out.append("\(r.file):\(r.line): rule \(r.id): pattern /\(re.pattern)/ backtracks catastrophically "
                        + "(a 32-character probe exceeds the match limit); clauses where it does are not searched by it")
                }
            }
        }
        return out
    }

    /// Word lists that patterns require in their clause (one trie per distinct list set).
    public let listIndexes: [LeadIndex]
    /// The same sets in one trie: a clause's entries of every set in one walk.
    public let listUnion: LeadUnion
    /// One trie per word list of the pack (the context gate names a claim's parts with them).
    public let wordListIndexes: [String: LeadIndex]

    /// Compiles a rule pack, in phases: every literal the prefilter looks for with its uses (the
    /// rules' words and patterns, context markers, ad-class indicators, the evasion pass's
    /// triggers: in that order, which numbers the canonical literals), their raw-text variants in
    /// the prefilters, then the flat tables the matcher reads per hit.
    public init(_ ruleSet: RuleSet, table: FoldTable = .shared) throws {
        self.ruleSet = ruleSet
        self.normalizer = Normalizer(table: table)
        let classIndex = Dictionary(uniqueKeysWithValues: ruleSet.adClasses.enumerated().map { ($1.id, $0) })
        guard ruleSet.adClasses.count <= 64 else {
            throw CompileError(file: ruleSet.files.first ?? "", line: 0, reason: "more than 64 ad classes")
        }

        func institutions(_ alts: [String], _ side: String) throws -> Regex? {
            guard !alts.isEmpty else { return nil }
            do { return try Regex(alts.map { "(?:\($0))" }.joined(separator: "|")) } catch {
                throw CompileError(file: ruleSet.files.first { $0.hasSuffix("genre.yaml") } ?? ruleSet.files.first ?? "", line: 0,
                                   reason: "institutions, \(side): \(error)")
            }
        }
        publicNames = try institutions(ruleSet.institutions.publicNames, "public")
        privateNames = try institutions(ruleSet.institutions.privateNames, "private")
        pressBylines = try institutions(ruleSet.institutions.pressBylines, "press")
        credentials = try institutions(ruleSet.institutions.credentials, "credential")
        speakers = try institutions(ruleSet.institutions.speakers, "speaker")

        // every literal the prefilter looks for: the rules' words, context markers, ad-class
        // indicators, the evasion pass's spellings of claim words (its triggers), in that order
        var literals = LiteralUses()
        for (ri, r) in ruleSet.rules.enumerated() { literals.addWords(of: r, index: ri) }
        for (si, s) in ruleSet.suppressors.enumerated() {
            for (mi, m) in s.markers.enumerated() {
                literals.add(m, s.scope == .document || s.scope == .feature ? .marker(suppressor: si, marker: mi) : .clauseMarker(suppressor: si, marker: mi))
            }
        }
        (indicatorClass, indicatorWeight) = Self.addIndicators(ruleSet.adClasses, to: &literals)

        // two independent halves at once: the rules' compiled form with their word-list tries
        // (and the claim scorer), and the evasion pass with its triggers (the last literals)
        // and every literal's raw-text variants in the prefilters (of all of them, and of
        // folded forms only)
        let beforeTriggers = literals
        let (ruleHalf, literalHalf) = try concurrently({
            var lists = WordListTries(ruleSet)
            let compiled = try ruleSet.rules.map { try Self.compile($0, classIndex: classIndex, lists: &lists) }
            let union = LeadUnion(lists.setNames.map { $0.flatMap { ruleSet.lexicons[$0] ?? [] } })
            return (compiled, lists.sets, union, lists.allSingle(), ClaimScorer(ruleSet.claimModel))
        }, {
            let inverse = table.inverseMap()
            let evasion = EvasionPass(ruleSet, table: table, inverse: inverse)
            var all = beforeTriggers
            for t in evasion.triggers { all.add(t, .evasionTrigger) }
            let v = Self.expand(all, inverse: inverse, table: table)
            return (v, LiteralPrefilter(literals: v.variants),
                    LiteralPrefilter(literals: v.foldedIds.map { v.variants[Int($0)] }), evasion, all)
        })
        let compiled = ruleHalf.0
        self.rules = compiled
        self.listIndexes = ruleHalf.1
        self.listUnion = ruleHalf.2
        self.wordListIndexes = ruleHalf.3
        self.claimScorer = ruleHalf.4
        let v = literalHalf.0
        self.prefilter = literalHalf.1
        self.foldedPrefilter = literalHalf.2
        self.evasion = literalHalf.3
        literals = literalHalf.4
        self.modelRules = ruleSet.rules.indices.compactMap { ri in
            guard ruleSet.rules[ri].scope == .model,
                  let h = ruleSet.claimModel.heads.firstIndex(of: ruleSet.rules[ri].meta.category.rawValue) else { return nil }
            return (ri, h)
        }
        self.foldedVariantId = v.foldedIds
        self.variantToCanonical = v.toCanonical
        self.variantLength = v.variants.map { Int32($0.count) }

        // the flat tables of the hot path
        let uses = literals.uses
        var starts: [Int32] = [0]
        for u in uses { starts.append(starts.last! + Int32(u.count)) }
        self.useStart = starts
        self.useList = uses.flatMap { $0 }
        self.canonicalLiterals = literals.canonical
        self.uses = uses
        requireMask = compiled.map(\.requireClassMask)
        excludeMask = compiled.map(\.excludeClassMask)
        let slots = Self.groupSlots(ruleSet, classIndex: classIndex)
        self.documentRules = slots.documentRules
        self.requiredRules = slots.requiredRules
        self.groupSlotBase = slots.base
        self.groupSlotCount = slots.count
        let hasPatterns = compiled.flatMap { $0.groupPatterns.map { !$0.isEmpty } }
        self.slotHasPatterns = hasPatterns
        var mbase: [Int] = []
        var mslots = 0
        for s in ruleSet.suppressors {
            mbase.append(mslots)
            mslots += s.markers.count
        }
        self.markerSlotBase = mbase
        self.markerSlotCount = mslots
        let base = slots.base
        self.firstHitOnly = uses.map { list in
            list.allSatisfy { use in
                switch use {
                case .marker, .classIndicator, .evasionTrigger: return true
                case .group(let ri, let gi): return !hasPatterns[base[ri] + gi]
                case .keyword, .term, .clauseMarker: return false
                }
            }
        }
    }

    /// The canonical (folded) literals of the pack, numbered as they are first added, and what
    /// each is used for.
    struct LiteralUses {
        var canonical: [String] = []
        var index: [String: Int] = [:]
        var uses: [[Use]] = []

        mutating func add(_ lit: String, _ use: Use) {
            if let i = index[lit] { uses[i].append(use); return }
            index[lit] = canonical.count
            canonical.append(lit)
            uses.append([use])
        }

        /// A rule's keywords and terms, and the words of its evidence groups (document and
        /// required-content rules). A second pass over the record per rule for the frequent words
        /// of later groups (咨询, 地址) cost more than their hits here (most of them skipped at
        /// once: a group without patterns needs only its first hit).
        mutating func addWords(of r: Rule, index ri: Int) {
            for k in r.keywords { add(k, .keyword(rule: ri)) }
            for (ti, t) in r.terms.enumerated() { add(t, .term(rule: ri, term: ti)) }
            for (gi, g) in r.requires.enumerated() where r.scope == .document || r.scope == .required {
                for k in g.keywords { add(k, .group(rule: ri, group: gi)) }
            }
        }
    }

    /// The word-list tries of a pack: one per list, and one per distinct set of lists that
    /// patterns begin with or require (leads and required lists share them).
    struct WordListTries {
        let ruleSet: RuleSet
        var sets: [LeadIndex] = []
        var setNames: [[String]] = []
        var setID: [String: Int] = [:]
        var single: [String: LeadIndex] = [:]

        init(_ ruleSet: RuleSet) { self.ruleSet = ruleSet }

        mutating func list(_ name: String) -> LeadIndex {
            if let l = single[name] { return l }
            let l = LeadIndex(ruleSet.lexicons[name] ?? [])
            single[name] = l
            return l
        }

        /// The index in `sets` of the trie of these lists.
        mutating func set(_ names: [String]) -> Int {
            let key = names.joined(separator: "|")
            if let id = setID[key] { return id }
            sets.append(names.count == 1 ? list(names[0]) : LeadIndex(names.flatMap { ruleSet.lexicons[$0] ?? [] }))
            setNames.append(names)
            setID[key] = sets.count - 1
            return sets.count - 1
        }

        /// A trie for every word list of the pack.
        mutating func allSingle() -> [String: LeadIndex] {
            for name in ruleSet.lexicons.keys { _ = list(name) }
            return single
        }
    }

    /// One rule's patterns, checked now and compiled on first use (PCRE2 JIT, each with the trie
    /// of the lists it begins with), with what the matcher checks before running them.
    static func compile(_ r: Rule, classIndex: [String: Int], lists: inout WordListTries) throws -> CompiledRule {
        func regex(_ p: String, lead names: [String] = [], skeleton: String? = nil, shards: PatternShards = PatternShards()) throws -> Regex {
            let re: Regex
            let lead = names.isEmpty ? nil : lists.sets[lists.set(names)]
            do { re = try Regex(p, lead: lead, skeleton: skeleton, shards: shards) } catch {
                throw CompileError(file: r.file, line: r.line, reason: "rule \(r.id): \(error)")
            }
            re.ruleID = r.id
            return re
        }
        return CompiledRule(
            patterns: try r.patterns.indices.map {
                try regex(r.patterns[$0], lead: $0 < r.patternLeads.count ? r.patternLeads[$0] : [],
                          skeleton: $0 < r.patternSkeletons.count ? r.patternSkeletons[$0] : nil,
                          shards: $0 < r.patternShards.count ? r.patternShards[$0] : PatternShards())
            },
            terms: r.terms.map { Array($0.utf8) },
            exceptions: r.exceptions.map { Array($0.utf8) },
            exceptionPatterns: try r.exceptionPatterns.map { try regex($0) },
            groupPatterns: try r.requires.map { try $0.patterns.map { try regex($0) } },
            wordBoundary: r.boundary == .word,
            requireClassMask: r.requireClass.reduce(0) { $0 | (1 << UInt64(classIndex[$1] ?? 63)) },
            excludeClassMask: r.excludeClass.reduce(0) { $0 | (1 << UInt64(classIndex[$1] ?? 63)) },
            patternLists: r.patternRequiredLists.map { $0.map { lists.set($0) } },
            patternLead: r.patterns.indices.map { $0 < r.patternLeads.count && !r.patternLeads[$0].isEmpty ? lists.set(r.patternLeads[$0]) : -1 },
            paragraph: r.window == .paragraph, keyTexts: r.patternKeyTexts)
    }

    /// Ad-class indicators in the literal table, one slot each: every term is its own indicator
    /// (distinct terms add up, repeats of one do not). Returns each slot's class and weight.
    static func addIndicators(_ classes: [AdClass], to literals: inout LiteralUses) -> (adClass: [Int], weight: [Int]) {
        var indicatorClass: [Int] = [], indicatorWeight: [Int] = []
        for (ci, c) in classes.enumerated() {
            for ind in c.indicators {
                for l in ind.literals {
                    literals.add(l, .classIndicator(slot: indicatorClass.count))
                    indicatorClass.append(ci)
                    indicatorWeight.append(ind.weight)
                }
            }
        }
        return (indicatorClass, indicatorWeight)
    }

    /// Every canonical literal expanded into the raw forms it may take in the text
    /// (`rawVariants`), with the canonical literal of each; and the ids of the folded forms alone
    /// (the evasion pass's output, folded text, can hold only those).
    static func expand(_ literals: LiteralUses, inverse: [UInt32: [UInt32]], table: FoldTable) -> (variants: [[UInt8]], toCanonical: [Int32], foldedIds: [Int32]) {
        var variants: [[UInt8]] = []
        var toCanonical: [Int32] = []
        var foldedIds: [Int32] = []
        let uses = literals.uses
        let triggerOnly = Set(uses.indices.filter { uses[$0].allSatisfy { if case .evasionTrigger = $0 { return true }; return false } })
        for (ci, lit) in literals.canonical.enumerated() {
            let folded = Array(lit.utf8)
            for v in rawVariants(of: lit, inverse: inverse, traditional: { table.traditional[$0] }, minimal: triggerOnly.contains(ci)) {
                if v == folded { foldedIds.append(Int32(variants.count)) }
                variants.append(v)
                toCanonical.append(Int32(ci))
            }
        }
        return (variants, toCanonical, foldedIds)
    }

    /// Each group of a document or required-content rule gets a slot in Scratch's flat arrays:
    /// slot of (rule, group) = base[rule] + group.
    static func groupSlots(_ ruleSet: RuleSet, classIndex: [String: Int])
        -> (base: [Int], count: Int, documentRules: [(rule: Int, roles: [String], firstSlot: Int)],
            requiredRules: [(rule: Int, adClass: Int, firstSlot: Int, groups: Int)]) {
        var base: [Int] = []
        var slots = 0
        var docs: [(rule: Int, roles: [String], firstSlot: Int)] = []
        var required: [(rule: Int, adClass: Int, firstSlot: Int, groups: Int)] = []
        for r in ruleSet.rules.indices {
            base.append(slots)
            let rule = ruleSet.rules[r]
            if rule.scope == .document {
                docs.append((r, rule.requires.map(\.role), slots))
            } else if rule.scope == .required, let c = rule.adClass, let ci = classIndex[c] {
                required.append((r, ci, slots, rule.requires.count))
            }
            slots += rule.requires.count
        }
        return (base, slots, docs, required)
    }

    /// Raw-text forms of a folded literal. Han characters: all-simplified, all-traditional (as
    /// ICU's Simplified→Traditional writes each character, e.g. 證 rather than the variant 証), and every
    /// single-character swap from either (mixed scripts usually differ in one character: 國藥准字).
    /// ASCII part: as written or full-width, times the upper/lower mixes of its letters (No.1).
    /// Trigger-only spellings (`minimal`): fewer forms. Rarer mixes are left to the evasion pass.
    static func rawVariants(of lit: String, inverse: [UInt32: [UInt32]], traditional: (UInt32) -> UInt32? = { _ in nil },
                            minimal: Bool = false) -> [[UInt8]] {
        let cps = lit.unicodeScalars.map(\.value)
        // the positions with other Han forms, ascending, and those forms (flat: tens of thousands
        // of literals at every start-up)
        var altPos: [Int] = [], altStart: [Int] = [0], altVals: [UInt32] = []
        for (i, c) in cps.enumerated() where Han.contains(c) {
            guard let inv = inverse[c] else { continue }
            for a in inv where a != c && Han.contains(a) { altVals.append(a) }
            if altVals.count > altStart[altStart.count - 1] { altPos.append(i); altStart.append(altVals.count) }
        }
        let hasASCII = cps.contains { (0x21...0x7E).contains($0) }
        // most literals: Han with no other script form and no ASCII, so one form
        if altPos.isEmpty && !hasASCII { return [Array(lit.utf8)] }
        var hanForms: [[UInt32]] = [cps]
        if !altPos.isEmpty {
            var trad = cps
            // ICU's Simplified→Traditional, character by character
            for (k, i) in altPos.enumerated() {
                if let t = traditional(cps[i]), altVals[altStart[k]..<altStart[k + 1]].contains(t) { trad[i] = t }
            }
            for (k, i) in altPos.enumerated() where trad[i] == cps[i] { trad[i] = altVals[altStart[k]] }
            hanForms.append(trad)
            let limit = minimal ? 8 : 64
            for base in [cps, trad] {
                for (k, i) in altPos.enumerated() {
                    // the simplified character, then its other forms
                    for j in (altStart[k] - 1)..<altStart[k + 1] {
                        let a = j < altStart[k] ? cps[i] : altVals[j]
                        guard a != base[i] && hanForms.count < limit else { continue }
                        var v = base
                        v[i] = a
                        hanForms.append(v)
                    }
                }
            }
            // a swap back can repeat a form: each once, first place kept
            var unique: [[UInt32]] = []
            for h in hanForms where !unique.contains(h) { unique.append(h) }
            hanForms = unique
        }
        let letterPositions = Array(cps.indices.filter { (0x61...0x7A).contains(cps[$0]) }.prefix(4))
        let allLetters = (1 << letterPositions.count) - 1
        // distinct Han forms, widths and case masks give distinct bytes: only forms that would
        // repeat are left out (no ASCII: no full-width form; no letters: one case)
        let caseMasks: [Int] = letterPositions.isEmpty ? [0] : minimal ? (allLetters == 1 ? [0, 1] : [0, allLetters, 1]) : Array(0...allLetters)
        let widths = minimal || !hasASCII ? [false] : [false, true]
        var out: [[UInt8]] = []
        out.reserveCapacity(hanForms.count * widths.count * caseMasks.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cps.count * 4)
        for h in hanForms {
            for fullwidth in widths {
                for mask in caseMasks {
                    bytes.removeAll(keepingCapacity: true)
                    for (i, c) in h.enumerated() {
                        var c = c
                        if mask != 0, let bit = letterPositions.firstIndex(of: i), mask & (1 << bit) != 0 { c -= 0x20 }
                        if fullwidth && (0x21...0x7E).contains(c) { c += 0xFEE0 }
                        // UTF-8 in place (a call per character was a seventh of this function)
                        if c < 0x80 {
                            bytes.append(UInt8(c))
                        } else if c < 0x800 {
                            bytes.append(UInt8(0xC0 | c >> 6)); bytes.append(UInt8(0x80 | c & 0x3F))
                        } else if c < 0x10000 {
                            bytes.append(UInt8(0xE0 | c >> 12)); bytes.append(UInt8(0x80 | c >> 6 & 0x3F)); bytes.append(UInt8(0x80 | c & 0x3F))
                        } else {
                            bytes.append(UInt8(0xF0 | c >> 18)); bytes.append(UInt8(0x80 | c >> 12 & 0x3F))
                            bytes.append(UInt8(0x80 | c >> 6 & 0x3F)); bytes.append(UInt8(0x80 | c & 0x3F))
                        }
                    }
                    out.append(bytes)
                }
            }
        }
        return out
    }

    /// The literal keywords the prefilter searches for (folded, one per canonical literal).
    public var keywords: [String] { canonicalLiterals }

    /// Number of raw literal variants in the prefilter.
    public var variantCount: Int { prefilter.literals.count }
}
