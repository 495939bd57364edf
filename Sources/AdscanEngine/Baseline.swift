import AdscanModel
import Foundation

/// Findings already reported by an earlier run, by fingerprint: with a baseline a scan reports
/// only what is new (gitleaks' model). Fingerprints leave offsets out, so an edit elsewhere in a
/// page does not make an old finding look new.
public struct Baseline: Sendable {
    public private(set) var fingerprints: Set<String>

    public init(fingerprints: Set<String> = []) {
        self.fingerprints = fingerprints
    }

    /// The fingerprints of every finding in a JSONL report (`adscan scan --format jsonl`); lines
    /// that are not records with findings are skipped.
    public init(jsonlReport data: Data) {
        var out = Set<String>()
        for line in data.split(separator: 0x0A) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let findings = obj["findings"] as? [[String: Any]] else { continue }
            for f in findings { if let fp = f["fingerprint"] as? String { out.insert(fp) } }
        }
        fingerprints = out
    }

    /// Reads a JSONL report from a file.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SuppressionFileError(description: "cannot read baseline \(path)")
        }
        self.init(jsonlReport: data)
    }

    public var isEmpty: Bool { fingerprints.isEmpty }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }
}

/// A baseline or allowlist that cannot be read: "path[:line]: reason".
public struct SuppressionFileError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}
