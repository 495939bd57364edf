import AdscanRules
import XCTest

final class RuleLoaderTests: XCTestCase {
    private let base = """
        rules:
          - id: T-1
            category: cure_rate
            severity: error
            law: 《测试》
            message: m
            terms: [治愈率]
            examples:
              flag: [治愈率]
              pass: [有效期]

        """

    func testMalformedPacksAreRejectedWithFileLineAndReason() {
        let cases: [(String, Int, String)] = [
            (base.replacingOccurrences(of: "category: cure_rate", with: "category: nonsense"), 3, "unknown category"),
            (base.replacingOccurrences(of: "severity: error", with: "severity: fatal"), 4, "severity must be"),
            (base.replacingOccurrences(of: "    law: 《测试》\n", with: ""), 2, "missing required field `law`"),
            (base.replacingOccurrences(of: "terms: [治愈率]", with: "patterns: ['治愈率']"), 7, "needs `keywords`"),
            (base.replacingOccurrences(of: "terms: [治愈率]", with: "terms: [ab]"), 7, "shorter than 3"),
            (base + "    colour: red\n", 11, "unknown rule field `colour`"),
            (base + "    terms: [治愈率高]\n", 11, "field `terms` is given twice"),
            (base + "    outlives_genre: maybe\n", 11, "must be true or false"),
            ("rules:\n  - id: [unclosed\n", 3, "YAML syntax"),
        ]
        for (yaml, line, reason) in cases {
            XCTAssertThrowsError(try RuleLoader().load(yaml: yaml, file: "pack.yaml")) { error in
                guard let e = error as? RuleLoadError else { return XCTFail("wrong error \(error)") }
                XCTAssertEqual(e.file, "pack.yaml")
                XCTAssertEqual(e.line, line, "\(e)")
                XCTAssertTrue(e.reason.contains(reason), "\(e.reason) should contain \(reason)")
            }
        }
    }

    /// Two spellings of one folded marker would count twice toward a document gate's min_distinct.
    func testAMarkerListedTwiceAfterFoldingIsRejected() {
        let yaml = "context:\n  - id: research\n    scope: document\n    min_distinct: 2\n    markers: ['方法:', '方法：', 对照组]\n" + base
        XCTAssertThrowsError(try RuleLoader().load(yaml: yaml, file: "p.yaml")) { error in
            XCTAssertTrue("\(error)".contains("listed twice"), "\(error)")
        }
        XCTAssertNoThrow(try RuleLoader().load(yaml: yaml.replacingOccurrences(of: "'方法：', ", with: ""), file: "p.yaml"))
    }

    func testLiteralsAreFoldedAtLoad() throws {
        let yaml = base.replacingOccurrences(of: "terms: [治愈率]", with: "terms: [治癒率, ＮＯ．１]")
        let set = try RuleLoader().load(yaml: yaml, file: "p.yaml")
        XCTAssertEqual(set.rules[0].terms, ["治愈率", "no.1"])
    }

    func testAFormFeatureMustBeAFeatureEntry() throws {
        let dir = try TestSupport.tempDir()
        let pack = base + TestSupport.weakAdvertorialRule()
        try pack.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleLoader().load(directory: dir.path)) { error in
            XCTAssertTrue("\(error)".contains("`form_features` names `f_story`"), "\(error)")
        }
        let context = "context:\n  - id: f_story\n    scope: feature\n    markers: [多年]\n"
        try (context + pack).write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let set = try RuleLoader().load(directory: dir.path)
        XCTAssertEqual(set.rules.last?.formFeatures, ["f_story"])
        XCTAssertEqual(set.rules.last?.weakConfidence, 0.3)
    }

    func testDuplicateIdsAcrossFilesAreRejected() throws {
        let dir = try TestSupport.tempDir()
        try base.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try base.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleLoader().load(directory: dir.path)) { error in
            XCTAssertTrue("\(error)".contains("duplicate rule id T-1"), "\(error)")
        }
    }
}
