import AdscanRules
import Foundation
import XCTest

/// Citations that hold up in a penalty decision: every provision quotes its statute verbatim, and
/// every rule, in every ad class it can fire in, cites a provision that applies to that class.
final class ProvisionTests: XCTestCase {
    /// Ad classes that say an ad is commercial without saying what it sells: the rule's default
    /// citation (the most probable product) stands for them.
    static let productUnknown: Set<String> = ["commercial", "seeding", "sms"]

    func testEveryRuleCitesAProvisionThatAppliesToEachClassItCanFireIn() {
        let set = TestSupport.compiled.ruleSet
        let byID = Dictionary(uniqueKeysWithValues: set.provisions.map { ($0.id, $0) })
        var problems: [String] = []
        for r in set.rules {
            guard let d = r.provision else { problems.append("\(r.id): no provision id"); continue }
            guard byID[d] != nil else { problems.append("\(r.id): unknown provision \(d)"); continue }
            for c in set.adClasses.map(\.id) {
                if let implied = r.impliesClass, implied != c { continue }
                if !r.requireClass.isEmpty && !r.requireClass.contains(c) { continue }
                if r.excludeClass.contains(c) { continue }
                if let only = r.adClass, only != c { continue }
                let pid = r.provisionByClass[c] ?? d
                guard let p = byID[pid] else { problems.append("\(r.id) × \(c): unknown provision \(pid)"); continue }
                if !p.applies(to: c) && !Self.productUnknown.contains(c) {
                    problems.append("\(r.id) × \(c): \(pid) (\(p.law)) covers \(p.classes.joined(separator: ","))")
                }
            }
            // the finding quotes the text of what it cites, never another article's
            XCTAssertEqual(r.lawText, byID[d]?.text, r.id)
            for (c, pid) in r.provisionByClass { XCTAssertEqual(r.lawTextByClass[c], byID[pid]?.text, "\(r.id) × \(c)") }
        }
        XCTAssertEqual(problems, [], "\(problems.count) rule × class citations do not apply")
    }

    /// The statute copies with their markup removed, as the provisions quote them: shared/laws/
    /// beside the checkout, then the excerpts the project keeps itself (docs/laws/).
    static func normalisedLaw(_ file: String) -> String? {
        let shared = TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/laws/" + file).path
        let own = TestSupport.repoRoot.appendingPathComponent("docs/laws/" + file).path
        guard var s = (try? String(contentsOfFile: shared, encoding: .utf8)) ?? (try? String(contentsOfFile: own, encoding: .utf8))
        else { return nil }
        for (pattern, with) in [("_<a [^>]*>[^<]*</a>_", ""), ("<[^>]+>", ""), ("&emsp;", ""), ("\\*\\*", ""), ("\\s+", "")] {
            s = s.replacingOccurrences(of: pattern, with: with, options: .regularExpression)
        }
        return s
    }

    func testEveryProvisionQuotesItsStatuteVerbatim() throws {
        let provisions = TestSupport.compiled.ruleSet.provisions
        XCTAssertGreaterThan(provisions.count, 50)
        guard Self.normalisedLaw("advertising-law.md") != nil else {
            throw XCTSkip("shared/laws/ is not beside the checkout")
        }
        var cache: [String: String] = [:]
        for p in provisions {
            XCTAssertFalse(p.sources.isEmpty, "\(p.id) has no sources")
            XCTAssertEqual(p.sources.map(\.quote).joined(), p.text, "\(p.id): text is not its quotes in order")
            for (file, quote) in p.sources {
                if cache[file] == nil { cache[file] = Self.normalisedLaw(file) ?? "" }
                let q = quote.replacingOccurrences(of: "\\s+", with: "", options: .regularExpression)
                XCTAssertTrue(cache[file]!.contains(q), "\(p.id): «\(quote)» is not in \(file)")
            }
        }
    }
}
