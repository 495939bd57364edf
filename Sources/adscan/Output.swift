#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to a file descriptor. A closed pipe (`| head`) is remembered, not reported:
/// the scan then stops quietly.
final class Output: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 18
    private(set) var broken = false

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(capacity)
    }

    func write(_ bytes: [UInt8], flush: Bool) {
        guard !broken else { return }
        buffer.append(contentsOf: bytes)
        if flush || buffer.count >= capacity { self.flush() }
    }

    func flush() {
        guard !broken, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
        var off = 0
        buffer.withUnsafeBytes { p in
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    broken = true   // EPIPE or a closed descriptor: stop quietly
                    return
                }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func isPipeOrTerminal(_ fd: Int32) -> Bool {
        if isatty(fd) != 0 { return true }
        var st = stat()
        return fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
    }
}

/// Messages for humans go to stderr, unbuffered.
func printError(_ s: String) {
    let line = s.hasSuffix("\n") ? s : s + "\n"
    var bytes = Array(line.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
}

/// Raw bytes to stderr, no newline added (progress lines).
func printErrorRaw(_ s: String) {
    var bytes = Array(s.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
