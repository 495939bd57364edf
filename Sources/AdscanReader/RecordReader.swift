#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AdscanModel

/// Reads standard input, files and directories into batches of records. Memory stays bounded:
/// a record longer than `maxRecordBytes` is handed on in overlapping segments (lines, doc) or
/// reported as an error and skipped (jsonl). Every input record becomes a record or an error item.
public final class RecordReader {
    public let options: ReaderOptions
    let json: JSONLine
    var batch = Batch()
    /// Receives each full batch; returns false to stop reading (e.g. the output pipe closed).
    let sink: (Batch) -> Bool
    var stopped = false
    var chunk: [UInt8]
    /// Bytes of the files handed on by path in the current batch.
    var deferredBytes = 0
    /// Messages for stderr that are not record errors (e.g. skipped directories' entries).
    public internal(set) var notices: [String] = []
    /// Inside a directory walk (or reading the files one handed on): binary files are skipped
    /// there by design, not input errors.
    var walking = 0
    /// Lines and doc records from a source in a legacy charset (stdin with --encoding or a
    /// detected one; a document too long to hold is converted as it streams): each record is
    /// converted unless it is valid UTF-8. Confidence: the detector's, when it was guessed.
    var recordCharset: String?
    var recordCharsetConfidence: Int?
    /// Segments of an over-long document: its charset and whether its text came from HTML.
    var segmentEncoding: String?
    var segmentConfidence: Int?
    var segmentHTML = false

    public init(options: ReaderOptions, sink: @escaping (Batch) -> Bool) {
        self.options = options
        self.json = JSONLine(textField: options.textField, idField: options.idField)
        self.sink = sink
        self.chunk = [UInt8](repeating: 0, count: 1 << 20)
    }

    public var isStopped: Bool { stopped }

    /// Reads standard input (default mode: lines).
    public func readStandardInput() {
        var src: any ByteSource = FDSource(fd: 0)
        let mode = options.mode ?? .lines
        // gzip on standard input is recognised by its magic bytes
        var first = [UInt8](repeating: 0, count: 1 << 16)
        let n = first.withUnsafeMutableBytes { src.read($0) }
        if n < 0 { error("-", nil, src.failure ?? "read error"); return }
        let head = Array(first[0..<max(0, n)])
        src = PrefixedSource(prefix: head, inner: src)
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B, let g = GunzipSource(inner: src) { src = g }
        switch mode {
        case .warc: readWARC(&src, source: "-")
        case .html: readDocument(&src, source: "-", html: true)
        default:
            // lines and doc: the charset as for files (--encoding, else detected on the first
            // read; valid UTF-8 wins), each record converted as it comes
            if mode != .jsonl {
                let headIsUTF8 = head.withUnsafeBufferPointer { UTF8Validity.looksLikeUTF8($0) }
                if let forced = options.encoding.map(Charset.canonical), forced != "UTF-8" {
                    recordCharset = forced
                } else if options.encoding == nil && !headIsUTF8 && !(head.first == 0x1F && head.dropFirst().first == 0x8B) {
                    let (name, conf) = Charset.detect(head)
                    if let n = name, n != "UTF-8" {
                        recordCharset = n
                        recordCharsetConfidence = conf
                        notices.append("-: charset not declared; detected as \(n) with confidence \(conf)%: lines that are not valid UTF-8 are read as \(n) (--encoding NAME to set it)")
                    }
                }
            }
            readSource(&src, source: "-", mode: mode, live: true, checkBinary: false)
            recordCharset = nil
            recordCharsetConfidence = nil
        }
    }

    /// Reads a file, or a directory recursively (sorted, symlinked directories not followed).
    public func read(path: String) {
        if path == "-" { readStandardInput(); return }
        var st = stat()
        guard stat(path, &st) == 0 else {
            error(path, nil, "cannot read: \(String(cString: strerror(errno)))")
            return
        }
        if st.st_mode & S_IFMT == S_IFDIR {
            walk(path)
        } else {
            readFile(path)
        }
    }

    /// Hands on what is left. Call once after the last input.
    public func finish() {
        flush(live: false)
    }

}
