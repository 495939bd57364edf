import AdscanEngine
import AdscanMatch
import AdscanModel
import ArgumentParser
import Foundation

/// Precision, recall and F1 of the loaded rules on a labelled corpus, overall and per category.
/// A record counts as flagged when it has any active `error` or `warning` finding.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure precision and recall on a labelled JSONL corpus ({id, text, label, categories}).")

    @Argument(help: "Labelled corpora (JSON Lines; - reads standard input), measured together.")
    var corpora: [String]

    @Option(name: .long, help: "Rule pack directory (default: the installed lexicons).")
    var rules: String?

    @Option(name: .long, help: "List at most this many misses and false alarms.")
    var show = 20

    @Option(name: .long, help: "Exit 1 when record-level precision is below this.")
    var minPrecision: Double?

    @Option(name: .long, help: "Exit 1 when record-level recall is below this.")
    var minRecall: Double?

    @Option(name: .long, help: "Write the genre model's features of every record (TSV: id, genre, features) to this file, for tools/fit_genre.py.")
    var genreFeatures: String?

    struct Counts { var tp = 0, fp = 0, fn = 0, tn = 0 }

    /// Other writers' names for adscan's genres (`kind` values, and `genre` values that are not
    /// adscan's own): one table for both fields.
    static let genreNames: [String: String] = [
        "claim_short": "ad", "ad_page": "ad", "compliant_ad": "ad", "livestream": "livestream", "advertorial": "advertorial",
        "notice": "enforcement", "enforcement": "enforcement", "court": "enforcement", "regulation": "regulation",
        "news": "news", "crawled_news": "news", "epidemic": "news", "finance_news": "news",
        "research": "research", "science": "science", "health_knowledge": "science", "doctor_answer": "science",
        "consumer_tip": "consumer_tip", "warning_notice": "consumer_tip", "everyday": "comment", "homograph": "comment",
        "heldout": "ad", "heldout2": "ad",
        "penalty_notice": "enforcement", "health_science": "science", "research_abstract": "research",
        "user_comment": "comment", "chat_comment": "comment", "chat": "comment", "medical_info": "science",
    ]

    /// The genre a labelled record belongs to: its `genre` field, else one read from its `kind`.
    static func genreLabel(_ obj: [String: Any], violation: Bool) -> String? {
        if let g = obj["genre"] as? String { return genreNames[g] ?? g }
        guard var kind = obj["kind"] as? String else {
            if violation { return "ad" }
            // a clean row's categories may name its document type (../shared/devset: news, regulation, medical_info, consumer_tip)
            return (obj["categories"] as? [String] ?? []).lazy.compactMap { genreNames[$0] }.first
        }
        for prefix in ["heldout2-", "heldout-"] where kind.hasPrefix(prefix) { kind.removeFirst(prefix.count) }
        return genreNames[kind]
    }

    /// Category names of other labelled corpora that mean one of adscan's.
    static let categoryAliases = ["cure_guarantee": "efficacy_guarantee", "disguised_news": "disguised_ad"]

    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
    static func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
    static func fmt(_ v: Double) -> String { String(format: "%.3f", v) }

    func run() throws {
        let (compiled, _) = try loadEngine(rulesOption: rules)
        // the path `scan` takes (inline allows and fingerprints included), with no baseline
        let engine = Engine(compiled)
        let scratch = Scratch()
        var overall = Counts()
        var perCategory: [String: Counts] = [:]
        var labelledCategories: Set<String> = []   // categories some violation row of these corpora carries
        var errorsOnClean = 0, clean = 0, violations = 0
        var misses: [String] = [], falseAlarms: [String] = []
        var featureRows: [String] = []
        var genreTotal = 0, genreRight = 0
        var genreConfusions: [String: Int] = [:]   // "labelled→read" for records read as another genre
        var advertorial = Counts()   // pages: advertorial (disguised ad) vs the rest
        var badLines = 0
        for corpus in corpora {
            let data = corpus == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: corpus)
            guard let data else { throw EngineLoadError(description: "cannot read \(corpus)") }
            for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let text = obj["text"] as? String, let label = obj["label"] as? String else {
                    // a bad row is named and left out; the run goes on and exits 2 (it measured less than asked)
                    badLines += 1
                    FileHandle.standardError.write(Data("adscan eval: \(corpus):\(n + 1): expected {id, text, label, categories}; line skipped\n".utf8))
                    continue
                }
                let id = obj["id"] as? String ?? "\(n + 1)"
                // a clean row's categories are document types, not claims; other corpora's names for
                // adscan's categories are read as adscan's (../shared/devset: cure_guarantee, disguised_news)
                let truth = label == "violation" ? Set((obj["categories"] as? [String] ?? []).map { Self.categoryAliases[$0] ?? $0 }) : []
                let origin = RecordOrigin(source: corpus, line: n + 1, explicitID: obj["id"] as? String)
                let out = engine.scan(text, origin: origin, scratch: scratch)
                let findings = out.findings.filter { $0.suppressedBy == nil && $0.severity >= .warning }
                if let g = Self.genreLabel(obj, violation: label == "violation") {
                    genreTotal += 1
                    if out.genre?.id == g { genreRight += 1 } else { genreConfusions["\(g)→\(out.genre?.id ?? "none")", default: 0] += 1 }
                    switch (g == "advertorial", out.genre?.id == "advertorial") {
                    case (true, true): advertorial.tp += 1
                    case (true, false): advertorial.fn += 1
                    case (false, true): advertorial.fp += 1
                    case (false, false): advertorial.tn += 1
                    }
                    if genreFeatures != nil {
                        let (names, values) = engine.genreFeatures(text, scratch: scratch)
                        if featureRows.isEmpty { featureRows.append((["id", "genre"] + names).joined(separator: "\t")) }
                        featureRows.append(([id, g] + values.map { String(format: "%.3f", $0) }).joined(separator: "\t"))
                    }
                }
                let flagged = !findings.isEmpty
                let isViolation = label == "violation"
                if isViolation { violations += 1 } else { clean += 1 }
                if !isViolation && findings.contains(where: { $0.severity == .error }) { errorsOnClean += 1 }
                switch (isViolation, flagged) {
                case (true, true): overall.tp += 1
                case (true, false):
                    overall.fn += 1
                    misses.append("\(id) «\(text.prefix(60))»")
                case (false, true):
                    overall.fp += 1
                    let why = findings.prefix(3).map { "\($0.ruleID) «\($0.match)»" }.joined(separator: ", ")
                    falseAlarms.append("\(id) «\(text.prefix(60))» → \(why)")
                case (false, false): overall.tn += 1
                }
                labelledCategories.formUnion(truth)
                let predicted = Set(findings.map(\.category.rawValue))
                for c in truth.union(predicted) {
                    var k = perCategory[c] ?? Counts()
                    switch (truth.contains(c), predicted.contains(c)) {
                    case (true, true): k.tp += 1
                    case (true, false): k.fn += 1
                    case (false, true): k.fp += 1
                    default: break
                    }
                    perCategory[c] = k
                }
            }
        }
        let p = Self.ratio(overall.tp, overall.tp + overall.fp), r = Self.ratio(overall.tp, overall.tp + overall.fn)
        let files = corpora.count == 1 ? "" : " from \(corpora.count) files"
        print("corpus: \(violations + clean) records\(files) (\(violations) violation, \(clean) clean); rules: \(compiled.ruleSet.rules.count)")
        print("record level: precision \(Self.fmt(p))  recall \(Self.fmt(r))  F1 \(Self.fmt(Self.f1(p, r)))  "
              + "(TP \(overall.tp), FP \(overall.fp), FN \(overall.fn), TN \(overall.tn))")
        print("error findings on clean records: \(errorsOnClean)/\(clean) (\(Self.fmt(Self.ratio(errorsOnClean, max(clean, 1)) * 100))%)")
        print("per category (category-level: a record counts for every category it has or is predicted):")
        // a category no row is labelled with has no measurable precision here: every prediction of it
        // would count as false, so it is listed apart with its count
        var unlabelled: [String] = []
        for (c, k) in perCategory.sorted(by: { $0.key < $1.key }) {
            guard labelledCategories.contains(c) else { unlabelled.append("\(c) \(k.fp)"); continue }
            let cp = Self.ratio(k.tp, k.tp + k.fp), cr = Self.ratio(k.tp, k.tp + k.fn)
            let name = c.padding(toLength: 24, withPad: " ", startingAt: 0)
            print("  \(name) precision \(Self.fmt(cp))  recall \(Self.fmt(cr))  F1 \(Self.fmt(Self.f1(cp, cr)))  (TP \(k.tp), FP \(k.fp), FN \(k.fn))")
        }
        if !unlabelled.isEmpty {
            print("  predicted, but no record of these corpora is labelled with it (precision not measurable): " + unlabelled.joined(separator: ", "))
        }
        if genreTotal > 0 {
            let ap = Self.ratio(advertorial.tp, advertorial.tp + advertorial.fp), ar = Self.ratio(advertorial.tp, advertorial.tp + advertorial.fn)
            print("genre: accuracy \(Self.fmt(Self.ratio(genreRight, genreTotal))) on \(genreTotal) records with a genre; "
                  + "advertorial precision \(Self.fmt(ap)) recall \(Self.fmt(ar)) (TP \(advertorial.tp), FP \(advertorial.fp), FN \(advertorial.fn))")
            let worst = genreConfusions.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8)
            if !worst.isEmpty { print("  most read as another genre: " + worst.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) }
        }
        if let path = genreFeatures {
            try (featureRows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        print("misses (\(misses.count)):")
        for m in misses.prefix(show) { print("  " + m) }
        print("false alarms (\(falseAlarms.count)):")
        for f in falseAlarms.prefix(show) { print("  " + f) }
        if let mp = minPrecision, p < mp { throw ExitCode(1) }
        if let mr = minRecall, r < mr { throw ExitCode(1) }
        if badLines > 0 { throw ExitCode(2) }
    }
}
