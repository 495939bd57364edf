import AdscanNormalize
import AdscanRules

/// Finds rule candidates in one record: the literal prefilter over the raw bytes, then PCRE2 and
/// exact checks on the folded clause around each hit. Pure with respect to the compiled rules;
/// all mutable state lives in the caller's Scratch.
public struct Matcher: Sendable {
    public let compiled: CompiledRuleSet

    public init(_ compiled: CompiledRuleSet) {
        self.compiled = compiled
    }

    /// `folded`: the text is already folded (the evasion pass's output), so only the folded
    /// form of each literal can occur in it and a smaller prefilter finds the same hits.
    ///
    /// Phases: the prefilter's hits; pass 1 sorts them by use (markers, evidence, ad-class
    /// indicators, evasion triggers, and the keyword and term hits for pass 2); the record's ad
    /// classes; pass 2 matches the clause around each keyword and term hit; then the document
    /// and required-content rules.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, scratch: Scratch, folded: Bool = false) -> MatchResult {
        var result = MatchResult()
        scratch.hits.removeAll()
        if folded {
            compiled.foldedPrefilter.findAll(text, into: scratch.hits)
            scratch.hits.mapLiterals(compiled.foldedVariantId)
        } else {
            compiled.prefilter.findAll(text, into: scratch.hits)
        }
        if scratch.hits.isEmpty && compiled.requiredRules.isEmpty { return result }

        scratch.windowHits.removeAll(keepingCapacity: true)
        // Document rules: evidence per group slot. Groups with patterns only collect keyword hits
        // here; their (costlier) patterns run at the end, and only when every other group is present.
        scratch.prepare(groups: compiled.groupSlotCount, markers: compiled.markerSlotCount,
                        indicators: compiled.indicatorClass.count, classes: compiled.ruleSet.adClasses.count,
                        literals: compiled.canonicalLiterals.count, rules: compiled.rules.count)
        sortHits(scratch, &result)
        let gate = ClassGate(mask: adClasses(scratch, &result), requireMask: compiled.requireMask, excludeMask: compiled.excludeMask)
        matchClauses(text, scratch, gate, &result)
        matchDocumentRules(text, scratch, gate, &result)
        matchRequiredContent(text, scratch, gate, &result)
        result.candidates = Self.resolveOverlaps(result.candidates)
        return result
    }

    /// Pass 1: each hit to its uses. Markers, evidence of document rules and ad-class indicators
    /// are recorded here; hits with a keyword or term go to `scratch.windowHits` for pass 2.
    @inline(__always)
    private func sortHits(_ scratch: Scratch, _ result: inout MatchResult) {
        let toCanonical = compiled.variantToCanonical
        let lengths = compiled.variantLength
        let useStart = compiled.useStart
        let useList = compiled.useList
        let slotHasPatterns = compiled.slotHasPatterns
        let groupSlotBase = compiled.groupSlotBase
        let markerSlotBase = compiled.markerSlotBase
        let firstHitOnly = compiled.firstHitOnly
        for h in 0..<scratch.hits.count {
            let hit = scratch.hits[h]
            let canon = Int(toCanonical[Int(hit.literal)])
            // most hits repeat a class indicator or marker already counted in this record
            if firstHitOnly[canon] {
                if !scratch.literalSeen.insert(canon) { continue }
            }
            let hitRange = hit.start..<(hit.start + Int(lengths[Int(hit.literal)]))
            let uses = Int(useStart[canon])..<Int(useStart[canon + 1])
            var needsWindow = false
            for u in uses {
                switch useList[u] {
                case .marker(let s, let m):
                    let slot = markerSlotBase[s] + m
                    if scratch.markerSeen.insert(slot) {
                        result.markers.append(MarkerHit(suppressor: s, marker: m, start: hitRange.lowerBound, end: hitRange.upperBound))
                    }
                case .group(let ri, let gi):
                    let slot = groupSlotBase[ri] + gi
                    if scratch.groupEvidence[slot] != nil { continue }
                    if !slotHasPatterns[slot] {
                        scratch.groupEvidence[slot] = hitRange
                        scratch.touchedGroups.append(slot)
                    } else {
                        // every hit kept: the patterns run over each distinct clause at the end
                        if scratch.groupHits[slot].isEmpty { scratch.touchedGroups.append(slot) }
                        scratch.groupHits[slot].append(hitRange)
                    }
                case .classIndicator(let slot):
                    if scratch.indicatorSeen.insert(slot) {
                        scratch.classScore[compiled.indicatorClass[slot]] += compiled.indicatorWeight[slot]
                    }
                case .clauseMarker(let s, let m):
                    result.clauseMarkers.append(MarkerHit(suppressor: s, marker: m, start: hitRange.lowerBound, end: hitRange.upperBound))
                case .evasionTrigger:
                    result.evasionTriggered = true
                case .keyword, .term:
                    needsWindow = true
                }
            }
            if needsWindow { scratch.windowHits.append(h) }
        }
    }

    /// The record's ad classes, confident when the distinct indicators weigh enough (into
    /// `result.adClasses`, strongest first); returns them as a bit mask.
    @inline(__always)
    private func adClasses(_ scratch: Scratch, _ result: inout MatchResult) -> UInt64 {
        var classMask: UInt64 = 0
        var classes: [(Int, Int)] = []
        for (ci, c) in compiled.ruleSet.adClasses.enumerated() where scratch.classScore[ci] >= c.minScore {
            classMask |= 1 << UInt64(ci)
            classes.append((ci, scratch.classScore[ci]))
        }
        result.adClasses = classes.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        return classMask
    }

    /// Which rules apply to a record of the ad classes in `mask` (a rule may require or exclude
    /// classes).
    struct ClassGate {
        let mask: UInt64
        let requireMask: [UInt64]
        let excludeMask: [UInt64]

        @inline(__always)
        func applies(_ ri: Int) -> Bool {
            let req = requireMask[ri]
            if req != 0 && req & mask == 0 { return false }
            return excludeMask[ri] & mask == 0
        }
    }

    /// Pass 2: clause windows, only for hits with a keyword or term of a rule that can apply to a
    /// record of these classes (class-gated rules cost nothing elsewhere). The clause is folded
    /// once, on first need, for all the hits inside it.
    @inline(__always)
    private func matchClauses(_ text: UnsafeBufferPointer<UInt8>, _ scratch: Scratch, _ gate: ClassGate,
                              _ result: inout MatchResult) {
        let toCanonical = compiled.variantToCanonical
        let lengths = compiled.variantLength
        let useStart = compiled.useStart
        let useList = compiled.useList
        var window: Range<Int>? = nil
        var windowFolded = false       // scratch.window holds the folded `window` (folded on first need)
        var windowKeyed = false        // scratch.windowKeys hold its ClauseKeys
        // every hit's clause rules first, then (where a hit has any) its paragraph rules: each
        // pass moves through the record once, so a window is folded and its rules run once
        var anyParagraph = false
        for pass in 0..<2 {
            let paragraph = pass == 1
            if paragraph && !anyParagraph { break }
            window = nil
            for h in scratch.windowHits {
                let hit = scratch.hits[h]
                let canon = Int(toCanonical[Int(hit.literal)])
                let hitRange = hit.start..<(hit.start + Int(lengths[Int(hit.literal)]))
                let uses = Int(useStart[canon])..<Int(useStart[canon + 1])
                var wantClause = false, wantParagraph = false
                for u in uses {
                    switch useList[u] {
                    case .keyword(let ri), .term(let ri, _):
                        if gate.applies(ri) {
                            if compiled.rules[ri].paragraph { wantParagraph = true } else { wantClause = true }
                        }
                    default: break
                    }
                }
                anyParagraph = anyParagraph || wantParagraph
                if !(paragraph ? wantParagraph : wantClause) { continue }
                // a hit shares the window it lies in only when that window is its own clause too: a
                // window cut at Clause.limit is not (a pattern there would see a clause cut short, and a
                // lookahead past the cut would pass: 医广【202|4】第…号 read as a malformed number)
                var own: Range<Int>? = nil
                if let w = window, w.lowerBound <= hitRange.lowerBound, hitRange.upperBound <= w.upperBound {
                    if w.count >= Clause.limit {
                        let o = Clause.around(hitRange, in: text, paragraph: paragraph)
                        if o != w { own = o }
                    }
                } else {
                    own = Clause.around(hitRange, in: text, paragraph: paragraph)
                }
                if let own {
                    window = own
                    windowFolded = false
                    windowKeyed = false
                    scratch.newWindow()
                }
                let clause = window!
                for u in uses {
                    switch useList[u] {
                    case .marker, .clauseMarker, .group, .classIndicator, .evasionTrigger:
                        continue
                    case .keyword(let ri):
                        guard compiled.rules[ri].paragraph == paragraph, gate.applies(ri), scratch.markRan(ri) else { continue }
                        if !windowFolded {
                            // bytes only: most windows match no pattern, and accept() maps the ones that do
                            compiled.normalizer.normalize(text, range: clause, into: &scratch.window, mapped: false)
                            windowFolded = true
                        }
                        let cr = compiled.rules[ri]
                        patterns: for (pi, re) in cr.patterns.enumerated() {
                            // nor one whose required word lists are not all in the clause
                            for l in cr.patternLists[pi] where scratch.windowEntries(l, compiled.listUnion).isEmpty {
                                continue patterns
                            }
                            // a pattern whose required literals are not all in the clause cannot match
                            if !cr.patternKeys[pi].isEmpty {
                                if !windowKeyed {
                                    scratch.window.bytes.withUnsafeBufferPointer { ClauseKeys.build($0, into: scratch.windowKeys) }
                                    windowKeyed = true
                                }
                                if !ClauseKeys.mayMatch(cr.patternKeys[pi], scratch.windowKeys) { continue }
                            }
                            let lead = cr.patternLead[pi]
                            let starts = lead < 0 ? [] : scratch.windowEntries(lead, compiled.listUnion)
                            scratch.window.bytes.withUnsafeBufferPointer { nb in
                                if lead < 0 {
                                    re.forEachMatch(in: nb, from: 0, to: nb.count, data: scratch.matchData) { s, e in
                                        if e > s { accept(ri, s, e, clause, text, scratch, &result) }
                                    }
                                } else {
                                    // tried only where an entry of its lead list starts
                                    re.forEachMatch(in: nb, at: starts, data: scratch.matchData) { s, e in
                                        accept(ri, s, e, clause, text, scratch, &result)
                                    }
                                }
                            }
                        }
                    case .term(let ri, let ti):
                        guard compiled.rules[ri].paragraph == paragraph, gate.applies(ri) else { continue }
                        let term = compiled.rules[ri].terms[ti]
                        if !compiled.rules[ri].termsNeedClause {
                            // the hit itself is the match when it folds to the term
                            guard compiled.normalizer.table.folds(text, hitRange, to: term) else { continue }
                            result.candidates.append(Candidate(
                                rule: ri, start: hitRange.lowerBound, end: hitRange.upperBound, clause: clause,
                                via: Transform.needed(by: text, hitRange, table: compiled.normalizer.table), evidence: []))
                            continue
                        }
                        if !windowFolded {
                            compiled.normalizer.normalize(text, range: clause, into: &scratch.window)
                            windowFolded = true
                        } else {
                            compiled.normalizer.ensureMap(text, &scratch.window)
                        }
                        guard let s = foldedOffset(of: hitRange.lowerBound, in: scratch.window) else { continue }
                        let e = s + term.count
                        guard e <= scratch.window.bytes.count,
                              scratch.window.bytes[s..<e].elementsEqual(term) else { continue }
                        accept(ri, s, e, clause, text, scratch, &result)
                    }
                }
            }
        }
    }

    /// Document rules: every evidence group present somewhere in the record (a group with
    /// patterns needs one of them to match in the clause around one of its keyword hits).
    @inline(__always)
    private func matchDocumentRules(_ text: UnsafeBufferPointer<UInt8>, _ scratch: Scratch, _ gate: ClassGate,
                                    _ result: inout MatchResult) {
        for doc in compiled.documentRules where gate.applies(doc.rule) {
            let (ri, groups, firstSlot) = doc
            // cheap test first: every group has evidence or at least a keyword hit
            guard groups.indices.allSatisfy({ scratch.groupEvidence[firstSlot + $0] != nil || !scratch.groupHits[firstSlot + $0].isEmpty })
            else { continue }
            var evidence: [Int: Range<Int>] = [:]
            for gi in groups.indices {
                evidence[gi] = scratch.groupEvidence[firstSlot + gi]
                    ?? firstGroupMatch(compiled.rules[ri].groupPatterns[gi], scratch.groupHits[firstSlot + gi], text, scratch)
                if evidence[gi] == nil { break }
            }
            guard evidence.count == groups.count else { continue }
            guard let first = evidence[0] else { continue }
            var supporting: [(role: String, range: Range<Int>)] = []
            for gi in 1..<groups.count { supporting.append((groups[gi], evidence[gi]!)) }
            result.candidates.append(Candidate(rule: ri, start: first.lowerBound, end: first.upperBound,
                                               clause: Clause.around(first, in: text), via: [], evidence: supporting))
        }
    }

    /// Required content: absent from a record that is confidently an ad of the class.
    @inline(__always)
    private func matchRequiredContent(_ text: UnsafeBufferPointer<UInt8>, _ scratch: Scratch, _ gate: ClassGate,
                                      _ result: inout MatchResult) {
        for req in compiled.requiredRules where gate.mask & (1 << UInt64(req.adClass)) != 0 && gate.applies(req.rule) {
            let present = (0..<req.groups).contains { gi in
                let slot = req.firstSlot + gi
                if scratch.groupEvidence[slot] != nil { return true }
                let hits = scratch.groupHits[slot]
                return !hits.isEmpty && firstGroupMatch(compiled.rules[req.rule].groupPatterns[gi], hits, text, scratch) != nil
            }
            if !present {
                result.candidates.append(Candidate(rule: req.rule, start: 0, end: 0, clause: 0..<0, via: [], evidence: []))
            }
        }
    }

    /// The first pattern match in the clause around any of `hits` (original range).
    private func firstGroupMatch(_ patterns: [Regex], _ hits: [Range<Int>], _ text: UnsafeBufferPointer<UInt8>,
                                 _ scratch: Scratch) -> Range<Int>? {
        var lastClause: Range<Int>? = nil
        for h in hits {
            let clause = Clause.around(h, in: text)
            if clause == lastClause { continue }
            lastClause = clause
            compiled.normalizer.normalize(text, range: clause, into: &scratch.clauseText)
            var found: Range<Int>? = nil
            scratch.clauseText.bytes.withUnsafeBufferPointer { nb in
                for re in patterns where found == nil {
                    re.forEachMatch(in: nb, from: 0, to: nb.count, data: scratch.matchData) { s, e in
                        if found == nil && e > s { found = scratch.clauseText.originalRange(s, e) }
                    }
                }
            }
            if let found { return found }
        }
        return nil
    }

    /// Index in the folded window of the byte that came from original offset `o`.
    @inline(__always)
    func foldedOffset(of o: Int, in w: NormalizedText) -> Int? {
        w.foldedOffset(of: o)
    }

    /// Checks a folded-window match against the rule's exceptions and boundary, then records it.
    private func accept(_ ri: Int, _ s: Int, _ e: Int, _ clause: Range<Int>, _ text: UnsafeBufferPointer<UInt8>,
                        _ scratch: Scratch, _ result: inout MatchResult) {
        let cr = compiled.rules[ri]
        let w = scratch.window.bytes
        for ex in cr.exceptions where covers(ex, w, s, e) { return }
        if !cr.exceptionPatterns.isEmpty {
            var covered = false
            w.withUnsafeBufferPointer { nb in
                for re in cr.exceptionPatterns where !covered {
                    re.forEachMatch(in: nb, from: 0, to: nb.count, data: scratch.matchData) { ms, me in
                        if ms <= s && e <= me { covered = true }
                    }
                }
            }
            if covered { return }
        }
        if cr.wordBoundary, let wb = scratch.wordBreaker {
            if scratch.windowBoundaries == nil {
                scratch.windowBoundaries = w.withUnsafeBufferPointer { Set(wb.boundaries($0)) }
            }
            guard let bounds = scratch.windowBoundaries, bounds.contains(Int32(s)), bounds.contains(Int32(e)) else { return }
        }
        // (re-folding maps the same bytes: offsets s and e stay valid)
        compiled.normalizer.ensureMap(text, &scratch.window)
        let r = scratch.window.originalRange(s, e)
        let via = scratch.window.transforms(in: s, e, original: text, table: compiled.normalizer.table)
        result.candidates.append(Candidate(rule: ri, start: r.lowerBound, end: r.upperBound, clause: clause,
                                           via: via, evidence: []))
    }

    /// True when an occurrence of `ex` in `w` covers [s, e).
    @inline(__always)
    private func covers(_ ex: [UInt8], _ w: ArraySlice<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = ex.count
        guard n >= e - s else { return false }
        var p = max(0, e - n)
        let last = min(s, w.count - n)
        while p <= last {
            if w[p..<(p + n)].elementsEqual(ex) { return true }
            p += 1
        }
        return false
    }

    /// One finding per rule and span: overlapping candidates of the same rule merge into their
    /// union (全国第一 + 第一品牌 → 全国第一品牌); duplicates from several keyword hits collapse.
    static func resolveOverlaps(_ cands: [Candidate]) -> [Candidate] {
        guard cands.count > 1 else { return cands }
        let sorted = cands.sorted { a, b in
            if a.rule != b.rule { return a.rule < b.rule }
            if a.start != b.start { return a.start < b.start }
            return a.end > b.end
        }
        var out: [Candidate] = []
        out.reserveCapacity(sorted.count)
        for c in sorted {
            if let last = out.last, last.rule == c.rule, c.start < last.end {
                if c.end > last.end {
                    out[out.count - 1].end = c.end
                    out[out.count - 1].clause = min(last.clause.lowerBound, c.clause.lowerBound)..<max(last.clause.upperBound, c.clause.upperBound)
                    out[out.count - 1].via = Array(Set(last.via + c.via)).sorted()
                }
                continue
            }
            out.append(c)
        }
        return out.sorted { $0.start != $1.start ? $0.start < $1.start : $0.rule < $1.rule }
    }
}
