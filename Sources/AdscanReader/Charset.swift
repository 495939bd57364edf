import AdscanModel
import AdscanNormalize
import CICUShim

/// Crawled Chinese pages are often GBK/GB18030 or Big5. The charset comes from the HTTP header,
/// else the page's meta charset, else ICU's detector; ICU converts to UTF-8. Text that is UTF-8
/// with a few stray bytes stays UTF-8 (the scan reports the bytes); a charset that only the
/// detector chose is reported with its confidence, never silently.
public enum Charset {
    /// Whether ICU can convert from this charset name (`--encoding`).
    public static func isKnown(_ name: String) -> Bool {
        convert([0x41], from: canonical(name)) != nil
    }

    /// The text in UTF-8, the charset it was converted from (nil: it was UTF-8), and the
    /// detector's confidence (0-100) when the charset was guessed rather than declared.
    /// `forced` (`--encoding`) outranks a declaration and the detector, not valid UTF-8.
    static func toUTF8(_ bytes: [UInt8], declared: String?, forced: String? = nil)
        -> (bytes: [UInt8], encoding: String?, confidence: Int?) {
        if let f = forced.map(canonical) {
            if f == "UTF-8" || bytes.withUnsafeBufferPointer({ UTF8Validity.isValid($0) }) { return (bytes, nil, nil) }
            guard let out = convert(bytes, from: f) else { return (bytes, nil, nil) }
            return (out, f, nil)
        }
        // UTF-8, possibly with stray bytes (reported by the scan): see looksLikeUTF8
        let utf8 = bytes.withUnsafeBufferPointer { UTF8Validity.looksLikeUTF8($0) }
        if utf8 { return (bytes, nil, nil) }
        var name = (declared ?? metaCharset(bytes)).map(canonical)
        var confidence: Int? = nil
        if name == nil || name == "UTF-8" {
            let (detected, conf) = detect(bytes)
            name = detected ?? "GB18030"
            confidence = conf
        }
        guard let cs = name, cs != "UTF-8" else { return (bytes, nil, nil) }
        guard let out = convert(bytes, from: cs) else { return (bytes, nil, nil) }
        return (out, cs, confidence)
    }

    /// ICU's detector on the first 64 KiB: the canonical name and its confidence (0-100), or
    /// nil and 0 when it has no answer.
    static func detect(_ bytes: [UInt8]) -> (String?, Int) {
        var buf = [CChar](repeating: 0, count: 64)
        let conf = bytes.withUnsafeBufferPointer { cicushim_detect_charset($0.baseAddress, Int64($0.count), &buf, 64) }
        guard conf >= 0 else { return (nil, 0) }
        let name = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (canonical(name), Int(conf))
    }

    /// The bytes converted from `charset` to UTF-8, nil when ICU cannot.
    static func convert(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var err: Int32 = 0
        let n = bytes.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                cicushim_to_utf8(charset, b.baseAddress, Int64(b.count), o.baseAddress, Int64(o.count), &err)
            }
        }
        guard n >= 0 else { return nil }
        out.removeSubrange(Int(n)...)
        return out
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
    /// Whether text is UTF-8 rather than a legacy charset. True at once when 64 multi-byte
    /// characters decode before any invalid sequence (the common case: only a head is read).
    /// Otherwise the whole sample is counted: UTF-8 with a few stray bytes (a crawled page with a
    /// broken byte or two) has many times more valid multi-byte characters than invalid
    /// sequences, while GBK or Big5 read as UTF-8 is almost all invalid sequences. A sequence cut
    /// off at the very end of the sample is not counted.
    static func looksLikeUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, multi = 0, invalid = 0
        while i < p.count {
            if p[i] < 0x80 { i += 1; continue }
            let (c, len) = UTF8Scan.decode(p, i)
            if c == 0xFFFD && len == 1 {
                if !(i >= p.count - 3 && p[i] >= 0xC2) { invalid += 1 }
                i += 1
                continue
            }
            multi += 1
            if multi == 64 && invalid == 0 { return true }
            i += len
        }
        return invalid == 0 || multi >= 4 * invalid
    }

    /// Whether the bytes are entirely valid UTF-8.
    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < p.count {
            if p[i] < 0x80 { i += 1; continue }
            let (c, len) = UTF8Scan.decode(p, i)
            if c == 0xFFFD && len == 1 { return false }
            i += len
        }
        return true
    }
}
