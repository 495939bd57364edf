import AdscanMatch
import AdscanModel
import AdscanReader

/// adscan's engine: one record's text and where it came from go in, a finished `ScannedRecord`
/// comes out - matched (prefilter, patterns, the evasion pass for disguised text), judged in
/// context (notices, prohibitions, exceptions, genre), with inline `adscan:allow`, fingerprints,
/// and the baseline and allowlist applied. `adscan scan`, `adscan eval` and `adscan rules
/// --check` all go through it.
///
/// Immutable and thread-safe: share one engine between threads, each with its own `Scratch`.
public struct Engine: Sendable {
    public let options: EngineOptions
    /// Matching, the evasion pass and the context gate for one text.
    public let scanner: RecordScanner

    public var compiled: CompiledRuleSet { scanner.matcher.compiled }

    public init(_ compiled: CompiledRuleSet, options: EngineOptions = EngineOptions()) {
        var scanner = RecordScanner(compiled, maxFindings: options.maxFindings)
        scanner.evasionPass = options.evasionPass
        scanner.gate.resolveOverlaps = options.resolveOverlaps
        self.scanner = scanner
        self.options = options
    }

    /// One record (or one segment of an oversized one) as the reader hands it on.
    public struct Result: Sendable {
        public var record: ScannedRecord
        /// False for a segment of an oversized record: its findings are in the segment's own
        /// offsets and wait for the other segments (`SegmentMerger`, then `finish`).
        public var isFinished: Bool
        /// Rules whose patterns stopped at PCRE2's match limit in this record: the clauses where
        /// they did were not fully searched by them.
        public var regexLimitRules: [String] = []
        /// Findings the baseline dropped.
        public var baselineSuppressed = 0
        /// Warnings of the record the reader has not told already, as "source:line: message":
        /// for a log (each is also in `record.warnings`).
        public var notices: [String] = []
    }

    /// Scans the record at `slice.range` of `bytes` (a reader's batch). A whole record comes back
    /// finished; a segment of an oversized one comes back unfinished.
    public func scan(_ slice: Batch.RecordSlice, in bytes: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> Result {
        let text = UnsafeBufferPointer(rebasing: bytes[slice.range])
        var res = scanner.scan(text, scratch: scratch)
        // moved, not shared: finish writes fingerprints into the findings in place
        var rec = ScannedRecord(origin: slice.origin, byteCount: slice.range.count, findings: [])
        swap(&rec.findings, &res.findings)
        rec.truncated = res.truncated
        rec.adClasses = res.adClasses
        rec.genre = res.genre
        var notices: [String] = []
        if let conf = slice.origin.encodingConfidence, let enc = slice.origin.encoding, slice.segmentOffset == 0 {
            let msg = "charset not declared; detected as \(enc) with confidence \(conf)%: check the text is not garbled (--encoding NAME to set it)"
            rec.warnings.append(msg)
            // a stream of lines says it once (the reader's notice), a document each time
            if slice.origin.wholeFile || slice.origin.explicitID != nil {
                notices.append("\(slice.origin.source):\(slice.origin.line): \(msg)")
            }
        }
        if let bad = res.invalidUTF8At {
            let msg = "invalid UTF-8 at byte \(bad + slice.segmentOffset); invalid bytes were scanned as U+FFFD"
            rec.warnings.append(msg)
            notices.append("\(slice.origin.source):\(slice.origin.line): \(msg)")
        }
        guard slice.segmentOffset == 0 && slice.isFinal else {
            return Result(record: rec, isFinished: false, regexLimitRules: res.regexLimitRules, notices: notices)
        }
        let dropped = finish(&rec, text: text)
        return Result(record: rec, isFinished: true, regexLimitRules: res.regexLimitRules,
                      baselineSuppressed: dropped, notices: notices)
    }

    /// Scans one whole record given as text (embedding, `eval`, the rule examples).
    public func scan(_ text: String, origin: RecordOrigin = RecordOrigin(source: "-", line: 1),
                     scratch: Scratch = Scratch()) -> ScannedRecord {
        var copy = text
        return copy.withUTF8 { bytes in
            let slice = Batch.RecordSlice(origin: origin, range: 0..<bytes.count)
            return scan(slice, in: bytes, scratch: scratch).record
        }
    }

    /// The record-level suppression, once a record's findings are in whole-record offsets:
    /// inline `adscan:allow` (when its text is at hand), fingerprints, the baseline, then the
    /// allowlist. Returns how many findings the baseline dropped.
    public func finish(_ rec: inout ScannedRecord, text: UnsafeBufferPointer<UInt8>?) -> Int {
        guard !rec.findings.isEmpty else { return 0 }
        if let text { InlineAllow.apply(&rec.findings, text: text) }
        Fingerprint.assign(&rec.findings, record: options.fingerprintByExplicitIDOnly ? rec.origin.explicitID ?? "" : rec.origin.id)
        var dropped = 0
        if !options.baseline.isEmpty {
            let before = rec.findings.count
            rec.findings.removeAll { options.baseline.contains($0) }
            dropped = before - rec.findings.count
        }
        if !options.allowlist.isEmpty {
            for k in rec.findings.indices where rec.findings[k].suppressedBy == nil {
                if let reason = options.allowlist.reason(for: rec.findings[k]) {
                    rec.findings[k].suppressedBy = "allowlist: " + reason
                }
            }
        }
        return dropped
    }

    /// The genre model's features of a text (for fitting the model offline: `eval --genre-features`).
    public func genreFeatures(_ text: String, scratch: Scratch = Scratch()) -> (names: [String], values: [Double]) {
        scanner.genreFeatures(text, scratch: scratch)
    }
}
