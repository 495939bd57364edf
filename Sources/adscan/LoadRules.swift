import AdscanEngine
import AdscanMatch
import AdscanRules

/// Loads and compiles the rule packs, turning every failure into "file:line: reason".
struct EngineLoadError: Error, CustomStringConvertible {
    let description: String
}

/// The compiled pack and where it came from (a directory, or RulePack.builtInOrigin). Patterns
/// are compiled on first use; `rules --check` probes them all.
func loadEngine(rulesOption: String?) throws -> (CompiledRuleSet, String) {
    do {
        let compiled: CompiledRuleSet
        let origin: String
        switch RuleLocator.find(explicit: rulesOption) {
        case .directory(let dir):
            compiled = try RulePack.compile(directory: dir)
            origin = dir
        case .builtIn:
            compiled = try RulePack.builtIn()
            origin = RulePack.builtInOrigin
        }
        return (compiled, origin)
    } catch let e as RuleLoadError {
        throw EngineLoadError(description: "rule pack rejected: \(e)")
    } catch let e as CompiledRuleSet.CompileError {
        throw EngineLoadError(description: "rule pack rejected: \(e)")
    }
}
