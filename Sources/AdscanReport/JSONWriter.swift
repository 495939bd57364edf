import AdscanModel

/// Minimal JSON emission into a byte buffer (no Foundation, no intermediate objects).
public struct JSONWriter {
    public var out: [UInt8]
    /// Bit d: the container open at depth d already has an element (a stack of flags in a word:
    /// reports nest a handful of levels, never 64).
    private var needComma: UInt64 = 0
    private var depth = 0

    public init(into out: [UInt8] = []) {
        self.out = out
    }

    private mutating func comma() {
        let bit: UInt64 = 1 << UInt64(depth)
        if needComma & bit != 0 { out.append(0x2C) }
        needComma |= bit
    }

    private mutating func push() {
        depth += 1
        precondition(depth < 64, "JSON nested too deep")
        needComma &= ~(1 << UInt64(depth))
    }

    private mutating func pop() { depth -= 1 }

    public mutating func beginObject() { out.append(0x7B); push() }
    public mutating func endObject() { out.append(0x7D); pop() }
    public mutating func beginArray(_ key: String) { keyPart(key); out.append(0x5B); push() }
    public mutating func endArray() { out.append(0x5D); pop() }
    public mutating func beginObjectElement() { comma(); beginObject() }
    public mutating func beginObject(_ key: String) { keyPart(key); beginObject() }

    /// Keys are the reports' own member names (ASCII identifiers, nothing to escape): copied as
    /// they are, without the escape scan values get.
    private mutating func keyPart(_ key: String) {
        comma()
        out.append(0x22)
        // keys are literals: contiguous UTF-8, appended as one copy
        if key.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: key.utf8)
        }
        out.append(0x22)
        out.append(0x3A)
    }

    public mutating func field(_ key: String, _ value: String) { keyPart(key); Self.appendString(value, to: &out) }

    /// A member name as its JSON text (`"match":`, written out in the literal), for the reporters'
    /// per-finding members: a static string is appended as it is, with nothing to retain or escape.
    public struct Key: Sendable {
        let json: StaticString
        public init(_ json: StaticString) {
            self.json = json
        }
    }

    private mutating func keyPart(_ key: Key) {
        comma()
        key.json.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    public mutating func field(_ key: Key, _ value: String) { keyPart(key); Self.appendString(value, to: &out) }
    /// A string member given as valid UTF-8 bytes (no String made for it).
    public mutating func field(_ key: Key, utf8 value: [UInt8]) {
        keyPart(key)
        value.withUnsafeBufferPointer { Self.appendString(utf8: $0, to: &out) }
    }
    public mutating func field(_ key: Key, _ value: Int) { keyPart(key); Self.appendInt(value, to: &out) }
    public mutating func beginArray(_ key: Key) { keyPart(key); out.append(0x5B); push() }
    public mutating func hexField(_ key: Key, _ value: UInt64) {
        keyPart(key)
        out.append(0x22)
        Fingerprint.appendHex(value, to: &out)
        out.append(0x22)
    }

    /// Members already written as JSON (`"a":1,"b":"x"`, from `members(_:)`), appended as one copy.
    public mutating func rawMembers(_ json: [UInt8]) {
        comma()
        out.append(contentsOf: json)
    }

    /// The JSON text of string members, for `rawMembers`.
    public static func members(_ fields: [(String, String)]) -> [UInt8] {
        var w = JSONWriter()
        w.push()
        for (k, v) in fields { w.field(k, v) }
        return w.out
    }
    public mutating func field(_ key: String, _ value: Int) { keyPart(key); Self.appendInt(value, to: &out) }

    /// Decimal digits without an intermediate String.
    public static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var v = value.magnitude
        if v < 10 { out.append(UInt8(truncatingIfNeeded: 0x30 &+ v)); return }
        // digits from the last, then appended one by one (offsets and line numbers are short:
        // a copy of a few bytes through append(contentsOf:) costs more than the bytes)
        var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buf) { d in
            var n = 0
            repeat { d[23 &- n] = UInt8(truncatingIfNeeded: 0x30 &+ v % 10); v /= 10; n &+= 1 } while v > 0
            for k in (24 &- n)..<24 { out.append(d[k]) }
        }
    }
    public mutating func field(_ key: String, _ value: Double) {
        keyPart(key)
        out.append(contentsOf: (value.isFinite ? String(format3(value)) : "0").utf8)
    }
    public mutating func field(_ key: String, _ value: Bool) { keyPart(key); out.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func nullField(_ key: String) { keyPart(key); out.append(contentsOf: "null".utf8) }
    public mutating func stringElement(_ value: String) { comma(); Self.appendString(value, to: &out) }

    private func format3(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    /// JSON string with the escapes RFC 8259 requires; non-ASCII stays UTF-8. Runs of bytes that
    /// need no escape (nearly all of them) are appended in one copy.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// A string given as its UTF-8 bytes (which must be valid UTF-8).
    public static func appendString(utf8 p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        guard let base = p.baseAddress else { out.append(0x22); return }
        var run = 0
        var i = 0
        while i < p.count {
            // eight bytes at a time while none of them needs an escape (no control byte, `"`,
            // `\`); after an escape the word scan resumes
            while i &+ 8 <= p.count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let quote = w ^ 0x2222_2222_2222_2222, slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let zero = ((w &- 0x2020_2020_2020_2020) & ~w)
                    | ((quote &- 0x0101_0101_0101_0101) & ~quote)
                    | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                if zero & 0x8080_8080_8080_8080 != 0 { break }
                i &+= 8
            }
            guard i < p.count else { break }
            let b = base[i]
            i &+= 1
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            let at = i - 1
            if at > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<at])) }
            run = i
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                let h = hex.utf8Start
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, h[Int(b >> 4)], h[Int(b & 0xF)]])
            }
        }
        if p.count > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<p.count])) }
        out.append(0x22)
    }
}
