#if canImport(Glibc)
import Glibc
#endif
import CCrawlShim

/// Where a reader's bytes come from: a file descriptor, or a gzip stream over one.
protocol ByteSource {
    /// Fills up to `buf.count` bytes; returns the count, 0 at the end, -1 on an error (see `failure`).
    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int
    var failure: String? { get }
}

/// Bytes already in memory (a WARC record's gzip body, fuzz inputs).
struct MemorySource: ByteSource {
    var data: [UInt8]
    var at = 0
    var failure: String? = nil

    init(_ data: [UInt8]) { self.data = data }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buf.count, data.count - at)
        if n > 0 { data.withUnsafeBytes { buf.baseAddress!.copyMemory(from: $0.baseAddress! + at, byteCount: n) } }
        at += n
        return n
    }
}

struct FDSource: ByteSource {
    let fd: Int32
    var failure: String? = nil

    init(fd: Int32) { self.fd = fd }

    mutating func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let n = Glibc.read(fd, buf.baseAddress, buf.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { failure = "read error: \(String(cString: strerror(errno)))" }
            return n
        }
    }
}

/// Inflates gzip (concatenated members too, as in .warc.gz) while reading. A truncated or
/// corrupt stream ends with an error after the bytes that could be recovered.
final class GunzipSource: ByteSource {
    private var inner: any ByteSource
    private let z: OpaquePointer
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inStart = 0, inEnd = 0
    private var innerDone = false
    private var done = false
    var failure: String? = nil

    init?(inner: any ByteSource) {
        guard let z = ccrawl_gunzip_open() else { return nil }
        self.inner = inner
        self.z = z
    }

    deinit { ccrawl_gunzip_close(z) }

    func read(_ buf: UnsafeMutableRawBufferPointer) -> Int {
        guard failure == nil, !done else { return failure == nil ? 0 : -1 }
        while true {
            if inStart == inEnd && !innerDone {
                let n = input.withUnsafeMutableBytes { inner.read($0) }
                if n < 0 { failure = inner.failure ?? "read error"; return -1 }
                if n == 0 { innerDone = true } else { inStart = 0; inEnd = n }
            }
            var consumed: Int64 = 0
            var finished: Int32 = 0
            let produced = input.withUnsafeBytes { i in
                ccrawl_gunzip_step(z, i.baseAddress!.assumingMemoryBound(to: UInt8.self) + inStart, Int64(inEnd - inStart),
                                   &consumed, buf.baseAddress!.assumingMemoryBound(to: UInt8.self), Int64(buf.count), &finished)
            }
            if produced < 0 {
                let why = String(cString: ccrawl_gunzip_error(z))
                failure = why == "incorrect data check"
                    ? "corrupt gzip data: CRC mismatch (the text before it was scanned)"
                    : "corrupt gzip data" + (why.isEmpty ? "" : ": " + why)
                return -1
            }
            inStart += Int(consumed)
            if produced > 0 { return Int(produced) }
            if innerDone && inStart == inEnd {
                if finished == 0 { failure = "truncated gzip stream"; return -1 }
                done = true
                return 0
            }
        }
    }
}
