import AdscanNormalize

/// Per-thread mutable state for scanning, reused across records so the hot path allocates little.
public final class Scratch {
    public let matchData = MatchData()
    public let hits = HitBuffer()
    public var window = NormalizedText()
    /// ClauseKeys of `window` (built when a pattern with required literals first needs them).
    let windowKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: ClauseKeys.words)
    public var clauseText = NormalizedText()
    public let clauseHits = HitBuffer(capacity: 64)
    /// The context gate's folded clause and its marker hits, kept while the gate works through
    /// one record's candidates (those of one clause come in a row: one fold, one search).
    public var gateClauseText = NormalizedText()
    public var gateClause: Range<Int>? = nil
    public lazy var wordBreaker: WordBreaker? = WordBreaker()
    /// Keyword rules whose patterns already ran in the current window (flags by rule, and the
    /// ones set, to clear them when the window moves: no hashing per keyword hit).
    var ranInWindow: [Bool] = []
    var ranRules: [Int] = []

    /// Marks rule ri as run in this window; false when it already was.
    @inline(__always)
    func markRan(_ ri: Int) -> Bool {
        if ranInWindow[ri] { return false }
        ranInWindow[ri] = true
        ranRules.append(ri)
        return true
    }

    func newWindow() {
        for r in ranRules { ranInWindow[r] = false }
        ranRules.removeAll(keepingCapacity: true)
    }
    /// Hits (indices) that carry a keyword or term, for the window pass.
    var windowHits: [Int] = []
    /// Per group slot: first evidence (original range), and keyword hits awaiting patterns.
    var groupEvidence: [Range<Int>?] = []
    var groupHits: [[Range<Int>]] = []
    var touchedGroups: [Int] = []
    /// Per marker slot: seen in this record.
    var markerSeen: [Bool] = []
    var touchedMarkers: [Int] = []

    /// Per indicator slot: seen in this record; per class: summed weight.
    var indicatorSeen: [Bool] = []
    var touchedIndicators: [Int] = []
    var classScore: [Int] = []

    /// Per canonical literal: a first-hit-only literal already seen in this record.
    var literalSeen: [Bool] = []
    var touchedLiterals: [Int] = []

    func prepare(groups: Int, markers: Int, indicators: Int, classes: Int, literals: Int, rules: Int) {
        if ranInWindow.count != rules { ranInWindow = Array(repeating: false, count: rules) }
        if literalSeen.count != literals {
            literalSeen = Array(repeating: false, count: literals)
        } else {
            for l in touchedLiterals { literalSeen[l] = false }
        }
        touchedLiterals.removeAll(keepingCapacity: true)
        if indicatorSeen.count != indicators {
            indicatorSeen = Array(repeating: false, count: indicators)
        } else {
            for i in touchedIndicators { indicatorSeen[i] = false }
        }
        touchedIndicators.removeAll(keepingCapacity: true)
        if classScore.count != classes { classScore = Array(repeating: 0, count: classes) }
        else { for c in classScore.indices { classScore[c] = 0 } }
        if groupEvidence.count != groups {
            groupEvidence = Array(repeating: nil, count: groups)
            groupHits = Array(repeating: [], count: groups)
        } else {
            for g in touchedGroups {
                groupEvidence[g] = nil
                groupHits[g].removeAll(keepingCapacity: true)
            }
        }
        touchedGroups.removeAll(keepingCapacity: true)
        if markerSeen.count != markers {
            markerSeen = Array(repeating: false, count: markers)
        } else {
            for m in touchedMarkers { markerSeen[m] = false }
        }
        touchedMarkers.removeAll(keepingCapacity: true)
    }

    public init() {}

    deinit { windowKeys.deallocate() }
}
