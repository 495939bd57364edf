import AdscanMatch
import AdscanModel
import AdscanNormalize
import AdscanRules

/// Decides whether a candidate is a claim or text ABOUT a claim (a regulator's notice, a
/// prohibition frame, a mandated statement), and turns candidates into reportable Findings
/// with line, column, Unicode-scalar offsets and a context snippet, all in ORIGINAL text.
public struct ContextGate: Sendable {
    public let compiled: CompiledRuleSet
    /// Characters of context on each side of a match.
    public var contextChars = 24
    /// At most this many findings per record; the rest are counted as truncated.
    public var maxFindings = 1000

    public init(_ compiled: CompiledRuleSet) {
        self.compiled = compiled
    }

    /// The reportable findings of a record (suppressed ones carry `suppressedBy`).
    /// `validUTF8`: the record has no invalid bytes (its snippets are then copied as they are;
    /// otherwise they are repaired the way String(decoding:) repairs).
    public func findings(for result: MatchResult, text: UnsafeBufferPointer<UInt8>,
                         validUTF8: Bool = false) -> (findings: [Finding], truncated: Bool) {
        guard !result.candidates.isEmpty else { return ([], false) }
        let rules = compiled.ruleSet.rules
        let suppressors = compiled.ruleSet.suppressors
        let documentReason = documentSuppression(result.markers, text: text)

        var findings: [Finding] = []
        findings.reserveCapacity(min(result.candidates.count, maxFindings))
        var truncated = false
        // candidates read in place and findings made in the array: a copy of either retains
        // every string it holds
        result.candidates.withUnsafeBufferPointer { cs in
            for c in cs {
                if findings.count >= maxFindings { truncated = true; break }
                // fields one by one: a copy of the whole Rule would retain all of its arrays
                var law = rules[c.rule].law
                if !rules[c.rule].lawByClass.isEmpty {
                    for ci in result.adClasses {
                        if let l = rules[c.rule].lawByClass[compiled.ruleSet.adClasses[ci].id] { law = l; break }
                    }
                }
                findings.append(Finding(ruleID: rules[c.rule].id, category: rules[c.rule].category, severity: rules[c.rule].severity,
                                        law: law, message: rules[c.rule].message, match: UTF8Scan.string(text, from: c.start, to: c.end),
                                        start: c.start, end: c.end))
                let k = findings.count - 1
                findings[k].via = c.via
                findings[k].lawText = rules[c.rule].lawText
                findings[k].normalizedMatch = compiled.normalizer.table.fold(UnsafeBufferPointer(rebasing: text[c.start..<c.end]))
                if !c.evidence.isEmpty {
                    findings[k].evidence = c.evidence.map {
                        Evidence(role: $0.role, match: UTF8Scan.string(text, from: $0.range.lowerBound, to: $0.range.upperBound),
                                 start: $0.range.lowerBound, end: $0.range.upperBound)
                    }
                }
                findings[k].suppressedBy = clauseSuppression(c, result.clauseMarkers, suppressors: suppressors) ?? documentReason
            }
        }
        locate(&findings, in: text, validUTF8: validUTF8)
        return (findings, truncated)
    }

    /// "id: marker, marker" when enough distinct document markers of one suppressor are present.
    private func documentSuppression(_ markers: [MarkerHit], text: UnsafeBufferPointer<UInt8>) -> String? {
        guard !markers.isEmpty else { return nil }
        var distinct: [Int: Set<Int>] = [:]
        for m in markers { distinct[m.suppressor, default: []].insert(m.marker) }
        for (si, set) in distinct.sorted(by: { $0.key < $1.key }) {
            let s = compiled.ruleSet.suppressors[si]
            if set.count >= s.minDistinct {
                let names = set.sorted().prefix(4).map { s.markers[$0] }
                return "\(s.id): \(names.joined(separator: ", "))"
            }
        }
        return nil
    }

    /// Clause-level gates: a prohibition frame before the match, a quoting marker after it, or a
    /// mandated phrase covering it — among the clause markers the prefilter found (every hit, in
    /// text order), those inside the candidate's clause. The lowest suppressor wins, then the
    /// first of its markers.
    private func clauseSuppression(_ c: Candidate, _ markers: [MarkerHit], suppressors: [Suppressor]) -> String? {
        // the first marker at or after the clause's start (binary search), then on to its end
        var lo = 0, hi = markers.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if markers[mid].start < c.clause.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var best: MarkerHit? = nil
        for h in markers[lo...] {
            if h.start >= c.clause.upperBound { break }
            guard h.end <= c.clause.upperBound else { continue }
            let applies: Bool
            switch suppressors[h.suppressor].scope {
            case .clauseBefore: applies = h.end <= c.start
            case .clauseAfter: applies = h.start >= c.end
            case .cover: applies = h.start <= c.start && h.end >= c.end
            case .document: applies = false
            }
            if applies && (best == nil || h.suppressor < best!.suppressor) { best = h }
        }
        guard let best else { return nil }
        return "\(suppressors[best.suppressor].id): \(suppressors[best.suppressor].markers[best.marker])"
    }

    /// How many bytes of `m` have their high bit set, for an `m` with no other bits: one
    /// multiply sums the eight 0/1 bytes into the top byte. (`nonzeroBitCount` is a dozen
    /// instructions here: the baseline x86-64 target has no POPCNT.)
    @inline(__always)
    static func highBits(_ m: UInt64) -> Int {
        Int(truncatingIfNeeded: ((m >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// Fills line, column, char offsets and context in one pass over the record.
    private func locate(_ findings: inout [Finding], in text: UnsafeBufferPointer<UInt8>, validUTF8: Bool) {
        let order = findings.indices.sorted { findings[$0].start < findings[$1].start }
        var pos = 0, chars = 0, line = 1, lineStartChars = 0
        func advance(to target: Int) {
            // eight bytes at a time: the bytes that are not UTF-8 continuation bytes (10xxxxxx)
            // are characters; newlines are found exactly (zero bytes of w ^ 0x0A…) and the
            // characters up to the last one start the current line
            if let base = text.baseAddress {
                while pos &+ 8 <= target {
                    let w = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                    let starts = ~(w & ~(w << 1)) & 0x8080_8080_8080_8080   // high bit: not a continuation byte
                    let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
                    let nl = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
                    if nl != 0 {
                        line &+= Self.highBits(nl)
                        // characters through the last newline of the word
                        let last = (63 &- nl.leadingZeroBitCount) >> 3
                        let through: UInt64 = last == 7 ? ~0 : (UInt64(1) << UInt64(8 &* (last &+ 1))) &- 1
                        lineStartChars = chars &+ Self.highBits(starts & through)
                    }
                    chars &+= Self.highBits(starts)
                    pos &+= 8
                }
            }
            while pos < target {
                let b = text[pos]
                if b & 0xC0 != 0x80 {
                    chars += 1
                    if b == 0x0A { line += 1; lineStartChars = chars }
                }
                pos += 1
            }
        }
        for i in order {
            advance(to: findings[i].start)
            findings[i].charStart = chars
            findings[i].line = line
            findings[i].column = chars - lineStartChars + 1
            findings[i].charEnd = chars + UTF8Scan.scalarCount(text, from: findings[i].start, to: findings[i].end)
            findings[i].contextUTF8 = snippet(text, findings[i].start, findings[i].end, validUTF8: validUTF8)
        }
    }

    private func snippet(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, validUTF8: Bool) -> [UInt8] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var a = s, k = 0
        while a > 0 && k < contextChars {
            a &-= 1
            if base[a] & 0xC0 != 0x80 { k &+= 1 }
        }
        var b = e
        k = 0
        while b < n && k < contextChars {
            b &+= 1
            while b < n && base[b] & 0xC0 == 0x80 { b &+= 1 }
            k &+= 1
        }
        // whole code points of the record, line breaks and tabs made spaces, copied in one pass
        let count = b &- a
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { out, made in
            for j in 0..<count {
                let x = base[a &+ j]
                out[j] = x == 0x0A || x == 0x0D || x == 0x09 ? 0x20 : x
            }
            made = count
        }
        // invalid bytes become U+FFFD as String(decoding:) makes them
        return validUTF8 ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
