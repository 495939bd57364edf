/// Where a record came from.
public struct RecordOrigin: Sendable, Equatable {
    /// File path, or "-" for standard input.
    public var source: String
    /// 1-based line in the input where the record starts (lines and jsonl modes; 1 for doc).
    public var line: Int
    /// The JSONL id field when there is one; nil means the default id (see `id`), which is
    /// built only when a record is reported, not for every scanned line.
    public var explicitID: String?
    /// True for `doc` records, whose default id is the path alone.
    public var wholeFile: Bool
    /// The charset the text was converted from (GB18030, Big5, ...), nil for UTF-8 input.
    public var encoding: String? = nil
    /// True when the text was extracted from HTML (offsets refer to the extracted text).
    public var extractedFromHTML = false
    /// When `encoding` was guessed by the charset detector (nothing declared it): the detector's
    /// confidence, 0-100. A guess is reported, never silent: a wrong one turns text into mojibake.
    public var encodingConfidence: Int? = nil

    public init(source: String, line: Int, explicitID: String? = nil, wholeFile: Bool = false) {
        self.source = source
        self.line = line
        self.explicitID = explicitID
        self.wholeFile = wholeFile
    }

    /// The record id: the JSONL id field, else the path for doc records, else `source:line`.
    public var id: String {
        if let e = explicitID { return e }
        return wholeFile ? source : "\(source):\(line)"
    }
}

public enum Verdict: String, Sendable {
    case violation, review, clean
}

/// The scan result of one input record, as the reporter sees it.
public struct ScannedRecord: Sendable {
    public var origin: RecordOrigin
    public var byteCount: Int
    public var findings: [Finding]
    /// True when the record had more findings than `--max-findings` and the rest were dropped.
    public var truncated: Bool = false
    /// Non-fatal problems met while scanning the record (e.g. invalid UTF-8 replaced).
    public var warnings: [String] = []
    /// Ad classes recognised in the record (medical, drug, health_food, ...), strongest first.
    public var adClasses: [String] = []
    /// The document genre (nil when the rule pack has no genre model).
    public var genre: Genre? = nil

    public init(origin: RecordOrigin, byteCount: Int, findings: [Finding]) {
        self.origin = origin
        self.byteCount = byteCount
        self.findings = findings
    }

    /// violation if any active error, review if only active warnings, clean otherwise.
    public var verdict: Verdict {
        var sawWarning = false
        for f in findings where f.suppressedBy == nil {
            if f.severity == .error { return .violation }
            if f.severity == .warning { sawWarning = true }
        }
        return sawWarning ? .review : .clean
    }
}

/// An input record that could not be scanned (malformed JSON, unreadable file, binary file, ...).
/// Every input record ends up either as a ScannedRecord or as one of these.
public struct RecordError: Sendable, Equatable {
    public var source: String
    public var line: Int?
    public var message: String
    /// True when nothing was lost: input left out by design (a binary file met in a directory
    /// walk, a WARC response that is not text) or text that was still scanned (HTML scanned as
    /// text). Every other error means input that was not read in full, and makes the exit status 2.
    public var benign = false
    /// A JSONL line that is not a record (malformed, no text field, over-long, blank): the error
    /// stands for that one input record. With `--record-io` it is the record's output line and
    /// does not make the exit status 2 (the record is not lost, it is reported in its place).
    public var perRecord = false
    /// The record's id when its JSON parsed far enough to hold one.
    public var id: String? = nil
    /// The start of the input line (JSONL errors): names a record whose id could not be read.
    public var excerpt: String? = nil

    public init(source: String, line: Int?, message: String, benign: Bool = false) {
        self.source = source
        self.line = line
        self.message = message
        self.benign = benign
    }
}

/// The document genre of a record (ad, advertorial, news, enforcement, regulation, research,
/// science, consumer_tip, comment, livestream), how sure the model is, and its strongest evidence.
public struct Genre: Sendable, Equatable {
    public var id: String
    public var confidence: Double
    public var evidence: [String]
    /// Probability that the document discusses claims rather than makes them (the model's mass on
    /// notices, regulations, news, research, science and consumer tips).
    public var mention: Double = 0

    public init(id: String, confidence: Double, evidence: [String], mention: Double = 0) {
        self.id = id
        self.confidence = confidence
        self.evidence = evidence
        self.mention = mention
    }
}
