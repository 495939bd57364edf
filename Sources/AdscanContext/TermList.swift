/// A bare list of banned words: a superlative that is one item among many short items separated
/// only by 、 or ， (「如:国家级、世界级、最高级、最佳、最大」, a platform's 【最】 最、最佳、最具、最爱…).
/// Regulations, tips and banned-word lists print terms this way; an ad that stacks its own
/// superlatives names what they qualify (「最大客容量、最独特方法、最快的进度」), so its items are longer.
/// Only for absolute terms: an ad lists the diseases it treats the same way (治疗飞蚊症、老花眼、脚气、痔疮等).
/// Read on the original bytes, no allocation.
public enum TermList {
    /// The longest item, in Han characters, that counts as a listed term (史上最低价, 最先进加工工艺).
    public static let maxItemChars = 7
    /// How many items make a list: fewer could be an ad's own run (最新、最全、最低价) ...
    public static let minItems = 5
    /// ... and how many of them must be bare words of up to `shortChars` (最佳, 国家级): an ad's
    /// stacked superlatives carry their nouns (最大客容量、最独特方法、最快的进度、最全服务、最低价格).
    public static let minShort = 3
    public static let shortChars = 3

    /// Whether [start, end) is one or more whole items of such a list.
    public static func holds(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let (n, short) = items(text, start, end)
        return n >= minItems && short >= minShort
    }

    /// The items of the list that holds [start, end) and how many are short, or (0, 0) when the
    /// match is not one or more whole items (counting stops once both thresholds are met).
    static func items(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        // the match's own item(s): Han characters up to a separator on both sides
        var lo = start
        while lo >= 3 && Discourse.isHan(text, lo - 3) { lo -= 3 }
        var hi = end
        while Discourse.isHan(text, hi) && !isDeng(text, hi) { hi += 3 }
        guard separatorBefore(text, lo) != nil || separatorAfter(text, hi) != nil else { return (0, 0) }
        // the match may itself run over several items (最优秀、最好、最大): each must be short
        var count = 0, short = 0
        var i = lo
        var run = 0
        while i < hi {
            if Discourse.isHan(text, i) { run += 1; i += 3; if run > maxItemChars { return (0, 0) }; continue }
            guard let n = separatorAfter(text, i), run > 0 else { return (0, 0) }
            count += 1; short += run <= shortChars ? 1 : 0; run = 0; i += n
        }
        guard run > 0 else { return (0, 0) }
        count += 1; short += run <= shortChars ? 1 : 0
        // earlier items
        var p = lo
        while count < minItems || short < minShort, let n = separatorBefore(text, p) {
            var q = p - n, chars = 0
            while q >= 3 && Discourse.isHan(text, q - 3) && chars <= maxItemChars { q -= 3; chars += 1 }
            guard chars > 0, chars <= maxItemChars else { break }
            count += 1; short += chars <= shortChars ? 1 : 0; p = q
        }
        // later items
        var r = hi
        while count < minItems || short < minShort, let n = separatorAfter(text, r) {
            var q = r + n, chars = 0
            while Discourse.isHan(text, q) && !isDeng(text, q) && chars <= maxItemChars { q += 3; chars += 1 }
            guard chars > 0, chars <= maxItemChars else { break }
            count += 1; short += chars <= shortChars ? 1 : 0; r = q
        }
        return (count, short)
    }

    /// 等 closes a list (「…、万能等均属于极限用语」): the last item ends before it.
    @inline(__always)
    static func isDeng(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 2 < t.count && t[i] == 0xE7 && t[i + 1] == 0xAD && t[i + 2] == 0x89
    }

    /// 、 or ， at i.
    @inline(__always)
    static func isListComma(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i >= 0, i + 2 < t.count else { return false }
        return (t[i] == 0xE3 && t[i + 1] == 0x80 && t[i + 2] == 0x81) || (t[i] == 0xEF && t[i + 1] == 0xBC && t[i + 2] == 0x8C)
    }

    /// The length of the list separator (、 or ，, with spaces around it) that starts at i. Not the
    /// half-width comma: crawled ad copy separates its clauses with it (「不是药,胜似药,没有副作用」).
    static func separatorAfter(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i
        while j < t.count && t[j] == 0x20 { j += 1 }
        guard isListComma(t, j) else { return nil }
        j += 3
        while j < t.count && t[j] == 0x20 { j += 1 }
        return j - i
    }

    /// The length of the list separator that ends at i.
    static func separatorBefore(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i
        while j > 0 && t[j - 1] == 0x20 { j -= 1 }
        guard isListComma(t, j - 3) else { return nil }
        j -= 3
        while j > 0 && t[j - 1] == 0x20 { j -= 1 }
        return i - j
    }
}
