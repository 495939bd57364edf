@testable import AdscanMatch
import AdscanRules
import XCTest

/// A pattern is skipped in a clause only when it cannot match there: the required-literal
/// analysis must be conservative, and the clause keys must never miss a literal that is present.
final class RequiredLiteralsTests: XCTestCase {
    func sets(_ pattern: String) -> [[String]] {
        RequiredLiterals(pattern: pattern).sets.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    func testReadsTheTopLevelSequence() {
        XCTAssertEqual(sets("(?:保证|确保|包)\\s*(?:治愈|治好)"), [["保证", "确保", "包"], ["治愈", "治好"]])
        XCTAssertEqual(sets("(?:保证|确保|承诺)?\\s*提分\\s*\\d+\\s*分"), [["提分"], ["分"]], "an optional group is no requirement")
        XCTAssertEqual(sets("术后第?\\s*\\d+\\s*天"), [["术后"], ["天"]], "a quantifier takes only the last character of a run")
        XCTAssertEqual(sets("医广(?!告)(?<!非)\\S{0,8}"), [["医广"]], "lookarounds consume nothing")
        XCTAssertEqual(sets("(?:第一|no\\.\\s*1)\\s*(?:品牌|医院)"), [["品牌", "医院"]], "a group with syntax in it is opaque")
        XCTAssertEqual(sets("(?:药|械)+广审"), [["药", "械"], ["广审"]], "one or more is still required")
        XCTAssertEqual(sets("(?:效果){0,1}最好"), [["最好"]])
        XCTAssertEqual(sets("(?:效果){2}最好"), [["效果"], ["最好"]])
        XCTAssertEqual(sets("[]最]好"), [["好"]], "a class opening with ] is one item")
        XCTAssertEqual(sets("(?:治愈|)率"), [["率"]], "an empty alternative matches anywhere")
        XCTAssertEqual(sets("(a(b)c)d"), [["d"]], "nested groups are opaque")
    }

    func testGivesUpOnWhatItDoesNotRead() {
        XCTAssertEqual(sets("治愈|根治"), [], "top-level alternation")
        XCTAssertEqual(sets("(?i)治愈率"), [], "inline options")
        XCTAssertEqual(sets("(?i:治愈)率"), [], "scoped options")
        XCTAssertEqual(sets("\\Q治愈\\E率"), [])
        XCTAssertEqual(sets("治愈{率"), [], "a brace that is not a quantifier")
        XCTAssertEqual(sets("治愈)率"), [], "unbalanced")
        XCTAssertEqual(sets("(*UTF)治愈"), [])
    }

    /// Soundness on the real rule packs: texts built from each pattern's own literals and a few
    /// other characters; wherever PCRE2 finds a match, the clause keys must say "maybe".
    func testNeverSkipsAPatternThatMatches() throws {
        var rng = SplitMix(seed: 11)
        let filler = Array("的了是在有和就都一二三4５6%。 ，nNo.1".unicodeScalars).map { String($0) }
        let data = MatchData()
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: ClauseKeys.words)
        defer { keys.deallocate() }
        var matched = 0
        for rule in TestSupport.compiled.ruleSet.rules {
            for (i, p) in rule.patterns.enumerated() {
                // a pattern past PCRE2's size runs through its slices, as in the scanner
                let shards = i < rule.patternShards.count ? rule.patternShards[i] : PatternShards()
                let re = shards.isEmpty ? try Regex(p) : try Regex(p, skeleton: rule.patternSkeletons[i], shards: shards)
                let req = ClauseKeys.keys(RequiredLiterals(pattern: re.pattern))
                let pieces = RequiredLiterals(pattern: re.pattern).sets.flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
                    + rule.keywords + filler
                for _ in 0..<150 {
                    var text = ""
                    for _ in 0..<(1 + Int(rng.next() % 8)) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
                    let bytes = Array(text.utf8)
                    var hit = false
                    bytes.withUnsafeBufferPointer { b in
                        re.forEachMatch(in: b, from: 0, to: b.count, data: data) { _, _ in hit = true }
                        ClauseKeys.build(b, into: keys)
                    }
                    if hit {
                        matched += 1
                        XCTAssertTrue(ClauseKeys.mayMatch(req, keys), "/\(p)/ matches «\(text)» but would be skipped")
                    }
                }
            }
        }
        XCTAssertGreaterThan(matched, 500, "the generated texts must exercise the patterns")
    }

    /// And the keys do skip: a clause without the literals is rejected.
    func testSkipsAClauseWithoutTheLiterals() {
        let req = ClauseKeys.keys(RequiredLiterals(pattern: "(?:保证|确保)\\s*(?:治愈|治好)"))
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: ClauseKeys.words)
        defer { keys.deallocate() }
        for (text, expected) in [("我们保证治好您的病", true), ("我们保证服务质量", false), ("一次治愈", false), ("确保。治愈", true)] {
            Array(text.utf8).withUnsafeBufferPointer { ClauseKeys.build($0, into: keys) }
            XCTAssertEqual(ClauseKeys.mayMatch(req, keys), expected, text)
        }
    }

    /// The matcher reads each pattern's requirement from its key text, where every trie-sized word
    /// list stands as an opaque group: over the built-in pack that must read exactly as the whole
    /// expanded pattern does, and the long lists must really have been left out.
    func testKeyTextsReadAsTheExpandedPatterns() {
        var compared = 0, shorter = 0
        for rule in TestSupport.compiled.ruleSet.rules {
            for (i, p) in rule.patterns.enumerated() {
                guard i < rule.patternKeyTexts.count, let key = rule.patternKeyTexts[i] else { continue }
                XCTAssertEqual(RequiredLiterals(pattern: key).sets, RequiredLiterals(pattern: p).sets, "\(rule.id) pattern \(i)")
                compared += 1
                if key.utf8.count * 10 < p.utf8.count { shorter += 1 }
            }
        }
        XCTAssertGreaterThan(compared, 100)
        XCTAssertGreaterThan(shorter, 50)
        // a trie-sized list reads as opaque whatever is written for it; a short list is read
        let words = (0..<60).map { String(UnicodeScalar(0x4E00 + UInt32($0 * 7))!) + "病" }
        var cache: [String: String] = [:]
        let full = Lexicon.expand("保证(?:{{d}})治愈", ["d": words], cache: &cache).0
        XCTAssertEqual(RequiredLiterals(pattern: full).sets, RequiredLiterals(pattern: "保证" + Lexicon.opaqueGroup + "治愈").sets)
        XCTAssertEqual(RequiredLiterals(pattern: "保证(?:头痛|牙痛)治愈").sets.count, 3)
    }
}
