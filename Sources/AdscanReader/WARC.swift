/// WARC (ISO 28500; Heritrix, wget, Common Crawl) over a byte source: each `response` record
/// yields its target URI, HTTP headers and body. Other record types (request, metadata,
/// warcinfo) are not scan records and are passed over.
struct WARCStream {
    struct Response {
        var uri: String
        var contentType: String
        var body: [UInt8]
        var line: Int           // line of the WARC header in the (uncompressed) stream
    }

    enum Event {
        case response(Response)
        case error(line: Int, message: String)
    }

    private var source: any ByteSource
    private var buf = [UInt8]()
    private var pos = 0
    private var eof = false
    private var line = 1
    let maxBytes: Int

    init(source: any ByteSource, maxBytes: Int) {
        self.source = source
        self.maxBytes = maxBytes
    }

    var failure: String? { source.failure }

    private mutating func fill() -> Bool {
        if eof { return false }
        if pos > 0 && pos == buf.count { buf.removeAll(keepingCapacity: true); pos = 0 }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let n = chunk.withUnsafeMutableBytes { source.read($0) }
        if n <= 0 { eof = true; return false }
        buf.append(contentsOf: chunk[0..<n])
        return true
    }

    /// A line without its CR LF, or nil at the end.
    private mutating func readLine() -> [UInt8]? {
        while true {
            if let nl = buf[pos...].firstIndex(of: 0x0A) {
                var end = nl
                if end > pos && buf[end - 1] == 0x0D { end -= 1 }
                let l = Array(buf[pos..<end])
                pos = nl + 1
                line += 1
                return l
            }
            if buf.count - pos > 65536 { let l = Array(buf[pos...]); pos = buf.count; return l }   // absurd header line
            if !fill() {
                if pos < buf.count { let l = Array(buf[pos...]); pos = buf.count; return l }
                return nil
            }
        }
    }

    /// Exactly n bytes (fewer at a truncated end); with keep == false they are skipped.
    private mutating func read(_ n: Int, keep: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        var need = n
        while need > 0 {
            if pos == buf.count && !fill() { return keep ? nil : nil }
            let take = min(need, buf.count - pos)
            if keep { out.append(contentsOf: buf[pos..<(pos + take)]) }
            for b in buf[pos..<(pos + take)] where b == 0x0A { line += 1 }
            pos += take
            need -= take
            if pos > (1 << 20) { buf.removeSubrange(0..<pos); pos = 0 }
        }
        return out
    }

    mutating func next() -> Event? {
        // find the next "WARC/" version line
        var header: [UInt8]? = nil
        while let l = readLine() {
            if l.starts(with: Array("WARC/".utf8)) { header = l; break }
            if !l.isEmpty { return .error(line: line - 1, message: "not a WARC record header; skipping to the next one") }
        }
        guard header != nil else { return nil }
        let start = line - 1
        var fields: [String: String] = [:]
        while let l = readLine(), !l.isEmpty {
            guard let colon = l.firstIndex(of: 0x3A) else { continue }
            let k = String(decoding: l[..<colon], as: UTF8.self).lowercased()
            let v = String(decoding: l[(colon + 1)...], as: UTF8.self).trimmingSpaces()
            fields[k] = v
        }
        guard let lenText = fields["content-length"], let length = Int(lenText), length >= 0 else {
            return .error(line: start, message: "WARC record without a valid Content-Length")
        }
        let type = fields["warc-type"] ?? ""
        let uri = fields["warc-target-uri"] ?? ""
        if type != "response" || length > maxBytes {
            guard read(length, keep: false) != nil || length == 0 else {
                return .error(line: start, message: "truncated WARC record \(uri)")
            }
            if type == "response" { return .error(line: start, message: "WARC response \(uri) longer than \(maxBytes) bytes; skipped") }
            return next()
        }
        guard let content = read(length, keep: true) else {
            return .error(line: start, message: "truncated WARC record \(uri.isEmpty ? "(no target URI)" : uri)")
        }
        // the HTTP response: status line, headers, empty line, body
        var i = 0
        var http: [String: String] = [:]
        var bodyStart = content.count
        var first = true
        while i < content.count {
            var e = i
            while e < content.count && content[e] != 0x0A { e += 1 }
            var le = e
            if le > i && content[le - 1] == 0x0D { le -= 1 }
            if le == i { bodyStart = min(e + 1, content.count); break }
            if !first, let colon = content[i..<le].firstIndex(of: 0x3A) {
                http[String(decoding: content[i..<colon], as: UTF8.self).lowercased()] =
                    String(decoding: content[(colon + 1)..<le], as: UTF8.self).trimmingSpaces()
            }
            first = false
            i = e + 1
        }
        var body = Array(content[bodyStart...])
        if http["transfer-encoding"]?.lowercased().contains("chunked") == true { body = Self.dechunk(body) }
        if let enc = http["content-encoding"]?.lowercased(), enc.contains("gzip") {
            guard let inflated = Self.gunzip(body) else {
                return .error(line: start, message: "WARC response \(uri): corrupt gzip body")
            }
            body = inflated
        }
        return .response(Response(uri: uri, contentType: http["content-type"] ?? "", body: body, line: start))
    }

    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            var e = i
            while e < b.count && b[e] != 0x0A { e += 1 }
            let sizeText = String(decoding: b[i..<e], as: UTF8.self).trimmingSpaces().split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let s = e + 1
            out.append(contentsOf: b[min(s, b.count)..<min(s + size, b.count)])
            i = s + size + 2
        }
        return out
    }

    static func gunzip(_ b: [UInt8]) -> [UInt8]? {
        guard let g = GunzipSource(inner: MemorySource(b)) else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { g.read($0) }
            if n < 0 { return out.isEmpty ? nil : out }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
