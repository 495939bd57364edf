import AdscanNormalize

/// Per-thread mutable state for scanning, reused across records so the hot path allocates little.
public final class Scratch {
    public let matchData = MatchData()
    public let hits = HitBuffer()
    public var window = NormalizedText()
    /// ClauseKeys of `window` (built when a pattern with required literals first needs them).
    let windowKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: ClauseKeys.words)
    public var clauseText = NormalizedText()
    /// The claim model's head scores of the sentence being scored.
    var modelScores: [Float] = []
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
        for l in listsChecked { listEntries[l].removeAll(keepingCapacity: true) }
        listsChecked.removeAll(keepingCapacity: true)
        listsFound = false
        windowBoundaries = nil
    }

    /// ICU word boundaries of `window`, found once per window (several matches of word-bounded
    /// rules in one clause each needed them).
    var windowBoundaries: Set<Int32>? = nil

    /// Per word-list set: where its entries start in the window (all sets found in one walk, on
    /// the window's first need), and the sets with entries, to clear them when the window moves.
    var listsFound = false
    var listsChecked: [Int] = []
    var listEntries: [[Int32]] = []

    /// Where entries of list set `id` start in the window.
    func windowEntries(_ id: Int, _ union: LeadUnion) -> [Int32] {
        if !listsFound {
            if listEntries.count < union.setCount {
                listEntries += Array(repeating: [], count: union.setCount - listEntries.count)
            }
            window.bytes.withUnsafeBufferPointer { u in
                union.forEachStart(u) { s, p in
                    let p32 = Int32(truncatingIfNeeded: p)
                    if listEntries[s].isEmpty { listsChecked.append(s) }
                    else if listEntries[s].last == p32 { return }
                    listEntries[s].append(p32)
                }
            }
            listsFound = true
        }
        return listEntries[id]
    }
    /// Hits (indices) that carry a keyword or term, for the window pass.
    var windowHits: [Int] = []
    /// Per group slot: first evidence (original range), and keyword hits awaiting patterns.
    var groupEvidence: [Range<Int>?] = []
    var groupHits: [[Range<Int>]] = []
    var touchedGroups: [Int] = []
    /// Per marker slot: seen in this record.
    var markerSeen = SeenSet()

    /// Per indicator slot: seen in this record; per class: summed weight.
    var indicatorSeen = SeenSet()
    var classScore: [Int] = []

    /// Per canonical literal: a first-hit-only literal already seen in this record.
    var literalSeen = SeenSet()

    func prepare(groups: Int, markers: Int, indicators: Int, classes: Int, literals: Int, rules: Int) {
        if ranInWindow.count != rules { ranInWindow = Array(repeating: false, count: rules) }
        literalSeen.reset(count: literals)
        indicatorSeen.reset(count: indicators)
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
        markerSeen.reset(count: markers)
    }

    public init() {}

    deinit {
        windowKeys.deallocate()
        literalSeen.deallocate()
        indicatorSeen.deallocate()
        markerSeen.deallocate()
    }
}

/// Flags over 0..<count, with the ones set listed so that clearing them costs what was set.
/// Raw storage owned by one Scratch: setting a flag in the per-hit loop is a store, not an
/// array mutation through a class property (a uniqueness check and a bounds check each).
struct SeenSet {
    private var flags: UnsafeMutablePointer<Bool>? = nil
    private var set: UnsafeMutablePointer<Int32>? = nil
    private(set) var count = 0
    private var setCount = 0

    /// Sets flag i; false when it was set already. - Precondition: i < count.
    @inline(__always)
    mutating func insert(_ i: Int) -> Bool {
        assert(i < count)
        if flags.unsafelyUnwrapped[i] { return false }
        flags.unsafelyUnwrapped[i] = true
        set.unsafelyUnwrapped[setCount] = Int32(truncatingIfNeeded: i)
        setCount &+= 1
        return true
    }

    /// All flags clear, over `n` of them.
    mutating func reset(count n: Int) {
        if n != count {
            deallocate()
            flags = .allocate(capacity: max(1, n))
            flags!.initialize(repeating: false, count: max(1, n))
            set = .allocate(capacity: max(1, n))
            count = n
        } else if let flags, let set {
            for k in 0..<setCount { flags[Int(set[k])] = false }
        }
        setCount = 0
    }

    mutating func deallocate() {
        flags?.deallocate()
        set?.deallocate()
        flags = nil
        set = nil
        count = 0
        setCount = 0
    }
}
