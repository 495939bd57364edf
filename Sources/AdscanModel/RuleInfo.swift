/// What a report needs to know about a rule (its id, law and message) — not how it matches.
public struct RuleInfo: Sendable, Equatable {
    public var id: String
    public var category: Category
    public var severity: Severity
    public var law: String
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
