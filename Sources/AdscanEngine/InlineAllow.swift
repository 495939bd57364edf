#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AdscanModel

/// `adscan:allow` in a record's text suppresses its findings (`adscan:allow(AL-9-3): reason` for
/// one rule), the way `gitleaks:allow` does for a line of code.
public enum InlineAllow {
    public static func apply(_ findings: inout [Finding], text: UnsafeBufferPointer<UInt8>) {
        let marker = Array("adscan:allow".utf8)
        guard text.count >= marker.count, let base = text.baseAddress else { return }
        var i = 0
        while i + marker.count <= text.count {
            // memchr to each 'a', then compare (memmem is not exported by Glibc's Swift module)
            guard let hit = memchr(base + i, 0x61, text.count - i - marker.count + 1) else { return }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard text[i..<(i + marker.count)].elementsEqual(marker) else { i += 1; continue }
            var j = i + marker.count
            var rule: String? = nil
            if j < text.count && text[j] == 0x28, let close = text[j...].firstIndex(of: 0x29), close - j < 64 {
                rule = String(decoding: text[(j + 1)..<close], as: UTF8.self)
                j = close + 1
            }
            var end = j
            while end < text.count && text[end] != 0x0A && end - j < 200 { end += 1 }
            var reason = String(decoding: text[j..<end], as: UTF8.self)
            while let f = reason.first, f == ":" || f == " " || f == "：" { reason.removeFirst() }
            for k in findings.indices where findings[k].suppressedBy == nil && (rule == nil || findings[k].ruleID == rule) {
                findings[k].suppressedBy = "adscan:allow" + (reason.isEmpty ? "" : ": " + reason)
            }
            i = end
        }
    }
}
