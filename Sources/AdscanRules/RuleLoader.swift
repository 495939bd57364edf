import AdscanModel
import AdscanNormalize
import Foundation
import Yams

/// Reads lexicon files (YAML) into a validated RuleSet. A malformed pack is rejected with the
/// file, the line and the reason; nothing is half-loaded.
public struct RuleLoader {
    public let table: FoldTable

    public init(table: FoldTable = .shared) {
        self.table = table
    }

    /// Loads every *.yaml / *.yml file under `directory` (sorted, recursively).
    public func load(directory: String) throws -> RuleSet {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw RuleLoadError(file: directory, line: 0, reason: "rule directory does not exist")
        }
        var files: [String] = []
        if isDir.boolValue {
            guard let e = fm.enumerator(atPath: directory) else {
                throw RuleLoadError(file: directory, line: 0, reason: "cannot read rule directory")
            }
            for case let rel as String in e where rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") {
                files.append((directory as NSString).appendingPathComponent(rel))
            }
            files.sort()
        } else {
            files = [directory]
        }
        guard !files.isEmpty else {
            throw RuleLoadError(file: directory, line: 0, reason: "no .yaml rule files found")
        }
        var texts: [(name: String, text: String)] = []
        for f in files {
            guard let data = fm.contents(atPath: f) else {
                throw RuleLoadError(file: f, line: 0, reason: "cannot read file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleLoadError(file: f, line: 0, reason: "file is not valid UTF-8")
            }
            texts.append((f, text))
        }
        return try load(files: texts)
    }

    /// Loads a pack from files already read (name for messages, YAML text), in the order given:
    /// the built-in pack, or a directory's files.
    public func load(files: [(name: String, text: String)]) throws -> RuleSet {
        guard !files.isEmpty else {
            throw RuleLoadError(file: "", line: 0, reason: "no .yaml rule files found")
        }
        var set = RuleSet(rules: [], suppressors: [], files: files.map(\.name))
        for (f, text) in files {
            let part = try load(yaml: text, file: f)
            set.rules += part.rules
            set.suppressors += part.suppressors
            set.adClasses += part.adClasses
            set.evasion.homophones += part.evasion.homophones
            set.evasion.pinyin += part.evasion.pinyin
            set.evasion.ordinaryReduplications += part.evasion.ordinaryReduplications
        }
        var seen: [String: Rule] = [:]
        for r in set.rules {
            if let other = seen[r.id] {
                throw RuleLoadError(file: r.file, line: r.line,
                                    reason: "duplicate rule id \(r.id) (first defined at \(other.file):\(other.line))")
            }
            seen[r.id] = r
        }
        let classIDs = Set(set.adClasses.map(\.id))
        for r in set.rules {
            for c in r.requireClass + r.excludeClass + Array(r.lawByClass.keys) + (r.adClass.map { [$0] } ?? [])
            where !classIDs.contains(c) {
                throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): unknown ad class `\(c)` (known: \(classIDs.sorted().joined(separator: ", ")))")
            }
        }
        return set
    }

    /// Parses one lexicon file's text.
    public func load(yaml: String, file: String) throws -> RuleSet {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let e as YamlError {
            throw RuleLoadError(file: file, line: Self.line(of: e), reason: "YAML syntax: \(Self.problem(of: e))")
        }
        guard let root, let top = root.mapping else {
            throw RuleLoadError(file: file, line: 1, reason: "expected a mapping with `rules:` and/or `context:`")
        }
        var set = RuleSet(rules: [], suppressors: [], files: [file])
        for (k, _) in top {
            let key = k.string ?? ""
            if !["pack", "description", "rules", "context", "ad_classes", "evasion"].contains(key) {
                throw RuleLoadError(file: file, line: k.mark?.line ?? 0, reason: "unknown top-level key `\(key)`")
            }
        }
        if let rules = top.value("rules") {
            guard let seq = rules.sequence else {
                throw RuleLoadError(file: file, line: rules.mark?.line ?? 0, reason: "`rules` must be a list")
            }
            for node in seq { set.rules.append(try rule(node, file: file)) }
        }
        if let ctx = top.value("context") {
            guard let seq = ctx.sequence else {
                throw RuleLoadError(file: file, line: ctx.mark?.line ?? 0, reason: "`context` must be a list")
            }
            for node in seq { set.suppressors.append(try suppressor(node, file: file)) }
        }
        if let ev = top.value("evasion") {
            guard let m = ev.mapping else {
                throw RuleLoadError(file: file, line: ev.mark?.line ?? 0, reason: "`evasion` must be a mapping with `homophones` and `pinyin`")
            }
            var reader = Fields(mapping: m, file: file, line: ev.mark?.line ?? 0)
            reader.context = "evasion"
            try reader.rejectUnknown(["homophones", "pinyin", "ordinary_reduplications"], what: "evasion")
            set.evasion.ordinaryReduplications += try reader.strings("ordinary_reduplications").map(foldLiteral)
            for (k, v) in try reader.stringMap("homophones").sorted(by: { $0.key < $1.key }) {
                let from = foldLiteral(k), to = foldLiteral(v)
                if from.utf8.count < 3 { throw reader.error("homophones", "written form `\(k)` is shorter than 3 UTF-8 bytes") }
                set.evasion.homophones.append((from, to))
            }
            for (k, v) in try reader.stringMap("pinyin").sorted(by: { $0.key < $1.key }) {
                guard k.count == 1, let ch = k.first else { throw reader.error("pinyin", "pinyin keys must be single characters, not `\(k)`") }
                let syllables = v.split(separator: " ").map { String($0).lowercased() }
                if syllables.contains(where: { !$0.allSatisfy { $0.isASCII && $0.isLetter } }) {
                    throw reader.error("pinyin", "pinyin for `\(k)` must be ASCII letters without tones, separated by spaces")
                }
                set.evasion.pinyin.append((Character(foldLiteral(String(ch))), syllables))
            }
        }
        if let classes = top.value("ad_classes") {
            guard let seq = classes.sequence else {
                throw RuleLoadError(file: file, line: classes.mark?.line ?? 0, reason: "`ad_classes` must be a list")
            }
            for node in seq { set.adClasses.append(try adClass(node, file: file)) }
        }
        return set
    }

    private func adClass(_ node: Node, file: String) throws -> AdClass {
        let line = node.mark?.line ?? 0
        guard let m = node.mapping else { throw RuleLoadError(file: file, line: line, reason: "an ad class must be a mapping") }
        var reader = Fields(mapping: m, file: file, line: line)
        try reader.rejectUnknown(["id", "name", "min_score", "indicators"], what: "ad class")
        let id = try reader.string("id")
        reader.context = "ad class \(id)"
        var indicators: [AdClass.Indicator] = []
        guard let seq = m.value("indicators")?.sequence else { throw reader.error("indicators", "an ad class needs `indicators`") }
        for item in seq {
            guard let im = item.mapping else { throw reader.error("indicators", "each indicator must be a mapping with weight and terms") }
            var ir = Fields(mapping: im, file: file, line: item.mark?.line ?? line)
            ir.context = reader.context
            try ir.rejectUnknown(["weight", "terms"], what: "indicator")
            let lits = try ir.strings("terms").map(foldLiteral)
            for l in lits where l.utf8.count < 3 { throw ir.error("terms", "literal `\(l)` is shorter than 3 UTF-8 bytes") }
            indicators.append(AdClass.Indicator(weight: try ir.optionalInt("weight") ?? 1, literals: lits))
        }
        return AdClass(id: id, name: try reader.optionalString("name") ?? id,
                       minScore: try reader.optionalInt("min_score") ?? 2, indicators: indicators)
    }

    private static let ruleKeys: Set<String> = [
        "id", "category", "severity", "law", "law_text", "message", "scope", "boundary", "keywords",
        "patterns", "terms", "exceptions", "exception_patterns", "requires", "examples",
        "require_class", "exclude_class", "ad_class", "law_by_class",
    ]

    private func rule(_ node: Node, file: String) throws -> Rule {
        let line = node.mark?.line ?? 0
        guard let m = node.mapping else { throw RuleLoadError(file: file, line: line, reason: "a rule must be a mapping") }
        var reader = Fields(mapping: m, file: file, line: line)
        try reader.rejectUnknown(Self.ruleKeys, what: "rule")
        let id = try reader.string("id")
        reader.context = "rule \(id)"
        let catName = try reader.string("category")
        guard let category = Category(rawValue: catName) else {
            throw reader.error("category", "unknown category `\(catName)` (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let sevName = try reader.string("severity")
        guard let severity = Severity(rawValue: sevName) else {
            throw reader.error("severity", "severity must be error, warning or info, not `\(sevName)`")
        }
        let scopeName = try reader.optionalString("scope") ?? "clause"
        guard let scope = RuleScope(rawValue: scopeName) else {
            throw reader.error("scope", "scope must be clause, document or required, not `\(scopeName)`")
        }
        let boundaryName = try reader.optionalString("boundary") ?? "none"
        guard let boundary = Boundary(rawValue: boundaryName) else {
            throw reader.error("boundary", "boundary must be none or word, not `\(boundaryName)`")
        }
        var requires: [RequirementGroup] = []
        if let req = m.value("requires") {
            guard let seq = req.sequence else { throw reader.error("requires", "`requires` must be a list of groups") }
            for g in seq {
                guard let gm = g.mapping else { throw reader.error("requires", "each group must be a mapping") }
                var gr = Fields(mapping: gm, file: file, line: g.mark?.line ?? line)
                gr.context = "rule \(id), requires"
                try gr.rejectUnknown(["role", "keywords", "patterns"], what: "group")
                let kws = try gr.strings("keywords").map(foldLiteral)
                if kws.isEmpty { throw gr.error("keywords", "a group needs keywords") }
                requires.append(RequirementGroup(role: try gr.string("role"), keywords: kws,
                                                 patterns: try gr.strings("patterns").map(table.foldHan)))
            }
        }
        let keywords = try reader.strings("keywords").map(foldLiteral)
        let patterns = try reader.strings("patterns").map(table.foldHan)
        let terms = try reader.strings("terms").map(foldLiteral)
        let adClass = try reader.optionalString("ad_class")
        if scope == .document || scope == .required {
            if requires.isEmpty { throw reader.error("requires", "a \(scope.rawValue)-scope rule needs `requires` groups") }
            if scope == .required && adClass == nil { throw reader.error("ad_class", "a required-scope rule needs `ad_class`") }
        } else {
            if patterns.isEmpty && terms.isEmpty {
                throw reader.error("patterns", "a rule needs `patterns` or `terms`")
            }
            if !patterns.isEmpty && keywords.isEmpty {
                throw reader.error("patterns", "a rule with patterns needs `keywords` (the literals the prefilter looks for)")
            }
        }
        for (key, list) in [("keywords", keywords), ("terms", terms), ("requires", requires.flatMap(\.keywords))] {
            for lit in list where lit.utf8.count < 3 {
                throw reader.error(key, "literal `\(lit)` is shorter than 3 UTF-8 bytes; the prefilter needs at least one CJK character or three ASCII characters")
            }
        }
        var flag: [String] = [], pass: [String] = []
        if let ex = m.value("examples") {
            guard let em = ex.mapping else { throw reader.error("examples", "`examples` must be a mapping with `flag` and `pass`") }
            var er = Fields(mapping: em, file: file, line: ex.mark?.line ?? line)
            er.context = "rule \(id), examples"
            try er.rejectUnknown(["flag", "pass"], what: "examples")
            flag = try er.strings("flag")
            pass = try er.strings("pass")
        }
        if flag.isEmpty || pass.isEmpty {
            throw reader.error("examples", "every rule needs examples: `flag` (sentences it must flag) and `pass` (look-alikes it must not)")
        }
        return Rule(
            id: id, category: category, severity: severity, law: try reader.string("law"),
            lawText: try reader.optionalString("law_text"), message: try reader.string("message"),
            scope: scope, boundary: boundary, keywords: keywords, patterns: patterns, terms: terms,
            exceptions: try reader.strings("exceptions").map(foldLiteral),
            exceptionPatterns: try reader.strings("exception_patterns").map(table.foldHan),
            requires: requires, requireClass: try reader.strings("require_class"),
            excludeClass: try reader.strings("exclude_class"), adClass: adClass,
            lawByClass: try reader.stringMap("law_by_class"),
            mustFlag: flag, mustNotFlag: pass, file: file, line: line)
    }

    private func suppressor(_ node: Node, file: String) throws -> Suppressor {
        let line = node.mark?.line ?? 0
        guard let m = node.mapping else { throw RuleLoadError(file: file, line: line, reason: "a context entry must be a mapping") }
        var reader = Fields(mapping: m, file: file, line: line)
        try reader.rejectUnknown(["id", "scope", "markers", "min_distinct", "description"], what: "context entry")
        let id = try reader.string("id")
        reader.context = "context \(id)"
        let scopeName = try reader.string("scope")
        guard let scope = Suppressor.Scope(rawValue: scopeName) else {
            throw reader.error("scope", "scope must be document, clause_before, clause_after or cover, not `\(scopeName)`")
        }
        let markers = try reader.strings("markers").map(foldLiteral)
        if markers.isEmpty { throw reader.error("markers", "a context entry needs markers") }
        for mk in markers where mk.utf8.count < 3 {
            throw reader.error("markers", "marker `\(mk)` is shorter than 3 UTF-8 bytes")
        }
        let minDistinct = try reader.optionalInt("min_distinct") ?? 1
        return Suppressor(id: id, scope: scope, markers: markers, minDistinct: minDistinct,
                          description: try reader.optionalString("description") ?? id)
    }

    private func foldLiteral(_ s: String) -> String { table.fold(s) }

    static func line(of e: YamlError) -> Int {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 0
        }
    }

    static func problem(of e: YamlError) -> String {
        switch e {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _):
            return p
        default:
            return "\(e)"
        }
    }
}

/// Typed access to a YAML mapping's fields, with errors that name the field and its line.
private struct Fields {
    let mapping: Node.Mapping
    let file: String
    let line: Int
    var context = ""

    init(mapping: Node.Mapping, file: String, line: Int) {
        self.mapping = mapping
        self.file = file
        self.line = line
    }

    func lineOf(_ key: String) -> Int {
        for (k, v) in mapping where k.string == key { return v.mark?.line ?? k.mark?.line ?? line }
        return line
    }

    func error(_ key: String, _ reason: String) -> RuleLoadError {
        RuleLoadError(file: file, line: lineOf(key), reason: context.isEmpty ? reason : "\(context): \(reason)")
    }

    func rejectUnknown(_ known: Set<String>, what: String) throws {
        for (k, _) in mapping {
            let key = k.string ?? ""
            if !known.contains(key) {
                throw RuleLoadError(file: file, line: k.mark?.line ?? line,
                                    reason: "unknown \(what) field `\(key)`\(context.isEmpty ? "" : " in \(context)")")
            }
        }
    }

    func string(_ key: String) throws -> String {
        guard let v = try optionalString(key) else { throw error(key, "missing required field `\(key)`") }
        return v
    }

    func optionalString(_ key: String) throws -> String? {
        guard let node = mapping.value(key) else { return nil }
        guard let s = node.scalar?.string, !s.isEmpty else { throw error(key, "`\(key)` must be a non-empty string") }
        return s
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let node = mapping.value(key) else { return nil }
        guard let s = node.scalar?.string, let v = Int(s) else { throw error(key, "`\(key)` must be an integer") }
        return v
    }

    func stringMap(_ key: String) throws -> [String: String] {
        guard let node = mapping.value(key) else { return [:] }
        guard let m = node.mapping else { throw error(key, "`\(key)` must be a mapping") }
        var out: [String: String] = [:]
        for (k, v) in m {
            guard let ks = k.string, let vs = v.scalar?.string, !vs.isEmpty else { throw error(key, "`\(key)` entries must be strings") }
            out[ks] = vs
        }
        return out
    }

    func strings(_ key: String) throws -> [String] {
        guard let node = mapping.value(key) else { return [] }
        guard let seq = node.sequence else { throw error(key, "`\(key)` must be a list of strings") }
        return try seq.map { item in
            guard let s = item.scalar?.string, !s.isEmpty else {
                throw RuleLoadError(file: file, line: item.mark?.line ?? line,
                                    reason: "\(context.isEmpty ? "" : context + ": ")`\(key)` entries must be non-empty strings")
            }
            return s
        }
    }
}

extension Node.Mapping {
    /// The value of a plain key, found by comparing key strings: Yams' String subscript builds a
    /// Node for the key and resolves its tag with regular expressions, which was most of the
    /// time taken to load the rule packs.
    func value(_ key: String) -> Node? {
        for (k, v) in self where k.string == key { return v }
        return nil
    }
}
