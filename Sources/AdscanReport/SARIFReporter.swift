import AdscanModel

/// SARIF 2.1.0 (OASIS): one run, the loaded rules with their law citations as help text and as a
/// taxonomy of legal provisions, and one result per finding with byte and character regions.
/// Streams: results are written as records are scanned; the writer puts the commas between them.
public struct SARIFReporter: Reporter {
    public let options: ReportOptions
    public var recordSeparator: [UInt8]? { Array(",\n".utf8) }

    public init(options: ReportOptions) {
        self.options = options
    }

    private func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// The distinct law citations, in rule order: the taxonomy's taxa.
    private var laws: [String] {
        var seen = Set<String>()
        return options.rules.map(\.law).filter { seen.insert($0).inserted }
    }

    public func begin(into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.out, &out)
        w.beginObject()
        w.field("version", "2.1.0")
        w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.beginArray("runs")
        w.beginObjectElement()
        w.beginObject("tool")
        w.beginObject("driver")
        w.field("name", "adscan")
        w.field("version", options.toolVersion)
        w.field("informationUri", "https://example.invalid/adscan")
        w.beginArray("rules")
        let lawIndex = Dictionary(laws.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for r in options.rules {
            w.beginObjectElement()
            w.field("id", r.id)
            w.field("name", r.category.rawValue)
            w.beginObject("shortDescription")
            w.field("text", r.message)
            w.endObject()
            w.beginObject("fullDescription")
            w.field("text", r.lawText ?? r.message)
            w.endObject()
            w.beginObject("help")
            w.field("text", r.law + (r.lawText.map { "：" + $0 } ?? ""))
            w.endObject()
            w.beginObject("defaultConfiguration")
            w.field("level", level(r.severity))
            w.endObject()
            w.beginObject("properties")
            w.field("category", r.category.rawValue)
            w.field("law", r.law)
            w.beginArray("tags")
            w.stringElement(r.category.rawValue)
            w.endArray()
            w.endObject()
            w.beginArray("relationships")
            w.beginObjectElement()
            w.beginObject("target")
            w.field("id", r.law)
            w.field("index", lawIndex[r.law] ?? 0)
            w.beginObject("toolComponent")
            w.field("name", "ChineseAdvertisingLaw")
            w.endObject()
            w.endObject()
            w.beginArray("kinds")
            w.stringElement("relevant")
            w.endArray()
            w.endObject()
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()   // driver
        w.endObject()   // tool
        w.beginArray("taxonomies")
        w.beginObjectElement()
        w.field("name", "ChineseAdvertisingLaw")
        w.field("organization", "全国人大常委会、国家市场监督管理总局等")
        w.beginObject("shortDescription")
        w.field("text", "《中华人民共和国广告法》及相关规章、执法指南的条款")
        w.endObject()
        w.beginArray("taxa")
        for l in laws {
            w.beginObjectElement()
            w.field("id", l)
            w.field("name", l)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.field("columnKind", "unicodeCodePoints")
        swap(&w.out, &out)
        // the results array stays open; records append to it
        out += Array(",\"results\":[\n".utf8)
    }

    public func record(_ r: ScannedRecord, embeddedText: Bool, text: String?, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.out, &out)
        var first = true
        for f in r.findings where f.suppressedBy == nil || options.explain {
            if !first { w.out += Array(",\n".utf8) }
            first = false
            w.beginObject()
            w.field("ruleId", f.ruleID)
            if let i = options.rules.firstIndex(where: { $0.id == f.ruleID }) { w.field("ruleIndex", i) }
            w.field("level", f.suppressedBy == nil ? level(f.severity) : "note")
            w.beginObject("message")
            w.field("text", "\(f.message)：「\(f.match)」（\(f.law)）")
            w.endObject()
            w.beginArray("locations")
            w.beginObjectElement()
            w.beginObject("physicalLocation")
            w.beginObject("artifactLocation")
            w.field("uri", r.origin.source == "-" ? "stdin" : r.origin.source)
            w.endObject()
            w.beginObject("region")
            if embeddedText {
                // the text is a JSON field: the line is the record's line; offsets are in the text
                w.field("startLine", r.origin.line)
            } else {
                w.field("startLine", r.origin.line + f.line - 1)
                w.field("startColumn", f.column)
                if r.origin.wholeFile {
                    w.field("charOffset", f.charStart)
                    w.field("charLength", f.charEnd - f.charStart)
                    w.field("byteOffset", f.start)
                    w.field("byteLength", f.end - f.start)
                }
            }
            w.beginObject("snippet")
            w.field("text", f.match)
            w.endObject()
            w.endObject()   // region
            w.endObject()   // physicalLocation
            w.beginArray("logicalLocations")
            w.beginObjectElement()
            w.field("name", r.origin.id)
            w.field("kind", "object")
            w.endObject()
            w.endArray()
            w.endObject()
            w.endArray()
            if !f.fingerprint.isEmpty {
                w.beginObject("partialFingerprints")
                w.field("adscan/v1", f.fingerprint)
                w.endObject()
            }
            if f.suppressedBy != nil {
                w.beginArray("suppressions")
                w.beginObjectElement()
                w.field("kind", "inSource")
                w.field("justification", f.suppressedBy!)
                w.endObject()
                w.endArray()
            }
            w.beginObject("properties")
            w.field("category", f.category.rawValue)
            w.field("law", f.law)
            w.field("recordId", r.origin.id)
            w.field("start", f.start)
            w.field("end", f.end)
            w.field("charStart", f.charStart)
            w.field("charEnd", f.charEnd)
            if let why = f.downgradedBy { w.field("downgradedBy", why) }   // an error lowered to warning (or a warning to info), and why
            if !f.via.isEmpty {
                w.beginArray("via")
                for v in f.via { w.stringElement(v) }
                w.endArray()
            }
            w.endObject()
            w.endObject()
        }
        swap(&w.out, &out)
    }

    public func finish(_ s: ScanSummary, into out: inout [UInt8]) {
        // close results, add the run's totals as properties, close run, runs and the log
        out += Array("\n],\"properties\":{\"records\":\(s.records),\"errors\":\(s.recordErrors),\"bytes\":\(s.bytes),\"findings\":\(s.findings)}}]}\n".utf8)
    }
}
