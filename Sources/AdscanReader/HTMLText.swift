import CCrawlShim

/// Visible text of an HTML page, via libxml2's error-tolerant HTML parser.
enum HTMLText {
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html") || head.contains("<head") || head.contains("<body")
    }

    /// nil when libxml2 could not build a document at all.
    static func extract(_ utf8: [UInt8]) -> [UInt8]? {
        var len: Int64 = 0
        guard let p = utf8.withUnsafeBufferPointer({ ccrawl_html_text($0.baseAddress, Int64($0.count), &len) }) else { return nil }
        defer { ccrawl_free(p) }
        return Array(UnsafeBufferPointer(start: p, count: Int(len)))
    }
}
