/// What a report says about a rule: its id, category, severity, the article it cites with that
/// article's text, and its message - not how it matches. One type for every layer: a rule holds
/// its own (`Rule.meta`), reporters get the loaded rules' (`ReportOptions.rules`), and a finding
/// holds the one that applies to its record (`Finding.rule`: a rule may cite another article or
/// carry another severity for some ad classes).
public struct RuleMeta: Sendable, Equatable {
    public var id: String
    public var category: Category
    public var severity: Severity
    /// The article cited.
    public var law: String
    /// The cited article's own text (nil where the pack has none).
    public var lawText: String?
    public var message: String

    public init(id: String, category: Category, severity: Severity, law: String, lawText: String?, message: String) {
        self.id = id
        self.category = category
        self.severity = severity
        self.law = law
        self.lawText = lawText
        self.message = message
    }
}
