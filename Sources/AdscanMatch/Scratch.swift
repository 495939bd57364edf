import AdscanNormalize

/// Per-thread mutable state for scanning, reused across records so the hot path allocates little.
public final class Scratch {
    public let matchData = MatchData()
    public var hits: [LiteralPrefilter.Hit] = []
    public var window = NormalizedText()
    public var clauseText = NormalizedText()
    public lazy var wordBreaker: WordBreaker? = WordBreaker()
    var ranInWindow: Set<Int> = []

    public init() {
        hits.reserveCapacity(1024)
    }
}
