import AdscanModel

/// Where a rule looks: a clause around each keyword hit, or the whole record.
public enum RuleScope: String, Sendable {
    case clause, document
    /// Absence is the finding: in a record confidently of `adClass`, none of the `requires` groups
    /// is present (e.g. a medical ad without its 医疗广告审查证明 number).
    case required
    /// The record's genre is the finding: a page confidently of `genre` (an advertorial) is a
    /// disguised ad, with the entity it promotes and its claims as evidence.
    case genre
    /// The rule's matches are cues, never findings themselves: a claim found by another rule (a
    /// finding of one of `derivesFrom`, with an entry of one of `nearLists` around it) within
    /// `reach` of a cue is also this rule's finding. A product type decides the category and the
    /// article (a cure promise for a tea is Art. 17, not Art. 16); a named patient a few
    /// sentences before a recovery makes it a testimonial.
    case cue
    /// The sentence claim model (lexicons/models/claims.tsv) scores each sentence of a record the
    /// genre model does not read as discussing claims; a sentence over the threshold of this
    /// rule's category head (or of the ANY head, with this category its best) is the finding,
    /// where no rule of the category already found something in it.
    case model
}

/// The text a rule's patterns see around a keyword hit.
public enum Window: String, Sendable {
    /// The clause: up to the nearest 。！？； or line break (a claim is said in one sentence).
    case clause
    /// The paragraph: up to the nearest 。 or line break, over ！？； (a question and its answer,
    /// 「单眼皮=没精神?面试官第一眼就把你刷了」, or a cry and its reason are one thought in ad copy).
    case paragraph
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
    /// What reports say about the rule (id, category, severity, law, law text, message).
    public var meta: RuleMeta
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
    /// The severity for an ad of this class instead of `severity` (the same treat-a-disease frame
    /// is a service description in a hospital ad and a violation in a tea ad): class modifies,
    /// it does not gate.
    public var severityByClass: [String: Severity] = [:]
    /// The severity where no class applies and the record is one short line: a slogan, a quoted
    /// claim, a livestream line. A bare health function (养胃, 净化血液) in an article is as likely
    /// advice; alone, it is a product's claim (private set rc14: 14 such violations, no clean record).
    public var sloganSeverity: Severity? = nil
    /// A page-form rule (a ranking of providers) whose findings a news or science reading of the
    /// page does not suppress when the page names a private provider: an advertorial is written
    /// to read as news, so for these rules the reading is no evidence against them.
    public var outlivesGenre: Bool = false
    /// The cited provision's own text for each class in `lawByClass`.
    public var lawTextByClass: [String: String] = [:]
    /// Provision ids (lexicons/provisions.yaml) the citation comes from: the default and per class.
    public var provision: String? = nil
    public var provisionByClass: [String: String] = [:]
    /// Rules of one family report one finding per span: where two overlap, the more severe
    /// (then the longer) stays, so a bare frame and its guaranteed form do not both report.
    public var family: String? = nil
    /// The word lists the rule's patterns compose (`{{disease}}` …), reported as the finding's
    /// parts: which entry of each list the match holds.
    public var partRoles: [String] = []
    /// Per pattern: the word lists every match of it begins with (see `Lexicon.leadingLists`),
    /// by name; empty where the pattern does not begin with a list.
    public var patternLeads: [[String]] = []
    /// Per pattern: sets of word lists of which the clause must hold an entry each (see
    /// `Lexicon.requiredLists`), as list names; lists of fewer than 48 entries are left to PCRE2.
    public var patternRequiredLists: [[[String]]] = []
    /// Per pattern: the pattern with each word list written as a one-word stand-in, which the
    /// compiler checks at load instead of the full pattern (compiled on first use); nil where the
    /// pattern names no list.
    public var patternSkeletons: [String?] = []
    /// Per pattern: the pattern as the required-literal analysis reads it (`RequiredLiterals`,
    /// in the matcher), with each list of more than `Lexicon.flatListLimit` entries written as a
    /// short opaque group: such a list is a trie the analysis cannot read anyway, and reading
    /// hundreds of kilobytes of it cost a twentieth of start-up. Nil: the pattern as expanded.
    public var patternKeyTexts: [String?] = []
    /// Per pattern: the same pattern written several times, each with one slice of its largest
    /// word list, for a pattern whose lists make it larger than PCRE2 compiles (a 64 KB code
    /// limit); the matcher runs the slices where the whole does not compile. Empty for most;
    /// written on first use.
    public var patternShards: [PatternShards] = []
    /// The ad class the rule's own words establish (an exam guarantee makes an education ad, an
    /// 医广 number a medical one): it decides the citation and severity whatever else the record
    /// looks like.
    public var impliesClass: String? = nil
    /// For `genre` rules: the genre, and the probability from which it is reported.
    public var genre: String? = nil
    public var minConfidence: Double = 0.6
    /// For `genre` rules: a lower probability from which the genre is reported when the record
    /// also carries an active claim and one of `formFeatures` (the form a disguise takes: a news
    /// lead, a patient's story, a science piece): a short advertorial rarely reaches
    /// `minConfidence`, and a direct ad page, its nearest look-alike, has no such form.
    public var weakConfidence: Double? = nil
    public var formFeatures: [String] = []
    /// For `genre` rules: from `weakConfidence`, this many active claims report the genre without
    /// one of `formFeatures` (a page the model reads as an advertorial, however unsure, that
    /// makes claim after claim is one whatever its form).
    public var weakClaims: Int? = nil
    /// For `genre` rules: genres an advertorial passes as (health science, 广告法第十九条): a page
    /// read as one of them that also carries an active claim is reported too.
    public var hostGenres: [String] = []
    /// For `cue` rules: the categories of the claims a cue turns into this rule's finding, the
    /// word lists one of whose entries must be around such a claim, and how far (bytes before the
    /// claim's start, after its end) a cue reaches.
    public var derivesFrom: [Category] = []
    public var nearLists: [String] = []
    public var reach: (before: Int, after: Int) = (600, 300)
    /// The text the patterns see around a keyword hit.
    public var window: Window = .clause
    /// Sentences the rule must flag, and look-alikes it must not.
    public var mustFlag: [String]
    public var mustNotFlag: [String]
    /// Where the rule is defined.
    public var file: String
    public var line: Int

    // Shorthands for the members of `meta`.
    @inlinable public var id: String {
        get { meta.id }
        set { meta.id = newValue }
    }
    @inlinable public var category: Category {
        get { meta.category }
        set { meta.category = newValue }
    }
    @inlinable public var severity: Severity {
        get { meta.severity }
        set { meta.severity = newValue }
    }
    @inlinable public var law: String {
        get { meta.law }
        set { meta.law = newValue }
    }
    @inlinable public var lawText: String? {
        get { meta.lawText }
        set { meta.lawText = newValue }
    }
    @inlinable public var message: String {
        get { meta.message }
        set { meta.message = newValue }
    }
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
        /// A negation or denial shortly before the match in the same comma-delimited clause
        /// (「目前还没有能够彻底治愈…的药物」); its scope ends at the clause's comma.
        case negation
        /// A reporting or mention cue anywhere in the sentence of a match that stands inside
        /// quotation marks (「当事人在广告中宣称“三天见效”」): a quoted claim in an ad is still a claim.
        case mention
        /// A marker after the claim in its sentence or the next one that names what came before as
        /// talk under discussion (「…一个枕头就能让颈椎病痊愈……直播间充斥着类似的销售话术」): a
        /// retelling, quoted or not. Only words a seller does not use of its own copy belong here.
        case following
        /// Not a gate: a genre feature (its distinct markers are counted for the genre model).
        case feature
        /// A marker in the lead-in of a colon earlier in the claim's paragraph: the claim is an item
        /// of an enumeration the lead-in bans or lists (「不得含有下列情形：（一）…（二）保证治愈…」,
        /// 「绝对化用语：最 第一 唯一…」).
        case enumeration
        /// The claim's sentence is a question: it ends with one of the markers (吗, 么 …) right
        /// before ? or ？ (「某某茶能降压,能代替药吗?」 asks, it does not claim).
        case question
        /// A reporting verb earlier in the claim's sentence (「负责人介绍，该产品…排名第一」), in a
        /// record the genre model reads as partly discussion (mentions ≥ 0.4): reported speech in
        /// news; an advertorial's 「张主任介绍，…」 keeps its claims (its mention mass is low).
        case reported
        /// The seller named in the third person with a verb of telling earlier in the claim's
        /// sentence (「他们被店方告知，只要坚持…就可以远离疾病」「推销员称…」): what a seller told the
        /// people a report is about. Whatever the genre: an ad does not speak of itself this way.
        case told
    }
    public var id: String
    public var scope: Scope
    public var markers: [String]
    public var minDistinct: Int
    public var description: String
    /// For a negation: words whose negation is a promise, not a denial (「没有副作用」「不复发」):
    /// a negation right before one of them does not suppress the claim.
    public var promises: [String] = []
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

/// A provision adscan cites: its citation, its exact text and the ad classes it applies to
/// (`any` for a general provision).
public struct Provision: Sendable {
    public var id: String
    public var law: String
    public var text: String
    public var classes: [String]
    /// The pieces of the statute the text is made of: (law file, verbatim quote), in order.
    public var sources: [(file: String, quote: String)] = []
    public var file: String
    public var line: Int

    public func applies(to adClass: String) -> Bool { classes.contains("any") || classes.contains(adClass) }
}

/// The document-genre model, as data: a linear score per genre over the genre features (the
/// number of distinct markers of each `feature` context entry, capped), fit offline by
/// `tools/fit_genre.py`. Claims in a record confidently of a `suppress` genre (a penalty notice,
/// a regulation, news) are mentions, not claims.
public struct GenreModel: Sendable {
    public struct Genre: Sendable {
        public var id: String
        public var bias: Double
        /// feature id → weight (features: `feature` context entries plus the built-ins `length`,
        /// `claims`).
        public var weights: [String: Double]
    }
    public var genres: [Genre] = []
    public var cap: Int = 3
    public var suppress: [String] = []
    public var minConfidence: Double = 0.6
    /// The genres whose records keep a rule's `error` (empty: every genre); elsewhere it is a
    /// `warning`: a claim in a comment, a science piece or a tip is for review, not a verdict.
    public var errorsIn: [String] = []
    /// Above this share of the mention genres an `error` is lowered too (1: never).
    public var errorMaxMention: Double = 1
    /// Under this confidence in its genre an `error` is lowered too (0: never): a record the
    /// model barely reads as an ad (a one-line comment, a tip) is not one the tool is sure of.
    public var errorMinConfidence: Double = 0
    /// The genres that report claims rather than make them (news, notices, regulations, research):
    /// in a record read as one of them, with at least `reportMinMention` of the model's probability
    /// on the mention genres, a rule's `warning` is lowered to `info` (empty: never). Real ad copy,
    /// quoted or whole, is not read as one of these; a hospital's news of an operation is.
    public var reportGenres: [String] = []
    public var reportMinMention: Double = 1
    public init() {}
}

/// Institution names as regular-expression alternatives (run on folded text): public hospitals and
/// health bodies, and private-style providers. A page naming public ones only is their news.
public struct Institutions: Sendable {
    public var publicNames: [String] = []
    public var privateNames: [String] = []
    /// News outlets' bylines (来源：环球网, 人民日报健康客户端记者): a page under one is reported journalism.
    public var pressBylines: [String] = []
    /// Genres whose pages are read as knowledge when they promote no one (`knowledge_genres`): a
    /// science piece or a doctor's answer that names no provider, has none of `promotion_features`
    /// (a contact or call to action, 我院, a provider's praise) and is at least `knowledge_min_bytes`
    /// long explains what it says; its claims are not copy.
    public var knowledgeGenres: [String] = []
    public var promotionFeatures: [String] = []
    public var knowledgeMinBytes: Int = 0
    /// The rules whose findings such a page may carry and still be knowledge (`knowledge_rules`:
    /// what a substance or habit does). A page with any other active finding (a guarantee, a
    /// superlative, 我院's cure) is read as usual.
    public var knowledgeRules: [String] = []
    /// A doctor's former or retired post at a public hospital (原某市人民医院内分泌科主任): an
    /// advertorial's credential, so a page naming one is not public bodies' own news.
    public var credentials: [String] = []
    /// The institution word of a provider named as the employer of the doctor who gives the page's
    /// advice (某某医院肛肠科主任指出: 医院 matched, the doctor and the verb a lookahead; the name is
    /// read back from the word): a private provider's doctor as the voice of health advice is the
    /// form of the paid health column.
    public var speakers: [String] = []
    /// Genre features (`feature` context entries) whose markers make a page that names public
    /// bodies only read as news about them (记者, 近日, 院务公开): its claims are reported, not copy.
    public var newsFeatures: [String] = []
    /// The shortest such page, in bytes: a slogan naming a public hospital is not news about it.
    public var newsMinBytes = 0
    public init() {}
}

/// Everything loaded from a lexicon directory.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var suppressors: [Suppressor]
    public var adClasses: [AdClass] = []
    public var evasion = EvasionTable()
    /// Named word lists (folded) that patterns compose as `{{name}}`.
    public var lexicons: [String: [String]] = [:]
    public var provisions: [Provision] = []
    /// Named pattern pieces (folded) that patterns use as `{{name}}`, like word lists.
    public var snippets: [String: String] = [:]
    public var genre = GenreModel()
    public var institutions = Institutions()
    /// The sentence claim model read by `model`-scope rules (empty without lexicons/models/claims.tsv).
    public var claimModel = ClaimModel()
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
        for s in suppressors where s.scope == .document || s.scope == .feature { s.markers.forEach(add) }
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
