/// One place in a record's ORIGINAL text that breaks (or may break) a rule.
/// Offsets: `start`/`end` are UTF-8 byte offsets, `charStart`/`charEnd` Unicode-scalar offsets,
/// `line`/`column` are 1-based (column counted in Unicode scalars).
public struct Finding: Sendable, Equatable {
    /// The rule as it applies to this record (its article, text and severity for the record's ad class).
    public var rule: RuleMeta
    public var match: String
    public var start: Int
    public var end: Int
    public var charStart: Int = 0
    public var charEnd: Int = 0
    public var line: Int = 1
    public var column: Int = 1
    /// The context snippet as UTF-8 (always valid; line breaks and tabs made spaces): kept as
    /// bytes because the JSON Lines report writes them as they are, and a String would validate
    /// them again for every finding.
    public var contextUTF8: [UInt8] = []
    public var context: String {
        get { String(decoding: contextUTF8, as: UTF8.self) }
        set { contextUTF8 = Array(newValue.utf8) }
    }
    /// Which transforms the text needed before the rule matched (e.g. "traditional", "fullwidth").
    public var via: [String] = []
    /// Set when a context gate (a regulator's notice, a prohibition frame, an exception) suppressed
    /// the finding; suppressed findings are only reported with `--explain`.
    public var suppressedBy: String? = nil
    /// Set when the rule's `error` was lowered to `warning` because the record does not read as an
    /// ad (its genre, or how much of it reads as a discussion of claims): what the reading was.
    public var downgradedBy: String? = nil
    /// For document-level rules: the other parts of the text that made the rule fire.
    public var evidence: [Evidence] = []
    /// The match folded (simplified, half-width, lower case): what the fingerprint is made of.
    public var normalizedMatch: String = ""
    /// Stable across runs (see Fingerprint); set by the pipeline, which knows the record id.
    /// Kept as the hash (0 = not set) and spelled as 16 hex digits only where it is shown.
    public var fingerprintValue: UInt64 = 0
    public var fingerprint: String { fingerprintValue == 0 ? "" : Fingerprint.hex(fingerprintValue) }
    /// What a composed claim is made of: the entry of each word list the match holds
    /// (`disease: 高血压`, `treat_verb: 调理`) and the ad class that chose the article.
    public var parts: [Part] = []

    public init(rule: RuleMeta, match: String, start: Int, end: Int) {
        self.rule = rule
        self.match = match
        self.start = start
        self.end = end
    }

    /// A finding of a rule given field by field (no law text).
    public init(ruleID: String, category: Category, severity: Severity, law: String, message: String,
                match: String, start: Int, end: Int) {
        self.init(rule: RuleMeta(id: ruleID, category: category, severity: severity, law: law, lawText: nil, message: message),
                  match: match, start: start, end: end)
    }

    // Shorthands for the members of `rule`.
    @inlinable public var ruleID: String {
        get { rule.id }
        set { rule.id = newValue }
    }
    @inlinable public var category: Category {
        get { rule.category }
        set { rule.category = newValue }
    }
    @inlinable public var severity: Severity {
        get { rule.severity }
        set { rule.severity = newValue }
    }
    @inlinable public var law: String {
        get { rule.law }
        set { rule.law = newValue }
    }
    /// The quoted article text, for --explain and the reports.
    @inlinable public var lawText: String? {
        get { rule.lawText }
        set { rule.lawText = newValue }
    }
    @inlinable public var message: String {
        get { rule.message }
        set { rule.message = newValue }
    }
}

/// A supporting span for a document-level finding (e.g. the phone number next to a news byline).
public struct Evidence: Sendable, Equatable {
    public var role: String
    public var match: String
    public var start: Int
    public var end: Int

    public init(role: String, match: String, start: Int, end: Int) {
        self.role = role
        self.match = match
        self.start = start
        self.end = end
    }
}

/// One component of a composed claim: the word list (role) and the entry the match holds.
public struct Part: Sendable, Equatable {
    public var role: String
    public var text: String

    public init(role: String, text: String) {
        self.role = role
        self.text = text
    }
}
