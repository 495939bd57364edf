import AdscanModel

/// One row per finding (RFC 4180 quoting), UTF-8, optionally with a byte-order mark for Excel.
public struct CSVReporter: Reporter {
    public let options: ReportOptions
    static let columns = ["source", "id", "line", "column", "rule", "category", "severity", "law", "message", "match",
                          "start", "end", "char_start", "char_end", "via", "suppressed_by", "fingerprint", "context",
                          "downgraded_by"]   // last: columns added later go at the end, where old sheets ignore them

    public init(options: ReportOptions) {
        self.options = options
    }

    public func begin(into out: inout [UInt8]) {
        if options.bom { out += [0xEF, 0xBB, 0xBF] }
        out += Array((Self.columns.joined(separator: ",") + "\r\n").utf8)
    }

    static func field(_ s: String) -> String {
        let s = neutralised(s)
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return: an id, a match or a context taken from crawled text) gets a
    /// leading single quote, as OWASP recommends against CSV injection; the quote shows that the
    /// cell was changed. Only the numeric columns are never text, and they never start so.
    static func neutralised(_ s: String) -> String {
        guard let first = s.utf8.first, s != "-" else { return s }     // "-" alone (standard input) is no formula
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return "'" + s
        default: return s
        }
    }

    public func record(_ r: ScannedRecord, embeddedText: Bool, text: String?, into out: inout [UInt8]) {
        for f in r.findings where f.suppressedBy == nil || options.explain {
            let line = embeddedText ? r.origin.line : r.origin.line + f.line - 1
            let column = embeddedText ? f.charStart + 1 : f.column
            let row = [r.origin.source, r.origin.id, String(line), String(column), f.ruleID, f.category.rawValue,
                       f.severity.rawValue, f.law, f.message, f.match, String(f.start), String(f.end),
                       String(f.charStart), String(f.charEnd), f.via.joined(separator: "+"), f.suppressedBy ?? "",
                       f.fingerprint, f.context, f.downgradedBy ?? ""]
            out += Array((row.map(Self.field).joined(separator: ",") + "\r\n").utf8)
        }
    }
}

extension String {
    /// Replaces every occurrence (no Foundation in the reporter layer).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = Array(self.utf8)
        guard t.count <= u.count else { return nil }
        var i = 0
        while i + t.count <= u.count {
            if u[i] == t[0] && Array(u[i..<(i + t.count)]) == t {
                let lo = self.utf8.index(self.utf8.startIndex, offsetBy: i)
                let hi = self.utf8.index(lo, offsetBy: t.count)
                return lo..<hi
            }
            i += 1
        }
        return nil
    }
}
