import AdscanModel
import Foundation

/// Reviewed findings: fingerprint → the reviewer's reason. A finding on the list is kept but
/// marked suppressed (`allowlist: REASON`), so reports show it only with `--explain`.
public struct Allowlist: Sendable {
    public private(set) var reasons: [String: String]

    public init(reasons: [String: String] = [:]) {
        self.reasons = reasons
    }

    /// `FINGERPRINT reason...` per line (no reason: "reviewed"); `#` starts a comment. `source`
    /// names the text in errors.
    public init(text: String, source: String) throws {
        var out: [String: String] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard let fp = parts.first, !fp.isEmpty else { continue }
            guard fp.count == 16, fp.allSatisfy(\.isHexDigit) else {
                throw SuppressionFileError(description: "\(source):\(n + 1): expected a 16-digit fingerprint, then the reason")
            }
            out[fp] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "reviewed"
        }
        reasons = out
    }

    /// Reads an allowlist file.
    public init(contentsOf path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SuppressionFileError(description: "cannot read allowlist \(path)")
        }
        try self.init(text: text, source: path)
    }

    public var isEmpty: Bool { reasons.isEmpty }

    /// The reviewer's reason when the finding is on the list.
    public func reason(for finding: Finding) -> String? { reasons[finding.fingerprint] }
}
