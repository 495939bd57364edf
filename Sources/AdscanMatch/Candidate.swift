/// A rule match before context gating: where in the ORIGINAL text, and in which clause.
public struct Candidate: Sendable, Equatable {
    /// Index into the RuleSet's rules.
    public var rule: Int
    /// Original byte range of the match.
    public var start: Int
    public var end: Int
    /// Original byte range of the clause the match was found in.
    public var clause: Range<Int>
    /// Transforms the original text needed to match (traditional, fullwidth, case, ...).
    public var via: [String]
    /// Document rules: the supporting spans, with their group roles.
    public var evidence: [(role: String, range: Range<Int>)]

    public static func == (a: Candidate, b: Candidate) -> Bool {
        a.rule == b.rule && a.start == b.start && a.end == b.end && a.clause == b.clause && a.via == b.via
            && a.evidence.map(\.role) == b.evidence.map(\.role) && a.evidence.map(\.range) == b.evidence.map(\.range)
    }
}

/// A document-level context marker found by the prefilter.
public struct MarkerHit: Sendable, Equatable {
    public var suppressor: Int
    public var marker: Int
    public var start: Int
    public var end: Int
}

/// What the matcher found in one record.
public struct MatchResult: Sendable {
    public var candidates: [Candidate] = []
    public var markers: [MarkerHit] = []
    /// Every hit of a clause-level context marker (prohibition frames, quoted claims, mandated
    /// statements), in text order: the context gate reads those inside a candidate's clause.
    public var clauseMarkers: [MarkerHit] = []
    /// Ad classes the record confidently belongs to (indices into the RuleSet's adClasses),
    /// strongest first.
    public var adClasses: [Int] = []
    /// A homophone or pinyin spelling of a claim word was seen: run the evasion pass.
    public var evasionTriggered = false
    public init() {}
}
