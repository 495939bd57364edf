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
    /// Messages for stderr that are not record errors (e.g. skipped directories' entries).
    public private(set) var notices: [String] = []

    public init(options: ReaderOptions, sink: @escaping (Batch) -> Bool) {
        self.options = options
        self.json = JSONLine(textField: options.textField, idField: options.idField)
        self.sink = sink
        self.chunk = [UInt8](repeating: 0, count: 1 << 20)
    }

    public var isStopped: Bool { stopped }

    /// Reads standard input (default mode: lines).
    public func readStandardInput() {
        readDescriptor(0, source: "-", mode: options.mode ?? .lines, live: true, checkBinary: false)
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
        guard let d = opendir(dir) else {
            error(dir, nil, "cannot open directory: \(String(cString: strerror(errno)))")
            return
        }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        closedir(d)
        names.sort()
        for name in names {
            guard !stopped else { return }
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else {
                error(path, nil, "cannot read: \(String(cString: strerror(errno)))")
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path)
            case S_IFREG:
                readFile(path)
            case S_IFLNK:
                // follow links to files; never to directories (no loops)
                var target = stat()
                if stat(path, &target) != 0 {
                    error(path, nil, "broken symbolic link: \(String(cString: strerror(errno)))")
                } else if target.st_mode & S_IFMT == S_IFREG {
                    readFile(path)
                }
            default:
                continue
            }
        }
    }

    private func readFile(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            error(path, nil, "cannot open: \(String(cString: strerror(errno)))")
            return
        }
        defer { close(fd) }
        let mode = options.mode ?? InputMode.forPath(path)
        var st = stat()
        if mode == .doc, fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= options.maxRecordBytes {
            readWholeFile(fd, source: path, size: Int(st.st_size))
        } else {
            readDescriptor(fd, source: path, mode: mode, live: false, checkBinary: true)
        }
    }

    /// doc mode, regular file that fits: one record, read through the chunk buffer.
    private func readWholeFile(_ fd: Int32, source: String, size: Int) {
        let start = batch.bytes.count
        batch.bytes.reserveCapacity(start + size)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                batch.bytes.removeSubrange(start...)
                error(source, nil, "read error: \(String(cString: strerror(errno)))")
                return
            }
            if n == 0 { break }
            if batch.bytes.count == start, let z = chunk.withUnsafeBytes({ firstNUL($0, min(n, 8192)) }) {
                error(source, nil, "binary file (NUL byte at offset \(z)); skipped")
                return
            }
            chunk.withUnsafeBufferPointer { batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        let origin = RecordOrigin(source: source, line: 1, wholeFile: true)
        batch.items.append(.record(Batch.RecordSlice(origin: origin, range: start..<batch.bytes.count)))
        flushIfFull()
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
        var lines = 0
        var column = 0
        var chars = 0
        var active = false
    }

    private func readDescriptor(_ fd: Int32, source: String, mode: InputMode, live: Bool, checkBinary: Bool) {
        var buf: [UInt8] = []
        var consumed = 0
        var line = 1                // input line where the pending record starts
        var seg = Segmenting()
        var discarding = false      // jsonl: skipping the rest of an oversized line
        var checkedBinary = !checkBinary
        let delimited = mode != .doc
        let maxBytes = max(options.maxRecordBytes, 2 * options.segmentOverlap + 16)

        let wholeFile = mode == .doc

        while !stopped {
            if live { flush(live: true) }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                error(source, delimited ? line : nil, "read error: \(String(cString: strerror(errno)))")
                return
            }
            if n == 0 { break }
            if !checkedBinary {
                checkedBinary = true
                if let z = chunk.withUnsafeBytes({ firstNUL($0, min(n, 8192)) }) {
                    error(source, nil, "binary file (NUL byte at offset \(z)); skipped")
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
                                error(source, line, "JSON line longer than \(options.maxRecordBytes) bytes; skipped")
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
                        error(source, line, "JSON line longer than \(options.maxRecordBytes) bytes; skipped")
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
                if seg.active || (end - consumed > maxBytes && mode != .jsonl) {
                    while end - consumed > maxBytes { cutSegment(p, &consumed, source: source, line: line, seg: &seg, wholeFile: wholeFile) }
                    emitSegment(p, consumed..<end, source: source, line: line, final: true, seg: &seg, wholeFile: wholeFile)
                } else if end - consumed > maxBytes {
                    error(source, line, "JSON line longer than \(options.maxRecordBytes) bytes; skipped")
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
        emitSegment(p, consumed..<cut, source: source, line: line, final: false, seg: &seg, wholeFile: wholeFile)
        var next = cut - options.segmentOverlap
        while next > consumed && p[next] & 0xC0 == 0x80 { next -= 1 }
        // advance the line/column/char bases over the part that is not re-read
        for i in consumed..<next where p[i] & 0xC0 != 0x80 {
            seg.chars += 1
            if p[i] == 0x0A { seg.lines += 1; seg.column = 0 } else { seg.column += 1 }
        }
        seg.offset += next - consumed
        seg.ownFrom = cut - next
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
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }  // blank line: not a record
            let start = batch.bytes.count
            do {
                let f = try json.parse(slice, into: &batch.bytes)
                if f.textNotString {
                    batch.bytes.removeSubrange(start...)
                    error(source, line, "field `\(options.textField)` is not a string")
                    return
                }
                guard let text = f.text else {
                    batch.bytes.removeSubrange(start...)
                    error(source, line, "no field `\(options.textField)` in the JSON object")
                    return
                }
                let origin = RecordOrigin(source: source, line: line, explicitID: f.id)
                batch.items.append(.record(Batch.RecordSlice(origin: origin, range: text)))
            } catch {
                batch.bytes.removeSubrange(start...)
                self.error(source, line, "malformed JSON at column \(error.column): \(error.reason)")
                return
            }
        } else {
            let start = batch.bytes.count
            batch.bytes.append(contentsOf: slice)
            let origin = RecordOrigin(source: source, line: line, wholeFile: mode == .doc)
            batch.items.append(.record(Batch.RecordSlice(origin: origin, range: start..<batch.bytes.count)))
        }
        flushIfFull()
    }

    private func emitSegment(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, source: String, line: Int, final: Bool,
                             seg: inout Segmenting, wholeFile: Bool) {
        let start = batch.bytes.count
        batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
        var s = Batch.RecordSlice(origin: RecordOrigin(source: source, line: line, wholeFile: wholeFile), range: start..<batch.bytes.count)
        s.segmentOffset = seg.offset
        s.ownFrom = seg.ownFrom
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

    private func error(_ source: String, _ line: Int?, _ message: String) {
        batch.items.append(.error(RecordError(source: source, line: line, message: message)))
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
        batch.bytes.reserveCapacity(min(options.batchBytes + 4096, 1 << 21))
        if !sink(b) { stopped = true }
    }
}
