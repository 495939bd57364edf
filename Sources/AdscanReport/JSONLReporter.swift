import AdscanModel

/// One JSON object per flagged record (per record with `allRecords`), errors as
/// `{"type":"error"}` lines, and an optional closing `{"type":"summary"}` line.
public struct JSONLReporter: Reporter {
    public let options: ReportOptions
    /// Per rule id: its law and the members every finding of it starts with (rule, category,
    /// severity, law, message), written once here instead of escaped again for every finding.
    private let ruleMembers: [String: RuleMembers]

    /// A class: looking one up retains one reference, not every string of a RuleMeta.
    private final class RuleMembers: Sendable {
        let rule: RuleMeta
        let json: [UInt8]
        init(rule: RuleMeta, json: [UInt8]) {
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
        if !options.omitPosition {
            w.field("id", r.origin.id)
            w.field("source", r.origin.source)
            w.field("line", r.origin.line)
        } else if let id = r.origin.explicitID {
            w.field("id", id)
        } else {
            w.nullField("id")
        }
        w.field("bytes", r.byteCount)
        if let e = r.origin.encoding { w.field("encoding", e) }
        if let c = r.origin.encodingConfidence { w.field("encoding_confidence", c) }
        if r.origin.extractedFromHTML { w.field("html", true) }
        w.field("verdict", r.verdict.rawValue)
        w.beginArray("ad_class")
        for c in r.adClasses { w.stringElement(c) }
        w.endArray()
        if let g = r.genre {
            w.beginObject("genre")
            w.field("id", g.id)
            w.field("confidence", (g.confidence * 1000).rounded() / 1000)
            w.field("mention", (g.mention * 1000).rounded() / 1000)
            w.beginArray("evidence")
            for e in g.evidence { w.stringElement(e) }
            w.endArray()
            w.endObject()
        }
        w.beginArray("findings")
        var last: RuleMembers? = nil
        // each finding read in place through a pointer: passing shown[i] (or fs[i], even to a
        // borrowing parameter) copies it, a retain and a release per string it holds
        shown.withUnsafeBufferPointer { fs in
            for i in fs.indices { finding(fs.baseAddress! + i, into: &w, last: &last) }
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

    /// One finding's object. `last` is the rule of the previous finding: a record's findings are
    /// mostly of a few rules, so its members are tried before the dictionary.
    private func finding(_ p: UnsafePointer<Finding>, into w: inout JSONWriter, last: inout RuleMembers?) {
        w.beginObjectElement()
        // the same five members as below, when the finding carries its rule's own law (a
        // rule may cite another article for some ad classes)
        let m = last.flatMap { $0.rule.id == p.pointee.ruleID ? $0 : nil } ?? ruleMembers[p.pointee.ruleID]
        last = m
        if let m, m.rule.law == p.pointee.law, m.rule.category == p.pointee.category,
           m.rule.severity == p.pointee.severity, m.rule.message == p.pointee.message {
            w.rawMembers(m.json)
        } else {
            w.field(Keys.rule, p.pointee.ruleID)
            w.field(Keys.category, p.pointee.category.rawValue)
            w.field(Keys.severity, p.pointee.severity.rawValue)
            w.field(Keys.law, p.pointee.law)
            w.field(Keys.message, p.pointee.message)
        }
        // the text of the provision cited, so a decision can quote it (absent only where a rule
        // has no text for the class's provision)
        if let t = p.pointee.lawText { w.field("law_text", t) }
        w.field(Keys.match, p.pointee.match)
        w.field(Keys.start, p.pointee.start)
        w.field(Keys.end, p.pointee.end)
        w.field(Keys.char_start, p.pointee.charStart)
        w.field(Keys.char_end, p.pointee.charEnd)
        w.field(Keys.line, p.pointee.line)
        w.field(Keys.column, p.pointee.column)
        w.field(Keys.context, utf8: p.pointee.contextUTF8)
        if !p.pointee.via.isEmpty {
            w.beginArray(Keys.via)
            for v in p.pointee.via { w.stringElement(v) }
            w.endArray()
        }
        if let s = p.pointee.suppressedBy { w.field(Keys.suppressed_by, s) }
        if let s = p.pointee.downgradedBy { w.field(Keys.downgraded_by, s) }
        if !p.pointee.parts.isEmpty {
            w.beginObject("parts")
            for part in p.pointee.parts { w.field(part.role, part.text) }
            w.endObject()
        }
        if p.pointee.fingerprintValue != 0 { w.hexField(Keys.fingerprint, p.pointee.fingerprintValue) }
        if !p.pointee.evidence.isEmpty {
            w.beginArray(Keys.evidence)
            for e in p.pointee.evidence {
                w.beginObjectElement()
                w.field(Keys.role, e.role)
                w.field(Keys.match, e.match)
                w.field(Keys.start, e.start)
                w.field(Keys.end, e.end)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    public func error(_ e: RecordError, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.out, &out)
        w.beginObject()
        w.field("type", "error")
        if let id = e.id { w.field("id", id) }
        if !options.omitPosition {
            w.field("source", e.source)
            if let l = e.line { w.field("line", l) } else { w.nullField("line") }
        } else if e.id == nil, let x = e.excerpt {
            // names a record whose id could not be read, without its position
            w.field("excerpt", x)
        }
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

/// The member names of a finding, as JSON (computed: static strings, no lazy global to reach).
private enum Keys {
    static var rule: JSONWriter.Key { .init("\"rule\":") }
    static var category: JSONWriter.Key { .init("\"category\":") }
    static var severity: JSONWriter.Key { .init("\"severity\":") }
    static var law: JSONWriter.Key { .init("\"law\":") }
    static var message: JSONWriter.Key { .init("\"message\":") }
    static var match: JSONWriter.Key { .init("\"match\":") }
    static var start: JSONWriter.Key { .init("\"start\":") }
    static var end: JSONWriter.Key { .init("\"end\":") }
    static var char_start: JSONWriter.Key { .init("\"char_start\":") }
    static var char_end: JSONWriter.Key { .init("\"char_end\":") }
    static var line: JSONWriter.Key { .init("\"line\":") }
    static var column: JSONWriter.Key { .init("\"column\":") }
    static var context: JSONWriter.Key { .init("\"context\":") }
    static var via: JSONWriter.Key { .init("\"via\":") }
    static var suppressed_by: JSONWriter.Key { .init("\"suppressed_by\":") }
    static var downgraded_by: JSONWriter.Key { .init("\"downgraded_by\":") }
    static var fingerprint: JSONWriter.Key { .init("\"fingerprint\":") }
    static var evidence: JSONWriter.Key { .init("\"evidence\":") }
    static var role: JSONWriter.Key { .init("\"role\":") }
}
