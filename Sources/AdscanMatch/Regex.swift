import AdscanRules
internal import CPCRE2
import Synchronization

/// A PCRE2 pattern, compiled and JIT-ed on first use. Shared read-only across threads; each
/// thread brings its own MatchData.
///
/// Compiling is lazy because a pack's patterns cost most of its start-up: those that compose a
/// word list (`{{disease}}`: a trie of thousands of entries) take PCRE2 milliseconds each to
/// compile and JIT, and a scan of a few records needs a handful of them. A pattern is still
/// checked when the pack loads: as written, or with each list as a one-word stand-in (`skeleton`),
/// so a pack with a syntax error is rejected at its rule's line, not on the record that first
/// reaches it.
public final class Regex: @unchecked Sendable {
    public let pattern: String
    /// The rule the pattern belongs to (set once, while the rule set is compiled): named when the
    /// pattern hits a match limit.
    public internal(set) var ruleID = ""
    /// The entries every match begins with: the pattern is compiled anchored (`\\G`) and tried
    /// only where one starts (same matches, without PCRE2 walking the list at every position).
    let lead: LeadIndex?
    /// 0 until first use; then the compiled code's address, with bit 0 set when it is JIT-ed
    /// (matched through pcre2_jit_match, which skips pcre2_match's per-call checks), or
    /// `Regex.failed`. Written once, under `compiling`.
    private let ready = Atomic<UInt>(0)
    /// Code compiled at load (a pattern without a skeleton), handed to the first use to JIT.
    private let compiling: Mutex<OpaquePointer?>
    private static let failed: UInt = 2
    /// `ready` when the pattern is matched through its slices (`shards`).
    private static let sharded: UInt = 4
    /// The pattern once per slice of its largest word list, for when the whole is larger than
    /// PCRE2 compiles (see `Lexicon.shards`); empty for most patterns.
    let shards: PatternShards
    /// The slices' compiled code (and whether each is JIT-ed): written once, under `compiling`,
    /// before `ready` is set to `sharded`; read only after that.
    nonisolated(unsafe) private var shardCode: [(code: OpaquePointer, jitted: Bool)] = []
    /// Slices that did not compile either (reported by `rules --check`).
    nonisolated(unsafe) private var shardFailures = 0

    /// Backtracking steps one match attempt may take (PCRE2's default is 10,000,000, about 30 ms
    /// on a pathological clause; no pattern of the default packs needs a thousandth of this), and
    /// the backtracking depth of the interpreter (the JIT has its own stack limit).
    public static let matchLimit: UInt32 = 1_000_000
    public static let depthLimit: UInt32 = 10_000
    /// Shared read-only by every match (PCRE2 only reads a match context).
    nonisolated(unsafe) static let context: OpaquePointer = {
        let c = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(c, matchLimit)
        pcre2_set_depth_limit_8(c, depthLimit)
        return c
    }()
    /// A smaller limit for the load-time probe: a pattern that needs more than this on a
    /// 32-character probe backtracks exponentially.
    nonisolated(unsafe) static let probeContext: OpaquePointer = {
        let c = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(c, 100_000)
        pcre2_set_depth_limit_8(c, depthLimit)
        return c
    }()

    public struct CompileError: Error, CustomStringConvertible {
        public let pattern: String
        public let offset: Int
        public let message: String
        public var description: String { "pattern /\(pattern)/ does not compile at offset \(offset): \(message)" }
    }

    /// Patterns run on folded text (NFKC, lower case, simplified); UTF + UCP semantics.
    /// `skeleton`: the pattern with its word lists as one-word stand-ins, compiled instead of the
    /// pattern to check it at load; nil compiles the pattern itself now (and keeps it).
    public convenience init(_ pattern: String, lead: LeadIndex? = nil, skeleton: String? = nil, shards: [String]) throws {
        try self.init(pattern, lead: lead, skeleton: skeleton, shards: PatternShards(shards))
    }

    public init(_ pattern: String, lead: LeadIndex? = nil, skeleton: String? = nil, shards: PatternShards = PatternShards()) throws {
        self.pattern = pattern
        self.lead = lead ?? LiteralLeads.of(pattern).map { LeadIndex($0) }
        self.shards = shards
        let code = try Self.compile(skeleton ?? pattern, anchored: self.lead != nil)
        if skeleton != nil {
            pcre2_code_free_8(code)
            compiling = Mutex(nil)
        } else {
            compiling = Mutex(code)
        }
    }

    /// A pattern's `\p{Han}` and `\P{Han}` as the Han script (`sc=Han`), not its script extensions.
    /// On the UTF-8 bytes: a composed pattern is hundreds of kilobytes, and Foundation's search
    /// over it (UTF-16) cost a fifth of compiling the pack's lazily compiled patterns.
    public static func hanScript(_ pattern: String) -> String {
        let han: [UInt8] = Array("{Han}".utf8)
        let bytes = Array(pattern.utf8)
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i + 7 <= bytes.count {
            // \p{Han} or \P{Han}
            if bytes[i] == 0x5C, bytes[i + 1] == 0x70 || bytes[i + 1] == 0x50, bytes[i + 2 ..< i + 7].elementsEqual(han) {
                if out.isEmpty { out.reserveCapacity(bytes.count + 64) }
                out.append(contentsOf: bytes[copied ..< i + 3])
                out.append(contentsOf: "sc=Han}".utf8)
                i += 7
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return pattern }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    private static func compile(_ pattern: String, anchored: Bool) throws -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        // PCRE2 (10.40 on) reads \p{Han} as Script_Extensions, which hold 。、《》「」【】 too: a
        // name or a run of \p{Han} would run over sentence punctuation. Patterns mean the Han script.
        let source = Self.hanScript(pattern)
        // anchored as a whole: `\\G` before a top-level alternation would bind its first branch only
        let bytes = Array((anchored ? "\\G(?:" + source + ")" : source).utf8)
        let opts = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)
        guard let code = bytes.withUnsafeBufferPointer({ p in
            pcre2_compile_8(p.baseAddress, p.count, opts, &errorCode, &errorOffset, nil)
        }) else {
            var buf = [UInt8](repeating: 0, count: 256)
            let n = pcre2_get_error_message_8(errorCode, &buf, buf.count)
            let msg = n > 0 ? String(decoding: buf[0..<Int(n)], as: UTF8.self) : "error \(errorCode)"
            throw CompileError(pattern: pattern, offset: max(0, errorOffset - (anchored ? 5 : 0)), message: msg)
        }
        return code
    }

    /// The compiled code and whether it is JIT-ed, compiling it on first use. Nil when the
    /// pattern failed to compile although its skeleton did (PCRE2 size limits).
    @inline(__always)
    private func prepared() -> (code: OpaquePointer, jitted: Bool)? {
        var v = ready.load(ordering: .acquiring)
        if v == 0 { v = prepare() }
        guard v != Self.failed, v != Self.sharded, let code = OpaquePointer(bitPattern: v & ~1) else { return nil }
        return (code, v & 1 != 0)
    }

    /// The slices' code when the pattern is matched through them (after its first use).
    @inline(__always)
    private var slices: [(code: OpaquePointer, jitted: Bool)]? {
        ready.load(ordering: .acquiring) == Self.sharded ? shardCode : nil
    }

    @inline(never)
    private func prepare() -> UInt {
        compiling.withLock { held -> UInt in
            let now = ready.load(ordering: .acquiring)
            if now != 0 { return now }
            var v = Self.failed
            if let code = held ?? (try? Self.compile(pattern, anchored: lead != nil)) {
                // JIT failure is not fatal: the interpreter gives the same answers, only slower
                let jit = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
                v = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(code))) | (jit ? 1 : 0)
            } else if !shards.isEmpty {
                for s in shards.strings {
                    guard let code = try? Self.compile(s, anchored: lead != nil) else { shardFailures += 1; continue }
                    shardCode.append((code, pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0))
                }
                if !shardCode.isEmpty { v = Self.sharded }
            }
            held = nil
            ready.store(v, ordering: .releasing)
            return v
        }
    }

    /// Compiles and JIT-compiles the pattern now, as its first use would: false when it does not
    /// compile (`rules --check`).
    public func prepareNow() -> Bool {
        prepared() != nil || (slices != nil && shardFailures == 0)
    }

    @inline(__always)
    private func match(_ base: UnsafePointer<UInt8>, _ to: Int, _ pos: Int, _ data: MatchData,
                       _ context: OpaquePointer = Regex.context) -> Int32 {
        guard let (code, jitted) = prepared() else {
            if let slices { return matchSlices(slices, base, to, pos, data, context) }
            noteFailure(PCRE2_ERROR_NOMEMORY, data)
            return PCRE2_ERROR_NOMATCH
        }
        return run(code, jitted, base, to, pos, data, context)
    }

    @inline(__always)
    private func run(_ code: OpaquePointer, _ jitted: Bool, _ base: UnsafePointer<UInt8>, _ to: Int, _ pos: Int,
                     _ data: MatchData, _ context: OpaquePointer) -> Int32 {
        let rc = jitted ? pcre2_jit_match_8(code, base, to, pos, 0, data.raw, context)
                        : pcre2_match_8(code, base, to, pos, UInt32(PCRE2_NO_UTF_CHECK), data.raw, context)
        if rc < -1 { noteFailure(rc, data) }
        return rc
    }

    /// The match the whole pattern would give, from its slices: the leftmost of theirs (the
    /// longer where two start together), left in `data` as a single match would leave it.
    @inline(never)
    private func matchSlices(_ slices: [(code: OpaquePointer, jitted: Bool)], _ base: UnsafePointer<UInt8>, _ to: Int,
                             _ pos: Int, _ data: MatchData, _ context: OpaquePointer) -> Int32 {
        var best = -1, bestStart = Int.max, bestEnd = -1, bestRC: Int32 = PCRE2_ERROR_NOMATCH, last = -1
        for (k, s) in slices.enumerated() {
            let rc = run(s.code, s.jitted, base, to, pos, data, context)
            guard rc >= 0 else { continue }
            last = k
            let ov = pcre2_get_ovector_pointer_8(data.raw)!
            if ov[0] < bestStart || (ov[0] == bestStart && ov[1] > bestEnd) {
                best = k; bestStart = ov[0]; bestEnd = ov[1]; bestRC = rc
            }
        }
        // the winner's offsets back in the match data when a later slice overwrote them
        if best >= 0 && best != last { _ = run(slices[best].code, slices[best].jitted, base, to, pos, data, context) }
        return bestRC
    }

    /// A match that ended in an error, not in "no match": a resource limit (the clause was not
    /// fully searched by this pattern) is noted on the thread's match data for the caller to
    /// report. Off the hot path.
    @inline(never)
    private func noteFailure(_ rc: Int32, _ data: MatchData) {
        switch rc {
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_JIT_STACKLIMIT, PCRE2_ERROR_HEAPLIMIT,
             PCRE2_ERROR_NOMEMORY:   // the last: the pattern could not be compiled (prepared())
            data.limitHits += 1
            if !data.limitRules.contains(ruleID) { data.limitRules.append(ruleID) }
        default:
            break
        }
    }

    /// Whether the pattern backtracks catastrophically: a run of one character from the
    /// pattern (or a digit, a space, a letter, a Han character), 32 long and then a character
    /// that fails the match, takes it past a small match limit. `(a+)+$` on `aaaa…a!` does;
    /// ordinary patterns take a few hundred steps.
    public func blowsUp() -> Bool {
        // a pattern matched through its slices blows up where one of them does
        let codes = prepared().map { [$0] } ?? slices ?? []
        return codes.contains { blowsUp($0.code, $0.jitted) }
    }

    private func blowsUp(_ code: OpaquePointer, _ jitted: Bool) -> Bool {
        var chars = Set<Unicode.Scalar>(["1", " ", "a", "中", "."])
        for u in pattern.unicodeScalars where chars.count < 24 && (u.properties.isAlphabetic || u.properties.numericType != nil) {
            chars.insert(u)
        }
        let data = MatchData()
        var probe: [UInt8] = []
        probe.reserveCapacity(32 * 4 + 1)
        for c in chars.sorted(by: { $0.value < $1.value }) {
            // 32 copies of the character, then a tail that fails the match
            let unit = Array(String(c).utf8)
            for tail: UInt8 in [0x21, 0x01] {
                probe.removeAll(keepingCapacity: true)
                for _ in 0..<32 { probe.append(contentsOf: unit) }
                probe.append(tail)
                let rc = probe.withUnsafeBufferPointer { p in
                    jitted ? pcre2_jit_match_8(code, p.baseAddress!, p.count, 0, 0, data.raw, Self.probeContext)
                           : pcre2_match_8(code, p.baseAddress!, p.count, 0, UInt32(PCRE2_NO_UTF_CHECK), data.raw, Self.probeContext)
                }
                if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
                    || rc == PCRE2_ERROR_HEAPLIMIT { return true }
            }
        }
        return false
    }

    deinit {
        let v = ready.load(ordering: .acquiring)
        if v != 0 && v != Self.failed && v != Self.sharded, let code = OpaquePointer(bitPattern: v & ~1) { pcre2_code_free_8(code) }
        compiling.withLock { held in if let c = held { pcre2_code_free_8(c) } }
        for s in shardCode { pcre2_code_free_8(s.code) }
    }

    /// Finds matches in subject[from..<to], calling `body(start, end)` for each (absolute offsets).
    /// The subject must be valid UTF-8 (the normalizer guarantees it), so no UTF check is repeated.
    public func forEachMatch(in subject: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                             data: MatchData, _ body: (Int, Int) -> Void) {
        guard let base = subject.baseAddress else { return }
        if let lead { return forEachLeadMatch(lead, base, from, to, data) { s, e in body(s, e); return true } }
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

    /// forEachMatch for a pattern with a lead, given where its entries start (ascending).
    public func forEachMatch(in subject: UnsafeBufferPointer<UInt8>, at starts: [Int32], data: MatchData,
                             _ body: (Int, Int) -> Void) {
        guard let base = subject.baseAddress, lead != nil else { return }
        var after = 0
        for p in starts where Int(p) >= after {
            if match(base, subject.count, Int(p), data) >= 0 {
                let ov = pcre2_get_ovector_pointer_8(data.raw)!
                body(ov[0], ov[1])
                after = max(ov[1], Int(p) + 1)
            }
        }
    }

    /// The first match in subject[from..<to] (absolute offsets), or nil: one search where a
    /// caller needs only the leftmost match, not every one.
    public func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from: Int, to: Int, data: MatchData) -> Range<Int>? {
        guard let base = subject.baseAddress else { return nil }
        if let lead {
            var first: Range<Int>?
            forEachLeadMatch(lead, base, from, to, data) { s, e in first = s..<e; return false }
            return first
        }
        guard match(base, to, from, data) >= 0 else { return nil }
        let ov = pcre2_get_ovector_pointer_8(data.raw)!
        return ov[0]..<ov[1]
    }

    /// True when the pattern matches anywhere in subject[from..<to].
    public func matches(in subject: UnsafeBufferPointer<UInt8>, from: Int, to: Int, data: MatchData) -> Bool {
        guard let base = subject.baseAddress else { return false }
        if let lead {
            var found = false
            forEachLeadMatch(lead, base, from, to, data) { _, _ in found = true; return false }
            return found
        }
        return match(base, to, from, data) >= 0
    }

    /// forEachMatch for a pattern with a lead: the anchored pattern at each position where an
    /// entry starts, leftmost first, each search going on after the previous match (what the
    /// unanchored search finds, since no match can start elsewhere). Never an empty match.
    /// `body` returns false to stop (a caller that needs only the first match).
    private func forEachLeadMatch(_ lead: LeadIndex, _ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int,
                                  _ data: MatchData, _ body: (Int, Int) -> Bool) {
        var pos = from
        while pos < to {
            if lead.startsEntry(base, pos, to), match(base, to, pos, data) >= 0 {
                let ov = pcre2_get_ovector_pointer_8(data.raw)!
                let e = ov[1]
                if !body(ov[0], e) { return }
                if e > pos { pos = e; continue }
            }
            pos += 1
            while pos < to && base[pos] & 0xC0 == 0x80 { pos += 1 }
        }
    }
}

/// PCRE2 match data: per thread, reused for every match.
public final class MatchData {
    let raw: OpaquePointer
    /// Matches that stopped at a resource limit since the caller last cleared them, and the
    /// rules whose patterns they were (see Regex.noteFailure).
    public var limitHits = 0
    public var limitRules: [String] = []

    public init() {
        raw = pcre2_match_data_create_8(8, nil)
    }

    deinit { pcre2_match_data_free_8(raw) }
}
