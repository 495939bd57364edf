/// Stable identity of a finding across runs: rule, record id, the folded match text and which
/// occurrence of it in the record this is. Offsets are left out on purpose, so an edit elsewhere
/// in a page does not make an old finding look new (gitleaks' baseline model).
public enum Fingerprint {
    /// FNV-1a, 64-bit, hex.
    public static func make(rule: String, record: String, normalizedMatch: String, occurrence: Int) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in [rule, record, normalizedMatch, String(occurrence)] {
            for b in part.utf8 {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01B3
            }
            h ^= 0x1F
            h = h &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Assigns fingerprints to a record's findings in order (occurrence counts per rule + match).
    public static func assign(_ findings: inout [Finding], record: String) {
        var seen: [String: Int] = [:]
        for i in findings.indices {
            let key = findings[i].ruleID + "\u{1F}" + findings[i].normalizedMatch
            let n = seen[key, default: 0]
            seen[key] = n + 1
            findings[i].fingerprint = make(rule: findings[i].ruleID, record: record,
                                           normalizedMatch: findings[i].normalizedMatch, occurrence: n)
        }
    }
}
