import AdscanModel

/// Output formats. A reporter turns records into bytes; it knows nothing of how they were found.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, jsonl, csv, sarif, html
}

public struct ReportOptions: Sendable {
    /// Also emit records without findings (jsonl).
    public var allRecords = false
    /// Show suppressed findings, with the reason, and the law text.
    public var explain = false
    /// ANSI colours in text output.
    public var color = false
    /// CSV: start with a UTF-8 byte-order mark (Excel).
    public var bom = false
    /// `--record-io` (jsonl): record and error lines leave out `source` and `line`, which depend on
    /// where the record sat in its input (a Spark partition's lines are not the file's); a record
    /// without an id field has `"id": null` instead of `source:line`.
    public var omitPosition = false
    /// The loaded rules' metadata (SARIF rule list, HTML legend).
    public var rules: [RuleMeta] = []
    public var toolVersion = "0.3.0"

    public init() {}
}

/// Streams a report: `begin` once, `record`/`error` per input record (possibly on worker
/// threads, so a reporter holds no mutable state), `finish` once with the totals.
public protocol Reporter: Sendable {
    /// Inserted by the writer between two non-empty record chunks (SARIF's comma), or nil.
    var recordSeparator: [UInt8]? { get }
    /// Whether `record` needs the record's text (HTML shows it).
    var wantsText: Bool { get }
    func begin(into out: inout [UInt8])
    func record(_ r: ScannedRecord, embeddedText: Bool, text: String?, into out: inout [UInt8])
    func error(_ e: RecordError, into out: inout [UInt8])
    func finish(_ s: ScanSummary, into out: inout [UInt8])
}

extension Reporter {
    public var recordSeparator: [UInt8]? { nil }
    public var wantsText: Bool { false }
    public func begin(into out: inout [UInt8]) {}
    public func error(_ e: RecordError, into out: inout [UInt8]) {}
    public func finish(_ s: ScanSummary, into out: inout [UInt8]) {}
}

public func makeReporter(_ format: OutputFormat, options: ReportOptions) -> any Reporter {
    switch format {
    case .text: return TextReporter(options: options)
    case .jsonl: return JSONLReporter(options: options)
    case .csv: return CSVReporter(options: options)
    case .sarif: return SARIFReporter(options: options)
    case .html: return HTMLReporter(options: options)
    }
}
