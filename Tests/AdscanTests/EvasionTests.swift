import AdscanMatch
import AdscanContext
import AdscanModel
import AdscanNormalize
import XCTest

/// Disguised variants of every rule's own examples: separators at random positions, traditional
/// characters (ICU's Simplified→Traditional), full-width forms, zero-width characters, and mixes.
/// Must-flag examples still fire, with offsets that slice the disguised ORIGINAL to the claim;
/// must-not-flag examples still do not.
final class EvasionTests: XCTestCase {
    /// Strong separators: one between two Han characters is already a disguise.
    let separators = ["*", "~", "😊", "_", "★", "#", "♥"]
    /// Weak separators (a space, a middle dot) are ordinary layout once (泰勒·斯威夫特, 电 话);
    /// a disguise when they run through a word (治 愈 率).
    let weak = [" ", "·", "  ", "|"]
    let invisibles = ["\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}"]

    func isHan(_ u: Unicode.Scalar) -> Bool { (0x3400...0x9FFF).contains(u.value) }

    /// Inserts 1–3 separators between adjacent Han characters.
    func withSeparators(_ s: String, _ rng: inout SplitMix) -> String {
        var u = Array(s.unicodeScalars).map { String($0) }
        let pairs = (1..<max(1, u.count)).filter { u.count > 1 && isHan(Unicode.Scalar(u[$0 - 1])!) && isHan(Unicode.Scalar(u[$0])!) }
        guard !pairs.isEmpty else { return s }
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let at = pairs[Int(rng.next() % UInt64(pairs.count))]
            var sep = separators[Int(rng.next() % UInt64(separators.count))]
            // `_` right before a date unit is a form's blank (____年), which the inspector
            // deliberately does not read as disguise: 保證_年化 looks exactly like one
            if sep == "_" && "年月日号时分".contains(u[at]) { sep = "*" }
            u[at] = sep + u[at]
        }
        return u.joined()
    }

    func hasHanRun(_ s: String, _ n: Int) -> Bool {
        var run = 0
        for u in s.unicodeScalars {
            run = isHan(u) ? run + 1 : 0
            if run >= n { return true }
        }
        return false
    }

    /// A weak separator between every pair of adjacent Han characters.
    func spacedOut(_ s: String, _ rng: inout SplitMix) -> String {
        let sep = weak[Int(rng.next() % UInt64(weak.count))]
        var out = ""
        var prevHan = false
        for u in s.unicodeScalars {
            if prevHan && isHan(u) { out += sep }
            out.unicodeScalars.append(u)
            prevHan = isHan(u)
        }
        return out
    }

    func withInvisibles(_ s: String, _ rng: inout SplitMix) -> String {
        var u = Array(s.unicodeScalars).map { String($0) }
        for _ in 0..<(1 + Int(rng.next() % 3)) where u.count > 1 {
            let at = 1 + Int(rng.next() % UInt64(u.count - 1))
            u[at] = invisibles[Int(rng.next() % UInt64(invisibles.count))] + u[at]
        }
        return u.joined()
    }

    func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            (0x21...0x7E).contains(u.value) ? Unicode.Scalar(u.value + 0xFEE0)! : u
        }))
    }

    /// What a reader sees: invisible and separator characters removed, folded.
    func reading(_ s: String) -> String {
        let drop = Set((separators + weak + invisibles).flatMap { $0.unicodeScalars.map(\.value) })
        let kept = String(String.UnicodeScalarView(s.unicodeScalars.filter { !drop.contains($0.value) }))
        return FoldTable.shared.fold(kept)
    }

    func testDisguisedVariantsOfEveryRuleExample() {
        var scanner = TestSupport.scanner
        // each rule judged on its own findings, as the rule-example checker does
        scanner.gate.resolveOverlaps = false
        var rng = SplitMix(seed: 2026)
        var checked = 0
        var failures: [String] = []
        for rule in TestSupport.compiled.ruleSet.rules where rule.scope == .clause {
            for example in rule.mustFlag {
                guard let plain = scanner.scan(example).findings.first(where: { $0.ruleID == rule.id && $0.suppressedBy == nil })
                else { continue }
                let trad = ICUReference.simplifiedToTraditional(example)
                let variants = [
                    ("separators", withSeparators(example, &rng)),
                    // a weak separator is a disguise only where it runs through ≥ 3 Han characters
                    ("spaced", hasHanRun(example, 3) ? spacedOut(example, &rng) : withSeparators(example, &rng)),
                    ("traditional", trad),
                    ("fullwidth", fullWidth(example)),
                    ("zero-width", withInvisibles(example, &rng)),
                    ("traditional+separators", withSeparators(trad, &rng)),
                    ("fullwidth+zero-width", withInvisibles(fullWidth(example), &rng)),
                ]
                for (kind, v) in variants {
                    checked += 1
                    let found = scanner.scan(v).findings.filter { $0.ruleID == rule.id && $0.suppressedBy == nil }
                    guard let f = found.first(where: { reading($0.match) == reading(plain.match) }) ?? found.first else {
                        failures.append("\(rule.id) \(kind): not flagged «\(v)»")
                        continue
                    }
                    let bytes = Array(v.utf8)
                    let slice = String(decoding: bytes[f.start..<f.end], as: UTF8.self)
                    if slice != f.match { failures.append("\(rule.id) \(kind): offsets slice «\(slice)», match «\(f.match)»") }
                    let scalars = Array(v.unicodeScalars)
                    let chars = String(String.UnicodeScalarView(scalars[f.charStart..<f.charEnd]))
                    if chars != f.match { failures.append("\(rule.id) \(kind): char offsets slice «\(chars)»") }
                    if !reading(f.match).contains(reading(plain.match)) && !reading(plain.match).contains(reading(f.match)) {
                        failures.append("\(rule.id) \(kind): «\(f.match)» reads «\(reading(f.match))», plain match «\(plain.match)»")
                    }
                }
            }
            for example in rule.mustNotFlag {
                for v in [withSeparators(example, &rng), ICUReference.simplifiedToTraditional(example), withInvisibles(example, &rng)] {
                    checked += 1
                    if let f = scanner.scan(v).findings.first(where: { $0.ruleID == rule.id && $0.suppressedBy == nil }) {
                        failures.append("\(rule.id): look-alike variant «\(v)» flagged at «\(f.match)»")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 500)
        XCTAssertEqual(failures, [], "\(failures.count) of \(checked) variants misjudged")
    }

    func testSeparatorsNeverJoinAcrossSentencesOrLines() {
        for text in ["根。治疗", "根\n治疗", "根！治疗", "根，治疗", "根；治疗"] {
            XCTAssertFalse(TestSupport.scanner.scan(text + "😊").findings.contains { $0.ruleID == "AL-16-1" }, text)
        }
    }

    func testEachDisguiseIsNamedInVia() {
        let cases: [(String, String)] = [
            ("本院治*愈率高达98%", "separator"), ("根😊治牛皮癣", "separator"), ("治\u{200B}愈率高达98%", "ignorable"),
            ("根根治牛皮癣", "repeat"), ("醫(yī)院承諾三個療程根(gēn)治", "pinyin_gloss"), ("&#27835;&#24840;率高达98%", "entity"),
            ("本院zhi愈率高达98%", "pinyin"), ("治玉率高达98%", "homophone"), ("治癒率高達98%", "traditional"),
        ]
        for (text, via) in cases {
            let f = TestSupport.scanner.scan(text).findings.first { $0.suppressedBy == nil }
            XCTAssertNotNil(f, text)
            XCTAssertTrue(f?.via.contains(via) ?? false, "\(text): via \(f?.via ?? [])")
            let bytes = Array(text.utf8)
            XCTAssertEqual(f.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }, f?.match, text)
        }
    }

    /// The evasion pass scans its folded output with a prefilter of folded forms only; on folded
    /// text it must find what the prefilter of all forms finds.
    func testFoldedTextNeedsOnlyFoldedForms() {
        let compiled = TestSupport.compiled
        let matcher = Matcher(compiled)
        var texts = compiled.ruleSet.rules.flatMap { $0.mustFlag + $0.mustNotFlag }
        texts += ["本院治癒率高達９８％，國家級專家坐診。", "醫(yī)院根(gēn)治，三個療程痊癒", "zhi愈率100%，根zhi不复发"]
        var checked = 0
        for t in texts {
            let folded = Array(t.utf8).withUnsafeBufferPointer { compiled.evasion.deobfuscator.rewrite($0).bytes }
            folded.withUnsafeBufferPointer { p in
                let all = matcher.scan(p, scratch: Scratch())
                let few = matcher.scan(p, scratch: Scratch(), folded: true)
                XCTAssertEqual(all.candidates.map { [$0.rule, $0.start, $0.end] }, few.candidates.map { [$0.rule, $0.start, $0.end] }, t)
                XCTAssertEqual(all.adClasses, few.adClasses, t)
                XCTAssertEqual(all.markers.count, few.markers.count, t)
                checked += all.candidates.count
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testPlainTextDoesNotTakeTheEvasionPath() {
        let inspector = TestSupport.compiled.evasion.inspector
        func suspicious(_ s: String) -> Bool { var c = s; return c.withUTF8 { inspector.inspect($0).suspicious } }
        XCTAssertFalse(suspicious("本院治癒率高達９８％，國家級專家坐診。今天天气很好，谢谢大家！"))
        XCTAssertFalse(suspicious("iPhone 15 发布，售价5999元（含税）。"))
        XCTAssertTrue(suspicious("治*愈"))
        XCTAssertTrue(suspicious("根😊治"))
        XCTAssertTrue(suspicious("&#27835;"))
        XCTAssertTrue(suspicious("根根治"))
        XCTAssertFalse(suspicious("谢谢谢谢"), "repeats of characters that are in no claim word are normal")
        // a form's date blanks are layout; underscores anywhere else between Han characters are not
        XCTAssertFalse(suspicious("第一阶段：____年__月__日—__月__日，报名时间__时"))
        XCTAssertTrue(suspicious("治_愈率高达98%"))
        XCTAssertTrue(suspicious("月_治"))
        XCTAssertTrue(suspicious("治*_日"), "a blank only when the separators are all underscores")
        XCTAssertTrue(suspicious("__月__日 根_治"), "a later disguise is still seen")
        // long runs of Han characters are read two at a time: a repeat is found at either place
        // of a pair, after an odd or even number of characters, and after a non-claim repeat
        for lead in ["", "本", "本院", "今天天气很好我们"] {
            XCTAssertTrue(suspicious("欢迎来到本院专家团队" + lead + "根根治"), lead)
            XCTAssertFalse(suspicious("欢迎来到本院专家团队" + lead + "谢谢大家"), lead)
        }
        // punctuation, digits, letters and line breaks are read inside a stretch of Han text: they
        // end it (no repeat across them, no separator run through them) but hide nothing after them
        for mark in ["。", "，", "、", "“", "1", "a", "Z", "\n", "2024"] {
            XCTAssertFalse(suspicious("本院根" + mark + "根治"), "a repeat across \(mark.debugDescription)")
            XCTAssertFalse(suspicious("本院治" + mark + "*愈"), "a separator after \(mark.debugDescription) joins nothing")
            XCTAssertTrue(suspicious("本院" + mark + "根根治"), "a repeat after \(mark.debugDescription)")
            XCTAssertTrue(suspicious("本院" + mark + "治*愈"), "a separator after \(mark.debugDescription)")
            XCTAssertTrue(suspicious("本院" + mark + "治\u{200B}愈"), "an invisible character after \(mark.debugDescription)")
            XCTAssertTrue(suspicious("本院" + mark + "&#27835;"), "a reference after \(mark.debugDescription)")
            XCTAssertTrue(suspicious("本院" + mark + "醫(yī)院"), "a gloss after \(mark.debugDescription)")
            XCTAssertTrue(suspicious("本院" + mark + "治 愈 率"), "spaced words after \(mark.debugDescription)")
        }
        XCTAssertFalse(suspicious("本院治(含税)"), "a bracket after Han text that is no gloss")
        XCTAssertTrue(suspicious("本院治。\u{200B}"), "an invisible character is a disguise wherever it stands")
    }

    /// The inspector stops validating where it sees disguise; the evasion pass must still report
    /// the first invalid byte, wherever it is, and match the text around it.
    func testInvalidUTF8IsReportedInDisguisedRecords() {
        let scanner = TestSupport.scanner
        for (prefix, suffix) in [("本院治*愈率高达98%。", "后面"), ("前面", "。本院治*愈率高达98%")] {
            var bytes = Array(prefix.utf8) + [0xFF, 0xC3] + Array(suffix.utf8)
            let at = prefix.utf8.count
            let out = bytes.withUnsafeBufferPointer { scanner.scan($0, scratch: Scratch()) }
            XCTAssertEqual(out.invalidUTF8At, at, prefix + suffix)
            XCTAssertTrue(out.findings.contains { $0.ruleID == "AL-16-2" }, prefix + suffix)
            bytes = Array(prefix.utf8) + Array(suffix.utf8)
            XCTAssertNil(bytes.withUnsafeBufferPointer { scanner.scan($0, scratch: Scratch()) }.invalidUTF8At)
        }
    }
}
