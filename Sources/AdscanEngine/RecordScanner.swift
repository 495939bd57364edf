import AdscanContext
import AdscanMatch
import AdscanModel
import AdscanNormalize

/// The whole engine for one record's text: inspection, matcher (or the evasion pass for
/// disguised text), context gate.
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
        let evasion = matcher.compiled.evasion
        let report = evasion.inspect(text)
        var invalid = report.firstInvalid
        var m: MatchResult
        if report.suspicious {
            // the inspector stopped validating where it saw disguise
            if evasionPass {
                (m, invalid) = evasion.scan(text, matcher: matcher, scratch: scratch)
            } else {
                m = matcher.scan(text, scratch: scratch)
                invalid = invalid ?? UTF8Scan.firstInvalid(text)
            }
        } else {
            m = matcher.scan(text, scratch: scratch)
            if evasionPass && m.evasionTriggered { m = evasion.scan(text, matcher: matcher, scratch: scratch).0 }
        }
        // the claim model reads sentences the rules did not find, in records not discussing claims
        var reading: ContextGate.DocumentReading? = nil
        if !matcher.compiled.modelRules.isEmpty {
            let r = gate.readDocument(m, text: text)
            reading = r
            if gate.claimModelReads(r) {
                let before = m.candidates.count
                matcher.matchModel(text, scratch: scratch, skipCovered: gate.resolveOverlaps, into: &m)
                if m.candidates.count > before {
                    m.candidates.sort { $0.start != $1.start ? $0.start < $1.start : $0.rule < $1.rule }
                }
            }
        }
        let (f, t, genre) = gate.assess(m, text: text, validUTF8: invalid == nil, reading: reading)
        let classes = m.adClasses.map { matcher.compiled.ruleSet.adClasses[$0].id }
        var out = Output(findings: f, truncated: t, invalidUTF8At: invalid, adClasses: classes, genre: genre)
        if scratch.matchData.limitHits > 0 {
            out.regexLimitRules = scratch.matchData.limitRules
            scratch.matchData.limitHits = 0
            scratch.matchData.limitRules.removeAll()
        }
        return out
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
