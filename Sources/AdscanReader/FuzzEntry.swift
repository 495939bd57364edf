/// Feeds arbitrary bytes through every parser of the reader layer (JSONL, WARC, gzip, charset
/// detection, HTML extraction); used by the coverage-guided fuzzer in fuzz/. Returns the number
/// of bytes of text produced, so the work cannot be optimised away.
public enum ReaderFuzzEntry {
    public static func exercise(_ bytes: [UInt8]) -> Int {
        var produced = 0
        var out: [UInt8] = []
        let json = JSONLine(textField: "text", idField: "id")
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(64) {
            let l = Array(line)
            if let f = try? l.withUnsafeBufferPointer({ try json.parse($0, into: &out) }), let t = f.text { produced += t.count }
        }
        var warc = WARCStream(source: MemorySource(bytes), maxBytes: 1 << 20)
        var events = 0
        while events < 64, let e = warc.next() {
            events += 1
            if case .response(let r) = e { produced += r.body.count }
        }
        if let g = WARCStream.gunzip(bytes) { produced += g.count }
        let (utf8, _, _) = Charset.toUTF8(bytes, declared: nil)
        if let t = HTMLText.extract(utf8) { produced += t.count }
        return produced
    }
}
