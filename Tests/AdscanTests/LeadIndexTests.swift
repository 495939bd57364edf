import AdscanContext
import AdscanEngine
import AdscanMatch
import AdscanRules
import XCTest

/// Word lists that lead or are required by a pattern: the pattern analysis, the trie, and the
/// matches of a lead pattern against the same pattern searched everywhere (they must be equal).
final class LeadIndexTests: XCTestCase {
    func testLeadingAndRequiredListsOfAPattern() {
        XCTAssertEqual(Lexicon.leadingLists(in: "(?:{{disease}}){{gap}}{0,30}?(?:都能)"), ["disease"])
        XCTAssertEqual(Lexicon.leadingLists(in: "{{disease}}\\s*好了"), ["disease"])
        XCTAssertEqual(Lexicon.leadingLists(in: "(?:{{disease}}|{{metric}})降了"), ["disease", "metric"])
        XCTAssertEqual(Lexicon.leadingLists(in: "(?:{{disease}})?好了"), [], "an optional lead leads nothing")
        XCTAssertEqual(Lexicon.leadingLists(in: "(?:{{disease}}){2}"), [])
        XCTAssertEqual(Lexicon.leadingLists(in: "(?:{{disease}})好了|痊愈"), [], "a top-level alternative can start anywhere")
        XCTAssertEqual(Lexicon.leadingLists(in: "对\\s*{{disease}}"), [])
        XCTAssertEqual(Lexicon.requiredLists(in: "(?:{{product}}){{gap}}{0,9}?(?:{{modal}}|{{adverb}})\\s*(?:{{verb}})?(?:{{disease}})"),
                       [["product"], ["modal", "adverb"], ["disease"]],
                       "unquantified top-level list groups only (a quantified gap is not required)")
        XCTAssertEqual(Lexicon.requiredLists(in: "a(?:{{x}}|b)[{{y}}]"), [], "a group with more than lists, a class")
        XCTAssertEqual(Lexicon.requiredLists(in: "{{x}}|{{y}}"), [])
    }

    func testTrieFindsEntriesAndTheLongest() {
        let index = LeadIndex(["高血压", "高血脂", "高血", "失眠", "hpv感染"])
        var text = Array("有高血压和失眠也有高血糖,hpv感染".utf8)
        text.withUnsafeBufferPointer { u in
            let base = u.baseAddress!
            let starts = (0..<u.count).filter { u[$0] & 0xC0 != 0x80 && index.startsEntry(base, $0, u.count) }
            let words = starts.map { s in String(decoding: u[s..<(s + index.longestEntry(base, s, u.count))], as: UTF8.self) }
            XCTAssertEqual(words, ["高血压", "失眠", "高血", "hpv感染"])
            XCTAssertFalse(index.startsEntry(base, 0, u.count))
        }
        _ = text
    }

    func testLeadPatternMatchesWhatTheSearchEverywhereMatches() throws {
        let words = ["高血压", "糖尿病", "失眠", "颈椎病", "高血脂"] + (0..<200).map { "病症\($0)号" }
        let alt = Lexicon.alternation(words)
        let texts = ["高血压喝了就好了,失眠也好了", "先说失眠,再说糖尿病好了没有", "颈椎病颈椎病好了", "没有病", "高血脂高血压好了吧", ""]
        for body in ["\\S{0,6}?好了", "(?:的)?\\s*\\S{0,3}?(?:好|没)"] {
            let plain = try Regex("(?:" + alt + ")" + body)
            let led = try Regex("(?:" + alt + ")" + body, lead: LeadIndex(words))
            assertSameMatches(plain, led, in: texts)
        }
    }

    /// Every match, whether one matches, and the first match: the same from a pattern tried only
    /// where its lead starts as from the pattern searched everywhere.
    private func assertSameMatches(_ plain: Regex, _ led: Regex, in texts: [String], line: UInt = #line) {
        let data = MatchData()
        for t in texts {
            var bytes = Array(t.utf8)
            bytes.withUnsafeBufferPointer { u in
                var a: [[Int]] = [], b: [[Int]] = []
                plain.forEachMatch(in: u, from: 0, to: u.count, data: data) { a.append([$0, $1]) }
                led.forEachMatch(in: u, from: 0, to: u.count, data: data) { b.append([$0, $1]) }
                XCTAssertEqual(a, b, t, line: line)
                XCTAssertEqual(plain.matches(in: u, from: 0, to: u.count, data: data), led.matches(in: u, from: 0, to: u.count, data: data), t, line: line)
                XCTAssertEqual(plain.firstMatch(in: u, from: 0, to: u.count, data: data), led.firstMatch(in: u, from: 0, to: u.count, data: data), t, line: line)
            }
            _ = bytes
        }
    }

    func testLiteralLeadsOfAPattern() {
        let names = (1...8).map { "媒体\($0)号" }
        let alt = names.joined(separator: "|")
        XCTAssertEqual(LiteralLeads.of("(?:来源|稿源)\\s*:\\s*(?:\(alt))|(?:\(alt))[^,]{0,12}?记者"), ["来源", "稿源"] + names)
        XCTAssertEqual(LiteralLeads.of("(?<![的和])(?=\\p{Han})(?:\(alt))好了"), names, "lookarounds consume nothing")
        XCTAssertEqual(LiteralLeads.of("(?:\(alt)|央视网?)报道"), names + ["央视"], "an optional last character is not part of the lead")
        XCTAssertNil(LiteralLeads.of("(?:\(alt))|\\d+%"), "an alternative that starts with a class")
        XCTAssertNil(LiteralLeads.of("(?:\(alt))?好了"), "an optional group leads nothing")
        XCTAssertNil(LiteralLeads.of("(?i:ettoday)|\(alt)"), "an inline option")
        XCTAssertNil(LiteralLeads.of("(?:治|看|调|医)\\s*好"), "too few alternatives: PCRE2's own start map is as fast")
    }

    func testLiteralLeadPatternMatchesWhatTheSearchEverywhereMatches() throws {
        let names = ["新华社", "人民网", "央视网", "央视", "光明网", "健康报", "澎湃新闻", "环球网", "中新网"]
        let pattern = "(?:来源|稿源)\\s*:\\s*(?:\(names.joined(separator: "|")))|(?<!转载)(?:\(names.joined(separator: "|")))[^,。]{0,8}?(?:记者|讯)"
        let led = try Regex(pattern)
        let plain = try Regex("(?:)" + pattern)   // (?:) first: no literal lead, searched everywhere
        assertSameMatches(plain, led, in: ["来源: 人民网 本报讯", "据央视网报道,健康报记者", "转载人民网记者,环球网讯", "没有来源", "澎湃新闻讯澎湃新闻讯", "来源:", ""])
    }

    /// A list too large for PCRE2 in one pattern is matched through slices of it, and the slices
    /// find what the whole would: the leftmost match, the longer where two start together.
    func testOversizedListIsMatchedThroughItsSlices() throws {
        // 9,000 three-character words over a wide alphabet: a trie far past PCRE2's 64 KB
        let words = (0..<9_000).map { i -> String in
            let a = Unicode.Scalar(0x4E00 + UInt32(i % 97))!, b = Unicode.Scalar(0x5E00 + UInt32(i / 97 % 89))!
            let c = Unicode.Scalar(0x6E00 + UInt32(i % 83))!
            return String(String.UnicodeScalarView([a, b, c]))
        }
        let raw = "(?:{{big}})\\S{0,4}?好了"
        var cache: [String: String] = [:], slices: [String: String] = [:]
        let (full, _) = Lexicon.expand(raw, ["big": words], cache: &cache)
        let shards = Lexicon.shards(of: raw, expanded: full, ["big": words], snippets: [:], cache: cache, slices: &slices)
        XCTAssertGreaterThan(shards.count, 1)
        for s in shards { XCTAssertLessThanOrEqual(s.utf8.count, Lexicon.shardTextLimit) }
        XCTAssertThrowsError(try Regex(full), "the whole list does not compile")
        let skeleton = "(?:x)\\S{0,4}?好了"
        XCTAssertFalse(try Regex(full, skeleton: skeleton).prepareNow())
        let sliced = try Regex(full, skeleton: skeleton, shards: shards)
        XCTAssertTrue(sliced.prepareNow())
        // the last word sits in the last slice; a longer word ending in 好 starts with the first
        let first = words[0], last = words[words.count - 1]
        let text = "说\(last)真好了,\(first)也好了"
        var found: [String] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { u in
            sliced.forEachMatch(in: u, from: 0, to: u.count, data: MatchData()) { found.append(String(decoding: u[$0..<$1], as: UTF8.self)) }
        }
        XCTAssertEqual(found, ["\(last)真好了", "\(first)也好了"])
        XCTAssertTrue(Lexicon.shards(of: "(?:{{small}})好了", expanded: "(?:ab)好了", ["small": ["ab"]], snippets: [:],
                                     cache: ["small": "(?:ab)"], slices: &slices).isEmpty, "a small pattern is not sliced")
    }

    /// A negation right before a promise word (the pack's `promises`) leaves the claim standing.
    func testNegatedPromiseIsTheClaim() throws {
        let pack = """
            rules:
              - id: T-SAFE
                category: efficacy_guarantee
                severity: error
                law: 《中华人民共和国广告法》第十六条第一款第（一）项
                message: safe
                keywords: [祛斑]
                patterns: ['祛斑\\S{0,8}']
                examples:
                  flag: [祛斑霜]
                  pass: [美白]
            context:
              - id: negation
                scope: negation
                markers: [没有, 不会]
                promises: [反弹, 再长]
            """
        let set = try RuleLoader().load(yaml: pack, file: "inline.yaml")
        XCTAssertEqual(set.suppressors.first?.promises, ["反弹", "再长"])
        let scanner = RecordScanner(try CompiledRuleSet(set))
        let promise = scanner.scan("不会再长 祛斑一次见效").findings
        XCTAssertEqual(promise.filter { $0.suppressedBy == nil }.count, 1, "「不会再长」 promises")
        let denial = scanner.scan("没有祛斑一次就见效的").findings
        XCTAssertTrue(denial.allSatisfy { $0.suppressedBy != nil }, "a plain negation denies")
        XCTAssertThrowsError(try RuleLoader().load(yaml: pack.replacingOccurrences(of: "scope: negation", with: "scope: clause_before"), file: "x.yaml"))
    }

    /// \p{Han} in a pattern is the Han script: PCRE2 10.40+ would read Script_Extensions, under which
    /// 。、《》「」 count as Han and a run of Han characters crosses sentence punctuation.
    func testHanInAPatternStopsAtChinesePunctuation() throws {
        let re = try Regex("\\p{Han}+")
        var text = "奇迹。安和诊所、《书名》"
        let runs: [String] = text.withUTF8 { b in
            var out: [String] = []
            re.forEachMatch(in: b, from: 0, to: b.count, data: MatchData()) { s, e in
                out.append(String(decoding: b[s..<e], as: UTF8.self))
            }
            return out
        }
        XCTAssertEqual(runs, ["奇迹", "安和诊所", "书名"])
        XCTAssertEqual(Regex.hanScript("[^\\p{Han}]\\P{Han}"), "[^\\p{sc=Han}]\\P{sc=Han}")
    }
}
