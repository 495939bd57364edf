#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AdscanModel

/// Bytes already read (a sniffed header) served before the rest of a source.
struct PrefixedSource: ByteSource {
    var prefix: [UInt8]
    var at = 0
    var inner: any ByteSource
    var failure: String? { inner.failure }

    init(prefix: [UInt8], inner: any ByteSource) {
        self.prefix = prefix
        self.inner = inner
    }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        if at < prefix.count {
            let n = min(buf.count, prefix.count - at)
            prefix.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + at, byteCount: n) }
            at += n
            if at == prefix.count { prefix = []; at = 0 }
            return n
        }
        return inner.read(buf)
    }
}

/// Text in a legacy charset converted to UTF-8 as it streams (a document too long to hold).
/// Each piece is cut after its last byte below 0x30 (space, line break, ASCII punctuation),
/// which is never part of a multi-byte character in GB18030, Big5, Shift_JIS or EUC, so no
/// character is split between pieces.
struct ConvertingSource: ByteSource {
    var inner: any ByteSource
    let charset: String
    private var raw: [UInt8] = []
    private var ready: [UInt8] = []
    private var readyAt = 0
    private var ended = false
    private var failed = false
    var failure: String? { inner.failure }

    init(inner: any ByteSource, charset: String) {
        self.inner = inner
        self.charset = charset
    }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        while readyAt == ready.count {
            if ended { return failed ? -1 : 0 }
            var piece = [UInt8](repeating: 0, count: 1 << 20)
            let n = piece.withUnsafeMutableBytes { inner.read($0) }
            if n <= 0 {
                ended = true
                failed = n < 0
                if !raw.isEmpty { ready = Charset.convert(raw, from: charset) ?? raw; raw = [] } else { ready = [] }
            } else {
                raw += piece[0..<n]
                var cut = raw.count
                while cut > 0 && raw[cut - 1] >= 0x30 { cut -= 1 }
                if cut == 0 && raw.count < 4 << 20 { continue }     // no safe cut yet: read on
                if cut == 0 { cut = raw.count }
                ready = Charset.convert(Array(raw[..<cut]), from: charset) ?? Array(raw[..<cut])
                raw.removeSubrange(..<cut)
            }
            readyAt = 0
        }
        let k = min(buf.count, ready.count - readyAt)
        ready.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + readyAt, byteCount: k) }
        readyAt += k
        return k
    }
}

/// The visible text of an HTML page too long to hold, extracted piece by piece: each piece of
/// about 1 MiB is cut before its last `<` (so no tag is split) and extracted on its own.
struct HTMLTextSource: ByteSource {
    var inner: any ByteSource
    private var raw: [UInt8] = []
    private var ready: [UInt8] = []
    private var readyAt = 0
    private var ended = false
    private var failed = false
    var failure: String? { inner.failure }

    init(inner: any ByteSource) { self.inner = inner }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        while readyAt == ready.count {
            if ended { return failed ? -1 : 0 }
            var piece = [UInt8](repeating: 0, count: 1 << 20)
            let n = piece.withUnsafeMutableBytes { inner.read($0) }
            var html: [UInt8]
            if n <= 0 {
                ended = true
                failed = n < 0
                html = raw
                raw = []
            } else {
                raw += piece[0..<n]
                guard let lt = raw.lastIndex(of: 0x3C), lt > 0 else {
                    if raw.count < 4 << 20 { continue }
                    html = raw; raw = []
                    ready = HTMLText.extract(html) ?? html
                    readyAt = 0
                    continue
                }
                html = Array(raw[..<lt])
                raw.removeSubrange(..<lt)
            }
            ready = html.isEmpty ? [] : (HTMLText.extract(html) ?? html)
            if !ready.isEmpty && ready.last != 0x0A { ready.append(0x0A) }
            readyAt = 0
        }
        let k = min(buf.count, ready.count - readyAt)
        ready.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + readyAt, byteCount: k) }
        readyAt += k
        return k
    }
}
