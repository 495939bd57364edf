import AdscanNormalize
import AdscanRules

/// The evasion pass, in one place: for records written to slip past word filters (根~治, 根根治,
/// zhi愈率, 根(gēn)治, &#27835;, zero-width characters between claim characters).
///
///   1. `inspect` - every record: is it valid UTF-8, and does it show signs of disguise that the
///      fast path cannot see through? (`RecordInspector`: byte-level, in AdscanNormalize below the
///      rules; it is given the claim characters from here.) A record whose fast-path match saw a
///      homophone or pinyin spelling (`MatchResult.evasionTriggered`, from `triggers`) needs the
///      pass too.
///   2. `scan` - those records only: rewrite the whole record into what the reader was meant to
///      see (`Deobfuscator`, keeping a `RewriteMap` from output bytes to original ones), match the
///      rewrite, and map every offset of the result back to the original, naming the transforms
///      each match needed (`via`).
///
/// Built once per rule pack from the rules' words and `lexicons/evasion.yaml` (`ClaimSpellings`).
/// Immutable; shared by all threads.
public struct EvasionPass: Sendable {
    /// Step 1: UTF-8 validity and signs of disguise.
    public let inspector: RecordInspector
    /// Step 2's rewrite.
    public let deobfuscator: Deobfuscator
    /// Homophone and pinyin spellings of claim words (folded, 3 bytes or more): the main
    /// prefilter looks for them, and a record holding one takes the pass.
    public let triggers: [String]

    public init(_ ruleSet: RuleSet, table: FoldTable = .shared, inverse: [UInt32: [UInt32]]? = nil) {
        let spellings = ClaimSpellings(ruleSet, inverse: inverse ?? table.inverseMap())
        inspector = RecordInspector(table: table, claimCharacters: spellings.claimCharacters)
        deobfuscator = Deobfuscator(table: table, claimCharacters: spellings.claimCharacters, replacements: spellings.replacements)
        triggers = spellings.replacements.filter { $0.from.utf8.count >= 3 }.map(\.from)
    }

    /// Step 1 for one record.
    @inlinable
    public func inspect(_ text: UnsafeBufferPointer<UInt8>) -> RecordInspector.Report {
        inspector.inspect(text)
    }

    /// Step 2: the de-obfuscated record matched, every offset mapped back to the original and
    /// the transforms each match needed recorded; and the first invalid UTF-8 byte of the original.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, matcher: Matcher, scratch: Scratch) -> (MatchResult, firstInvalid: Int?) {
        let rewritten = deobfuscator.rewrite(text)
        var m = rewritten.bytes.withUnsafeBufferPointer { matcher.scan($0, scratch: scratch, folded: true) }
        Self.mapBack(&m, from: rewritten, original: text)
        return (m, rewritten.firstInvalid)
    }

    /// Moves every offset of a match of the rewritten text to the original's, and adds to each
    /// candidate's `via` the transforms its bytes needed.
    static func mapBack(_ m: inout MatchResult, from rewritten: Deobfuscator.Text, original text: UnsafeBufferPointer<UInt8>) {
        func back(_ r: Range<Int>) -> Range<Int> {
            r.isEmpty && r.lowerBound == 0 ? 0..<0 : rewritten.originalRange(r.lowerBound, r.upperBound)
        }
        for i in m.candidates.indices {
            let c = m.candidates[i]
            let span = c.start..<c.end
            let via = Set(c.via + rewritten.transforms(c.start, c.end, original: text))
            let o = back(span)
            m.candidates[i].start = o.lowerBound
            m.candidates[i].end = o.upperBound
            m.candidates[i].clause = back(c.clause)
            m.candidates[i].via = via.sorted()
            m.candidates[i].evidence = c.evidence.map { ($0.role, back($0.range)) }
        }
        func backAll(_ markers: inout [MarkerHit]) {
            for i in markers.indices {
                let o = back(markers[i].start..<markers[i].end)
                markers[i].start = o.lowerBound
                markers[i].end = o.upperBound
            }
        }
        backAll(&m.markers)
        backAll(&m.clauseMarkers)
    }
}
