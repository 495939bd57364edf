import AdscanModel

/// Totals of a scan, for the closing summary.
public struct ScanSummary: Sendable {
    public var records = 0
    public var recordErrors = 0
    public var bytes = 0
    public var flaggedRecords = 0
    public var findings = 0
    public var suppressedFindings = 0
    public var invalidUTF8Records = 0
    /// Findings left out because a previous run (--baseline) already reported them.
    public var baselineSuppressed = 0
    /// Errors that lost input (not `RecordError.benign`): a file, record or part of a stream
    /// that was not read in full. Any makes the exit status 2.
    public var incompleteInputs = 0
    /// Rules whose patterns stopped at the regex match limit somewhere (sorted ids).
    public var regexLimitRules: [String] = []
    /// Records decoded from a legacy charset that was guessed by the detector (no declaration).
    public var detectedEncodingRecords = 0
    /// Counts by category and severity (only those seen), kept as arrays by case: a record's
    /// findings update them once per run of equal values, and hashing an enum costs more than
    /// the update.
    public var byCategory: [Category: Int] {
        get { Self.dictionary(categoryCounts, Self.categories) }
        set { categoryCounts = Self.counts(newValue, Self.categories) }
    }
    public var bySeverity: [Severity: Int] {
        get { Self.dictionary(severityCounts, Self.severities) }
        set { severityCounts = Self.counts(newValue, Self.severities) }
    }
    private var categoryCounts = [Int](repeating: 0, count: Category.allCases.count)
    private var severityCounts = [Int](repeating: 0, count: Severity.allCases.count)
    private static let categories = Category.allCases
    private static let severities = Severity.allCases

    private static func dictionary<K: Hashable>(_ counts: [Int], _ keys: [K]) -> [K: Int] {
        var d: [K: Int] = [:]
        for (i, k) in keys.enumerated() where counts[i] > 0 { d[k] = counts[i] }
        return d
    }

    /// The position of a case in its counts (a handful of cases: a scan of them, no hashing).
    private static func index(_ c: Category) -> Int { categories.firstIndex(of: c)! }
    private static func index(_ v: Severity) -> Int { severities.firstIndex(of: v)! }

    private static func counts<K: Hashable>(_ d: [K: Int], _ keys: [K]) -> [Int] {
        keys.map { d[$0] ?? 0 }
    }
    public var elapsedSeconds = 0.0

    public init() {}

    /// Records read from the input: scanned plus reported as errors.
    public var recordsIn: Int { records + recordErrors }

    public var megabytesPerSecond: Double { elapsedSeconds > 0 ? Double(bytes) / 1e6 / elapsedSeconds : 0 }

    public mutating func add(_ r: ScannedRecord) {
        records += 1
        bytes += r.byteCount
        if !r.warnings.isEmpty && r.warnings.contains(where: { $0.hasPrefix("invalid UTF-8") }) { invalidUTF8Records += 1 }
        if r.origin.encodingConfidence != nil { detectedEncodingRecords += 1 }
        guard !r.findings.isEmpty else { return }
        var flagged = false
        // a record's findings are mostly of a few rules: the counts are updated once per
        // run of equal keys, not once per finding
        var category: Category? = nil, severity: Severity? = nil
        var categoryRun = 0, severityRun = 0
        // fields read in place: `for f in` would copy every finding (a retain per string)
        r.findings.withUnsafeBufferPointer { fs in
            for k in fs.indices {
                if fs[k].suppressedBy != nil { suppressedFindings += 1; continue }
                findings += 1
                if fs[k].category != category {
                    if let c = category { categoryCounts[Self.index(c)] += categoryRun }
                    category = fs[k].category
                    categoryRun = 0
                }
                categoryRun += 1
                if fs[k].severity != severity {
                    if let v = severity { severityCounts[Self.index(v)] += severityRun }
                    severity = fs[k].severity
                    severityRun = 0
                }
                severityRun += 1
                if fs[k].severity >= .warning { flagged = true }
            }
        }
        if let c = category { categoryCounts[Self.index(c)] += categoryRun }
        if let v = severity { severityCounts[Self.index(v)] += severityRun }
        if flagged { flaggedRecords += 1 }
    }

    public mutating func merge(_ o: ScanSummary) {
        records += o.records
        recordErrors += o.recordErrors
        bytes += o.bytes
        flaggedRecords += o.flaggedRecords
        findings += o.findings
        suppressedFindings += o.suppressedFindings
        invalidUTF8Records += o.invalidUTF8Records
        baselineSuppressed += o.baselineSuppressed
        incompleteInputs += o.incompleteInputs
        detectedEncodingRecords += o.detectedEncodingRecords
        for r in o.regexLimitRules where !regexLimitRules.contains(r) { regexLimitRules.append(r) }
        regexLimitRules.sort()
        for i in categoryCounts.indices { categoryCounts[i] += o.categoryCounts[i] }
        for i in severityCounts.indices { severityCounts[i] += o.severityCounts[i] }
    }

    /// One human line for stderr.
    public var text: String {
        let mb = Double(bytes) / 1e6
        var s = "adscan: \(records) records, \(fmt(mb)) MB in \(fmt(elapsedSeconds)) s (\(fmt(megabytesPerSecond)) MB/s); "
        s += "\(flaggedRecords) flagged, \(findings) findings"
        let sev = Severity.allCases.reversed().compactMap { k in bySeverity[k].map { "\(k.rawValue) \($0)" } }
        if !sev.isEmpty { s += " (" + sev.joined(separator: ", ") + ")" }
        if suppressedFindings > 0 { s += ", \(suppressedFindings) suppressed by context" }
        if baselineSuppressed > 0 { s += ", \(baselineSuppressed) already in the baseline" }
        s += "; \(recordErrors) errors"
        if incompleteInputs > 0 { s += " (\(incompleteInputs) inputs not read in full: exit status 2)" }
        if invalidUTF8Records > 0 { s += ", \(invalidUTF8Records) records with invalid UTF-8" }
        if detectedEncodingRecords > 0 { s += ", \(detectedEncodingRecords) records in a guessed legacy charset" }
        if !regexLimitRules.isEmpty {
            s += "; rules that hit the regex match limit (clauses not fully searched): " + regexLimitRules.joined(separator: ", ")
        }
        if !byCategory.isEmpty {
            s += "\n  by category: " + byCategory.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        }
        return s
    }

    private func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return String(r)
    }

    public func json(into w: inout JSONWriter) {
        w.beginObject()
        w.field("type", "summary")
        w.field("records_in", recordsIn)
        w.field("records", records)
        w.field("errors", recordErrors)
        w.field("bytes", bytes)
        w.field("flagged_records", flaggedRecords)
        w.field("findings", findings)
        w.field("suppressed_findings", suppressedFindings)
        w.field("invalid_utf8_records", invalidUTF8Records)
        w.field("baseline_suppressed", baselineSuppressed)
        w.field("incomplete_inputs", incompleteInputs)
        w.field("detected_encoding_records", detectedEncodingRecords)
        w.beginArray("regex_limit_rules")
        for r in regexLimitRules { w.stringElement(r) }
        w.endArray()
        w.beginObject("by_category")
        for (k, v) in byCategory.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { w.field(k.rawValue, v) }
        w.endObject()
        w.beginObject("by_severity")
        for (k, v) in bySeverity.sorted(by: { $0.key < $1.key }) { w.field(k.rawValue, v) }
        w.endObject()
        w.field("elapsed_s", elapsedSeconds)
        w.field("mb_per_s", megabytesPerSecond)
        w.endObject()
    }
}
