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

/// The temporary file of an AtomicOutput, for the signal handler (a C string: unlink is
/// async-signal-safe, Swift strings are not).
nonisolated(unsafe) private var pendingTempPath: UnsafeMutablePointer<CChar>? = nil

/// A whole-file report (CSV, SARIF, HTML) written to a temporary file in the target's directory
/// and renamed over the target only when the scan finishes: an interrupted scan (Ctrl-C, a
/// kill) leaves the previous file, or none, never half a report.
struct AtomicOutput {
    let path: String
    let tempPath: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((dir + "." + name + ".adscan-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw EngineLoadError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.fd = fd
        // the mode a new file gets (mkstemp makes it 0600)
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        pendingTempPath = strdup(tempPath)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                if let p = pendingTempPath { unlink(p) }
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

    /// Closes and removes the temporary file; the target stays as it was.
    func discard() {
        close(fd)
        unlink(tempPath)
        if let p = pendingTempPath { pendingTempPath = nil; free(p) }
    }

    /// Closes the temporary file and renames it over the target.
    func commit() throws {
        close(fd)
        if rename(tempPath, path) != 0 {
            let why = String(cString: strerror(errno))
            unlink(tempPath)
            throw EngineLoadError(description: "cannot write \(path): \(why)")
        }
        if let p = pendingTempPath { pendingTempPath = nil; free(p) }
    }
}
