/// The sentence claim model as data (lexicons/models/claims.tsv, written by tools/fit_claims.py):
/// per character 1-3-gram of a folded sentence, its weight in each head. A head is a claim
/// category (a `model`-scope rule of that category reports it) or `ANY` (some category: the
/// sentence goes to its best-scoring category head).
///
/// File format, one record per line: `# ` comments; `heads\tH1 H2 …`; `bias\tb1 b2 …`;
/// `threshold\tt1 t2 …`; optionally `threshold_shared\tt1 t2 …`, `short_record\tN` with
/// `threshold_short\tt1 t2 …`, and `genres\tG1 G2 …`; then `NGRAM\tK:W K:W …` (head index, weight;
/// heads left out weigh 0).
public struct ClaimModel: Sendable {
    public var heads: [String] = []
    public var bias: [Float] = []
    public var threshold: [Float] = []
    /// A head's threshold in a sentence where a rule of another family already found something
    /// (the model is then a second opinion, not the only one, and a weak reading adds noise: a
    /// cure guarantee also read as a comparison). Defaults to `threshold`.
    public var sharedThreshold: [Float] = []
    /// A record of at most `shortRecord` sentences is read with `shortThreshold` for a head's own
    /// reading and ANY (the shared one stays: beside a rule's finding a low reading adds noise).
    /// Why: a page of fifty sentences gives a loose reading fifty chances to misfire, a quoted claim
    /// or a host's line one (README, the claim model: round 34's measurements). 0: every record
    /// uses `threshold`.
    public var shortRecord: Int = 0
    public var shortThreshold: [Float] = []
    /// The document genres whose records the model reads (empty: every record the genre model does
    /// not read as discussing claims). The model knows words, not who is speaking: in a science
    /// piece or a comment, 调理 and 吃了三个月 are advice and experience more often than copy.
    public var genres: [String] = []
    /// The n-grams, in file order; gram `r`'s weights are row `r` of `weights`.
    public var grams: [String] = []
    /// `grams.count × heads.count`, row-major: one flat table rather than an array per gram
    /// (22,000 small arrays were most of the pack's load time).
    public var weights: [Float] = []
    public var file: String = ""

    public init() {}

    public var isEmpty: Bool { heads.isEmpty }

    /// The head that gives a sentence to its best category, if the model has one.
    public var anyHead: Int? { heads.firstIndex(of: "ANY") }

    /// Gram `row`'s weight in `head` (0 where the file leaves the head out).
    public func weight(gram row: Int, head: Int) -> Float { weights[row * heads.count + head] }

    /// `K:W` with K a head index and W a decimal (`-0.125`, `2`) in `bytes[from..<to]`; nil for anything else.
    static func headWeight(_ u: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (head: Int, weight: Float)? {
        var head = 0, sawHead = false
        var i = from
        while i < end, u[i] >= 0x30, u[i] <= 0x39 { head = head &* 10 &+ Int(u[i] - 0x30); sawHead = true; i += 1 }
        guard sawHead, i < end, u[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        var negative = false
        if i < end, u[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var value: Float = 0, scale: Float = 1, digits = 0, fraction = false
        while i < end {
            let b = u[i]
            if b >= 0x30 && b <= 0x39 {
                if fraction { scale /= 10; value += Float(b - 0x30) * scale } else { value = value * 10 + Float(b - 0x30) }
                digits += 1
            } else if b == UInt8(ascii: "."), !fraction {
                fraction = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        return (head, negative ? -value : value)
    }

    /// Parses the file; errors name the line.
    public static func parse(_ text: String, file: String) throws -> ClaimModel {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { try parse(bytes: $0, file: file) }!
    }

    /// The parse over the file's bytes: lines and fields found by hand, gram keys the only strings made.
    static func parse(bytes u: UnsafeBufferPointer<UInt8>, file: String) throws -> ClaimModel {
        var m = ClaimModel()
        m.file = file
        var lineNo = 0
        var start = 0
        let n = u.count
        let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        while start <= n {
            var end = start
            while end < n, u[end] != newline { end += 1 }
            defer { start = end + 1 }
            lineNo += 1
            if end == start || u[start] == UInt8(ascii: "#") && (end - start == 1 || u[start + 1] == space) { continue }
            var t = start
            while t < end, u[t] != tab { t += 1 }
            guard t < end else {
                throw RuleLoadError(file: file, line: lineNo, reason: "a model line is KEY<TAB>VALUES")
            }
            let key = String(decoding: UnsafeBufferPointer(rebasing: u[start..<t]), as: UTF8.self)
            // (the setting names are lower-case ASCII; most keys are Han grams and skip the comparisons)
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(u[start]),
               ["heads", "bias", "threshold", "threshold_shared", "threshold_short", "short_record", "genres"].contains(key) {
                let values = String(decoding: UnsafeBufferPointer(rebasing: u[(t + 1)..<end]), as: UTF8.self)
                    .split(separator: " ")
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
                case "threshold_shared": m.sharedThreshold = try floats()
                case "threshold_short": m.shortThreshold = try floats()
                case "short_record":
                    guard values.count == 1, let n = Int(values[0]), n >= 0 else {
                        throw RuleLoadError(file: file, line: lineNo, reason: "`short_record` needs one count of sentences")
                    }
                    m.shortRecord = n
                default: m.genres = values.map(String.init)
                }
                continue
            }
            guard !m.heads.isEmpty else {
                throw RuleLoadError(file: file, line: lineNo, reason: "weights before the `heads` line")
            }
            let row = m.weights.count
            m.weights.append(contentsOf: repeatElement(0, count: m.heads.count))
            var v = t + 1
            while v < end {
                var e = v
                while e < end, u[e] != space { e += 1 }
                if e > v {
                    guard let w = headWeight(u, from: v, to: e), w.head < m.heads.count else {
                        let field = String(decoding: UnsafeBufferPointer(rebasing: u[v..<e]), as: UTF8.self)
                        throw RuleLoadError(file: file, line: lineNo, reason: "weight `\(field)` is not HEAD:WEIGHT with a head below \(m.heads.count)")
                    }
                    m.weights[row + w.head] = w.weight
                }
                v = e + 1
            }
            m.grams.append(key)
        }
        guard !m.heads.isEmpty, m.bias.count == m.heads.count, m.threshold.count == m.heads.count else {
            throw RuleLoadError(file: file, line: 0, reason: "a claim model needs `heads`, `bias` and `threshold` lines")
        }
        if m.sharedThreshold.isEmpty { m.sharedThreshold = m.threshold }
        if m.shortRecord > 0, m.shortThreshold.count != m.heads.count {
            throw RuleLoadError(file: file, line: 0, reason: "`short_record` needs a `threshold_short` line")
        }
        return m
    }
}
