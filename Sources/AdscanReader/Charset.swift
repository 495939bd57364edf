import AdscanModel
import AdscanNormalize
import CICUShim

/// Crawled Chinese pages are often GBK/GB18030 or Big5. The charset comes from the HTTP header,
/// else the page's meta charset, else ICU's detector; ICU converts to UTF-8.
enum Charset {
    /// Valid UTF-8 stays as it is (nil name); anything else is converted.
    static func toUTF8(_ bytes: [UInt8], declared: String?) -> (bytes: [UInt8], encoding: String?) {
        // UTF-8, possibly with stray bytes (reported by the scan), unless it breaks within its
        // first 64 multi-byte characters the way legacy charsets do
        let utf8 = bytes.withUnsafeBufferPointer { UTF8Validity.looksLikeUTF8($0) }
        if utf8 { return (bytes, nil) }
        var name = (declared ?? metaCharset(bytes)).map(canonical)
        if name == nil || name == "UTF-8" {
            var buf = [CChar](repeating: 0, count: 64)
            let conf = bytes.withUnsafeBufferPointer { cicushim_detect_charset($0.baseAddress, Int64($0.count), &buf, 64) }
            let detected = conf >= 0 ? String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
            name = detected.map(canonical) ?? "GB18030"
        }
        guard let cs = name, cs != "UTF-8" else { return (bytes, nil) }
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var err: Int32 = 0
        let n = bytes.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                cicushim_to_utf8(cs, b.baseAddress, Int64(b.count), o.baseAddress, Int64(o.count), &err)
            }
        }
        guard n >= 0 else { return (bytes, nil) }
        out.removeSubrange(Int(n)...)
        return (out, cs)
    }

    /// GB2312 and GBK are subsets of GB18030; decode them as GB18030 so nothing is lost.
    static func canonical(_ name: String) -> String {
        let n = name.lowercased().filter { $0 != "-" && $0 != "_" }
        switch n {
        case "gb2312", "gbk", "gb18030", "cp936", "xgbk", "euccn": return "GB18030"
        case "big5", "big5hkscs", "cp950": return "Big5"
        case "utf8": return "UTF-8"
        default: return name
        }
    }

    /// `charset=` in the first 4 KiB (a meta tag, or an HTTP header value).
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard head.count > key.count else { return nil }
        for i in 0..<(head.count - key.count) where head[i] == 0x63 && Array(head[i..<(i + key.count)]) == key {
            var j = i + key.count
            while j < head.count && (head[j] == 0x22 || head[j] == 0x27 || head[j] == 0x20) { j += 1 }
            var name: [UInt8] = []
            while j < head.count, name.count < 40, head[j] == 0x2D || head[j] == 0x5F || (0x30...0x39).contains(head[j]) || (0x61...0x7A).contains(head[j]) {
                name.append(head[j]); j += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }
}

/// A quick UTF-8 check without the normalizer layer (the reader sits below it).
enum UTF8Validity {
    /// Whether the head of a file is UTF-8 rather than a legacy charset: true once 64 multi-byte
    /// characters have decoded (GBK or Big5 text breaks UTF-8 within its first few characters, and
    /// a UTF-8 page with one bad byte further on stays UTF-8: the scan reports that byte), false at
    /// an invalid sequence before that, allowing one cut off at the very end of the sample.
    static func looksLikeUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, multi = 0
        while i < p.count {
            if p[i] < 0x80 { i += 1; continue }
            let (c, len) = UTF8Scan.decode(p, i)
            if c == 0xFFFD && len == 1 { return i >= p.count - 3 && p[i] >= 0xC2 }
            multi += 1
            if multi == 64 { return true }
            i += len
        }
        return true
    }
}
