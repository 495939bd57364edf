/// How an input is cut into records.
public enum InputMode: String, Sendable, CaseIterable {
    /// Each line is a record (livestream transcripts, comments).
    case lines
    /// One JSON object per line; text and id come from named fields.
    case jsonl
    /// Each file (or all of standard input) is one record.
    case doc
    /// Each file is one HTML page; the record is its visible text (title and meta description first).
    case html
    /// A WARC archive; every `response` record is a scan record, identified by its target URI.
    case warc

    /// The default for a file path (a trailing .gz is looked through): .jsonl/.ndjson → jsonl,
    /// .html/.htm/.xhtml → html, .warc → warc, anything else → doc (HTML is also recognised by content).
    public static func forPath(_ path: String) -> InputMode {
        // on the UTF-8 bytes, ASCII case folded: this runs for every file of a walk, and
        // lowercasing the whole path would allocate a string per file
        var path = path
        return path.withUTF8 { p in
            var end = p.count
            if endsWith(p, end, ".gz") { end -= 3 }
            if endsWith(p, end, ".jsonl") || endsWith(p, end, ".ndjson") { return .jsonl }
            if endsWith(p, end, ".html") || endsWith(p, end, ".htm") || endsWith(p, end, ".xhtml") || endsWith(p, end, ".shtml") { return .html }
            if endsWith(p, end, ".warc") || endsWith(p, end, ".arc") { return .warc }
            return .doc
        }
    }

    /// Whether the path names a gzip file (`.gz`, any case).
    public static func isGzipName(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { endsWith($0, $0.count, ".gz") }
    }

    /// Whether p[..<end] ends with `suffix` (ASCII, lower case), ignoring ASCII case.
    private static func endsWith(_ p: UnsafeBufferPointer<UInt8>, _ end: Int, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard end >= n else { return false }
        let s = suffix.utf8Start
        for k in 0..<n {
            var b = p[end - n + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != s[k] { return false }
        }
        return true
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
    /// Directory walks: hand on small single-record files (pages) as paths for the scanning
    /// threads to read (`Batch.Item.file`), so reading scales with them; set with several threads.
    public var deferFiles = false
    /// JSONL input: hand on each line unparsed (`Batch.Item.jsonLine`) for the scanning threads
    /// to parse; set with several threads.
    public var deferJSON = false
    /// Several scanning threads: the reader only lists pages and splits JSONL lines, and each
    /// thread reads the ones it scans (`BatchReader`), so reading scales with them (`deferFiles`
    /// and `deferJSON` together).
    public var readInWorkers: Bool {
        get { deferFiles && deferJSON }
        set { deferFiles = newValue; deferJSON = newValue }
    }
    /// JSONL input (`--record-io`): a blank line is an input record too, reported as an error
    /// (by default it is skipped), so that every input line has its output line.
    public var blankLinesAreRecords = false
    /// Deferred files per batch (also cut at `batchBytes` of file sizes), and the largest file
    /// deferred.
    public var deferredBatchFiles = 64
    public var deferredMaxBytes = 4 << 20
    /// Directory walks: leave out names starting with "." (files and directories).
    public var skipHidden = false
    /// Directory walks: leave out paths whose name matches one of these shell patterns.
    public var excludes: [String] = []
    /// `--encoding`: the charset of text input that is not valid UTF-8 (lines, doc, HTML without
    /// a declaration wins over it only for WARC's HTTP header); nil: detected.
    public var encoding: String?

    public init() {}
}
