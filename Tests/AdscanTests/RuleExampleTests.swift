import AdscanContext
import AdscanEngine
import AdscanRules
import XCTest

/// A rule's examples are its tests: every must-flag sentence flags, every look-alike does not,
/// through the real engine (prefilter, PCRE2, context gates).
final class RuleExampleTests: XCTestCase {
    func testEveryRuleFlagsItsExamplesAndPassesItsLookAlikes() {
        let failures = RuleExampleChecker(TestSupport.compiled).check(minExamples: 3)
        XCTAssertEqual(failures.map(\.description), [], "rule examples misjudged")
        XCTAssertGreaterThanOrEqual(TestSupport.compiled.ruleSet.rules.count, 8)
    }

    func testCheckerCatchesABrokenRule() throws {
        // A rule whose example it cannot flag must be reported: the checker itself can fail.
        let yaml = """
            rules:
              - id: T-1
                category: cure_rate
                severity: error
                law: test
                message: test
                terms: [治愈率]
                examples:
                  flag: [有效率很高]
                  pass: [治愈率很高]
            """
        let set = try RuleLoader().load(yaml: yaml, file: "t.yaml")
        let failures = RuleExampleChecker(try .init(set)).check(minExamples: 1)
        XCTAssertEqual(failures.count, 2)
        XCTAssertTrue(failures[0].problem.contains("did not flag"))
        XCTAssertTrue(failures[1].problem.contains("flagged look-alike"))
    }

    func testEveryDefaultRuleCitesALaw() {
        for r in TestSupport.compiled.ruleSet.rules {
            XCTAssertTrue(r.law.hasPrefix("《"), "\(r.id) law citation should name the instrument: \(r.law)")
            XCTAssertNotNil(r.lawText, "\(r.id) should quote its article")
        }
    }
}
