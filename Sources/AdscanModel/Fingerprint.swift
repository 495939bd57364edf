/// Stable identity of a finding across runs: rule, record id, the folded match text and which
/// occurrence of it in the record this is. Offsets are left out on purpose, so an edit elsewhere
/// in a page does not make an old finding look new (gitleaks' baseline model).
public enum Fingerprint {
    /// 16 lower-case hex digits.
    public static func hex(_ h: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 16) { out in
            for k in 0..<16 { out[k] = digits.utf8Start[Int((h >> UInt64(60 - 4 * k)) & 0xF)] }
            return 16
        }
    }

    /// The hex digits appended to a byte buffer (reports), without a String.
    public static func appendHex(_ h: UInt64, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        for k in 0..<16 { out.append(digits.utf8Start[Int((h >> UInt64(60 - 4 * k)) & 0xF)]) }
    }

    /// Bytes of `part`, then the 0x1F separator, into the hash (read as UTF-8 in place).
    @inline(__always)
    static func mix(_ h: inout UInt64, _ part: String) {
        var part = part
        part.withUTF8 { p in
            for b in p { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3
    }

    /// The hash state after rule and record (the same for every finding of a rule in a record).
    static func prefix(rule: String, record: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        mix(&h, rule)
        mix(&h, record)
        return h
    }

    /// The FNV-1a hash (64-bit) of rule, record, folded match and occurrence, from the state after
    /// rule and record (never 0 in practice; 0 means "not set" in a Finding).
    static func finish(_ state: UInt64, normalizedMatch: String, occurrence: Int) -> UInt64 {
        var h = state
        mix(&h, normalizedMatch)
        // the occurrence's decimal digits, as String(occurrence) would spell them
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            var v = occurrence.magnitude
            repeat { d[n] = UInt8(0x30 + v % 10); v /= 10; n += 1 } while v > 0
            if occurrence < 0 { h ^= 0x2D; h = h &* 0x0000_0100_0000_01B3 }
            for k in stride(from: n - 1, through: 0, by: -1) {
                h ^= UInt64(d[k])
                h = h &* 0x0000_0100_0000_01B3
            }
        }
        h ^= 0x1F
        h = h &* 0x0000_0100_0000_01B3
        return h
    }

    /// Assigns fingerprints to a record's findings in order (occurrence counts per rule + match).
    public static func assign(_ findings: inout [Finding], record: String) {
        // keyed by a 64-bit FNV-1a of rule and folded match (a String key would be normalised on
        // every hash; two different pairs in one record colliding is a 2^-64 event)
        // a record has a few dozen findings at most (1,000 when truncated): a linear search of
        // the keys seen so far costs less than hashing them into a dictionary
        var seen: [(key: UInt64, count: Int)] = []
        seen.reserveCapacity(findings.count)
        // per rule, the hash of rule and record (the record id is hashed once per rule, not per finding)
        var prefixes: [(rule: String, state: UInt64)] = []
        for i in findings.indices {
            var key: UInt64 = 0xCBF2_9CE4_8422_2325
            mix(&key, findings[i].ruleID)
            var match = findings[i].normalizedMatch
            match.withUTF8 { p in for b in p { key = (key ^ UInt64(b)) &* 0x0000_0100_0000_01B3 } }
            var n = 0
            if let at = seen.firstIndex(where: { $0.key == key }) {
                n = seen[at].count
                seen[at].count = n + 1
            } else {
                seen.append((key, 1))
            }
            let state: UInt64
            if let p = prefixes.first(where: { $0.rule == findings[i].ruleID }) {
                state = p.state
            } else {
                state = prefix(rule: findings[i].ruleID, record: record)
                prefixes.append((findings[i].ruleID, state))
            }
            findings[i].fingerprintValue = finish(state, normalizedMatch: match, occurrence: n)
        }
    }
}
