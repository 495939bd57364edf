/// How an input is cut into records.
public enum InputMode: String, Sendable, CaseIterable {
    /// Each line is a record (livestream transcripts, comments).
    case lines
    /// One JSON object per line; text and id come from named fields.
    case jsonl
    /// Each file (or all of standard input) is one record.
    case doc

    /// The default for a file path: .jsonl/.ndjson → jsonl, anything else → doc.
    public static func forPath(_ path: String) -> InputMode {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonl : .doc
    }
}

public struct ReaderOptions: Sendable {
    /// nil = by file name (see InputMode.forPath); standard input defaults to lines.
    public var mode: InputMode?
    public var textField = "text"
    public var idField = "id"
    /// Records longer than this are scanned in overlapping segments (lines, doc) or rejected (jsonl),
    /// so memory stays bounded whatever the input.
    public var maxRecordBytes = 64 << 20
    /// Bytes shared by consecutive segments of an oversized record.
    public var segmentOverlap = 4096
    /// Batches are handed on when they reach this many bytes or records.
    public var batchBytes = 1 << 20
    public var batchRecords = 1024

    public init() {}
}
