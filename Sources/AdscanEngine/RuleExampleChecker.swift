import AdscanContext
import AdscanMatch
import AdscanModel
import AdscanRules

/// Runs every rule's own examples through the engine `scan` uses (the SwiftLint model: a rule's
/// examples are its tests). A must-flag sentence must produce an unsuppressed finding of that
/// rule; a must-not-flag sentence must produce none (suppressed findings are fine).
public struct RuleExampleChecker {
    public struct Failure: CustomStringConvertible, Equatable {
        public var ruleID: String
        public var file: String
        public var line: Int
        public var problem: String
        public var description: String { "\(file):\(line): rule \(ruleID): \(problem)" }
    }

    let compiled: CompiledRuleSet
    let engine: Engine

    public init(_ compiled: CompiledRuleSet) {
        self.compiled = compiled
        var options = EngineOptions()
        // each rule is judged on its own findings, before overlapping claims are merged
        options.resolveOverlaps = false
        engine = Engine(compiled, options: options)
    }

    public func check(minExamples: Int = 3) -> [Failure] {
        var failures: [Failure] = []
        let scratch = Scratch()
        for r in compiled.ruleSet.rules {
            func fail(_ p: String) { failures.append(Failure(ruleID: r.id, file: r.file, line: r.line, problem: p)) }
            if r.mustFlag.count < minExamples { fail("has \(r.mustFlag.count) must-flag examples, needs \(minExamples)") }
            if r.mustNotFlag.count < minExamples { fail("has \(r.mustNotFlag.count) must-not-flag examples, needs \(minExamples)") }
            let origin = RecordOrigin(source: r.file, line: r.line)
            for ex in r.mustFlag {
                let out = engine.scan(ex, origin: origin, scratch: scratch)
                if !out.findings.contains(where: { $0.ruleID == r.id && $0.suppressedBy == nil }) {
                    let why = out.findings.first { $0.ruleID == r.id }?.suppressedBy.map { " (suppressed by \($0))" } ?? ""
                    fail("did not flag «\(ex)»\(why)")
                }
            }
            for ex in r.mustNotFlag {
                let out = engine.scan(ex, origin: origin, scratch: scratch)
                if let f = out.findings.first(where: { $0.ruleID == r.id && $0.suppressedBy == nil }) {
                    fail("flagged look-alike «\(ex)» at «\(f.match)»")
                }
            }
        }
        return failures
    }
}
