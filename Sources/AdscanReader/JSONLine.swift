/// A small validating JSON parser for one JSONL line that extracts two fields of the top-level
/// object without building a document: the text (a string, unescaped into `out`) and the id
/// (a string or a number). Records without escapes are copied straight, so the common case costs
/// one pass. Malformed lines give a reason and a column.
public struct JSONLine {
    public struct Failure: Error, Equatable {
        public var column: Int
        public var reason: String
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
        var p = Parser(s: line)
        var fields = Fields()
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
        return fields
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
            while i < s.count {
                let b = s[i]
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                    i += 1
                    return
                }
                if b == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                    try escape(into: &out)
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
                appendUTF8(cp, &out)
            default:
                i -= 1
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(c)))'")
            }
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard i + 4 <= s.count else { throw fail("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = s[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: throw fail("invalid hex digit in \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        func appendUTF8(_ c: UInt32, _ out: inout [UInt8]) {
            if c < 0x80 { out.append(UInt8(c)) }
            else if c < 0x800 { out.append(UInt8(0xC0 | (c >> 6))); out.append(UInt8(0x80 | (c & 0x3F))) }
            else if c < 0x10000 {
                out.append(UInt8(0xE0 | (c >> 12))); out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
            } else {
                out.append(UInt8(0xF0 | (c >> 18))); out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
            }
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
