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
    private let json: JSONLine
    private var batch = Batch()
    /// Receives each full batch; returns false to stop reading (e.g. the output pipe closed).
    private let sink: (Batch) -> Bool
    private var stopped = false
    private var chunk: [UInt8]
    /// Bytes of the files handed on by path in the current batch.
    private var deferredBytes = 0
    /// Messages for stderr that are not record errors (e.g. skipped directories' entries).
    public private(set) var notices: [String] = []
    /// Inside a directory walk (or reading the files one handed on): binary files are skipped
    /// there by design, not input errors.
    private var walking = 0
    /// Lines and doc records from a source in a legacy charset (stdin with --encoding or a
    /// detected one; a document too long to hold is converted as it streams): each record is
    /// converted unless it is valid UTF-8. Confidence: the detector's, when it was guessed.
    private var recordCharset: String?
    private var recordCharsetConfidence: Int?
    /// Segments of an over-long document: its charset and whether its text came from HTML.
    private var segmentEncoding: String?
    private var segmentConfidence: Int?
    private var segmentHTML = false

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

    // MARK: - directories

    private func walk(_ dir: String) {
        guard !stopped else { return }
        walking += 1
        defer { walking -= 1 }
        guard let d = opendir(dir) else {
            error(dir, nil, "cannot open directory: \(String(cString: strerror(errno)))")
            return
        }
        var names: [(name: String, type: UInt8)] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append((name, e.pointee.d_type))
        }
        // kept open: its files are opened relative to it (one path component for the kernel to
        // resolve per file, not the whole path)
        defer { closedir(d) }
        let dfd = dirfd(d)
        names.sort { $0.name < $1.name }
        for (name, type) in names {
            guard !stopped else { return }
            if options.skipHidden && name.hasPrefix(".") { continue }
            if options.excludes.contains(where: { fnmatch($0, name, 0) == 0 }) { continue }
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            // a regular file read here needs no lstat: readFile's fstat has its size (the
            // directory entry's type says what it is, where the file system fills it in)
            if type == UInt8(DT_REG) && !options.deferFiles {
                readFile(path, in: dfd, name: name)
                continue
            }
            var st = stat()
            guard lstat(path, &st) == 0 else {
                error(path, nil, "cannot read: \(String(cString: strerror(errno)))")
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path)
            case S_IFREG:
                walkedFile(path, size: Int(st.st_size))
            case S_IFLNK:
                // follow links to files; never to directories (no loops)
                var target = stat()
                if stat(path, &target) != 0 {
                    error(path, nil, "broken symbolic link: \(String(cString: strerror(errno)))")
                } else if target.st_mode & S_IFMT == S_IFREG {
                    walkedFile(path, size: Int(target.st_size))
                }
            default:
                continue
            }
        }
    }

    /// A regular file met in a directory walk: read now, or, when it is one small page and files
    /// are deferred, handed on by path.
    private func walkedFile(_ path: String, size: Int) {
        let mode = options.mode ?? InputMode.forPath(path)
        guard options.deferFiles, mode == .doc || mode == .html, size <= options.deferredMaxBytes,
              !InputMode.isGzipName(path) else {
            readFile(path)
            return
        }
        batch.items.append(.file(path))
        // a worker holds a batch's files in memory at once: bound their bytes as well as their number
        deferredBytes += size
        if batch.items.count >= options.deferredBatchFiles || deferredBytes >= options.batchBytes { flush(live: false) }
    }

    /// Reads the files and parses the JSONL lines another reader handed on (`Batch.Item.file`,
    /// `.jsonLine`, the lines' bytes in `bytes`), in order, into this reader's batches; other
    /// items are not deferred work and are ignored.
    public func readDeferred(_ items: [Batch.Item], in bytes: [UInt8] = []) {
        walking += 1
        defer { walking -= 1 }
        bytes.withUnsafeBufferPointer { all in
            for item in items where !stopped {
                switch item {
                case .file(let path):
                    readFile(path)
                case .jsonLine(let source, let line, let range):
                    jsonRecord(UnsafeBufferPointer(rebasing: all[range]), source: source, line: line)
                case .record, .error:
                    continue
                }
            }
        }
    }

    /// Reads the file at `path`; when `name` is given, opens it relative to the directory `dir`.
    private func readFile(_ path: String, in dir: Int32 = AT_FDCWD, name: String? = nil) {
        let fd = name.map { openat(dir, $0, O_RDONLY) } ?? open(path, O_RDONLY)
        guard fd >= 0 else {
            error(path, nil, "cannot open: \(String(cString: strerror(errno)))")
            return
        }
        defer { close(fd) }
        let mode = options.mode ?? InputMode.forPath(path)
        let gzName = InputMode.isGzipName(path)
        var st = stat()
        if !gzName, mode == .doc, fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= options.maxRecordBytes {
            // gzip is recognised by its magic bytes once the file is read (no pread per page)
            if readWholeFile(fd, source: path, size: Int(st.st_size)) { return }
            lseek(fd, 0, SEEK_SET)
        }
        var magic = [UInt8](repeating: 0, count: 2)
        let gz = gzName || (pread(fd, &magic, 2, 0) == 2 && magic == [0x1F, 0x8B])
        var src: any ByteSource = FDSource(fd: fd)
        if gz {
            guard let g = GunzipSource(inner: src) else { error(path, nil, "cannot start gzip decoding"); return }
            src = g
        }
        switch mode {
        case .warc: readWARC(&src, source: path)
        case .html, .doc: readDocument(&src, source: path, html: mode == .html)
        default:
            readSource(&src, source: path, mode: mode, live: false, checkBinary: true)
        }
    }

    /// A whole document (doc or HTML) from a source: one record when it fits in
    /// `maxRecordBytes`, else streamed in overlapping segments like a long line (charset from its
    /// head, HTML text extracted piece by piece), offsets relative to the whole record.
    private func readDocument(_ src: inout any ByteSource, source: String, html: Bool) {
        var out: [UInt8] = []
        while true {
            let n = chunk.withUnsafeMutableBytes { src.read($0) }
            if n < 0 {
                if out.isEmpty { error(source, nil, src.failure ?? "read error"); return }
                error(source, nil, (src.failure ?? "read error") + "; scanning the \(out.count) bytes read before it")
                break
            }
            if n == 0 { break }
            if out.isEmpty, let z = chunk.withUnsafeBytes({ firstNUL($0, min(n, 8192)) }) {
                binarySkipped(source, z)
                return
            }
            out.append(contentsOf: chunk[0..<n])
            if out.count > options.maxRecordBytes {
                // too long to hold: stream it through the segmenter from what was read so far
                let (charset, confidence) = streamCharset(out, declared: nil)
                let isHTML = html || HTMLText.looksLikeHTML(Array(out.prefix(4096)))
                var stream: any ByteSource = PrefixedSource(prefix: out, inner: src)
                out = []
                if let cs = charset { stream = ConvertingSource(inner: stream, charset: cs) }
                if isHTML { stream = HTMLTextSource(inner: stream) }
                segmentEncoding = charset
                segmentConfidence = confidence
                segmentHTML = isHTML
                readSource(&stream, source: source, mode: .doc, live: false, checkBinary: false, forceSegments: true)
                segmentEncoding = nil
                segmentConfidence = nil
                segmentHTML = false
                return
            }
        }
        document(out, source: source, declaredCharset: nil, html: html, id: nil, line: 1)
    }

    /// The charset of a document too long to hold, from its head: nil for UTF-8.
    private func streamCharset(_ head: [UInt8], declared: String?) -> (String?, Int?) {
        let sample = Array(head.prefix(1 << 20))
        if let f = options.encoding.map(Charset.canonical) {
            return sample.withUnsafeBufferPointer({ UTF8Validity.isValid($0) }) || f == "UTF-8" ? (nil, nil) : (f, nil)
        }
        if sample.withUnsafeBufferPointer({ UTF8Validity.looksLikeUTF8($0) }) { return (nil, nil) }
        if let d = (declared ?? Charset.metaCharset(sample)).map(Charset.canonical) { return d == "UTF-8" ? (nil, nil) : (d, nil) }
        let (name, conf) = Charset.detect(sample)
        let cs = name ?? "GB18030"
        return cs == "UTF-8" ? (nil, nil) : (cs, name == nil ? nil : conf)
    }

    private func binarySkipped(_ source: String, _ offset: Int) {
        error(source, nil, "binary file (NUL byte at offset \(offset)); skipped", benign: walking > 0)
    }

    /// One document record: charset → UTF-8, HTML → visible text.
    private func document(_ raw: [UInt8], source: String, declaredCharset: String?, html: Bool, id: String?, line: Int) {
        let (utf8, encoding, confidence) = Charset.toUTF8(raw, declared: declaredCharset, forced: options.encoding)
        var text = utf8
        var extracted = false
        if html || HTMLText.looksLikeHTML(utf8) {
            if let t = HTMLText.extract(utf8) { text = t; extracted = true }
            else { error(source, line, "HTML could not be parsed; scanning it as text", benign: true) }
        }
        let start = batch.bytes.count
        batch.bytes.append(contentsOf: text)
        var origin = RecordOrigin(source: source, line: line, explicitID: id, wholeFile: id == nil)
        origin.encoding = encoding
        origin.encodingConfidence = confidence
        origin.extractedFromHTML = extracted
        batch.items.append(.record(Batch.RecordSlice(origin: origin, range: start..<batch.bytes.count)))
        flushIfFull()
    }

    /// Every `response` record of a WARC archive.
    private func readWARC(_ src: inout any ByteSource, source: String) {
        var warc = WARCStream(source: src, maxBytes: options.maxRecordBytes)
        while !stopped, let event = warc.next() {
            switch event {
            case .error(let line, let message):
                error(source, line, message)
            case .response(let r):
                let type = r.contentType.lowercased()
                let declared = Charset.metaCharset(Array(type.utf8))
                if type.contains("html") || (type.isEmpty && HTMLText.looksLikeHTML(r.body)) {
                    document(r.body, source: source, declaredCharset: declared, html: true, id: r.uri, line: r.line)
                } else if type.hasPrefix("text/") || type.contains("json") || type.contains("xml") {
                    document(r.body, source: source, declaredCharset: declared, html: false, id: r.uri, line: r.line)
                } else {
                    error(source, r.line, "WARC response \(r.uri) is \(type.isEmpty ? "untyped" : type), not text; not scanned", benign: true)
                }
            }
        }
        if let f = warc.failure { error(source, nil, f) }
    }

    /// doc mode, regular file that fits: one record, read straight into the batch. Returns false,
    /// having consumed nothing, when the file turns out to be gzip (the caller decodes it).
    private func readWholeFile(_ fd: Int32, source: String, size: Int) -> Bool {
        let start = batch.bytes.count
        // geometric growth: reserving exactly start + size would copy the batch for every file
        if start + size + 1 > batch.bytes.capacity { batch.bytes.reserveCapacity(max(start + size + 1, 2 * batch.bytes.capacity)) }
        /// The first bytes read: gzip (false: the caller decodes it) or binary (reported), else nil.
        func refuse(_ head: UnsafeBufferPointer<UInt8>) -> Bool? {
            if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { return false }
            if let z = firstNUL(UnsafeRawBufferPointer(head), min(head.count, 8192)) {
                binarySkipped(source, z)
                return true
            }
            return nil
        }
        /// A failed read: what was read of the file is dropped and the error reported.
        func failed() -> Bool {
            batch.bytes.removeSubrange(start...)
            error(source, nil, "read error: \(String(cString: strerror(errno)))")
            return true
        }
        var got = 0
        if size > 0 {
            // straight into the batch (no copy through `chunk`): room for one byte more than the
            // size the file reported, so a read that stops short of it is known to be the end
            // (placeholder bytes from `chunk`, copied at memcpy speed: append(contentsOf:
            // repeatElement(0, …)) writes byte by byte; the read overwrites them, the rest is cut)
            var room = size + 1
            while room > 0 {
                let k = min(room, chunk.count)
                batch.bytes.append(contentsOf: chunk[0..<k])
                room -= k
            }
            while got <= size {
                let n = batch.bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + start + got, size + 1 - got) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return failed()
                }
                if n == 0 { break }
                if got == 0, let verdict = batch.bytes.withUnsafeBufferPointer({ refuse(UnsafeBufferPointer(rebasing: $0[start..<(start + n)])) }) {
                    batch.bytes.removeSubrange(start...)
                    return verdict
                }
                got += n
                if got == size { break }      // a short read that brings the file to its size is its end
            }
            batch.bytes.removeSubrange((start + got)...)
        }
        // a file that reports no size (procfs and the like) is read until read returns 0, and
        // one that grew since it was measured is read on to its end
        while size == 0 || got > size {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return failed()
            }
            if n == 0 { break }
            if batch.bytes.count == start, let verdict = chunk.withUnsafeBufferPointer({ refuse(UnsafeBufferPointer(rebasing: $0[0..<n])) }) {
                return verdict
            }
            chunk.withUnsafeBufferPointer { batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        // not UTF-8 (a GBK page), or HTML: hand it to the document path
        // check the head in place: no copy per document
        let needsDocumentPath = batch.bytes.withUnsafeBufferPointer { all -> Bool in
            let head = UnsafeBufferPointer(rebasing: all[start..<min(all.count, start + 4096)])
            if options.encoding != nil && !UTF8Validity.isValid(UnsafeBufferPointer(rebasing: all[start...])) { return true }
            return !UTF8Validity.looksLikeUTF8(head) || HTMLText.looksLikeHTML(head)
        }
        if needsDocumentPath {
            let raw = Array(batch.bytes[start...])
            batch.bytes.removeSubrange(start...)
            document(raw, source: source, declaredCharset: nil, html: false, id: nil, line: 1)
            return true
        }
        let origin = RecordOrigin(source: source, line: 1, wholeFile: true)
        batch.items.append(.record(Batch.RecordSlice(origin: origin, range: start..<batch.bytes.count)))
        flushIfFull()
        return true
    }

    private func firstNUL(_ p: UnsafeRawBufferPointer, _ n: Int) -> Int? {
        guard let base = p.baseAddress, let hit = memchr(base, 0, n) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    // MARK: - records

    /// State of the record being assembled when it grows past maxRecordBytes.
    private struct Segmenting {
        var offset = 0      // bytes of the record already handed on (minus overlap)
        var ownFrom = 0
        var ownTo: Int? = nil
        var lines = 0
        var column = 0
        var chars = 0
        var active = false
    }

    private func readSource(_ src: inout any ByteSource, source: String, mode: InputMode, live: Bool, checkBinary: Bool,
                            forceSegments: Bool = false) {
        var buf: [UInt8] = []
        var consumed = 0
        var line = 1                // input line where the pending record starts
        var seg = Segmenting()
        var discarding = false      // jsonl: skipping the rest of an oversized line
        var checkedBinary = !checkBinary
        let delimited = mode == .lines || mode == .jsonl
        let maxBytes = max(options.maxRecordBytes, 2 * options.segmentOverlap + 16)

        let wholeFile = mode == .doc

        while !stopped {
            if live { flush(live: true) }
            let n = chunk.withUnsafeMutableBytes { src.read($0) }
            if n < 0 {
                error(source, delimited ? line : nil, src.failure ?? "read error")
                break
            }
            if n == 0 { break }
            if !checkedBinary {
                checkedBinary = true
                if let z = chunk.withUnsafeBytes({ firstNUL($0, min(n, 8192)) }) {
                    binarySkipped(source, z)
                    return
                }
            }
            buf.append(contentsOf: chunk[0..<n])

            if delimited {
                buf.withUnsafeBufferPointer { p in
                    while let nl = memchrIndex(p, from: consumed, 0x0A) {
                        if discarding {
                            discarding = false
                        } else {
                            var end = nl
                            if end > consumed && p[end - 1] == 0x0D { end -= 1 }
                            if end - consumed > maxBytes && mode == .jsonl {
                                overLong(p, consumed, source: source, line: line)
                            } else if seg.active || end - consumed > maxBytes {
                                // cut what is left of a long line into segments, then its final one
                                while end - consumed > maxBytes { cutSegment(p, &consumed, source: source, line: line, seg: &seg, wholeFile: wholeFile) }
                                emitSegment(p, consumed..<end, source: source, line: line, final: true, seg: &seg, wholeFile: wholeFile)
                            } else {
                                record(p, consumed..<end, mode: mode, source: source, line: line)
                            }
                        }
                        consumed = nl + 1
                        line += 1
                        seg = Segmenting()
                    }
                }
            }
            // a pending record (no delimiter yet) that has grown too long
            while buf.count - consumed > maxBytes && !stopped {
                if mode == .jsonl {
                    if !discarding {
                        buf.withUnsafeBufferPointer { overLong($0, consumed, source: source, line: line) }
                        discarding = true
                    }
                    consumed = buf.count
                    break
                }
                buf.withUnsafeBufferPointer { p in
                    cutSegment(p, &consumed, source: source, line: line, seg: &seg, wholeFile: wholeFile)
                }
            }
            if consumed > 0 && (consumed >= buf.count || consumed > (1 << 20)) {
                buf.removeSubrange(0..<consumed)
                consumed = 0
            }
        }
        guard !stopped else { return }
        // the last record (no trailing newline), or the whole document
        if discarding { return }
        let rest = buf.count - consumed
        if rest > 0 || mode == .doc {
            buf.withUnsafeBufferPointer { p in
                var end = buf.count
                if delimited && end > consumed && p[end - 1] == 0x0D { end -= 1 }
                if seg.active || forceSegments || (end - consumed > maxBytes && mode != .jsonl) {
                    while end - consumed > maxBytes { cutSegment(p, &consumed, source: source, line: line, seg: &seg, wholeFile: wholeFile) }
                    emitSegment(p, consumed..<end, source: source, line: line, final: true, seg: &seg, wholeFile: wholeFile)
                } else if end - consumed > maxBytes {
                    overLong(p, consumed, source: source, line: line)
                } else {
                    record(p, consumed..<end, mode: mode, source: source, line: line)
                }
            }
        }
    }

    /// Hands on the next segment of an over-long record starting at `consumed` and advances
    /// `consumed` to the start of the next one (which re-reads `segmentOverlap` bytes).
    private func cutSegment(_ p: UnsafeBufferPointer<UInt8>, _ consumed: inout Int, source: String, line: Int,
                            seg: inout Segmenting, wholeFile: Bool) {
        let maxBytes = max(options.maxRecordBytes, 2 * options.segmentOverlap + 16)
        var cut = consumed + maxBytes - options.segmentOverlap
        while cut > consumed && p[cut] & 0xC0 == 0x80 { cut -= 1 }
        // ownership changes hands in the middle of the overlap: a claim that starts before it is
        // whole in this segment, one that starts after it whole in the next (a claim that crossed
        // the cut was cut short here and dropped there)
        var mid = cut - options.segmentOverlap / 2
        while mid > consumed && p[mid] & 0xC0 == 0x80 { mid -= 1 }
        seg.ownTo = mid - consumed
        emitSegment(p, consumed..<cut, source: source, line: line, final: false, seg: &seg, wholeFile: wholeFile)
        seg.ownTo = nil
        var next = cut - options.segmentOverlap
        while next > consumed && p[next] & 0xC0 == 0x80 { next -= 1 }
        // advance the line/column/char bases over the part that is not re-read
        for i in consumed..<next where p[i] & 0xC0 != 0x80 {
            seg.chars += 1
            if p[i] == 0x0A { seg.lines += 1; seg.column = 0 } else { seg.column += 1 }
        }
        seg.offset += next - consumed
        seg.ownFrom = mid - next
        consumed = next
    }

    private func memchrIndex(_ p: UnsafeBufferPointer<UInt8>, from: Int, _ byte: UInt8) -> Int? {
        guard from < p.count, let base = p.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), p.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private func record(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, mode: InputMode, source: String, line: Int) {
        let slice = UnsafeBufferPointer(rebasing: p[r])
        if mode == .jsonl {
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {    // blank line: not a record
                if options.blankLinesAreRecords {
                    var e = RecordError(source: source, line: line, message: "blank line (not a JSON object)")
                    e.perRecord = true
                    e.excerpt = Self.excerpt(slice)
                    batch.items.append(.error(e))
                    flushIfFull()
                }
                return
            }
            if options.deferJSON {
                let start = batch.bytes.count
                batch.bytes.append(contentsOf: slice)
                batch.items.append(.jsonLine(source: source, line: line, range: start..<batch.bytes.count))
            } else {
                jsonRecord(slice, source: source, line: line)
                return
            }
        } else {
            let start = batch.bytes.count
            var origin = RecordOrigin(source: source, line: line, wholeFile: mode == .doc)
            if let cs = recordCharset, !UTF8Validity.isValid(slice), let converted = Charset.convert(Array(slice), from: cs) {
                batch.bytes.append(contentsOf: converted)
                origin.encoding = cs
                origin.encodingConfidence = recordCharsetConfidence
            } else {
                batch.bytes.append(contentsOf: slice)
            }
            batch.items.append(.record(Batch.RecordSlice(origin: origin, range: start..<batch.bytes.count)))
        }
        flushIfFull()
    }

    /// One JSONL line parsed into a record (its text field, escapes decoded) or an error.
    private func jsonRecord(_ slice: UnsafeBufferPointer<UInt8>, source: String, line: Int) {
        let start = batch.bytes.count
        do {
            let f = try json.parse(slice, into: &batch.bytes)
            if f.textNotString {
                batch.bytes.removeSubrange(start...)
                lineError(slice, source: source, line: line, id: f.id, "field `\(options.textField)` is not a string")
                return
            }
            guard let text = f.text else {
                batch.bytes.removeSubrange(start...)
                lineError(slice, source: source, line: line, id: f.id, "no field `\(options.textField)` in the JSON object")
                return
            }
            let origin = RecordOrigin(source: source, line: line, explicitID: f.id)
            batch.items.append(.record(Batch.RecordSlice(origin: origin, range: text)))
            flushIfFull()
        } catch {
            batch.bytes.removeSubrange(start...)
            lineError(slice, source: source, line: line, id: error.id, "malformed JSON at column \(error.column): \(error.reason)")
        }
    }

    /// An error that stands for one JSONL line: it carries the record's id when the JSON held
    /// one, and the start of the line, so that it names the record without its position.
    private func lineError(_ slice: UnsafeBufferPointer<UInt8>, source: String, line: Int, id: String?, _ message: String) {
        var e = RecordError(source: source, line: line, message: message)
        e.perRecord = true
        e.id = id
        e.excerpt = Self.excerpt(slice)
        batch.items.append(.error(e))
        flushIfFull()
    }

    /// A JSONL line over --max-record-bytes, starting at p[from].
    private func overLong(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, source: String, line: Int) {
        lineError(UnsafeBufferPointer(rebasing: p[from..<min(p.count, from + 4096)]), source: source, line: line, id: nil,
                  "JSON line longer than \(options.maxRecordBytes) bytes; skipped")
    }

    /// The first 80 characters of a line (invalid UTF-8 as U+FFFD), for error lines.
    static func excerpt(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        var end = min(slice.count, 320)
        while end < slice.count && end > 0 && slice[end] & 0xC0 == 0x80 { end -= 1 }
        let s = String(decoding: UnsafeBufferPointer(rebasing: slice[0..<end]), as: UTF8.self)
        return s.unicodeScalars.count > 80 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(80))) : s
    }

    private func emitSegment(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, source: String, line: Int, final: Bool,
                             seg: inout Segmenting, wholeFile: Bool) {
        let start = batch.bytes.count
        batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
        var origin = RecordOrigin(source: source, line: line, wholeFile: wholeFile)
        origin.encoding = segmentEncoding
        origin.encodingConfidence = segmentConfidence
        origin.extractedFromHTML = segmentHTML
        var s = Batch.RecordSlice(origin: origin, range: start..<batch.bytes.count)
        s.segmentOffset = seg.offset
        s.ownFrom = seg.ownFrom
        s.ownTo = seg.ownTo
        s.lineBase = seg.lines
        s.columnBase = seg.column
        s.charBase = seg.chars
        s.isFinal = final
        s.recordBytes = seg.offset + r.count
        if !seg.active {
            seg.active = true
            notices.append("\(source):\(line): record longer than \(options.maxRecordBytes) bytes; scanning it in segments")
        }
        batch.items.append(.record(s))
        flush(live: false)
    }

    private func error(_ source: String, _ line: Int?, _ message: String, benign: Bool = false) {
        batch.items.append(.error(RecordError(source: source, line: line, message: message, benign: benign)))
        flushIfFull()
    }

    private func flushIfFull() {
        if batch.bytes.count >= options.batchBytes || batch.items.count >= options.batchRecords { flush(live: false) }
    }

    private func flush(live: Bool) {
        guard !batch.items.isEmpty, !stopped else { return }
        var b = batch
        b.live = live
        batch = Batch()
        deferredBytes = 0
        // twice the batch size: the file that crosses `batchBytes` then fits without the batch
        // being copied to a bigger buffer (pages not yet written take no memory)
        batch.bytes.reserveCapacity(min(2 * options.batchBytes, 1 << 22))
        if !sink(b) { stopped = true }
    }
}

/// Bytes already read (a sniffed header) served before the rest of a source.
struct PrefixedSource: ByteSource {
    var prefix: [UInt8]
    var at = 0
    var inner: any ByteSource
    var failure: String? { inner.failure }

    init(prefix: [UInt8], inner: any ByteSource) {
        self.prefix = prefix
        self.inner = inner
    }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        if at < prefix.count {
            let n = min(buf.count, prefix.count - at)
            prefix.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + at, byteCount: n) }
            at += n
            if at == prefix.count { prefix = []; at = 0 }
            return n
        }
        return inner.read(buf)
    }
}

/// Text in a legacy charset converted to UTF-8 as it streams (a document too long to hold).
/// Each piece is cut after its last byte below 0x30 (space, line break, ASCII punctuation),
/// which is never part of a multi-byte character in GB18030, Big5, Shift_JIS or EUC, so no
/// character is split between pieces.
struct ConvertingSource: ByteSource {
    var inner: any ByteSource
    let charset: String
    private var raw: [UInt8] = []
    private var ready: [UInt8] = []
    private var readyAt = 0
    private var ended = false
    private var failed = false
    var failure: String? { inner.failure }

    init(inner: any ByteSource, charset: String) {
        self.inner = inner
        self.charset = charset
    }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        while readyAt == ready.count {
            if ended { return failed ? -1 : 0 }
            var piece = [UInt8](repeating: 0, count: 1 << 20)
            let n = piece.withUnsafeMutableBytes { inner.read($0) }
            if n <= 0 {
                ended = true
                failed = n < 0
                if !raw.isEmpty { ready = Charset.convert(raw, from: charset) ?? raw; raw = [] } else { ready = [] }
            } else {
                raw += piece[0..<n]
                var cut = raw.count
                while cut > 0 && raw[cut - 1] >= 0x30 { cut -= 1 }
                if cut == 0 && raw.count < 4 << 20 { continue }     // no safe cut yet: read on
                if cut == 0 { cut = raw.count }
                ready = Charset.convert(Array(raw[..<cut]), from: charset) ?? Array(raw[..<cut])
                raw.removeSubrange(..<cut)
            }
            readyAt = 0
        }
        let k = min(buf.count, ready.count - readyAt)
        ready.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + readyAt, byteCount: k) }
        readyAt += k
        return k
    }
}

/// The visible text of an HTML page too long to hold, extracted piece by piece: each piece of
/// about 1 MiB is cut before its last `<` (so no tag is split) and extracted on its own.
struct HTMLTextSource: ByteSource {
    var inner: any ByteSource
    private var raw: [UInt8] = []
    private var ready: [UInt8] = []
    private var readyAt = 0
    private var ended = false
    private var failed = false
    var failure: String? { inner.failure }

    init(inner: any ByteSource) { self.inner = inner }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        while readyAt == ready.count {
            if ended { return failed ? -1 : 0 }
            var piece = [UInt8](repeating: 0, count: 1 << 20)
            let n = piece.withUnsafeMutableBytes { inner.read($0) }
            var html: [UInt8]
            if n <= 0 {
                ended = true
                failed = n < 0
                html = raw
                raw = []
            } else {
                raw += piece[0..<n]
                guard let lt = raw.lastIndex(of: 0x3C), lt > 0 else {
                    if raw.count < 4 << 20 { continue }
                    html = raw; raw = []
                    ready = HTMLText.extract(html) ?? html
                    readyAt = 0
                    continue
                }
                html = Array(raw[..<lt])
                raw.removeSubrange(..<lt)
            }
            ready = html.isEmpty ? [] : (HTMLText.extract(html) ?? html)
            if !ready.isEmpty && ready.last != 0x0A { ready.append(0x0A) }
            readyAt = 0
        }
        let k = min(buf.count, ready.count - readyAt)
        ready.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + readyAt, byteCount: k) }
        readyAt += k
        return k
    }
}
