/// The sentence claim model as data (lexicons/models/claims.tsv, written by tools/fit_claims.py):
/// per character 1-3-gram of a folded sentence, its weight in each head. A head is a claim
/// category (a `model`-scope rule of that category reports it) or `ANY` (some category: the
/// sentence goes to its best-scoring category head).
///
/// File format, one record per line: `# ` comments; `heads\tH1 H2 …`; `bias\tb1 b2 …`;
/// `threshold\tt1 t2 …`; optionally `genres\tG1 G2 …`; then `NGRAM\tK:W K:W …` (head index, weight; heads left out weigh 0).
public struct ClaimModel: Sendable {
    public var heads: [String] = []
    public var bias: [Float] = []
    public var threshold: [Float] = []
    /// The document genres whose records the model reads (empty: every record the genre model does
    /// not read as discussing claims). The model knows words, not who is speaking: in a science
    /// piece or a comment, 调理 and 吃了三个月 are advice and experience more often than copy.
    public var genres: [String] = []
    /// (n-gram, [(head, weight)])
    public var grams: [(gram: String, weights: [(head: Int, weight: Float)])] = []
    public var file: String = ""

    public init() {}

    public var isEmpty: Bool { heads.isEmpty }

    /// The head that gives a sentence to its best category, if the model has one.
    public var anyHead: Int? { heads.firstIndex(of: "ANY") }

    /// `K:W` with K a head index and W a decimal (`-0.125`, `2`); nil for anything else.
    static func headWeight(_ u: Substring.UTF8View) -> (head: Int, weight: Float)? {
        var head = 0, sawHead = false
        var i = u.startIndex
        while i < u.endIndex, u[i] >= 0x30, u[i] <= 0x39 { head = head * 10 + Int(u[i] - 0x30); sawHead = true; i = u.index(after: i) }
        guard sawHead, i < u.endIndex, u[i] == UInt8(ascii: ":") else { return nil }
        i = u.index(after: i)
        var negative = false
        if i < u.endIndex, u[i] == UInt8(ascii: "-") { negative = true; i = u.index(after: i) }
        var value: Float = 0, scale: Float = 1, digits = 0, fraction = false
        while i < u.endIndex {
            let b = u[i]
            if b >= 0x30 && b <= 0x39 {
                if fraction { scale /= 10; value += Float(b - 0x30) * scale } else { value = value * 10 + Float(b - 0x30) }
                digits += 1
            } else if b == UInt8(ascii: "."), !fraction {
                fraction = true
            } else {
                return nil
            }
            i = u.index(after: i)
        }
        guard digits > 0 else { return nil }
        return (head, negative ? -value : value)
    }

    /// Parses the file; errors name the line.
    public static func parse(_ text: String, file: String) throws -> ClaimModel {
        var m = ClaimModel()
        m.file = file
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            if raw.isEmpty || raw.hasPrefix("# ") || raw == "#" { continue }
            guard let tab = raw.firstIndex(of: "\t") else {
                throw RuleLoadError(file: file, line: lineNo, reason: "a model line is KEY<TAB>VALUES")
            }
            let key = raw[..<tab]
            let values = raw[raw.index(after: tab)...].split(separator: " ")
            func floats() throws -> [Float] {
                let v = values.compactMap { Float($0) }
                guard v.count == values.count, v.count == m.heads.count else {
                    throw RuleLoadError(file: file, line: lineNo, reason: "`\(key)` needs one number per head (\(m.heads.count))")
                }
                return v
            }
            switch key {
            case "heads": m.heads = values.map(String.init)
            case "bias": m.bias = try floats()
            case "threshold": m.threshold = try floats()
            case "genres": m.genres = values.map(String.init)
            default:
                guard !m.heads.isEmpty else {
                    throw RuleLoadError(file: file, line: lineNo, reason: "weights before the `heads` line")
                }
                // the weights by hand, byte by byte: 22,000 lines of HEAD:WEIGHT through Substring
                // and Float(_:) cost a debug build a fifth of a second at every start
                var ws: [(head: Int, weight: Float)] = []
                for v in values {
                    guard let w = Self.headWeight(v.utf8), w.head < m.heads.count else {
                        throw RuleLoadError(file: file, line: lineNo, reason: "weight `\(v)` is not HEAD:WEIGHT with a head below \(m.heads.count)")
                    }
                    ws.append(w)
                }
                m.grams.append((String(key), ws))
            }
        }
        guard !m.heads.isEmpty, m.bias.count == m.heads.count, m.threshold.count == m.heads.count else {
            throw RuleLoadError(file: file, line: 0, reason: "a claim model needs `heads`, `bias` and `threshold` lines")
        }
        return m
    }
}
