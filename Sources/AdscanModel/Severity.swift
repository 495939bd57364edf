/// How sure the tool is that a finding is a violation.
/// `error` = clear violation, `warning` = needs human review, `info` = noted, never fails a scan.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
