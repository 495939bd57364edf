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
    }

    public func scan(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> Output {
        let invalid = UTF8Scan.firstInvalid(text)
        let m = matcher.scan(text, scratch: scratch)
        let (f, t) = gate.findings(for: m, text: text, scratch: scratch)
        let classes = m.adClasses.map { matcher.compiled.ruleSet.adClasses[$0].id }
        return Output(findings: f, truncated: t, invalidUTF8At: invalid, adClasses: classes)
    }

    /// Convenience for tests and small inputs.
    public func scan(_ s: String, scratch: Scratch = Scratch()) -> Output {
        var copy = s
        return copy.withUTF8 { scan($0, scratch: scratch) }
    }
}
