/// How an `Engine` judges records: limits, passes, and what is suppressed.
public struct EngineOptions: Sendable {
    /// At most this many findings per record (`--max-findings`); the rest are dropped and the
    /// record is marked truncated.
    public var maxFindings = 1000
    /// The evasion pass (separators, entities, pinyin, homophones); off only to measure its cost.
    public var evasionPass = true
    /// Overlapping claims merged into one finding. Off, each rule is judged on its own findings
    /// (the rule-example check).
    public var resolveOverlaps = true
    /// Findings an earlier run reported: dropped (`--baseline`).
    public var baseline = Baseline()
    /// Reviewed findings: kept, marked suppressed with the reviewer's reason (`--allowlist`).
    public var allowlist = Allowlist()
    /// Fingerprint a record by its explicit id alone, "" when it has none, never by its position
    /// (`--record-io`: a line's place in a partition means nothing from one run to the next).
    public var fingerprintByExplicitIDOnly = false

    public init() {}
}
