import AdscanModel

/// `source:line:column: severity category rule-id message «match»`, one line per finding.
public struct TextReporter: Reporter {
    public let options: ReportOptions

    public init(options: ReportOptions) {
        self.options = options
    }

    public func record(_ r: ScannedRecord, embeddedText: Bool, into out: inout [UInt8]) {
        for f in r.findings {
            if f.suppressedBy != nil && !options.explain { continue }
            var s = r.origin.source + ":"
            if embeddedText {
                s += "\(r.origin.line):\(f.charStart + 1): "
            } else {
                s += "\(r.origin.line + f.line - 1):\(f.column): "
            }
            s += "\(f.severity.rawValue) \(f.category.rawValue) \(f.ruleID) \(f.message) «\(f.match)»"
            if !f.via.isEmpty { s += " via " + f.via.joined(separator: "+") }
            if options.explain {
                s += "\n    law: \(f.law)"
                if let why = f.suppressedBy { s += "\n    suppressed by \(why)" }
                for e in f.evidence { s += "\n    \(e.role): «\(e.match)»" }
            }
            s += "\n"
            out.append(contentsOf: s.utf8)
        }
        if r.truncated {
            out.append(contentsOf: "\(r.origin.source):\(r.origin.line): note: more findings in this record were not reported (--max-findings)\n".utf8)
        }
    }

    public func error(_ e: RecordError, into out: inout [UInt8]) {
        // errors go to stderr in text mode; the pipeline prints them
    }

    public func summary(_ s: ScanSummary, into out: inout [UInt8]) {
        out.append(contentsOf: (s.text + "\n").utf8)
    }
}
