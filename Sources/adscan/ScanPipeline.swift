import AdscanContext
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
        var threads = 1
        var failOn: Severity = .error
        var lineBuffered = false
        var errorsToStdout = false
        var embeddedText = false
        var quiet = false
    }

    /// What a worker hands to the writer for one batch.
    struct BatchOutput {
        var chunks: [[UInt8]] = []          // one per record with output (flushed one by one when line-buffered)
        var summary = ScanSummary()
        var failing = false
        var messages: [String] = []         // for stderr
        var segments: [(ScannedRecord, Batch.RecordSlice)] = []
        var live = false
    }

    let scanner: RecordScanner
    let reporter: any Reporter
    let settings: Settings
    let output: Output
    private(set) var summary = ScanSummary()
    private(set) var failing = false

    private let lock = NSLock()
    private var pending: [Int: BatchOutput] = [:]
    private var nextToWrite = 0
    private var nextSeq = 0
    private var scratchPool: [Scratch] = []
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "adscan.scan", attributes: .concurrent)
    private let inlineScratch = Scratch()
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

    private func takeScratch() -> Scratch {
        lock.lock()
        defer { lock.unlock() }
        return scratchPool.popLast() ?? Scratch()
    }

    /// Runs on a worker: scan and format every record of the batch.
    private func process(_ batch: Batch, _ scratch: Scratch) -> BatchOutput {
        var out = BatchOutput()
        out.live = batch.live
        batch.bytes.withUnsafeBufferPointer { all in
            for item in batch.items {
                switch item {
                case .error(let e):
                    out.summary.recordErrors += 1
                    out.messages.append("adscan: \(e.source)\(e.line.map { ":\($0)" } ?? ""): \(e.message)")
                    if settings.errorsToStdout {
                        var bytes: [UInt8] = []
                        reporter.error(e, into: &bytes)
                        out.chunks.append(bytes)
                    }
                case .record(let slice):
                    let text = UnsafeBufferPointer(rebasing: all[slice.range])
                    let res = scanner.scan(text, scratch: scratch)
                    var rec = ScannedRecord(origin: slice.origin, byteCount: slice.range.count, findings: res.findings)
                    rec.truncated = res.truncated
                    rec.adClasses = res.adClasses
                    if let bad = res.invalidUTF8At {
                        let msg = "invalid UTF-8 at byte \(bad + slice.segmentOffset); invalid bytes were scanned as U+FFFD"
                        rec.warnings.append(msg)
                        out.messages.append("adscan: \(slice.origin.source):\(slice.origin.line): \(msg)")
                    }
                    if slice.segmentOffset != 0 || !slice.isFinal {
                        out.segments.append((rec, slice))
                        continue
                    }
                    emit(rec, into: &out)
                }
            }
        }
        return out
    }

    private func emit(_ rec: ScannedRecord, into out: inout BatchOutput) {
        out.summary.add(rec)
        if rec.findings.contains(where: { $0.suppressedBy == nil && $0.severity >= settings.failOn }) {
            out.failing = true
        }
        var bytes: [UInt8] = []
        reporter.record(rec, embeddedText: settings.embeddedText, into: &bytes)
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
            if slice.isFinal {
                var rec = segmented!
                rec.byteCount = slice.recordBytes
                segmented = nil
                emit(rec, into: &out)
            }
        }
        for m in out.messages { printError(m) }
        summary.merge(out.summary)
        failing = failing || out.failing
        for c in out.chunks { output.write(c, flush: settings.lineBuffered) }
        if out.live || settings.lineBuffered { output.flush() }
    }
}
