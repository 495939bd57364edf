import AdscanModel

/// Output formats. A reporter turns records into bytes; it knows nothing of how they were found.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, jsonl
}

public struct ReportOptions: Sendable {
    /// Also emit records without findings (jsonl).
    public var allRecords = false
    /// Show suppressed findings, with the reason.
    public var explain = false
    /// JSONL records from `--input jsonl` carry their text in a field; text output then gives the
    /// column as a character offset into that field.
    public init() {}
}

public protocol Reporter: Sendable {
    func record(_ r: ScannedRecord, embeddedText: Bool, into out: inout [UInt8])
    func error(_ e: RecordError, into out: inout [UInt8])
    func summary(_ s: ScanSummary, into out: inout [UInt8])
}

public func makeReporter(_ format: OutputFormat, options: ReportOptions) -> any Reporter {
    switch format {
    case .text: return TextReporter(options: options)
    case .jsonl: return JSONLReporter(options: options)
    }
}
