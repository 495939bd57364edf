import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanReader
import AdscanReport
import Foundation

/// reader → (workers: normalise, match, gate, format) → ordered writer.
/// Batches are scanned in parallel and written strictly in input order. With one thread
/// everything runs inline.
final class ScanPipeline: @unchecked Sendable {
    struct Settings {
        /// Findings already reported by a previous run (fingerprints): not reported again.
        var baseline: Set<String> = []
        /// Reviewed findings: fingerprint → reason; reported only with --explain, as suppressed.
        var allowlist: [String: String] = [:]
        var threads = 1
        /// nil: never fail on findings (`--fail-on never`).
        var failOn: Severity? = .error
        var lineBuffered = false
        var errorsToStdout = false
        var embeddedText = false
        var quiet = false
        /// `--record-io`: an error that stands for one input record is reported in its place and
        /// does not make the exit status 2; a record without an id is fingerprinted without its
        /// position.
        var recordIO = false
    }

    /// What a worker hands to the writer for one batch.
    struct BatchOutput {
        var chunks: [[UInt8]] = []          // one per record with output (flushed one by one when line-buffered)
        var summary = ScanSummary()
        var failing = false
        var messages: [String] = []         // for stderr
        var segments: [(ScannedRecord, Batch.RecordSlice)] = []
        var live = false
        /// Where each rule of `summary.regexLimitRules` first hit the match limit in this batch.
        var limitWhere: [String: String] = [:]
    }

    let scanner: RecordScanner
    let reporter: any Reporter
    /// How workers read the files a walk hands on by path (Batch.Item.file).
    var readerOptions = ReaderOptions()
    let settings: Settings
    let output: Output
    private(set) var summary = ScanSummary()
    private(set) var failing = false

    private let lock = NSLock()
    private var pending: [Int: BatchOutput] = [:]
    private var nextToWrite = 0
    private var nextSeq = 0
    private var scratchPool: [Worker] = []
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "adscan.scan", attributes: .concurrent)
    private let inlineScratch = Worker()
    private var wroteRecordChunk = false
    /// Called after each batch is written (in input order), e.g. to draw progress.
    var onProgress: ((ScanSummary) -> Void)?
    /// A record split into segments, collected until its final segment.
    private var segmented: ScannedRecord?

    init(scanner: RecordScanner, reporter: any Reporter, settings: Settings, output: Output) {
        self.scanner = scanner
        self.reporter = reporter
        self.settings = settings
        self.output = output
        slots = DispatchSemaphore(value: max(1, settings.threads) * 2)
    }

    /// Takes a batch from the reader. Returns false when output can no longer be written.
    func submit(_ batch: Batch) -> Bool {
        if settings.threads <= 1 {
            let out = process(batch, inlineScratch)
            write(out)
            return !output.broken
        }
        slots.wait()
        let seq = nextSeq
        nextSeq += 1
        group.enter()
        queue.async { [self] in
            let scratch = takeScratch()
            let out = process(batch, scratch)
            lock.lock()
            scratchPool.append(scratch)
            pending[seq] = out
            while let ready = pending.removeValue(forKey: nextToWrite) {
                write(ready)
                nextToWrite += 1
            }
            lock.unlock()
            slots.signal()
            group.leave()
        }
        return !output.broken
    }

    func finish() {
        group.wait()
        output.flush()
    }

    private func takeScratch() -> Worker {
        lock.lock()
        defer { lock.unlock() }
        return scratchPool.popLast() ?? Worker()
    }

    /// What one scanning thread reuses from batch to batch: the matcher's scratch space, and a
    /// reader for the files a walk hands on by path (its 1 MB read buffer is made once).
    final class Worker {
        let scratch = Scratch()
        var reader: RecordReader?
        var read: [Batch] = []
    }

    /// Runs on a worker: scan and format every record of the batch.
    private func process(_ batch: Batch, _ scratch: Worker) -> BatchOutput {
        var out = BatchOutput()
        out.live = batch.live
        scan(batch, scratch, into: &out)
        return out
    }

    /// Reads the files a directory walk handed on by path, and parses the JSONL lines a reader
    /// handed on unparsed (on this worker), then scans the records they make.
    private func readAndScan(_ deferred: [Batch.Item], in bytes: [UInt8], _ worker: Worker, into out: inout BatchOutput) {
        if worker.reader == nil {
            var options = readerOptions
            options.deferFiles = false
            options.deferJSON = false
            worker.reader = RecordReader(options: options) { [unowned worker] in worker.read.append($0); return true }
        }
        let reader = worker.reader!
        let noticed = reader.notices.count
        reader.readDeferred(deferred, in: bytes)
        reader.finish()
        for n in reader.notices[noticed...] { out.messages.append("adscan: " + n) }
        let read = worker.read
        worker.read.removeAll()
        for b in read { scan(b, worker, into: &out) }
    }

    private func scan(_ batch: Batch, _ worker: Worker, into out: inout BatchOutput) {
        let scratch = worker.scratch
        var deferred: [Batch.Item] = []     // a run of files and lines to read, in order
        batch.bytes.withUnsafeBufferPointer { all in
            for item in batch.items {
                if item.isDeferred { deferred.append(item); continue }
                if !deferred.isEmpty {
                    readAndScan(deferred, in: batch.bytes, worker, into: &out)
                    deferred.removeAll()
                }
                switch item {
                case .file, .jsonLine:
                    break
                case .error(let e):
                    out.summary.recordErrors += 1
                    if !e.benign && !(settings.recordIO && e.perRecord) { out.summary.incompleteInputs += 1 }
                    out.messages.append("adscan: \(e.source)\(e.line.map { ":\($0)" } ?? ""): \(e.message)")
                    if settings.errorsToStdout {
                        var bytes: [UInt8] = []
                        reporter.error(e, into: &bytes)
                        out.chunks.append(bytes)
                    }
                case .record(let slice):
                    let text = UnsafeBufferPointer(rebasing: all[slice.range])
                    var res = scanner.scan(text, scratch: scratch)
                    // moved, not shared: emit writes fingerprints into the findings in place
                    var rec = ScannedRecord(origin: slice.origin, byteCount: slice.range.count, findings: [])
                    swap(&rec.findings, &res.findings)
                    rec.truncated = res.truncated
                    rec.adClasses = res.adClasses
                    rec.genre = res.genre
                    for r in res.regexLimitRules where out.limitWhere[r] == nil {
                        out.limitWhere[r] = "\(slice.origin.source):\(slice.origin.line)"
                        out.summary.regexLimitRules.append(r)
                    }
                    if let conf = slice.origin.encodingConfidence, let enc = slice.origin.encoding, slice.segmentOffset == 0 {
                        let msg = "charset not declared; detected as \(enc) with confidence \(conf)%: check the text is not garbled (--encoding NAME to set it)"
                        rec.warnings.append(msg)
                        // a stream of lines says it once (the reader's notice), a document each time
                        if slice.origin.wholeFile || slice.origin.explicitID != nil {
                            out.messages.append("adscan: \(slice.origin.source):\(slice.origin.line): \(msg)")
                        }
                    }
                    if let bad = res.invalidUTF8At {
                        let msg = "invalid UTF-8 at byte \(bad + slice.segmentOffset); invalid bytes were scanned as U+FFFD"
                        rec.warnings.append(msg)
                        out.messages.append("adscan: \(slice.origin.source):\(slice.origin.line): \(msg)")
                    }
                    if slice.segmentOffset != 0 || !slice.isFinal {
                        out.segments.append((rec, slice))
                        continue
                    }
                    if !rec.findings.isEmpty { Self.applyInlineAllow(&rec, text: text) }
                    let shown = reporter.wantsText && !rec.findings.isEmpty ? String(decoding: text, as: UTF8.self) : nil
                    emit(&rec, text: shown, into: &out)
                }
            }
        }
        if !deferred.isEmpty { readAndScan(deferred, in: batch.bytes, worker, into: &out) }
    }

    /// `adscan:allow` in a record's text suppresses its findings (`adscan:allow(AL-9-3): reason`
    /// for one rule), the way `gitleaks:allow` does for a line of code.
    static func applyInlineAllow(_ rec: inout ScannedRecord, text: UnsafeBufferPointer<UInt8>) {
        let marker = Array("adscan:allow".utf8)
        guard text.count >= marker.count, let base = text.baseAddress else { return }
        var i = 0
        while i + marker.count <= text.count {
            // memchr to each 'a', then compare (memmem is not exported by Glibc's Swift module)
            guard let hit = memchr(base + i, 0x61, text.count - i - marker.count + 1) else { return }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard text[i..<(i + marker.count)].elementsEqual(marker) else { i += 1; continue }
            var j = i + marker.count
            var rule: String? = nil
            if j < text.count && text[j] == 0x28, let close = text[j...].firstIndex(of: 0x29), close - j < 64 {
                rule = String(decoding: text[(j + 1)..<close], as: UTF8.self)
                j = close + 1
            }
            var end = j
            while end < text.count && text[end] != 0x0A && end - j < 200 { end += 1 }
            var reason = String(decoding: text[j..<end], as: UTF8.self)
            while let f = reason.first, f == ":" || f == " " || f == "：" { reason.removeFirst() }
            for k in rec.findings.indices where rec.findings[k].suppressedBy == nil && (rule == nil || rec.findings[k].ruleID == rule) {
                rec.findings[k].suppressedBy = "adscan:allow" + (reason.isEmpty ? "" : ": " + reason)
            }
            i = end
        }
    }

    /// Fingerprints, baseline and allowlist, then the report. Takes the record inout: a copy
    /// would share its findings, and the first fingerprint written would copy them all.
    private func emit(_ rec: inout ScannedRecord, text: String?, into out: inout BatchOutput) {
        if !rec.findings.isEmpty {
            Fingerprint.assign(&rec.findings, record: settings.recordIO ? rec.origin.explicitID ?? "" : rec.origin.id)
            if !settings.baseline.isEmpty {
                let before = rec.findings.count
                rec.findings.removeAll { settings.baseline.contains($0.fingerprint) }
                out.summary.baselineSuppressed += before - rec.findings.count
            }
            if !settings.allowlist.isEmpty {
                for k in rec.findings.indices where rec.findings[k].suppressedBy == nil {
                    if let reason = settings.allowlist[rec.findings[k].fingerprint] {
                        rec.findings[k].suppressedBy = "allowlist: " + reason
                    }
                }
            }
        }
        out.summary.add(rec)
        if let failOn = settings.failOn, rec.findings.contains(where: { $0.suppressedBy == nil && $0.severity >= failOn }) {
            out.failing = true
        }
        var bytes: [UInt8] = []
        reporter.record(rec, embeddedText: settings.embeddedText, text: text, into: &bytes)
        if !bytes.isEmpty { out.chunks.append(bytes) }
    }

    /// Runs in input order (under the lock when threaded).
    private func write(_ out: BatchOutput) {
        var out = out
        // merge segments of oversized records (they arrive in order)
        for (part, slice) in out.segments {
            var shifted = part.findings.filter { $0.start >= slice.ownFrom }
            for i in shifted.indices {
                if shifted[i].line == 1 { shifted[i].column += slice.columnBase }
                shifted[i].line += slice.lineBase
                shifted[i].start += slice.segmentOffset
                shifted[i].end += slice.segmentOffset
                shifted[i].charStart += slice.charBase
                shifted[i].charEnd += slice.charBase
                for j in shifted[i].evidence.indices {
                    shifted[i].evidence[j].start += slice.segmentOffset
                    shifted[i].evidence[j].end += slice.segmentOffset
                }
            }
            if segmented == nil { segmented = ScannedRecord(origin: part.origin, byteCount: 0, findings: []) }
            segmented!.findings += shifted
            segmented!.warnings += part.warnings
            segmented!.truncated = segmented!.truncated || part.truncated
            if segmented!.adClasses.isEmpty { segmented!.adClasses = part.adClasses }
            if segmented!.genre == nil { segmented!.genre = part.genre }
            if slice.isFinal {
                var rec = segmented!
                rec.byteCount = slice.recordBytes
                segmented = nil
                emit(&rec, text: nil, into: &out)
            }
        }
        for m in out.messages { printError(m) }
        for r in out.summary.regexLimitRules where !summary.regexLimitRules.contains(r) {
            printError("adscan: \(out.limitWhere[r] ?? "-"): rule \(r): a pattern hit the regex match limit; clauses where it does are not searched by it (reported once per rule)")
        }
        out.summary.regexLimitRules.sort()
        summary.merge(out.summary)
        failing = failing || out.failing
        for c in out.chunks {
            if let sep = reporter.recordSeparator, wroteRecordChunk { output.write(sep, flush: false) }
            output.write(c, flush: settings.lineBuffered)
            wroteRecordChunk = true
        }
        if out.live || settings.lineBuffered { output.flush() }
        onProgress?(summary)
    }
}
