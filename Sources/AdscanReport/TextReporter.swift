import AdscanModel

/// `source:line:column: severity category rule-id message «match»`, one line per finding.
public struct TextReporter: Reporter {
    public let options: ReportOptions

    public init(options: ReportOptions) {
        self.options = options
    }

    private func paint(_ s: String, _ code: String) -> String {
        options.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    private func severityColor(_ s: Severity) -> String {
        switch s {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .info: return "1;34"
        }
    }

    public func record(_ r: ScannedRecord, embeddedText: Bool, text: String?, into out: inout [UInt8]) {
        for f in r.findings {
            if f.suppressedBy != nil && !options.explain { continue }
            var s = r.origin.source + ":"
            if embeddedText {
                s += "\(r.origin.line):\(f.charStart + 1): "
            } else {
                s += "\(r.origin.line + f.line - 1):\(f.column): "
            }
            s = paint(s, "2")
            s += paint(f.severity.rawValue, severityColor(f.severity)) + " \(f.category.rawValue) " + paint(f.ruleID, "1")
            s += " \(f.message) «" + paint(f.match, "4") + "»"
            if !f.via.isEmpty { s += " via " + f.via.joined(separator: "+") }
            if options.explain {
                s += "\n    law: \(f.law)"
                if let t = f.lawText { s += "\n    text: \(t)" }
                if let why = f.suppressedBy {
                    s += "\n    suppressed by " + paint(why, "2")
                } else {
                    s += "\n    not suppressed: no context gate (notice, prohibition, quotation, mandated statement) applies"
                }
                if let why = f.downgradedBy { s += "\n    \(f.severity == .info ? "lowered to info" : "error lowered to warning"): " + why }
                if !f.fingerprint.isEmpty { s += "\n    fingerprint: \(f.fingerprint)" }
                for e in f.evidence { s += "\n    \(e.role): «\(e.match)»" }
                if !f.parts.isEmpty { s += "\n    parts: " + f.parts.map { "\($0.role)=\($0.text)" }.joined(separator: ", ") }
            }
            s += "\n"
            out.append(contentsOf: s.utf8)
        }
        if r.truncated {
            out.append(contentsOf: "\(r.origin.source):\(r.origin.line): note: more findings in this record were not reported (--max-findings)\n".utf8)
        }
    }

    // errors go to stderr in text mode (the pipeline prints them); the summary too
}
