#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AdscanModel

/// Records from a byte source: line, JSONL and document splitting, over-long records cut into
/// overlapping segments, batches handed to the sink.
extension RecordReader {
    /// State of the record being assembled when it grows past maxRecordBytes.
    struct Segmenting {
        var offset = 0      // bytes of the record already handed on (minus overlap)
        var ownFrom = 0
        var ownTo: Int? = nil
        var lines = 0
        var column = 0
        var chars = 0
        var active = false
    }

    func readSource(_ src: inout any ByteSource, source: String, mode: InputMode, live: Bool, checkBinary: Bool,
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
    func cutSegment(_ p: UnsafeBufferPointer<UInt8>, _ consumed: inout Int, source: String, line: Int,
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

    func memchrIndex(_ p: UnsafeBufferPointer<UInt8>, from: Int, _ byte: UInt8) -> Int? {
        guard from < p.count, let base = p.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), p.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    func record(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, mode: InputMode, source: String, line: Int) {
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
    func jsonRecord(_ slice: UnsafeBufferPointer<UInt8>, source: String, line: Int) {
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
    func lineError(_ slice: UnsafeBufferPointer<UInt8>, source: String, line: Int, id: String?, _ message: String) {
        var e = RecordError(source: source, line: line, message: message)
        e.perRecord = true
        e.id = id
        e.excerpt = Self.excerpt(slice)
        batch.items.append(.error(e))
        flushIfFull()
    }

    /// A JSONL line over --max-record-bytes, starting at p[from].
    func overLong(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, source: String, line: Int) {
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

    func emitSegment(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, source: String, line: Int, final: Bool,
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

    func error(_ source: String, _ line: Int?, _ message: String, benign: Bool = false) {
        batch.items.append(.error(RecordError(source: source, line: line, message: message, benign: benign)))
        flushIfFull()
    }

    func flushIfFull() {
        if batch.bytes.count >= options.batchBytes || batch.items.count >= options.batchRecords { flush(live: false) }
    }

    func flush(live: Bool) {
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
