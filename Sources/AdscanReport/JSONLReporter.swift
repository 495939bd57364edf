import AdscanModel

/// One JSON object per flagged record (per record with `allRecords`), errors as
/// `{"type":"error"}` lines, and an optional closing `{"type":"summary"}` line.
public struct JSONLReporter: Reporter {
    public let options: ReportOptions
    /// Per rule id: its law and the members every finding of it starts with (rule, category,
    /// severity, law, message), written once here instead of escaped again for every finding.
    private let ruleMembers: [String: RuleMembers]

    /// A class: looking one up retains one reference, not every string of a RuleInfo.
    private final class RuleMembers: Sendable {
        let rule: RuleInfo
        let json: [UInt8]
        init(rule: RuleInfo, json: [UInt8]) {
            self.rule = rule
            self.json = json
        }
    }

    public init(options: ReportOptions) {
        self.options = options
        var members: [String: RuleMembers] = [:]
        for r in options.rules {
            members[r.id] = RuleMembers(rule: r, json: JSONWriter.members([("rule", r.id), ("category", r.category.rawValue),
                                                                           ("severity", r.severity.rawValue), ("law", r.law),
                                                                           ("message", r.message)]))
        }
        ruleMembers = members
    }

    public func record(_ r: ScannedRecord, embeddedText: Bool, text: String?, into out: inout [UInt8]) {
        // the findings to show (the record's own array when that is all of them: no copy)
        let shown = options.explain || !r.findings.contains(where: { $0.suppressedBy != nil })
            ? r.findings : r.findings.filter { $0.suppressedBy == nil }
        if shown.isEmpty && !options.allRecords { return }
        var w = JSONWriter()
        swap(&w.out, &out)
        w.out.reserveCapacity(w.out.count + 512 + shown.count * 768)
        w.beginObject()
        w.field("type", "record")
        w.field("id", r.origin.id)
        w.field("source", r.origin.source)
        w.field("line", r.origin.line)
        w.field("bytes", r.byteCount)
        if let e = r.origin.encoding { w.field("encoding", e) }
        if r.origin.extractedFromHTML { w.field("html", true) }
        w.field("verdict", r.verdict.rawValue)
        w.beginArray("ad_class")
        for c in r.adClasses { w.stringElement(c) }
        w.endArray()
        w.beginArray("findings")
        for f in shown {
            w.beginObjectElement()
            // the same five members as below, when the finding carries its rule's own law (a
            // rule may cite another article for some ad classes)
            if let m = ruleMembers[f.ruleID], m.rule.law == f.law, m.rule.category == f.category,
               m.rule.severity == f.severity, m.rule.message == f.message {
                w.rawMembers(m.json)
            } else {
                w.field("rule", f.ruleID)
                w.field("category", f.category.rawValue)
                w.field("severity", f.severity.rawValue)
                w.field("law", f.law)
                w.field("message", f.message)
            }
            w.field("match", f.match)
            w.field("start", f.start)
            w.field("end", f.end)
            w.field("char_start", f.charStart)
            w.field("char_end", f.charEnd)
            w.field("line", f.line)
            w.field("column", f.column)
            w.field("context", f.context)
            if !f.via.isEmpty {
                w.beginArray("via")
                for v in f.via { w.stringElement(v) }
                w.endArray()
            }
            if let s = f.suppressedBy { w.field("suppressed_by", s) }
            if f.fingerprintValue != 0 { w.hexField("fingerprint", f.fingerprintValue) }
            if !f.evidence.isEmpty {
                w.beginArray("evidence")
                for e in f.evidence {
                    w.beginObjectElement()
                    w.field("role", e.role)
                    w.field("match", e.match)
                    w.field("start", e.start)
                    w.field("end", e.end)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        if r.truncated { w.field("truncated", true) }
        if !r.warnings.isEmpty {
            w.beginArray("warnings")
            for m in r.warnings { w.stringElement(m) }
            w.endArray()
        }
        w.endObject()
        w.out.append(0x0A)
        swap(&w.out, &out)
    }

    public func error(_ e: RecordError, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.out, &out)
        w.beginObject()
        w.field("type", "error")
        w.field("source", e.source)
        if let l = e.line { w.field("line", l) } else { w.nullField("line") }
        w.field("message", e.message)
        w.endObject()
        w.out.append(0x0A)
        swap(&w.out, &out)
    }

    /// The closing `{"type":"summary"}` line (written only with --summary).
    public func summaryLine(_ s: ScanSummary, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.out, &out)
        s.json(into: &w)
        w.out.append(0x0A)
        swap(&w.out, &out)
    }
}
