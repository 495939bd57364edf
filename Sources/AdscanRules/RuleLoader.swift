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
        var listFiles: [String] = []
        if isDir.boolValue {
            guard let e = fm.enumerator(atPath: directory) else {
                throw RuleLoadError(file: directory, line: 0, reason: "cannot read rule directory")
            }
            for case let rel as String in e {
                if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") {
                    files.append((directory as NSString).appendingPathComponent(rel))
                } else if rel.hasSuffix(".txt") && (rel as NSString).pathComponents.contains("words") {
                    listFiles.append((directory as NSString).appendingPathComponent(rel))
                } else if rel.hasSuffix(".tsv") && (rel as NSString).pathComponents.contains("models") {
                    listFiles.append((directory as NSString).appendingPathComponent(rel))
                }
            }
            files.sort()
            listFiles.sort()
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
        for f in listFiles {
            guard let data = fm.contents(atPath: f), let text = String(data: data, encoding: .utf8) else {
                throw RuleLoadError(file: f, line: 0, reason: "cannot read word list (UTF-8 text expected)")
            }
            texts.append((f, text))
        }
        return try load(files: texts)
    }

    /// Loads a pack from files already read (name for messages, text), in the order given: the
    /// built-in pack, or a directory's files. `.txt` files are word lists named by their file name
    /// (words/disease.txt is `{{disease}}`); `.tsv` files are models (models/claims.tsv, the
    /// sentence claim model); the rest are YAML.
    public func load(files: [(name: String, text: String)]) throws -> RuleSet {
        guard files.contains(where: { !$0.name.hasSuffix(".txt") && !$0.name.hasSuffix(".tsv") }) else {
            throw RuleLoadError(file: "", line: 0, reason: "no .yaml rule files found")
        }
        // every file parses on its own, all at once (a core each); merged below in the order
        // word lists, model, rule files, so that the first error is the one a serial load meets
        enum Parsed { case words([String]), model(ClaimModel), pack(RuleSet) }
        // the largest files first (the claim model, the composed claims), so that no core is left
        // with a large one at the end while the others idle; results stay in file order
        let order = files.indices.sorted { (files[$0].text.utf8.count, $1) > (files[$1].text.utf8.count, $0) }
        let inOrder = try concurrentMap(files.count) { k -> Result<Parsed, Error> in
            let (f, text) = files[order[k]]
            return Result {
                if f.hasSuffix(".txt") { return .words(Lexicon.entries(ofListFile: text).map(foldLiteral)) }
                if f.hasSuffix(".tsv") { return .model(try ClaimModel.parse(text, file: f)) }
                return .pack(try parse(yaml: text, file: f))
            }
        }
        var parsed = inOrder
        for (k, i) in order.enumerated() { parsed[i] = inOrder[k] }
        var set = RuleSet(rules: [], suppressors: [], files: files.map(\.name))
        for (i, (f, _)) in files.enumerated() where f.hasSuffix(".txt") {
            guard case .words(let words) = try parsed[i].get() else { continue }
            let name = ((f as NSString).lastPathComponent as NSString).deletingPathExtension
            set.lexicons[name, default: []] += words
        }
        for (i, (f, _)) in files.enumerated() where f.hasSuffix(".tsv") {
            if case .model(let model) = try parsed[i].get() { set.claimModel = model }
        }
        for i in files.indices {
            guard case .pack(let part) = try parsed[i].get() else { continue }
            set.rules += part.rules
            for (name, words) in part.lexicons { set.lexicons[name, default: []] += words }
            set.provisions += part.provisions
            set.snippets.merge(part.snippets) { a, _ in a }
            if !part.genre.genres.isEmpty { set.genre = part.genre }
            set.suppressors += part.suppressors
            set.adClasses += part.adClasses
            set.evasion.homophones += part.evasion.homophones
            set.evasion.pinyin += part.evasion.pinyin
            set.evasion.ordinaryReduplications += part.evasion.ordinaryReduplications
            set.institutions.publicNames += part.institutions.publicNames
            set.institutions.privateNames += part.institutions.privateNames
            set.institutions.pressBylines += part.institutions.pressBylines
            set.institutions.credentials += part.institutions.credentials
            set.institutions.speakers += part.institutions.speakers
            set.institutions.newsFeatures += part.institutions.newsFeatures
            set.institutions.newsMinBytes = max(set.institutions.newsMinBytes, part.institutions.newsMinBytes)
            set.institutions.knowledgeGenres += part.institutions.knowledgeGenres
            set.institutions.promotionFeatures += part.institutions.promotionFeatures
            set.institutions.knowledgeMinBytes = max(set.institutions.knowledgeMinBytes, part.institutions.knowledgeMinBytes)
            set.institutions.knowledgeRules += part.institutions.knowledgeRules
        }
        try resolveLexicons(&set)
        try resolveProvisions(&set)
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
            for c in r.requireClass + r.excludeClass + Array(r.lawByClass.keys) + Array(r.severityByClass.keys) + Array(r.provisionByClass.keys) + (r.adClass.map { [$0] } ?? []) + (r.impliesClass.map { [$0] } ?? [])
            where !classIDs.contains(c) {
                throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): unknown ad class `\(c)` (known: \(classIDs.sorted().joined(separator: ", ")))")
            }
        }
        for r in set.rules where r.scope == .model && !set.claimModel.heads.contains(r.meta.category.rawValue) {
            throw RuleLoadError(file: r.file, line: r.line, reason: set.claimModel.isEmpty
                ? "rule \(r.id): a model-scope rule needs the claim model (models/claims.tsv)"
                : "rule \(r.id): the claim model has no head for category `\(r.meta.category.rawValue)` (heads: \(set.claimModel.heads.joined(separator: ", ")))")
        }
        let featureIDs = Set(set.suppressors.filter { $0.scope == .feature }.map(\.id))
        for f in set.institutions.newsFeatures where !featureIDs.contains(f) {
            throw RuleLoadError(file: "institutions", line: 0, reason: "`institutions.news_features` names `\(f)`, which is no `feature` context entry")
        }
        for id in set.institutions.knowledgeRules where seen[id] == nil {
            throw RuleLoadError(file: "institutions", line: 0, reason: "`institutions.knowledge_rules` names `\(id)`, which is no rule")
        }
        for f in set.institutions.promotionFeatures where !featureIDs.contains(f) {
            throw RuleLoadError(file: "institutions", line: 0, reason: "`institutions.promotion_features` names `\(f)`, which is no `feature` context entry")
        }
        for r in set.rules {
            for f in r.formFeatures where !featureIDs.contains(f) {
                throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): `form_features` names `\(f)`, which is no `feature` context entry")
            }
        }
        return set
    }

    /// Parses one lexicon file's text (a self-contained pack: its `{{lists}}` are its own).
    public func load(yaml: String, file: String) throws -> RuleSet {
        var set = try parse(yaml: yaml, file: file)
        try resolveLexicons(&set)
        try resolveProvisions(&set)
        return set
    }

    /// Citations from provision ids: the rule's law and law text from its provision, and per class
    /// from `provision_by_class`. A provision that does not exist, or whose scope does not cover a
    /// class it is named for, is an error.
    func resolveProvisions(_ set: inout RuleSet) throws {
        var byID: [String: Provision] = [:]
        for p in set.provisions {
            if byID[p.id] != nil { throw RuleLoadError(file: p.file, line: p.line, reason: "duplicate provision id \(p.id)") }
            byID[p.id] = p
        }
        for i in set.rules.indices {
            let r = set.rules[i]
            func lookup(_ id: String) throws -> Provision {
                guard let p = byID[id] else {
                    throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): no provision `\(id)` (lexicons/provisions.yaml)")
                }
                return p
            }
            if let id = r.provision {
                let p = try lookup(id)
                set.rules[i].law = p.law
                set.rules[i].lawText = p.text
                if let c = r.impliesClass, r.provisionByClass[c] == nil, !p.applies(to: c) {
                    throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): provision \(id) does not apply to \(c) ads, the class the rule implies")
                }
            }
            for (c, id) in r.provisionByClass {
                let p = try lookup(id)
                guard p.applies(to: c) else {
                    throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): provision \(id) does not apply to \(c) ads (it covers: \(p.classes.joined(separator: ", ")))")
                }
                set.rules[i].lawByClass[c] = p.law
                set.rules[i].lawTextByClass[c] = p.text
            }
        }
    }

    /// Writes each `{{name}}` in patterns and keywords out from the named word list; a name that
    /// no list has is an error at the rule's line.
    func resolveLexicons(_ set: inout RuleSet) throws {
        // byte order: String's < normalises both sides, which thousands of entries make slow
        for (name, words) in set.lexicons { set.lexicons[name] = Array(Set(words)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        let lists = set.lexicons
        let snippets = set.snippets
        // a snippet (a named piece of pattern, e.g. a time span) is written in as it is
        var cache: [String: String] = snippets.mapValues { "(?:" + $0 + ")" }
        // the same with every list as one word: what the pattern compiler checks at load
        var skeletonCache = cache
        // every list a pattern names, written out once before the rules are resolved (the lists
        // at once, then the rules at once, reading the written lists only)
        var named = Set<String>()
        for r in set.rules {
            for p in r.patterns + r.exceptionPatterns + r.requires.flatMap(\.patterns) { named.formUnion(Lexicon.references(in: p)) }
        }
        let toWrite = named.filter { cache[$0] == nil && !(lists[$0]?.isEmpty ?? true) }.sorted()
        for (name, alt) in zip(toWrite, try concurrentMap(toWrite.count) { Lexicon.alternation(lists[toWrite[$0]]!) }) { cache[name] = alt }
        for name in named where skeletonCache[name] == nil && lists[name] != nil { skeletonCache[name] = Lexicon.alternation(["x"]) }
        // lists whose entries are plain words (no space, which a pattern reads as \s*)
        var plainList: [String: Bool] = [:]
        for (name, words) in lists {
            plainList[name] = words.allSatisfy { w in !w.isEmpty && !w.unicodeScalars.contains { $0.properties.isWhitespace } }
        }
        let skeletonLists = lists.mapValues { _ in ["x"] }
        // the same with every trie-sized list as an opaque group: what the required-literal
        // analysis reads (patterns naming none of them are read as expanded)
        var keyCache = cache
        for name in named where keyCache[name] != nil && (lists[name]?.count ?? 0) > Lexicon.flatListLimit && snippets[name] == nil {
            keyCache[name] = Lexicon.opaqueGroup
        }
        let written = cache, skeletons = skeletonCache, keyTexts = keyCache
        func resolve(_ r: Rule) throws -> Rule {
            var cache = written, skeletonCache = skeletons
            func expand(_ p: String) throws -> String {
                let (out, missing) = Lexicon.expand(p, lists, cache: &cache)
                if let m = missing.first {
                    throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): no word list `\(m)` (lists: \(lists.keys.sorted().joined(separator: ", ")))")
                }
                return out
            }
            var out = r
            if let m = r.nearLists.first(where: { lists[$0] == nil }) {
                throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): no word list `\(m)` in near_lists")
            }
            var roles: [String] = []
            for p in r.patterns { for n in Lexicon.references(in: p) where !roles.contains(n) { roles.append(n) } }
            out.partRoles = roles
            out.patternRequiredLists = r.patterns.map { p in
                Lexicon.requiredLists(in: p).filter { names in
                    names.allSatisfy { lists[$0] != nil && snippets[$0] == nil }
                        && names.reduce(0, { $0 + lists[$1]!.count }) > 48
                }
            }
            // only lists (a snippet is a piece of pattern, not words) of plain entries lead
            out.patternLeads = r.patterns.map { p in
                let names = Lexicon.leadingLists(in: p)
                guard !names.isEmpty, names.allSatisfy({ lists[$0] != nil && snippets[$0] == nil }) else { return [] }
                return names.allSatisfy { plainList[$0] ?? false } ? names : []
            }
            out.patternSkeletons = r.patterns.map { p in
                Lexicon.references(in: p).contains { snippets[$0] == nil }
                    ? Lexicon.expand(p, skeletonLists, cache: &skeletonCache).0 : nil
            }
            out.patterns = try r.patterns.map { try expand($0) }
            var keyCache = keyTexts
            out.patternKeyTexts = r.patterns.map { p in
                Lexicon.references(in: p).contains { snippets[$0] == nil && (lists[$0]?.count ?? 0) > Lexicon.flatListLimit }
                    ? Lexicon.expand(p, lists, cache: &keyCache).0 : nil
            }
            out.patternShards = zip(r.patterns, out.patterns).map { raw, full in
                Lexicon.lazyShards(of: raw, expanded: full, lists, snippets: snippets, cache: cache)
            }
            out.exceptionPatterns = try r.exceptionPatterns.map { try expand($0) }
            for g in r.requires.indices {
                out.requires[g].patterns = try r.requires[g].patterns.map { try expand($0) }
            }
            var kws: [String] = []
            for k in r.keywords {
                let names = Lexicon.references(in: k)
                if names.isEmpty { kws.append(k); continue }
                for n in names {
                    guard let words = lists[n] else { _ = try expand(k); continue }
                    kws += words
                }
            }
            for lit in kws where lit.utf8.count < 3 {
                throw RuleLoadError(file: r.file, line: r.line, reason: "rule \(r.id): keyword `\(lit)` from a word list is shorter than 3 UTF-8 bytes")
            }
            var seenKeyword = Set<String>()
            out.keywords = kws.filter { seenKeyword.insert($0).inserted }
            return out
        }
        // rule by rule at once; the first error in file order is the one reported
        let rules = set.rules
        set.rules = try concurrentMap(rules.count) { try resolve(rules[$0]) }
    }

    /// Parses one file without resolving word-list references (the directory loader resolves
    /// them once every file's lists are known).
    func parse(yaml: String, file: String) throws -> RuleSet {
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
            if !["pack", "description", "rules", "context", "ad_classes", "evasion", "lexicons", "provisions", "genre_model", "snippets", "institutions"].contains(key) {
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
            try reader.rejectUnknownOrRepeated(["homophones", "pinyin", "ordinary_reduplications"], what: "evasion")
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
        if let inst = top.value("institutions") {
            guard let m = inst.mapping else {
                throw RuleLoadError(file: file, line: inst.mark?.line ?? 0, reason: "`institutions` must be a mapping with `public`, `private` and `press`")
            }
            var reader = Fields(mapping: m, file: file, line: inst.mark?.line ?? 0)
            reader.context = "institutions"
            try reader.rejectUnknownOrRepeated(["public", "private", "press", "credential", "speaker", "news_features", "news_min_bytes",
                                                "knowledge_genres", "promotion_features", "knowledge_min_bytes", "knowledge_rules"], what: "institutions")
            set.institutions.publicNames = try reader.strings("public")
            set.institutions.privateNames = try reader.strings("private")
            set.institutions.pressBylines = try reader.strings("press")
            set.institutions.credentials = try reader.strings("credential")
            set.institutions.speakers = try reader.strings("speaker")
            set.institutions.newsFeatures = try reader.strings("news_features")
            set.institutions.newsMinBytes = try reader.optionalInt("news_min_bytes") ?? 0
            set.institutions.knowledgeGenres = try reader.strings("knowledge_genres")
            set.institutions.promotionFeatures = try reader.strings("promotion_features")
            set.institutions.knowledgeMinBytes = try reader.optionalInt("knowledge_min_bytes") ?? 0
            set.institutions.knowledgeRules = try reader.strings("knowledge_rules")
        }
        if let gm = top.value("genre_model") {
            guard let m = gm.mapping else {
                throw RuleLoadError(file: file, line: gm.mark?.line ?? 0, reason: "`genre_model` must be a mapping")
            }
            var r = Fields(mapping: m, file: file, line: gm.mark?.line ?? 0)
            r.context = "genre_model"
            try r.rejectUnknownOrRepeated(["cap", "suppress", "min_confidence", "errors_in", "error_max_mention", "error_min_confidence",
                                           "report_genres", "report_min_mention", "genres"], what: "genre_model")
            var model = GenreModel()
            model.cap = try r.optionalInt("cap") ?? 3
            model.suppress = try r.strings("suppress")
            if let mc = m.value("min_confidence"), let v = mc.string.flatMap(Double.init) { model.minConfidence = v }
            model.errorsIn = try r.strings("errors_in")
            if let em = m.value("error_max_mention") {
                guard let v = em.string.flatMap(Double.init), (0...1).contains(v) else {
                    throw r.error("error_max_mention", "`error_max_mention` must be a number from 0 to 1")
                }
                model.errorMaxMention = v
            }
            if let ec = m.value("error_min_confidence") {
                guard let v = ec.string.flatMap(Double.init), (0...1).contains(v) else {
                    throw r.error("error_min_confidence", "`error_min_confidence` must be a number from 0 to 1")
                }
                model.errorMinConfidence = v
            }
            model.reportGenres = try r.strings("report_genres")
            if let rm = m.value("report_min_mention") {
                guard let v = rm.string.flatMap(Double.init), (0...1).contains(v) else {
                    throw r.error("report_min_mention", "`report_min_mention` must be a number from 0 to 1")
                }
                model.reportMinMention = v
            }
            guard let gs = m.value("genres")?.sequence else { throw r.error("genres", "`genres` must be a list") }
            for g in gs {
                guard let gmap = g.mapping else { throw r.error("genres", "each genre must be a mapping") }
                var gr = Fields(mapping: gmap, file: file, line: g.mark?.line ?? 0)
                gr.context = "genre_model, genre"
                try gr.rejectUnknownOrRepeated(["id", "bias", "weights"], what: "genre")
                var weights: [String: Double] = [:]
                for (k, v) in try gr.stringMap("weights") {
                    guard let d = Double(v) else { throw gr.error("weights", "weight of `\(k)` is not a number: `\(v)`") }
                    weights[k] = d
                }
                model.genres.append(GenreModel.Genre(id: try gr.string("id"),
                                                     bias: Double(try gr.optionalString("bias") ?? "0") ?? 0, weights: weights))
            }
            for g in model.errorsIn + model.suppress + model.reportGenres where !model.genres.contains(where: { $0.id == g }) {
                let key = model.errorsIn.contains(g) ? "errors_in" : model.suppress.contains(g) ? "suppress" : "report_genres"
                throw r.error(key, "no genre `\(g)` in the model")
            }
            set.genre = model
        }
        if let provs = top.value("provisions") {
            guard let seq = provs.sequence else {
                throw RuleLoadError(file: file, line: provs.mark?.line ?? 0, reason: "`provisions` must be a list")
            }
            for node in seq {
                guard let pm = node.mapping else { throw RuleLoadError(file: file, line: node.mark?.line ?? 0, reason: "a provision must be a mapping") }
                let r = Fields(mapping: pm, file: file, line: node.mark?.line ?? 0)
                try r.rejectUnknownOrRepeated(["id", "law", "text", "classes", "sources"], what: "provision")
                let classes = try r.strings("classes")
                if classes.isEmpty { throw r.error("classes", "a provision needs the ad classes it applies to (or `any`)") }
                var sources: [(file: String, quote: String)] = []
                for src in pm.value("sources")?.sequence ?? [] {
                    guard let sm = src.mapping, let f = sm.value("file")?.string, let q = sm.value("quote")?.string else {
                        throw r.error("sources", "each source needs `file` and `quote`")
                    }
                    sources.append((f, q))
                }
                set.provisions.append(Provision(id: try r.string("id"), law: try r.string("law"), text: try r.string("text"),
                                                classes: classes, sources: sources, file: file, line: node.mark?.line ?? 0))
            }
        }
        if let sn = top.value("snippets") {
            guard let m = sn.mapping else {
                throw RuleLoadError(file: file, line: sn.mark?.line ?? 0, reason: "`snippets` must map names to patterns")
            }
            for (k, v) in m {
                guard let name = k.string, let p = v.string else {
                    throw RuleLoadError(file: file, line: k.mark?.line ?? 0, reason: "`snippets` must map names to patterns")
                }
                set.snippets[name] = table.foldHan(p)
            }
        }
        if let lex = top.value("lexicons") {
            guard let m = lex.mapping else {
                throw RuleLoadError(file: file, line: lex.mark?.line ?? 0, reason: "`lexicons` must map list names to lists of words")
            }
            for (k, v) in m {
                guard let name = k.string, let seq = v.sequence else {
                    throw RuleLoadError(file: file, line: k.mark?.line ?? 0, reason: "`lexicons` must map list names to lists of words")
                }
                set.lexicons[name, default: []] += seq.compactMap(\.string).map(foldLiteral)
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
        try reader.rejectUnknownOrRepeated(["id", "name", "min_score", "indicators"], what: "ad class")
        let id = try reader.string("id")
        reader.context = "ad class \(id)"
        var indicators: [AdClass.Indicator] = []
        guard let seq = m.value("indicators")?.sequence else { throw reader.error("indicators", "an ad class needs `indicators`") }
        for item in seq {
            guard let im = item.mapping else { throw reader.error("indicators", "each indicator must be a mapping with weight and terms") }
            var ir = Fields(mapping: im, file: file, line: item.mark?.line ?? line)
            ir.context = reader.context
            try ir.rejectUnknownOrRepeated(["weight", "terms"], what: "indicator")
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
        "require_class", "exclude_class", "ad_class", "law_by_class", "severity_by_class", "slogan_severity", "outlives_genre", "family",
        "provision", "provision_by_class", "genre", "min_confidence", "implies_class",
        "weak_confidence", "form_features", "weak_claims", "host_genres", "derives_from", "near_lists", "reach", "window",
    ]

    private func rule(_ node: Node, file: String) throws -> Rule {
        let line = node.mark?.line ?? 0
        guard let m = node.mapping else { throw RuleLoadError(file: file, line: line, reason: "a rule must be a mapping") }
        var reader = Fields(mapping: m, file: file, line: line)
        try reader.rejectUnknownOrRepeated(Self.ruleKeys, what: "rule")
        let id = try reader.string("id")
        reader.context = "rule \(id)"
        let catName = try reader.string("category")
        guard let category = Category(rawValue: catName) else {
            throw reader.error("category", "unknown category `\(catName)` (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let severity = try reader.severity(try reader.string("severity"), of: "severity")
        let scopeName = try reader.optionalString("scope") ?? "clause"
        guard let scope = RuleScope(rawValue: scopeName) else {
            throw reader.error("scope", "scope must be clause, document, required, genre, cue or model, not `\(scopeName)`")
        }
        let windowName = try reader.optionalString("window") ?? "clause"
        guard let window = Window(rawValue: windowName) else {
            throw reader.error("window", "window must be clause or paragraph, not `\(windowName)`")
        }
        let boundaryName = try reader.optionalString("boundary") ?? "none"
        guard let boundary = Boundary(rawValue: boundaryName) else {
            throw reader.error("boundary", "boundary must be none or word, not `\(boundaryName)`")
        }
        var requires: [RequirementGroup] = []
        if let req = reader.node("requires") {
            guard let seq = req.sequence else { throw reader.error("requires", "`requires` must be a list of groups") }
            for g in seq {
                guard let gm = g.mapping else { throw reader.error("requires", "each group must be a mapping") }
                var gr = Fields(mapping: gm, file: file, line: g.mark?.line ?? line)
                gr.context = "rule \(id), requires"
                try gr.rejectUnknownOrRepeated(["role", "keywords", "patterns"], what: "group")
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
        if scope == .model {
            if !patterns.isEmpty || !terms.isEmpty || !keywords.isEmpty {
                throw reader.error("patterns", "a model-scope rule has no keywords, patterns or terms: the claim model finds its sentences")
            }
        } else if scope == .genre {
            if try reader.optionalString("genre") == nil { throw reader.error("genre", "a genre-scope rule needs `genre`") }
        } else if scope == .document || scope == .required {
            if requires.isEmpty { throw reader.error("requires", "a \(scope.rawValue)-scope rule needs `requires` groups") }
            if scope == .required && adClass == nil { throw reader.error("ad_class", "a required-scope rule needs `ad_class`") }
        } else {
            if try scope == .cue && reader.strings("derives_from").isEmpty {
                throw reader.error("derives_from", "a cue-scope rule needs `derives_from` (the categories of the claims it turns into its own)")
            }
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
        if let ex = reader.node("examples") {
            guard let em = ex.mapping else { throw reader.error("examples", "`examples` must be a mapping with `flag` and `pass`") }
            var er = Fields(mapping: em, file: file, line: ex.mark?.line ?? line)
            er.context = "rule \(id), examples"
            try er.rejectUnknownOrRepeated(["flag", "pass"], what: "examples")
            flag = try er.strings("flag")
            pass = try er.strings("pass")
        }
        if flag.isEmpty || pass.isEmpty {
            throw reader.error("examples", "every rule needs examples: `flag` (sentences it must flag) and `pass` (look-alikes it must not)")
        }
        return Rule(
            meta: RuleMeta(id: id, category: category, severity: severity,
                           law: reader.node("provision") != nil ? (try reader.optionalString("law") ?? "") : try reader.string("law"),
                           lawText: try reader.optionalString("law_text"), message: try reader.string("message")),
            scope: scope, boundary: boundary, keywords: keywords, patterns: patterns, terms: terms,
            exceptions: try reader.strings("exceptions").map(foldLiteral),
            exceptionPatterns: try reader.strings("exception_patterns").map(table.foldHan),
            requires: requires, requireClass: try reader.strings("require_class"),
            excludeClass: try reader.strings("exclude_class"), adClass: adClass,
            lawByClass: try reader.stringMap("law_by_class"),
            severityByClass: try reader.stringMap("severity_by_class").mapValues { try reader.severity($0, of: "severity_by_class") },
            sloganSeverity: try reader.optionalString("slogan_severity").map { try reader.severity($0, of: "slogan_severity") },
            outlivesGenre: try reader.optionalBool("outlives_genre") ?? false,
            provision: try reader.optionalString("provision"),
            provisionByClass: try reader.stringMap("provision_by_class"),
            family: try reader.optionalString("family"), partRoles: [],
            impliesClass: try reader.optionalString("implies_class"),
            genre: try reader.optionalString("genre"),
            minConfidence: Double(try reader.optionalString("min_confidence") ?? "0.6") ?? 0.6,
            weakConfidence: try reader.optionalString("weak_confidence").map { v in
                guard let d = Double(v) else { throw reader.error("weak_confidence", "`weak_confidence` must be a number, not `\(v)`") }
                return d
            },
            formFeatures: try reader.strings("form_features"),
            weakClaims: try reader.optionalInt("weak_claims"),
            hostGenres: try reader.strings("host_genres"),
            derivesFrom: try reader.strings("derives_from").map { name in
                guard let c = Category(rawValue: name) else { throw reader.error("derives_from", "unknown category `\(name)`") }
                return c
            },
            nearLists: try reader.strings("near_lists"),
            reach: try {
                let r = try reader.strings("reach")
                if r.isEmpty { return (600, 300) }
                guard r.count == 2, let b = Int(r[0]), let a = Int(r[1]), b >= 0, a >= 0 else {
                    throw reader.error("reach", "`reach` must be [bytes before, bytes after]")
                }
                return (b, a)
            }(),
            window: window,
            mustFlag: flag, mustNotFlag: pass, file: file, line: line)
    }

    private func suppressor(_ node: Node, file: String) throws -> Suppressor {
        let line = node.mark?.line ?? 0
        guard let m = node.mapping else { throw RuleLoadError(file: file, line: line, reason: "a context entry must be a mapping") }
        var reader = Fields(mapping: m, file: file, line: line)
        try reader.rejectUnknownOrRepeated(["id", "scope", "markers", "min_distinct", "description", "promises"], what: "context entry")
        let id = try reader.string("id")
        reader.context = "context \(id)"
        let scopeName = try reader.string("scope")
        guard let scope = Suppressor.Scope(rawValue: scopeName) else {
            throw reader.error("scope", "scope must be document, clause_before, clause_after, cover, negation, mention, following, enumeration, question, reported, told or feature, not `\(scopeName)`")
        }
        let markers = try reader.strings("markers").map(foldLiteral)
        if markers.isEmpty { throw reader.error("markers", "a context entry needs markers") }
        for mk in markers where mk.utf8.count < 3 {
            throw reader.error("markers", "marker `\(mk)` is shorter than 3 UTF-8 bytes")
        }
        // two spellings of one folded marker (方法: and 方法：) would count twice toward min_distinct
        var seen = Set<String>()
        for mk in markers where !seen.insert(mk).inserted {
            throw reader.error("markers", "marker `\(mk)` is listed twice (after folding: width, case, traditional forms)")
        }
        let minDistinct = try reader.optionalInt("min_distinct") ?? 1
        var s = Suppressor(id: id, scope: scope, markers: markers, minDistinct: minDistinct,
                           description: try reader.optionalString("description") ?? id)
        s.promises = try reader.strings("promises")
        if !s.promises.isEmpty && scope != .negation { throw reader.error("promises", "only a negation entry has promises") }
        return s
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
    /// Each key's first value (what `Node.Mapping.value` finds), looked up by name: a rule reads
    /// some forty optional fields, and a scan of its keys per field was a tenth of parsing a pack.
    private let index: [String: Node]
    let file: String
    let line: Int
    var context = ""

    init(mapping: Node.Mapping, file: String, line: Int) {
        self.mapping = mapping
        var index: [String: Node] = [:]
        for (k, v) in mapping { if let key = k.string, index[key] == nil { index[key] = v } }
        self.index = index
        self.file = file
        self.line = line
    }

    /// The value of a field, if the mapping has it.
    func node(_ key: String) -> Node? { index[key] }

    func lineOf(_ key: String) -> Int {
        for (k, v) in mapping where k.string == key { return v.mark?.line ?? k.mark?.line ?? line }
        return line
    }

    func error(_ key: String, _ reason: String) -> RuleLoadError {
        RuleLoadError(file: file, line: lineOf(key), reason: context.isEmpty ? reason : "\(context): \(reason)")
    }

    func rejectUnknownOrRepeated(_ known: Set<String>, what: String) throws {
        // YAML keeps a repeated key and `value(_:)` would read only the first: the second list
        // (two `exception_patterns:` in one rule) would be dropped without a word
        var seen = Set<String>()
        for (k, _) in mapping {
            let key = k.string ?? ""
            if !seen.insert(key).inserted {
                throw RuleLoadError(file: file, line: k.mark?.line ?? line,
                                    reason: "field `\(key)` is given twice\(context.isEmpty ? "" : " in \(context)")")
            }
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
        guard let node = index[key] else { return nil }
        guard let s = node.scalar?.string, !s.isEmpty else { throw error(key, "`\(key)` must be a non-empty string") }
        return s
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let node = index[key] else { return nil }
        guard let s = node.scalar?.string, let v = Int(s) else { throw error(key, "`\(key)` must be an integer") }
        return v
    }

    /// A severity by name, the error naming `key` where it is none.
    func severity(_ name: String, of key: String) throws -> Severity {
        guard let s = Severity(rawValue: name) else {
            throw error(key, "severity must be error, warning or info, not `\(name)`")
        }
        return s
    }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let node = index[key] else { return nil }
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw error(key, "`\(key)` must be true or false")
        }
    }

    func stringMap(_ key: String) throws -> [String: String] {
        guard let node = index[key] else { return [:] }
        guard let m = node.mapping else { throw error(key, "`\(key)` must be a mapping") }
        var out: [String: String] = [:]
        for (k, v) in m {
            guard let ks = k.string, let vs = v.scalar?.string, !vs.isEmpty else { throw error(key, "`\(key)` entries must be strings") }
            out[ks] = vs
        }
        return out
    }

    func strings(_ key: String) throws -> [String] {
        guard let node = index[key] else { return [] }
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
