import CICUShim

/// ICU's own transforms, called directly. Too slow for scanning (~5 MB/s); used to derive and to
/// check the fold table.
public enum ICUReference {
    /// ICU "Traditional-Simplified" over a whole string.
    public static func traditionalToSimplified(_ s: String) -> String { transliterate(s, id: "Traditional-Simplified") }

    /// ICU "Simplified-Traditional" over a whole string (tests build disguised variants with it).
    public static func simplifiedToTraditional(_ s: String) -> String { transliterate(s, id: "Simplified-Traditional") }

    static func transliterate(_ s: String, id: String) -> String {
        let input = Array(s.utf8)
        var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var err: Int32 = 0
        let n = input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                cicushim_translit_utf8(id, i.baseAddress, Int64(i.count), o.baseAddress, Int64(o.count), &err)
            }
        }
        guard n >= 0 else { return s }
        return String(decoding: out[0..<Int(n)], as: UTF8.self)
    }
}
