import AdscanModel
import AdscanNormalize
import AdscanRules

extension Matcher {
    /// Candidates of the `model`-scope rules: each sentence of the record (split at 。！？；!?; and
    /// line breaks, a long one in pieces, as tools/fit_claims.py splits its training text) is folded and scored by the
    /// claim model. A rule's sentence is one where its category's head passes its threshold, or
    /// the ANY head passes its own and the rule's category scores best; a sentence where a rule of
    /// the category already found something (or, for the ANY reading or a head short of its shared
    /// threshold, any rule did) adds nothing.
    /// The grams that weighed most are the candidate's evidence (`cue`) and its span. `skipCovered: false`
    /// reports every sentence the model reads (each rule judged on its own, as `rules --check` does).
    ///
    /// Run by the record scanner after the genre is read, and only where the genre does not make
    /// the record's claims mentions: the model knows words, not who is speaking.
    public func matchModel(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch, skipCovered: Bool = true,
                           into result: inout MatchResult) {
        let scorer = compiled.claimScorer
        guard !compiled.modelRules.isEmpty, !scorer.isEmpty else { return }
        // a record of few sentences reads with the short threshold (ClaimModel.shortRecord)
        var short = false
        if scorer.shortRecord > 0 {
            var pieces = 0
            Self.forEachPiece(text) { lo, hi in
                if Self.scoredPart(lo..<hi, text) != nil { pieces += 1 }
                return pieces <= scorer.shortRecord
            }
            short = pieces <= scorer.shortRecord
        }
        // at most maxCandidates model candidates per record: on repetitive text (a filler line
        // repeated for megabytes) counted grams add up in every piece, and the model's warnings
        // would crowd the record's findings past their cap, the rules' findings with them
        let before = result.candidates.count
        Self.forEachPiece(text) { lo, hi in
            scoreSentence(lo..<hi, text, scorer, short, scratch, skipCovered, &result)
            return result.candidates.count - before < Self.maxCandidates
        }
    }

    static let maxCandidates = 64

    /// Calls `body` with each piece of `text` the model reads, until it returns false: sentences
    /// split at 。！？；!?; and line breaks, a long one cut after a comma once it has `pieceChars`
    /// characters and at `maxPieceChars` in any case (a one-sentence page would otherwise add up
    /// thousands of small weights; tools/fit_claims.py cuts its training text the same way).
    static func forEachPiece(_ text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Bool) {
        var start = 0
        var i = 0
        var chars = 0
        let n = text.count
        while i < n {
            let b = text[i]
            let sep = Clause.boundaryStarting(at: i, text)
            if sep > 0 {
                if i > start, !body(start, i) { return }
                i += sep
                start = i
                chars = 0
                continue
            }
            let len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            let comma = b == 0x2C || (b == 0xEF && i + 2 < n && text[i + 1] == 0xBC && text[i + 2] == 0x8C)
                || (b == 0xE3 && i + 2 < n && text[i + 1] == 0x80 && text[i + 2] == 0x81)
            chars += 1
            i = min(i + len, n)
            if (chars >= pieceChars && comma) || chars >= maxPieceChars {
                if !body(start, i) { return }
                start = i
                chars = 0
            }
        }
        if start < n { _ = body(start, n) }
    }

    /// The part of a piece the model scores: `range` without the spaces and tabs at its ends,
    /// or nil under four bytes (the short-record count and the scoring skip the same pieces).
    static func scoredPart(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, text[lo] == 0x20 || text[lo] == 0x09 { lo += 1 }
        while hi > lo, text[hi - 1] == 0x20 || text[hi - 1] == 0x09 { hi -= 1 }
        return hi - lo >= 4 ? lo..<hi : nil
    }

    static let pieceChars = 60
    static let maxPieceChars = 150

    /// True when under a quarter of the piece's characters are Han: a row of a table of figures or
    /// a line of markup and Latin, which the Han grams of the model cannot read as a sentence (rc27:
    /// a company's return-on-equity table read as an endorsement).
    static func mostlyNotHan(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var chars = 0, han = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let (c, n) = UTF8Scan.decode(text, i)
            chars += 1
            if Han.contains(c) { han += 1 }
            i += n
        }
        return han * 4 < chars
    }

    /// Whether one of the rule's exception patterns matches in the folded sentence (`scratch.clauseText`).
    private func excepted(_ ri: Int, _ scratch: Scratch) -> Bool {
        scratch.clauseText.bytes.withUnsafeBufferPointer { nb in
            compiled.rules[ri].exceptionPatterns.contains { $0.firstMatch(in: nb, from: 0, to: nb.count, data: scratch.matchData) != nil }
        }
    }

    private func scoreSentence(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>, _ scorer: ClaimScorer,
                               _ short: Bool, _ scratch: Scratch, _ skipCovered: Bool, _ result: inout MatchResult) {
        guard let t = Self.scoredPart(range, text), !Self.mostlyNotHan(t, text) else { return }
        let lo = t.lowerBound, hi = t.upperBound
        compiled.normalizer.normalize(text, range: lo..<hi, into: &scratch.clauseText, mapped: false)
        let scored = scratch.clauseText.bytes.withUnsafeBufferPointer { scorer.score($0, into: &scratch.modelScores) }
        guard scored else { return }
        let z = scratch.modelScores
        let any = scorer.anyHead
        // the short threshold replaces a head's own, not its shared one: beside another rule's
        // finding a low reading adds a second family to a claim already found
        let threshold = short ? scorer.shortThreshold : scorer.threshold
        let shared = scorer.sharedThreshold
        let anyFires = any >= 0 && z[any] > threshold[any]
        var best = -1
        if anyFires {
            for (_, h) in compiled.modelRules where best < 0 || z[h] > z[best] { best = h }
        }
        let sentence = lo..<hi
        let rules = compiled.ruleSet.rules
        for (ri, h) in compiled.modelRules {
            let own = z[h] > threshold[h]
            guard own || (anyFires && h == best) else { continue }
            // a sentence holding one of the rule's exception patterns is the fact or the list the
            // exception names (国家级非遗名录, a weather record): the model reads its words, not its kind
            if !compiled.rules[ri].exceptionPatterns.isEmpty, excepted(ri, scratch) { continue }
            let category = rules[ri].meta.category
            // a head that passes only its own threshold speaks where no rule found anything in the
            // sentence; past the shared one, where no rule of its family did; the ANY reading, where
            // no rule did
            let strict = own && z[h] > shared[h]
            let covered = skipCovered && result.candidates.contains { c in
                c.start < sentence.upperBound && sentence.lowerBound < max(c.end, c.start + 1)
                    && rules[c.rule].scope != .model && (!strict || rules[c.rule].meta.category == category)
            }
            if covered { continue }
            compiled.normalizer.ensureMap(text, &scratch.clauseText)
            let cues = scratch.clauseText.bytes.withUnsafeBufferPointer { scorer.strongest($0, head: h) }
            let evidence = cues.map { (role: "cue", range: scratch.clauseText.originalRange($0.lowerBound, $0.upperBound)) }
            // the span the cues cover, not the whole sentence: the span gates read what comes
            // before a claim (不得宣称…, 有人说“…”), and the report says where the claim is
            let start = evidence.map(\.range.lowerBound).min() ?? lo
            let end = evidence.map(\.range.upperBound).max() ?? hi
            result.candidates.append(Candidate(rule: ri, start: start, end: end, clause: sentence, via: [], evidence: evidence))
        }
    }
}
