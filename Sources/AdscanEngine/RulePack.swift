import AdscanDefaultPack
import AdscanMatch
import AdscanRules

/// Where an engine's rules come from: a directory of YAML packs, or the pack built into adscan.
/// Both throw `RuleLoadError` (a file and line, and what is wrong there) or
/// `CompiledRuleSet.CompileError` (a pattern PCRE2 rejects).
public enum RulePack {
    /// What messages about the built-in pack's files say they come from.
    public static let builtInOrigin = DefaultPack.origin

    /// The YAML files of `directory` (`lexicons/` or a pack of one's own), loaded and compiled.
    public static func compile(directory: String) throws -> CompiledRuleSet {
        try CompiledRuleSet(try RuleLoader().load(directory: directory))
    }

    /// The pack built into adscan: `lexicons/` as it was at build time.
    public static func builtIn() throws -> CompiledRuleSet {
        try CompiledRuleSet(try RuleLoader().load(files: DefaultPack.files.map { ("lexicons/" + $0.name, $0.text) }))
    }
}

extension Engine {
    /// An engine with the rule pack built into adscan.
    public static func builtIn(options: EngineOptions = EngineOptions()) throws -> Engine {
        Engine(try RulePack.builtIn(), options: options)
    }
}
