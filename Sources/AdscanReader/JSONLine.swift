import AdscanNormalize

/// A small validating JSON parser for one JSONL line that extracts two fields of the top-level
/// object without building a document: the text (a string, unescaped into `out`) and the id
/// (a string or a number). Records without escapes are copied straight, so the common case costs
/// one pass. Malformed lines give a reason and a column.
public struct JSONLine {
    public struct Failure: Error, Equatable {
        public var column: Int
        public var reason: String
        /// The id field, when the line parsed far enough to read it.
        public var id: String? = nil
    }

    public struct Fields {
        /// Range of the text in `out`, nil when the field is absent.
        public var text: Range<Int>?
        public var id: String?
        /// True when the text field exists but is not a string.
        public var textNotString = false
    }

    let textKey: [UInt8]
    let idKey: [UInt8]
    public static let maxDepth = 256

    public init(textField: String, idField: String) {
        textKey = Array(textField.utf8)
        idKey = Array(idField.utf8)
    }

    /// Parses `line` (without its newline); appends the text's bytes to `out`.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(Failure) -> Fields {
        var fields = Fields()
        do {
            try parse(line, into: &out, fields: &fields)
        } catch {
            var e = error
            e.id = fields.id
            throw e
        }
        return fields
    }

    private func parse(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], fields: inout Fields) throws(Failure) {
        var p = Parser(s: line)
        p.ws()
        guard p.peek() == UInt8(ascii: "{") else { throw p.fail("expected a JSON object") }
        p.i += 1
        p.ws()
        if p.peek() == UInt8(ascii: "}") {
            p.i += 1
        } else {
            while true {
                p.ws()
                guard p.peek() == UInt8(ascii: "\"") else { throw p.fail("expected a string key") }
                var key: [UInt8] = []
                try p.string(into: &key)
                p.ws()
                guard p.peek() == UInt8(ascii: ":") else { throw p.fail("expected ':' after key") }
                p.i += 1
                p.ws()
                if key == textKey && fields.text == nil && !fields.textNotString {
                    if p.peek() == UInt8(ascii: "\"") {
                        let start = out.count
                        try p.string(into: &out)
                        fields.text = start..<out.count
                    } else {
                        fields.textNotString = true
                        try p.value(depth: 1)
                    }
                } else if key == idKey && fields.id == nil {
                    if p.peek() == UInt8(ascii: "\"") {
                        var idBytes: [UInt8] = []
                        try p.string(into: &idBytes)
                        fields.id = String(decoding: idBytes, as: UTF8.self)
                    } else {
                        let s = p.i
                        try p.value(depth: 1)
                        fields.id = String(decoding: UnsafeBufferPointer(rebasing: line[s..<p.i]), as: UTF8.self)
                    }
                } else {
                    try p.value(depth: 1)
                }
                p.ws()
                let c = p.peek()
                if c == UInt8(ascii: ",") { p.i += 1; continue }
                if c == UInt8(ascii: "}") { p.i += 1; break }
                throw p.fail(p.i >= line.count ? "truncated object (missing '}')" : "expected ',' or '}'")
            }
        }
        p.ws()
        guard p.i == line.count else { throw p.fail("unexpected data after the object") }
    }

    struct Parser {
        let s: UnsafeBufferPointer<UInt8>
        var i = 0

        init(s: UnsafeBufferPointer<UInt8>) { self.s = s }

        func peek() -> UInt8 { i < s.count ? s[i] : 0 }

        func fail(_ reason: String) -> Failure { Failure(column: i + 1, reason: reason) }

        mutating func ws() {
            while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D { i += 1 }
        }

        /// Parses a string at s[i] == '"', appending its unescaped UTF-8 to out.
        mutating func string(into out: inout [UInt8]) throws(Failure) {
            i += 1
            var runStart = i
            let base = s.baseAddress!
            while i < s.count {
                // eight bytes at a time up to the next `"` or `\`
                while i &+ 8 <= s.count {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let quote = w ^ 0x2222_2222_2222_2222, slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                    let hit = ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                    if hit & 0x8080_8080_8080_8080 != 0 { break }
                    i &+= 8
                }
                guard i < s.count else { break }
                let b = s[i]
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                    i += 1
                    return
                }
                if b == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                    // escapes come in runs (\uXXXX\uXXXX…): decoded back to back
                    repeat { try escape(into: &out) } while i < s.count && s[i] == UInt8(ascii: "\\")
                    runStart = i
                    continue
                }
                i += 1
            }
            throw fail("truncated string (missing closing quote)")
        }

        mutating func escape(into out: inout [UInt8]) throws(Failure) {
            i += 1
            guard i < s.count else { throw fail("truncated escape") }
            let c = s[i]
            i += 1
            switch c {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var cp = try hex4()
                if (0xD800...0xDBFF).contains(cp) {
                    if i + 1 < s.count, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let lo = try hex4()
                        if (0xDC00...0xDFFF).contains(lo) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            i = save
                            cp = 0xFFFD
                        }
                    } else {
                        cp = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(cp) {
                    cp = 0xFFFD
                }
                UTF8Scan.append(cp, to: &out)
            default:
                i -= 1
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(c)))'")
            }
        }

        /// Hex digit values by byte; 0xFF = not a hex digit.
        static let hexValue: [UInt8] = {
            var t = [UInt8](repeating: 0xFF, count: 256)
            for (k, c) in "0123456789".utf8.enumerated() { t[Int(c)] = UInt8(k) }
            for (k, c) in "abcdef".utf8.enumerated() { t[Int(c)] = UInt8(10 + k); t[Int(c) - 0x20] = UInt8(10 + k) }
            return t
        }()

        mutating func hex4() throws(Failure) -> UInt32 {
            guard i + 4 <= s.count else { throw fail("truncated \\u escape") }
            // (pages written with ASCII-only JSON escape every Chinese character: \uXXXX each)
            let (a, b, c, d) = Self.hexValue.withUnsafeBufferPointer { t in
                (t[Int(s[i])], t[Int(s[i &+ 1])], t[Int(s[i &+ 2])], t[Int(s[i &+ 3])])
            }
            guard (a | b | c | d) & 0xF0 == 0 else {
                // the first bad digit, for the column
                while Self.hexValue[Int(s[i])] != 0xFF { i += 1 }
                throw fail("invalid hex digit in \\u escape")
            }
            i &+= 4
            return UInt32(a) << 12 | UInt32(b) << 8 | UInt32(c) << 4 | UInt32(d)
        }


        /// Skips any JSON value, validating it.
        mutating func value(depth: Int) throws(Failure) {
            guard depth <= JSONLine.maxDepth else { throw fail("nesting deeper than \(JSONLine.maxDepth)") }
            ws()
            guard i < s.count else { throw fail("truncated: expected a value") }
            switch s[i] {
            case UInt8(ascii: "\""):
                var sink: [UInt8] = []
                try string(into: &sink)
            case UInt8(ascii: "{"):
                i += 1; ws()
                if peek() == UInt8(ascii: "}") { i += 1; return }
                while true {
                    ws()
                    guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                    var sink: [UInt8] = []
                    try string(into: &sink)
                    ws()
                    guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
                    i += 1
                    try value(depth: depth + 1)
                    ws()
                    if peek() == UInt8(ascii: ",") { i += 1; continue }
                    if peek() == UInt8(ascii: "}") { i += 1; return }
                    throw fail(i >= s.count ? "truncated object" : "expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1; ws()
                if peek() == UInt8(ascii: "]") { i += 1; return }
                while true {
                    try value(depth: depth + 1)
                    ws()
                    if peek() == UInt8(ascii: ",") { i += 1; continue }
                    if peek() == UInt8(ascii: "]") { i += 1; return }
                    throw fail(i >= s.count ? "truncated array" : "expected ',' or ']'")
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default:
                try number()
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let n = word.utf8CodeUnitCount
            guard i + n <= s.count else { throw fail("truncated literal") }
            let w = word.utf8Start
            for k in 0..<n where s[i + k] != w[k] { throw fail("invalid literal") }
            i += n
        }

        mutating func number() throws(Failure) {
            let start = i
            if peek() == UInt8(ascii: "-") { i += 1 }
            var digits = 0
            while i < s.count, (0x30...0x39).contains(s[i]) { i += 1; digits += 1 }
            if peek() == UInt8(ascii: ".") {
                i += 1
                while i < s.count, (0x30...0x39).contains(s[i]) { i += 1; digits += 1 }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                i += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i += 1 }
                while i < s.count, (0x30...0x39).contains(s[i]) { i += 1 }
            }
            if digits == 0 { i = start; throw fail("invalid value") }
        }
    }
}
