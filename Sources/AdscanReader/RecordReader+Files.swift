#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AdscanModel

/// One file: opening, gzip and binary sniffing, whole documents (HTML, charsets), WARC.
extension RecordReader {
    /// Reads the file at `path`; when `name` is given, opens it relative to the directory `dir`.
    func readFile(_ path: String, in dir: Int32 = AT_FDCWD, name: String? = nil) {
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
    func readDocument(_ src: inout any ByteSource, source: String, html: Bool) {
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
    func streamCharset(_ head: [UInt8], declared: String?) -> (String?, Int?) {
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

    func binarySkipped(_ source: String, _ offset: Int) {
        error(source, nil, "binary file (NUL byte at offset \(offset)); skipped", benign: walking > 0)
    }

    /// One document record: charset → UTF-8, HTML → visible text.
    func document(_ raw: [UInt8], source: String, declaredCharset: String?, html: Bool, id: String?, line: Int) {
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
    func readWARC(_ src: inout any ByteSource, source: String) {
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
    func readWholeFile(_ fd: Int32, source: String, size: Int) -> Bool {
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

    func firstNUL(_ p: UnsafeRawBufferPointer, _ n: Int) -> Int? {
        guard let base = p.baseAddress, let hit = memchr(base, 0, n) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }
}
