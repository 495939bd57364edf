import AdscanMatch
import AdscanModel
import AdscanRules
import Foundation

/// The document genre of a record from interpretable features: for each `feature` context entry
/// the number of its distinct markers in the record (capped), plus the record's length and how many
/// distinct claim rules matched. A linear score per genre (weights fit offline, tools/fit_genre.py)
/// and a softmax give the genre, its probability and the markers that pushed it most.
struct GenreClassifier: Sendable {
    private let model: GenreModel
    /// Per genre, per feature slot: the weight (slot order = `featureNames`).
    private let weights: [[Double]]
    let featureNames: [String]
    /// Suppressor index → feature slot (nil: not a feature entry).
    private let slotOfSuppressor: [Int?]
    private let suppressors: [Suppressor]
    private let suppressGenres: Set<String>

    static let builtins = ["length", "claims"]
    /// The largest value of the `length` feature (log2(1 + bytes/256) = 3 at 1,792 bytes).
    static let lengthCap = 3.0

    init(_ set: RuleSet) {
        model = set.genre
        suppressors = set.suppressors
        var names: [String] = []
        var slot: [Int?] = []
        for s in set.suppressors {
            if s.scope == .feature { slot.append(names.count); names.append(s.id) } else { slot.append(nil) }
        }
        names += Self.builtins
        featureNames = names
        slotOfSuppressor = slot
        weights = set.genre.genres.map { g in names.map { g.weights[$0] ?? 0 } }
        suppressGenres = Set(set.genre.suppress)
    }

    var isEmpty: Bool { model.genres.isEmpty }

    /// The feature vector of a record: distinct markers per feature (capped), then the built-ins.
    func features(_ markers: [MarkerHit], bytes: Int, claimRules: Int) -> (values: [Double], evidence: [[Int]]) {
        var distinct = [Set<Int>](repeating: [], count: featureNames.count)
        for m in markers { if let s = slotOfSuppressor[m.suppressor] { distinct[s].insert(m.marker) } }
        var v = distinct.map { Double(min($0.count, model.cap)) }
        let n = featureNames.count
        // length in kilobytes of text, on a log scale: a slogan, a paragraph, a page. Capped at a
        // page of about 600 characters: the fit data has almost nothing longer, so a weight learnt
        // below it must not extrapolate to the long pages real sites serve (the cap was 4).
        v[n - 2] = min(log2(1 + Double(bytes) / 256), Self.lengthCap)
        v[n - 1] = Double(min(claimRules, model.cap))
        return (v, distinct.map { $0.sorted() })
    }

    /// The most probable genre with its probability and up to four markers of the features that
    /// contributed most to it, and the feature vector it was read from (slots: `featureNames`).
    func classify(_ markers: [MarkerHit], bytes: Int, claimRules: Int) -> (genre: Genre, features: [Double])? {
        guard !model.genres.isEmpty else { return nil }
        let (x, ev) = features(markers, bytes: bytes, claimRules: claimRules)
        var scores = model.genres.indices.map { g in
            model.genres[g].bias + zip(weights[g], x).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let top = scores.max() ?? 0
        scores = scores.map { exp($0 - top) }
        let sum = scores.reduce(0, +)
        var best = 0
        for g in scores.indices where scores[g] > scores[best] { best = g }
        // evidence: markers of the features with the largest positive contribution to the winner
        let contributions = featureNames.indices
            .map { ($0, weights[best][$0] * x[$0]) }
            .filter { $0.1 > 0 && $0.0 < featureNames.count - Self.builtins.count }
            .sorted { $0.1 > $1.1 }
        var evidence: [String] = []
        for (f, _) in contributions where evidence.count < 4 {
            guard let si = slotOfSuppressor.firstIndex(where: { $0 == f }) else { continue }
            for mi in ev[f] where evidence.count < 4 { evidence.append(suppressors[si].markers[mi]) }
        }
        let id = model.genres[best].id
        var mention = 0.0
        for g in scores.indices where suppressGenres.contains(model.genres[g].id) { mention += scores[g] / sum }
        return (Genre(id: id, confidence: scores[best] / sum, evidence: evidence, mention: mention), x)
    }

    /// Whether claims in the record are mentions: the model puts at least `min_confidence` of its
    /// probability on the genres that discuss claims (ten genres share the mass, so a notice is often
    /// only 0.4 "enforcement" but 0.8 "one of the discussing genres"), whatever the single most
    /// likely genre is (a scam report read as 0.34 advertorial is still 0.52 news, notice or tip).
    func suppresses(_ g: Genre) -> Bool {
        g.mention >= model.minConfidence
    }

    /// The reading a suppression or a downgrade names: `genre: news 0.62, mention 0.81`.
    static func reading(_ g: Genre) -> String {
        "genre: \(g.id) \(String(format: "%.2f", g.confidence)), mention \(String(format: "%.2f", g.mention))"
    }

    /// Whether the genre is one an ad's own copy is written in (`errors_in`: ad, advertorial, livestream).
    func isAdGenre(_ g: Genre) -> Bool {
        model.errorsIn.isEmpty || model.errorsIn.contains(g.id)
    }

    /// Why a rule's `warning` in a record of this genre is lowered to `info` (nil: it stands): the
    /// record reads as news, a notice, a regulation or research.
    func warningDowngrade(_ g: Genre) -> String? {
        guard model.reportGenres.contains(g.id), g.mention >= model.reportMinMention else { return nil }
        return Self.reading(g) + " (claims are reported in \(model.reportGenres.joined(separator: ", ")))"
    }

    /// Why a rule's `error` in a record of this genre is lowered to `warning` (nil: it stands).
    func errorDowngrade(_ g: Genre) -> String? {
        let outside = !model.errorsIn.isEmpty && !model.errorsIn.contains(g.id)
        let unsure = g.confidence < model.errorMinConfidence
        guard outside || unsure || g.mention > model.errorMaxMention else { return nil }
        let why = outside ? "errors stand in \(model.errorsIn.joined(separator: ", "))"
            : unsure ? "confidence under \(model.errorMinConfidence)" : "above \(model.errorMaxMention)"
        return Self.reading(g) + " (\(why))"
    }
}
