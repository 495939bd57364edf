import CCrawlShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Visible text of an HTML page, via libxml2's error-tolerant HTML parser.
enum HTMLText {
    private static let markers: [[UInt8]] = ["<!doctype html", "<html", "<head", "<body"].map { Array($0.utf8) }

    /// A case-insensitive look for an HTML start in the first KiB, on bytes (no String work:
    /// this runs for every document).
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { looksLikeHTML($0) }
    }

    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(bytes.count, 1024)
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i < n {
            // memchr to each `<` (most pages of text have none in their first kilobyte)
            guard let lt = memchr(base + i, 0x3C, n - i) else { return false }
            i = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
            do {
                for m in markers where i + m.count <= n {
                    var k = 1
                    while k < m.count && (bytes[i + k] | (bytes[i + k] >= 0x41 && bytes[i + k] <= 0x5A ? 0x20 : 0)) == m[k] { k += 1 }
                    if k == m.count { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// nil when libxml2 could not build a document at all.
    static func extract(_ utf8: [UInt8]) -> [UInt8]? {
        var len: Int64 = 0
        guard let p = utf8.withUnsafeBufferPointer({ ccrawl_html_text($0.baseAddress, Int64($0.count), &len) }) else { return nil }
        defer { ccrawl_free(p) }
        return Array(UnsafeBufferPointer(start: p, count: Int(len)))
    }
}
