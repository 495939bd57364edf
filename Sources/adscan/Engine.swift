import AdscanContext
import AdscanMatch
import AdscanNormalize
import AdscanRules

/// Loads and compiles the rule packs, turning every failure into "file:line: reason".
struct EngineLoadError: Error, CustomStringConvertible {
    let description: String
}

func loadEngine(rulesOption: String?) throws -> (CompiledRuleSet, String) {
    guard let dir = RuleLocator.find(explicit: rulesOption) else {
        throw EngineLoadError(description: "no rule packs found: pass --rules DIR or set ADSCAN_RULES")
    }
    do {
        let set = try RuleLoader().load(directory: dir)
        return (try CompiledRuleSet(set), dir)
    } catch let e as RuleLoadError {
        throw EngineLoadError(description: "rule pack rejected: \(e)")
    } catch let e as CompiledRuleSet.CompileError {
        throw EngineLoadError(description: "rule pack rejected: \(e)")
    }
}
