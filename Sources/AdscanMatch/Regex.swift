internal import CPCRE2

/// A compiled, JIT-ed PCRE2 pattern. Immutable after init and shared read-only across threads;
/// each thread brings its own MatchData.
public final class Regex: @unchecked Sendable {
    let code: OpaquePointer
    public let pattern: String
    /// JIT-compiled: matched through pcre2_jit_match, which skips pcre2_match's per-call checks.
    let jitted: Bool
    /// Patterns longer than this (bytes) are not JIT-compiled.
    static let jitLimit = 8192

    public struct CompileError: Error, CustomStringConvertible {
        public let pattern: String
        public let offset: Int
        public let message: String
        public var description: String { "pattern /\(pattern)/ does not compile at offset \(offset): \(message)" }
    }

    /// Patterns run on folded text (NFKC, lower case, simplified); UTF + UCP semantics.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let opts = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)
        guard let code = bytes.withUnsafeBufferPointer({ p in
            pcre2_compile_8(p.baseAddress, p.count, opts, &errorCode, &errorOffset, nil)
        }) else {
            var buf = [UInt8](repeating: 0, count: 256)
            let n = pcre2_get_error_message_8(errorCode, &buf, buf.count)
            let msg = n > 0 ? String(decoding: buf[0..<Int(n)], as: UTF8.self) : "error \(errorCode)"
            throw CompileError(pattern: pattern, offset: errorOffset, message: msg)
        }
        self.code = code
        // JIT failure is not fatal: the interpreter still gives the same answers, only slower.
        // A pattern that composes a long word list (a trie of thousands of diseases) is left to
        // the interpreter: JIT-compiling it costs more start-up time than it saves on the short
        // clauses it runs on.
        jitted = bytes.count <= Self.jitLimit && pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    @inline(__always)
    private func match(_ base: UnsafePointer<UInt8>, _ to: Int, _ pos: Int, _ data: MatchData) -> Int32 {
        jitted ? pcre2_jit_match_8(code, base, to, pos, 0, data.raw, nil)
               : pcre2_match_8(code, base, to, pos, UInt32(PCRE2_NO_UTF_CHECK), data.raw, nil)
    }

    deinit { pcre2_code_free_8(code) }

    /// Finds matches in subject[from..<to], calling `body(start, end)` for each (absolute offsets).
    /// The subject must be valid UTF-8 (the normalizer guarantees it), so no UTF check is repeated.
    public func forEachMatch(in subject: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                             data: MatchData, _ body: (Int, Int) -> Void) {
        guard let base = subject.baseAddress else { return }
        var pos = from
        while pos <= to {
            let rc = match(base, to, pos, data)
            if rc < 0 { return }
            let ov = pcre2_get_ovector_pointer_8(data.raw)!
            let s = ov[0], e = ov[1]
            body(s, e)
            if e > pos { pos = e } else {
                // empty match: step over one code point
                pos = e + 1
                while pos < to && subject[pos] & 0xC0 == 0x80 { pos += 1 }
            }
        }
    }

    /// True when the pattern matches anywhere in subject[from..<to].
    public func matches(in subject: UnsafeBufferPointer<UInt8>, from: Int, to: Int, data: MatchData) -> Bool {
        guard let base = subject.baseAddress else { return false }
        return match(base, to, from, data) >= 0
    }
}

/// PCRE2 match data: per thread, reused for every match.
public final class MatchData {
    let raw: OpaquePointer

    public init() {
        raw = pcre2_match_data_create_8(8, nil)
    }

    deinit { pcre2_match_data_free_8(raw) }
}
