import AdscanEngine
import AdscanMatch
import AdscanModel
import AdscanRules
import ArgumentParser

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the loaded rules, print the prefilter keywords, or check every rule against its examples.")

    @Option(name: .long, help: "Rule pack directory (default: $ADSCAN_RULES, else the pack built into adscan).")
    var rules: String?

    @Flag(name: .long, help: "Print the literal keywords the prefilter searches for (raw-text variants included), one per line.")
    var keywords = false

    @Flag(name: .long, help: "With --keywords: print only the folded (canonical) keywords.")
    var canonical = false

    @Flag(name: .long, help: "Run every rule's examples through the engine; fail when a rule has fewer than --min-examples of either kind or an example is misjudged.")
    var check = false

    @Option(name: .long, help: "With --check: examples each rule must have of each kind.")
    var minExamples = 3

    func run() throws {
        let (compiled, dir) = try loadEngine(rulesOption: rules)
        let set = compiled.ruleSet
        if keywords {
            let list = canonical ? compiled.keywords
                : compiled.prefilter.literals.map { String(decoding: $0, as: UTF8.self) }
            print(list.joined(separator: "\n"))
            return
        }
        if check {
            let failures = RuleExampleChecker(compiled).check(minExamples: minExamples).map(\.description)
                + compiled.patternWarnings()   // a pattern that backtracks catastrophically fails the check
            for f in failures { printError(f) }
            let total = set.rules.reduce(0) { $0 + $1.mustFlag.count + $1.mustNotFlag.count }
            print("\(set.rules.count) rules, \(total) examples: \(failures.isEmpty ? "all pass" : "\(failures.count) failures")")
            if !failures.isEmpty { throw ExitCode(1) }
            return
        }
        print("# \(set.rules.count) rules from \(dir) (\(set.files.count) files), \(compiled.keywords.count) keywords, \(compiled.variantCount) prefilter literals")
        for r in set.rules {
            print("\(r.id)\t\(r.severity.rawValue)\t\(r.category.rawValue)\t\(r.law)\t\(r.message)")
        }
    }
}
