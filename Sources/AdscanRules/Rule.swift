import AdscanModel

/// Where a rule looks: a clause around each keyword hit, or the whole record.
public enum RuleScope: String, Sendable {
    case clause, document
    /// Absence is the finding: in a record confidently of `adClass`, none of the `requires` groups
    /// is present (e.g. a medical ad without its 医疗广告审查证明 number).
    case required
}

/// Extra check on a match's edges.
public enum Boundary: String, Sendable {
    /// No check.
    case none
    /// The match must start and end on ICU word boundaries (e.g. 有效 but not 有效期).
    case word
}

/// One part of a document-level rule: it is satisfied when one of its keywords occurs in the
/// record (and, if it has patterns, one of them matches in the clause around that keyword).
public struct RequirementGroup: Sendable {
    public var role: String
    public var keywords: [String]
    public var patterns: [String]
}

/// A rule as written in a lexicon file, after validation. Literals are stored folded
/// (NFKC + case + Traditional→Simplified) so they match normalised text.
public struct Rule: Sendable {
    public var id: String
    public var category: Category
    public var severity: Severity
    public var law: String
    public var lawText: String?
    public var message: String
    public var scope: RuleScope
    public var boundary: Boundary
    /// Literals of which at least one must be present for the patterns to run (the prefilter).
    public var keywords: [String]
    /// PCRE2 patterns, run on the folded clause around a keyword hit.
    public var patterns: [String]
    /// Literal phrases that are findings by themselves (also prefilter keywords).
    public var terms: [String]
    /// Phrases that suppress a hit they cover (e.g. 第一次 for 第一).
    public var exceptions: [String]
    /// Patterns that suppress a hit they cover.
    public var exceptionPatterns: [String]
    /// Document scope: every group must be satisfied somewhere in the record.
    public var requires: [RequirementGroup]
    /// The rule applies only to records of one of these ad classes (empty = any record) ...
    public var requireClass: [String] = []
    /// ... and never to records of these.
    public var excludeClass: [String] = []
    /// For `required` rules: the class whose ads must carry the content.
    public var adClass: String? = nil
    /// The citation to use instead of `law` when the record is an ad of this class
    /// (the same claim breaks Art. 16 in a hospital ad, Art. 17 in a cosmetics ad, Art. 18 in a health-food ad).
    public var lawByClass: [String: String] = [:]
    /// Sentences the rule must flag, and look-alikes it must not.
    public var mustFlag: [String]
    public var mustNotFlag: [String]
    /// Where the rule is defined.
    public var file: String
    public var line: Int
}

/// A context gate: text around a finding that shows it is not a claim (a regulator's notice,
/// a prohibition frame, a mandated statement).
public struct Suppressor: Sendable {
    public enum Scope: String, Sendable {
        /// Enough distinct markers anywhere in the record (enforcement notices, crackdown news).
        case document
        /// A marker earlier in the same clause (「不得含有…」「禁止宣传…」).
        case clauseBefore = "clause_before"
        /// A marker phrase that covers the match (mandated statements).
        case cover
        /// A marker later in the same clause (「使用了“国家级”等用语」: the claim is being quoted).
        case clauseAfter = "clause_after"
    }
    public var id: String
    public var scope: Scope
    public var markers: [String]
    public var minDistinct: Int
    public var description: String
}

/// An ad class (medical, drug, health food, cosmetics, ...) recognised from weighted indicator
/// phrases: a record is confidently of the class when the distinct indicators present weigh at
/// least `minScore`.
public struct AdClass: Sendable {
    public struct Indicator: Sendable {
        public var weight: Int
        public var literals: [String]
    }
    public var id: String
    public var name: String
    public var minScore: Int
    public var indicators: [Indicator]
}

/// Spellings advertisers use to slip past word filters, as data: whole-word homophones and
/// look-alikes (治玉 → 治愈), and pinyin for claim characters, so that a keyword with one character
/// written in pinyin (zhi愈, gen治, bao证) is recognised. Applied only in the evasion pass.
public struct EvasionTable: Sendable {
    /// written form (folded) → canonical claim word (folded)
    public var homophones: [(String, String)] = []
    /// claim character → its pinyin syllables (lower case, no tones)
    public var pinyin: [(Character, [String])] = []
    /// Everyday reduplicated words (谢谢, 看看): their characters are never collapsed as repeats.
    public var ordinaryReduplications: [String] = []
    public init() {}
}

/// Everything loaded from a lexicon directory.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var suppressors: [Suppressor]
    public var adClasses: [AdClass] = []
    public var evasion = EvasionTable()
    public var files: [String]

    public init(rules: [Rule], suppressors: [Suppressor], adClasses: [AdClass] = [], files: [String]) {
        self.rules = rules
        self.suppressors = suppressors
        self.adClasses = adClasses
        self.files = files
    }

    /// Every literal the prefilter uses (folded), deduplicated, in a stable order.
    public var keywords: [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ k: String) { if seen.insert(k).inserted { out.append(k) } }
        for r in rules {
            r.keywords.forEach(add)
            r.terms.forEach(add)
            for g in r.requires { g.keywords.forEach(add) }
        }
        for s in suppressors where s.scope == .document { s.markers.forEach(add) }
        for c in adClasses { for i in c.indicators { i.literals.forEach(add) } }
        return out
    }
}

/// A malformed pack: the file, the line and the reason.
public struct RuleLoadError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
