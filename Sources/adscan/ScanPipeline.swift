import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanReader
import AdscanReport
import Foundation

/// reader → (workers: the engine, format) → ordered writer.
/// Batches are scanned in parallel and written strictly in input order. With one thread
/// everything runs inline.
final class ScanPipeline: @unchecked Sendable {
    struct Settings {
        var threads = 1
        /// nil: never fail on findings (`--fail-on never`).
        var failOn: Severity? = .error
        var lineBuffered = false
        var errorsToStdout = false
        var embeddedText = false
        var quiet = false
        /// `--record-io`: an error that stands for one input record is reported in its place and
        /// does not make the exit status 2.
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

    let engine: Engine
    let reporter: any Reporter
    /// What the batches were read with (workers read the files and lines handed on unread).
    let readerOptions: ReaderOptions
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
    private let inlineScratch: Worker
    private var wroteRecordChunk = false
    /// Called after each batch is written (in input order), e.g. to draw progress.
    var onProgress: ((ScanSummary) -> Void)?
    /// A record split into segments, collected until its final segment.
    private var segmented = SegmentMerger()

    init(engine: Engine, reporter: any Reporter, readerOptions: ReaderOptions, settings: Settings, output: Output) {
        self.engine = engine
        self.reporter = reporter
        self.readerOptions = readerOptions
        self.settings = settings
        self.output = output
        inlineScratch = Worker(readerOptions)
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
        return scratchPool.popLast() ?? Worker(readerOptions)
    }

    /// What one scanning thread reuses from batch to batch: the matcher's scratch space, and its
    /// reader of the files and lines handed on unread.
    final class Worker {
        let scratch = Scratch()
        let reader: BatchReader

        init(_ options: ReaderOptions) {
            reader = BatchReader(options: options)
        }
    }

    /// Runs on a worker: scan and format every record of the batch.
    private func process(_ batch: Batch, _ scratch: Worker) -> BatchOutput {
        var out = BatchOutput()
        out.live = batch.live
        scan(batch, scratch, into: &out)
        return out
    }

    private func scan(_ batch: Batch, _ worker: Worker, into out: inout BatchOutput) {
        let scratch = worker.scratch
        worker.reader.forEach(in: batch, notice: { out.messages.append("adscan: " + $0) }, record: { slice, all in
            var res = engine.scan(slice, in: all, scratch: scratch)
            for r in res.regexLimitRules where out.limitWhere[r] == nil {
                out.limitWhere[r] = "\(slice.origin.source):\(slice.origin.line)"
                out.summary.regexLimitRules.append(r)
            }
            for n in res.notices { out.messages.append("adscan: " + n) }
            guard res.isFinished else {
                out.segments.append((res.record, slice))
                return
            }
            out.summary.baselineSuppressed += res.baselineSuppressed
            let shown = reporter.wantsText && !res.record.findings.isEmpty
                ? String(decoding: UnsafeBufferPointer(rebasing: all[slice.range]), as: UTF8.self) : nil
            emit(&res.record, text: shown, into: &out)
        }, error: { e in
            out.summary.recordErrors += 1
            if !e.benign && !(settings.recordIO && e.perRecord) { out.summary.incompleteInputs += 1 }
            out.messages.append("adscan: \(e.source)\(e.line.map { ":\($0)" } ?? ""): \(e.message)")
            if settings.errorsToStdout {
                var bytes: [UInt8] = []
                reporter.error(e, into: &bytes)
                out.chunks.append(bytes)
            }
        })
    }

    /// Summary, --fail-on and the report for a finished record. Takes the record inout: a copy
    /// would share its findings.
    private func emit(_ rec: inout ScannedRecord, text: String?, into out: inout BatchOutput) {
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
            guard var rec = segmented.add(part, slice) else { continue }
            out.summary.baselineSuppressed += engine.finish(&rec, text: nil)
            emit(&rec, text: nil, into: &out)
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
