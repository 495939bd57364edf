import AdscanContext
import AdscanMatch
import AdscanModel
import AdscanNormalize

/// The whole engine for one record's text: UTF-8 check, matcher, context gate.
/// Pure with respect to its inputs; per-thread state lives in Scratch.
public struct RecordScanner: Sendable {
    public let matcher: Matcher
    public var gate: ContextGate

    public init(_ compiled: CompiledRuleSet, maxFindings: Int = 1000) {
        matcher = Matcher(compiled)
        gate = ContextGate(compiled)
        gate.maxFindings = maxFindings
    }

    public struct Output: Sendable {
        public var findings: [Finding]
        public var truncated: Bool
        /// Offset of the first invalid UTF-8 byte, if any (invalid bytes are matched as U+FFFD).
        public var invalidUTF8At: Int?
        /// Ad classes the record confidently belongs to (ids, strongest first).
        public var adClasses: [String] = []
        /// The record's document genre (nil without a genre model).
        public var genre: Genre? = nil
        /// Rules whose patterns stopped at PCRE2's match limit in this record: the clauses where
        /// they did were not fully searched by them.
        public var regexLimitRules: [String] = []
    }

    /// Turn the evasion pass off (for measuring what it costs and what it finds).
    public var evasionPass = true

    public func scan(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> Output {
        let compiled = matcher.compiled
        let report = compiled.inspector.inspect(text)
        var invalid = report.firstInvalid
        var m: MatchResult
        if report.suspicious {
            // the inspector stopped validating where it saw disguise
            if evasionPass {
                (m, invalid) = evasionScan(text, scratch: scratch)
            } else {
                m = matcher.scan(text, scratch: scratch)
                invalid = invalid ?? UTF8Scan.firstInvalid(text)
            }
        } else {
            m = matcher.scan(text, scratch: scratch)
            if evasionPass && m.evasionTriggered { m = evasionScan(text, scratch: scratch).0 }
        }
        let (f, t, genre) = gate.assess(m, text: text, validUTF8: invalid == nil)
        let classes = m.adClasses.map { matcher.compiled.ruleSet.adClasses[$0].id }
        var out = Output(findings: f, truncated: t, invalidUTF8At: invalid, adClasses: classes, genre: genre)
        if scratch.matchData.limitHits > 0 {
            out.regexLimitRules = scratch.matchData.limitRules
            scratch.matchData.limitHits = 0
            scratch.matchData.limitRules.removeAll()
        }
        return out
    }

    /// The heavy pass: match the de-obfuscated record, then map every offset back to the original
    /// and record which transforms each match needed.
    func evasionScan(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> (MatchResult, firstInvalid: Int?) {
        let rewritten = matcher.compiled.deobfuscator.rewrite(text)
        var m = rewritten.bytes.withUnsafeBufferPointer { matcher.scan($0, scratch: scratch, folded: true) }
        func back(_ r: Range<Int>) -> Range<Int> {
            r.isEmpty && r.lowerBound == 0 ? 0..<0 : rewritten.originalRange(r.lowerBound, r.upperBound)
        }
        for i in m.candidates.indices {
            let c = m.candidates[i]
            let span = c.start..<c.end
            let via = Set(c.via + rewritten.transforms(c.start, c.end, original: text))
            let o = back(span)
            m.candidates[i].start = o.lowerBound
            m.candidates[i].end = o.upperBound
            m.candidates[i].clause = back(c.clause)
            m.candidates[i].via = via.sorted()
            m.candidates[i].evidence = c.evidence.map { ($0.role, back($0.range)) }
        }
        func backAll(_ markers: inout [MarkerHit]) {
            for i in markers.indices {
                let o = back(markers[i].start..<markers[i].end)
                markers[i].start = o.lowerBound
                markers[i].end = o.upperBound
            }
        }
        backAll(&m.markers)
        backAll(&m.clauseMarkers)
        return (m, rewritten.firstInvalid)
    }

    /// The genre model's features of a text (for fitting the model offline).
    public func genreFeatures(_ s: String, scratch: Scratch = Scratch()) -> (names: [String], values: [Double]) {
        var copy = s
        return copy.withUTF8 { text in
            gate.genreFeatures(matcher.scan(text, scratch: scratch), bytes: text.count)
        }
    }

    /// Convenience for tests and small inputs.
    public func scan(_ s: String, scratch: Scratch = Scratch()) -> Output {
        var copy = s
        return copy.withUTF8 { scan($0, scratch: scratch) }
    }
}
