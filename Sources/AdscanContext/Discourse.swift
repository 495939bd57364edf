import AdscanMatch
import AdscanNormalize

/// Span-level discourse on raw UTF-8: where a clause breaks and whether a match stands inside
/// quotation marks. Pure functions over the record's bytes.
enum Discourse {
    /// True when a comma-level or sentence-level break lies in text[from..<to] (，, 、 is not one:
    /// a negation reaches over a list).
    static func clauseBreak(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let b = text[i]
            if b == 0x2C || b == 0x2E || b == 0x0A || b == 0x3B || b == 0x21 || b == 0x3F { return true }   // , . \\n ; ! ?
            // a space between two Chinese characters: half-width transcripts separate phrases so
            // (「我不能说 你们懂的」)
            if b == 0x20 && i > 0 && i + 1 < text.count && text[i - 1] >= 0x80 && text[i + 1] >= 0xE0 { return true }
            if b == 0xEF && i + 2 < text.count && text[i + 1] == 0xBC && (text[i + 2] == 0x8C || text[i + 2] == 0x9B || text[i + 2] == 0x81 || text[i + 2] == 0x9F) {
                return true                                                                                 // ，；！？
            }
            if b == 0xE3 && i + 2 < text.count && text[i + 1] == 0x80 && text[i + 2] == 0x82 { return true } // 。
            i += 1
        }
        return false
    }

    /// 任何 between a negation and a promise word: 「没有任何副作用」.
    private static let any = Array("任何".utf8)

    /// True when one of `harms` (the negation's promise words, lexicons) begins within the four
    /// characters after a negation ending at `at` (「没有任何副作用」: 任何 then 副作用).
    static func negatesHarm(_ text: UnsafeBufferPointer<UInt8>, _ at: Int, _ harms: [[UInt8]]) -> Bool {
        var i = at, chars = 0
        func starts(_ w: [UInt8], _ i: Int) -> Bool {
            guard i + w.count <= text.count else { return false }
            for k in w.indices where text[i + k] != w[k] { return false }
            return true
        }
        while i < text.count && chars < 4 {
            // 「没有任何药物能…」 is a denial: 任何 counts only before a harm
            if starts(any, i) { return negatesHarm(text, i + any.count, harms) }
            for h in harms where starts(h, i) { return true }
            i += 1
            while i < text.count && text[i] & 0xC0 == 0x80 { i += 1 }
            chars += 1
        }
        return false
    }

    /// True where the marker at `start..<end` is 不得 inside a word that prohibits nothing:
    /// 怪不得, 舍不得, 恨不得, 巴不得, 免不得, 顾不得 … before it, 不得不, 不得了, 不得已 after it
    /// (「不得不说,这面膜真能祛斑」 is copy; 「怪不得老公不爱回家」 is the claim itself).
    static func isWordWithBuDe(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let buDe: [UInt8] = [0xE4, 0xB8, 0x8D, 0xE5, 0xBE, 0x97]
        guard end - start == 6, (0..<6).allSatisfy({ text[start + $0] == buDe[$0] }) else { return false }
        func char(_ at: Int) -> Character? {
            guard at >= 0, at + 3 <= text.count else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: text[at..<(at + 3)]), as: UTF8.self).first
        }
        if let before = char(start - 3), "怪舍捨恨巴免少顾顧由记記晓曉见見怨动動要使了".contains(before) { return true }
        if let after = char(end), "不了已".contains(after) { return true }
        return false
    }

    /// True for the question form A不A at `at` (能不能, 会不会, 是不是): 不 between two equal
    /// characters asks, it does not deny. Separators a disguise put between them (能~不~能) are
    /// skipped.
    static func isAnotA(_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        // 不 is E4 B8 8D
        guard at + 3 <= text.count, text[at] == 0xE4, text[at + 1] == 0xB8, text[at + 2] == 0x8D else { return false }
        // the nearest Han character (lead byte E4-E9) on each side, past at most eight bytes of separators
        var p = at
        var skipped = 0
        while p >= 3 && skipped <= 8 {
            if isHan(text, p - 3) { break }
            // a clause break is not a disguise: 「调节功能,不能替代药物」 is 能 then a new clause
            if text[p - 1] == 0x2C || text[p - 1] == 0x3B || isClausePunct(text, p - 3) { return false }
            p -= 1
            skipped += 1
        }
        var q = at + 3
        skipped = 0
        while q + 3 <= text.count && skipped <= 8 {
            if (0xE4...0xE9).contains(text[q]) { break }
            q += 1
            skipped += 1
        }
        guard p >= 3, q + 3 <= text.count else { return false }
        return text[p - 3] == text[q] && text[p - 2] == text[q + 1] && text[p - 1] == text[q + 2]
    }

    /// A CJK unified ideograph (U+4E00–U+9FFF: lead bytes E4–E9) at `i`.
    @inline(__always)
    static func isHan(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i >= 0 && i + 2 < t.count && t[i] >= 0xE4 && t[i] <= 0xE9 && t[i + 1] & 0xC0 == 0x80 && t[i + 2] & 0xC0 == 0x80
    }

    /// ， ； 。 、 at `i` (three bytes): a list comma (TermList), or ； or 。.
    private static func isClausePunct(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i >= 0, i + 3 <= text.count else { return false }
        if TermList.isListComma(text, i) { return true }
        return (text[i] == 0xEF && text[i + 1] == 0xBC && text[i + 2] == 0x9B) || (text[i] == 0xE3 && text[i + 1] == 0x80 && text[i + 2] == 0x82)
    }

    /// A double negative (「没有一个不提分的」「无人不夸」): the negation ending at `at` is followed,
    /// within three Han characters of 一个/谁/人…, by 不 or 没 — a universal claim, not a denial.
    static func isDoubleNegation(_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var p = at
        var n = 0
        while p + 3 <= text.count && n <= 3 {
            let c = UInt32(text[p]) << 16 | UInt32(text[p + 1]) << 8 | UInt32(text[p + 2])
            if c == Self.bu || c == Self.mei { return n > 0 }
            guard Self.negationFillers.contains(c) else { return false }
            p += 3
            n += 1
        }
        return false
    }

    /// 不 and 没, and the characters that may stand between two negations (一 个 位 人 谁 哪 例 家 款 次),
    /// each as its three UTF-8 bytes in one integer.
    private static func code(_ c: Character) -> UInt32 { String(c).utf8.reduce(0) { $0 << 8 | UInt32($1) } }
    private static let bu = code("不"), mei = code("没")
    private static let negationFillers: [UInt32] = "一个位人谁哪例家款次".map(code)

    /// A verdict of falsehood said of rivals (「其他家都是假的」「别家的是假的」): the seller's own
    /// disparagement, not a refutation of the claim. True when one of `rivals` stands in the six
    /// characters before the marker starting at `at`.
    static func isAboutRivals(_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var i = max(0, at - 18)
        while i < at {
            for r in Self.rivals where i + r.count <= at && startsWith(text, i, r) { return true }
            i += 1
        }
        return false
    }

    private static let rivals: [[UInt8]] = ["其他家", "别家", "别人家", "人家的", "同行", "市面上", "外面的", "他们家"].map { Array($0.utf8) }

    /// The labels that open a reader's question on Q&A pages and doctors' answer sites.
    private static let askLabels: [[UInt8]] = ["问:", "问：", "提问:", "提问：", "网友提问", "患者提问", "Q:", "Q："].map { Array($0.utf8) }

    /// The label when the line holding `before` opens with one of `askLabels` (after spaces), the
    /// line start being at most 300 bytes back.
    static func askedLineLabel(_ text: UnsafeBufferPointer<UInt8>, before: Int) -> String? {
        var s = before
        let floor = max(0, before - 300)
        while s > floor && text[s - 1] != 0x0A { s -= 1 }
        guard s == 0 || text[s - 1] == 0x0A else { return nil }
        while s < before && (text[s] == 0x20 || text[s] == 0x09) { s += 1 }
        for l in askLabels where s + l.count <= before && startsWith(text, s, l) {
            return String(decoding: l, as: UTF8.self)
        }
        return nil
    }

    /// Whether `text` holds the bytes `m` from `i` on.
    static func startsWith(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ m: [UInt8]) -> Bool {
        guard i >= 0, i + m.count <= text.count else { return false }
        for k in m.indices where text[i + k] != m[k] { return false }
        return true
    }

    /// The first sentence end at or after `from` (。！？!? or a line break) within `limit` bytes:
    /// where it is and whether it is a question mark.
    static func sentenceEnd(_ text: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> (at: Int, isQuestion: Bool)? {
        var i = from
        let stop = min(text.count, from + limit)
        while i < stop {
            let b = text[i]
            if b == 0x0A || b == 0x21 { return (i, false) }                      // \n !
            if b == 0x3F { return (i, true) }                                      // ?
            if b == 0xE3 && i + 2 < text.count && text[i + 1] == 0x80 && text[i + 2] == 0x82 { return (i, false) }   // 。
            if b == 0xEF && i + 2 < text.count && text[i + 1] == 0xBC {
                if text[i + 2] == 0x81 { return (i, false) }                       // ！
                if text[i + 2] == 0x9F { return (i, true) }                        // ？
            }
            i += 1
        }
        return nil
    }

    /// True when the record is nothing but quoted terms: quotation marks, and outside them no Han
    /// character (「“疫情居家预防”“某某卫健委推荐”」, a crawler's or a case file's list of an ad's
    /// slogans). Text before a first mark that closes, or after a last one that opens, is inside a
    /// quotation cut off by the excerpt. Such a list has no writer's voice around it to discuss it.
    static func onlyQuotedTerms(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var depth = 0, outside = 0, marks = 0, terms = 0
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == 0x22 {                                   // straight quotes pair up
                if depth == 0 && marks == 0 && outside > 0 { return false }
                if depth == 0 { depth = 1; terms += 1 } else { depth = 0 }
                marks += 1; i += 1; continue
            }
            if b < 0x80 { i += 1; continue }
            if b == 0xE2 || b == 0xE3 {
                if openers.contains(where: { at(text, i, $0) }) {
                    // Han text before a first opening mark is the writer's own (含有“…”): no need to read on
                    if marks == 0 && outside > 0 { return false }
                    depth += 1; terms += 1; marks += 1; i += 3; continue
                }
                if closers.contains(where: { at(text, i, $0) }) {
                    // the record began inside a quotation: what came before is a term
                    if marks == 0 { outside = 0; terms += 1 }
                    depth = max(0, depth - 1); marks += 1; i += 3; continue
                }
            }
            let (c, n) = UTF8Scan.decode(text, i)
            if depth == 0 && Han.contains(c) {
                // once a mark has been seen, Han text outside the marks settles it
                if marks > 0 { return false }
                outside += 1
            }
            i += n
        }
        return terms >= 2 && outside == 0
    }

    /// True when [start, end) is inside quotation marks that stand next to another quoted term:
    /// the closing mark followed by an opening one (or 、 and one, or 等), or the opening mark
    /// preceded by a closing one (or by a closing one and 、), or the span itself holds a closing
    /// mark right before an opening one.
    static func inQuotedList(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, within clause: Range<Int>) -> Bool {
        guard quoted(text, start, start + 1, within: clause) || quoted(text, end - 1, end, within: clause) else { return false }
        // a match that runs from one quoted term into the next (「“喜报”“上岸榜”」 read as 喜报…上岸)
        var m = start
        while m + 6 <= end {
            // every mark begins with E2 or E3: other bytes are passed by
            if (text[m] == 0xE2 || text[m] == 0xE3) && closers.contains(where: { at(text, m, $0) })
                && openers.contains(where: { at(text, m + 3, $0) }) { return true }
            m += 1
        }
        // the opening mark before start and the closing mark after end
        var o = start - 1
        while o >= clause.lowerBound && !(openers.contains { at(text, o, $0) } || text[o] == 0x22) { o -= 1 }
        var e = end
        while e < clause.upperBound && !(closers.contains { at(text, e, $0) } || text[e] == 0x22) { e += 1 }
        guard o >= clause.lowerBound, e < clause.upperBound else { return false }
        let afterClose = e + (text[e] == 0x22 ? 1 : 3)
        let comma: [UInt8] = [0xE3, 0x80, 0x81]                      // 、
        let deng: [UInt8] = [0xE7, 0xAD, 0x89]                       // 等
        func opensAt(_ i: Int) -> Bool { i < text.count && (openers.contains { at(text, i, $0) } || text[i] == 0x22) }
        func closesBefore(_ i: Int) -> Bool {
            (i >= 3 && closers.contains { at(text, i - 3, $0) }) || (i >= 1 && text[i - 1] == 0x22)
        }
        if opensAt(afterClose) || (at(text, afterClose, comma) && opensAt(afterClose + 3)) || at(text, afterClose, deng) { return true }
        if closesBefore(o) || (o >= 3 && at(text, o - 3, comma) && closesBefore(o - 3)) { return true }
        return false
    }

    /// Whether the list of quoted terms holding `start` is introduced as examples: walking back from
    /// the term's opening mark over earlier terms (closing mark, optional 、, opening mark), the first
    /// term follows 如 (例如, 比如, 诸如, 譬如), maybe with a colon or a space between.
    static func quotedListIntroducedByExample(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, within claimClause: Range<Int>) -> Bool {
        // the list runs over 、 (a clause break for the matcher): the walk may go back to the
        // sentence's start, at most 240 bytes
        var floor = start
        while floor > max(0, start - 240) && text[floor - 1] != 0x0A
            && !(floor >= 3 && text[floor - 3] == 0xE3 && text[floor - 2] == 0x80 && text[floor - 1] == 0x82) { floor -= 1 }
        let clause = floor..<claimClause.upperBound
        func isMark(_ i: Int, _ set: [[UInt8]]) -> Bool { i >= clause.lowerBound && set.contains { at(text, i, $0) } }
        // the opening mark of the term that holds start
        var o = start - 1
        while o >= clause.lowerBound && !(isMark(o, openers) || text[o] == 0x22) {
            if isMark(o, closers) { return false }
            o -= 1
        }
        guard o >= clause.lowerBound else { return false }
        let comma: [UInt8] = [0xE3, 0x80, 0x81]                      // 、
        var first = o
        while true {
            var p = first
            if p - 3 >= clause.lowerBound && at(text, p - 3, comma) { p -= 3 }
            // the closing mark of the previous term
            let closeAt: Int
            if p - 1 >= clause.lowerBound && text[p - 1] == 0x22 { closeAt = p - 1 }
            else if p - 3 >= clause.lowerBound && isMark(p - 3, closers) { closeAt = p - 3 }
            else { break }
            // its opening mark, at most 60 bytes back
            var q = closeAt - 1
            let stop = max(clause.lowerBound, closeAt - 60)
            while q >= stop && !(isMark(q, openers) || text[q] == 0x22) { q -= 1 }
            guard q >= stop else { break }
            first = q
        }
        var b = first - 1
        while b >= clause.lowerBound && (text[b] == 0x20 || text[b] == 0x3A) { b -= 1 }
        if b - 2 >= clause.lowerBound && text[b - 2] == 0xEF && text[b - 1] == 0xBC && text[b] == 0x9A { b -= 3 }   // ：
        let ru: [UInt8] = [0xE5, 0xA6, 0x82]                         // 如
        return b - 2 >= clause.lowerBound && at(text, b - 2, ru)
    }

    /// The opening mark of the quotation that holds [start, end) when it is longer than a clause
    /// window allows: the nearest opener at most `reach` bytes before `start` with no closer
    /// between, whose own closer comes at most `reach` bytes after `end`; never over a line break.
    /// Curly and corner marks only (an ASCII " does not say which side it is on).
    static func longQuoteOpener(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, reach: Int) -> Int? {
        var i = start - 1
        var kind = -1
        let low = max(0, start - reach)
        while i >= low {
            let b = text[i]
            if b == 0x0A || b == 0x0D { return nil }
            if b == 0xE2 || b == 0xE3 {
                if closers.contains(where: { at(text, i, $0) }) { return nil }
                if let k = openers.firstIndex(where: { at(text, i, $0) }) { kind = k; break }
            }
            i -= 1
        }
        guard kind >= 0 else { return nil }
        var j = end
        let high = min(text.count, end + reach)
        while j < high {
            let b = text[j]
            if b == 0x0A || b == 0x0D { return nil }
            if b == 0xE2 || b == 0xE3 {
                if at(text, j, closers[kind]) { return i }
                if at(text, j, openers[kind]) { return nil }
            }
            j += 1
        }
        return nil
    }

    /// Opening and closing quotation marks: “” 「」 『』 《》 and the ASCII ".
    private static let openers: [[UInt8]] = [[0xE2, 0x80, 0x9C], [0xE3, 0x80, 0x8C], [0xE3, 0x80, 0x8E], [0xE3, 0x80, 0x8A]]
    private static let closers: [[UInt8]] = [[0xE2, 0x80, 0x9D], [0xE3, 0x80, 0x8D], [0xE3, 0x80, 0x8F], [0xE3, 0x80, 0x8B]]

    private static func at(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ m: [UInt8]) -> Bool {
        i >= 0 && i + m.count <= text.count && text[i] == m[0] && text[i + 1] == m[1] && text[i + 2] == m[2]
    }

    /// 吗 嘛 呢
    private static let questionParticles: [[UInt8]] = [[0xE5, 0x90, 0x97], [0xE5, 0x98, 0x9B], [0xE5, 0x91, 0xA2]]

    /// True when the quotation that holds [start, end) closes right before the question mark at
    /// `question` (only a particle between): a claim put in quotes and asked about, as headlines
    /// and exposés do (「“三天根治”？」「"一次见效"靠谱吗?」), is discussed, not asserted.
    static func quotedBeforeQuestion(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, question: Int, within clause: Range<Int>) -> Bool {
        guard question > end, question - end <= 12 else { return false }
        let clause = clause.lowerBound..<max(clause.upperBound, min(text.count, question))
        guard quoted(text, start, end, within: clause) else { return false }
        var j = end
        while j < question {
            if text[j] == 0x22 || text[j] == 0x27 || closers.contains(where: { at(text, j, $0) }) {
                let k = j + (text[j] < 0x80 ? 1 : 3)
                // after the mark: nothing, or one question particle (吗 嘛 呢)
                let rest = question - k
                if rest == 0 { return true }
                if rest == 3 { return questionParticles.contains { at(text, k, $0) } }
                return false
            }
            j += 1
        }
        return false
    }

    /// True when [start, end) lies between an opening mark and its closing mark within `clause`
    /// (or between two ASCII double or single quotes).
    static func quoted(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, within clause: Range<Int>) -> Bool {
        // nearest opener before start with no closer between it and start
        var i = start - 1
        var kind = -1
        var asciiBefore = 0, singleBefore = 0
        while i >= clause.lowerBound {
            let b = text[i]
            if b == 0x22 { asciiBefore += 1 }
            if b == 0x27 { singleBefore += 1 }
            // every mark of openers and closers begins with E2 or E3: other bytes are passed by
            if b == 0xE2 || b == 0xE3 {
                if closers.contains(where: { at(text, i, $0) }) { break }
                if let k = openers.firstIndex(where: { at(text, i, $0) }) { kind = k; break }
            }
            i -= 1
        }
        if kind >= 0 {
            var j = end
            while j < clause.upperBound {
                if text[j] == 0xE2 || text[j] == 0xE3 {
                    if at(text, j, closers[kind]) { return true }
                    if at(text, j, openers[kind]) { return false }
                }
                j += 1
            }
            return false
        }
        if asciiBefore % 2 == 1 {
            var j = end
            while j < clause.upperBound { if text[j] == 0x22 { return true }; j += 1 }
        }
        // half-width pages quote inside quotes with ' (「"看到'一次治愈'这样的广告"」)
        if singleBefore % 2 == 1 {
            var j = end
            while j < clause.upperBound { if text[j] == 0x27 { return true }; j += 1 }
        }
        return false
    }
}

/// The entity a page promotes: the most frequent institution name (…医院, …诊所, …门诊部 …).
enum PromotedEntity {
    /// A name holds no particle or motion verb (「送到了仁济堂诊所」「后来来到仁济堂诊所」 name
    /// 仁济堂诊所), nor a report's 名为, 进入, 将, 再次 (「一家名为某某诊所」「进入某某医院」, rc21);
    /// 向 and 于 stay allowed (向阳, 于都).
    static let pattern = "(?:^|[^\\p{Han}]|[的在到了是来去和与及我于从向对被让把给说据经往由等來與於從對讓給說據經])\\K(?![说說经經听聽称稱])(?:(?![了的着过到在来去是把被让从对给往据由等將将著過來從對讓給據]|名为|名為|进入|進入|再次)\\p{Han}){2,12}?(?:" + institutionWords.joined(separator: "|") + ")"

    /// 门诊 names a clinic only when no noun it modifies follows (「门诊病历」「门诊大厅」「门诊时间」
    /// are a hospital's records, hall and hours: 「请自行妥善保管门诊病历」 names no clinic). Checked
    /// after the match: the pattern runs on the text up to the institution word only.
    static let outpatientEnds = ["门诊", "門診"].map { Array($0.utf8) }
    static let outpatientNouns = ["病历", "病歷", "大厅", "大廳", "楼", "樓", "量", "时间", "時間", "患者", "病人", "收费", "收費",
                                  "挂号", "掛號", "输液", "輸液", "服务", "服務", "化验", "化驗", "就诊", "就診", "流程", "办公室",
                                  "号", "號", "日", "预约", "預約", "医生", "醫生", "医师", "醫師", "护士", "護士", "手术", "手術",
                                  "治疗", "治療"].map { Array($0.utf8) }

    /// Whether the name ending at `e` ends with 门诊 and a noun it modifies follows.
    static func isOutpatientModifier(_ text: UnsafeBufferPointer<UInt8>, end e: Int) -> Bool {
        guard outpatientEnds.contains(where: { UTF8Scan.endsWith(text, at: e, $0) }) else { return false }
        return outpatientNouns.contains { UTF8Scan.startsWith(text, at: e, $0) }
    }

    /// The institution words a name ends with, for finding where names can be.
    static let institutionWords = simplifiedInstitutionWords
        // traditional script (Hong Kong and Taiwan pages, Big5 mirrors): the name is folded before it is counted
        + ["醫療美容醫院", "醫療美容診所", "醫院", "診所", "門診部", "門診", "醫美", "中醫館", "國醫館",
           "研究院", "研究所", "診療中心", "醫學中心", "專科", "養生館", "美容院", "健康管理中心", "齒科"]
    /// The words a folded name ends with (what `isGeneric` strips).
    static let simplifiedInstitutionWords = ["医疗美容医院", "医疗美容诊所", "医院", "诊所", "门诊部", "门诊", "医美", "中医馆", "国医馆",
                                             "研究院", "研究所", "诊疗中心", "医学中心", "专科", "养生馆", "美容院", "健康管理中心",
                                             // private eye and dental chains go by the specialty (某某爱尔眼科, 某某齿科)
                                             "眼科", "齿科", "牙科"]
    /// Specialty words that end a chain's short name but also begin a longer one (某某眼科医院):
    /// a name ending in one runs on through the institution words right after it.
    static let specialtyWords = ["眼科", "齿科", "齒科", "牙科"].map { Array($0.utf8) }
    /// The specialty words a folded name ends with.
    static let simplifiedSpecialtyWords = ["眼科", "齿科", "牙科"]
    static let suffixes = LeadIndex(institutionWords)

    /// The first two bytes of every institution word: most positions of a page are ruled out by
    /// one table load instead of a trie call.
    static let leadPairs = pairTable(institutionWords)

    /// A table of the first two bytes of `words`, indexed by the pair.
    static func pairTable(_ words: [String]) -> [Bool] {
        var t = [Bool](repeating: false, count: 65536)
        for w in words {
            let u = Array(w.utf8)
            t[Int(u[0]) << 8 | Int(u[1])] = true
        }
        return t
    }

    /// Kinds of hospital, not names: a grade, an ownership, a size or a place (「三甲医院」「正规医院」
    /// 「当地医院」), and a clinical subspecialty (「亚专科」).
    static let genericPrefixes: Set<String> = ["三甲", "二甲", "一甲", "三级", "二级", "一级", "甲等", "公立", "私立", "民营", "正规", "综合",
        "专科", "大型", "当地", "本地", "附近", "各大", "各级", "基层", "定点", "普通", "其他", "别的", "其它", "这家", "那家", "哪家",
        "一家", "多家", "大的", "小的", "县级", "市级", "省级", "乡镇", "社区", "城市", "农村", "上级", "下级", "大医", "三甲综合",
        // kinds of outpatient session on a hospital's timetable (「专家门诊副主任医师:7元」「特需门诊」)
        "专家", "知名专家", "特需", "夜间", "便民", "专病", "联合", "多学科联合", "加班", "发热", "简易", "普通专科",
        // a town's own hospital by its level alone (「市中医院举办膏方节」「县医院眼科」)
        "市中", "县中", "区中", "市", "县", "区", "省", "镇", "乡",
        // another hospital, and a department opened (「经他方医院诊断」「开设门诊」, rc20)
        "他方", "外地", "异地", "开设", "增设", "开通", "设立", "新开", "开办",
        // a department alone (「对于男科门诊」「中医全科门诊」): with a place or a brand before it, a name
        "男科", "妇科", "皮肤科", "口腔科", "眼科", "中医科", "中医", "全科", "中医全科", "儿科", "内科", "外科", "骨科",
        "生殖科", "产科", "耳鼻喉科", "康复科", "疼痛科", "心理科", "预防接种", "疫苗接种",
        // a hospital's own department, or a kind of patient or clinic before a specialty (「医院眼科」「儿童眼科」)
        "医院", "该院", "我院", "本院", "全院", "儿童", "小儿", "成人", "专业", "知名", "著名"]
    /// Words that make a name a kind or a crowd (「如一些医美」「整治医美」「部分诊所」), not one provider.
    static let genericWords = ["一些", "这些", "那些", "部分", "各类", "各种", "整治", "打击", "规范", "乱象", "非法", "黑医美", "无证",
                               // a patient's rounds, not a provider: 「辗转多家医院」「跑遍各大医院」
                               "多家", "几家", "数家", "各家", "各大", "两家", "三家", "好几家"]
    static let genericWordBytes = genericWords.map { Array($0.utf8) }
    /// Whether a promoted name is an institution's (ends with an institution word), not a doctor's
    /// or a product's.
    static func isInstitution(_ name: String) -> Bool {
        institutionWord(endingOf: name) != nil
    }

    /// The institution word a folded name ends with, if any.
    static func institutionWord(endingOf name: String) -> String? {
        simplifiedInstitutionWords.first { name.hasSuffix($0) }
    }

    static func isGeneric(_ name: String) -> Bool {
        if name.hasSuffix("亚专科") { return true }
        // compared as bytes: String.contains(String) goes through Foundation's locale-aware search
        // (5% of a scan when every institution name was checked that way), and the generic
        // Collection.firstRange(of:) looks up type metadata on every call
        if containsAny(name, genericWordBytes) { return true }
        // names are folded: the traditional words never end one
        guard let w = institutionWord(endingOf: name) else { return false }
        return genericPrefixes.contains(String(name.dropLast(w.count)))
    }

    /// The most frequent name. The pattern runs only near institution words (a name is at most
    /// 12 Han characters and one context character before one), not over the whole page.
    /// A promoted name, how often the page names it, and its first mention.
    typealias Found = (name: String, count: Int, first: Range<Int>)

    /// A product, device or therapy under a quoted brand (「“海极星”聚焦超声系统」「『法植草』疗法」):
    /// the quoted name, then at most six characters, then what kind of thing it is. A quotation that
    /// holds the whole product (a notice's 宣传“速效益菌胶囊”) is not this form.
    static let productPattern = "[“\"「『]\\K[^”\"」』\\s，。,]{2,12}(?=[”\"」』]\\s*\\p{Han}{0,6}?(?:系统|疗法|技术|治疗仪|仪器|仪|胶囊|口服液|颗粒|冲剂|茶|膏|丸|片|贴|精华液|原液|疗程|项目|手术))"

    /// Scare quotes around a kind of treatment, not a brand (所谓“无痛”人流手术, “微创”技术).
    static let genericProducts: Set<String> = ["无痛", "微创", "无创", "绿色", "纯天然", "天然", "根治", "祖传", "特效", "神奇",
        "黑科技", "高科技", "网红", "一针", "传统", "进口", "新型", "秘方", "偏方", "神药", "全能", "万能", "速效"]

    /// A quoted phrase, not a brand: it holds a particle or a pronoun (「“为了婚纱照更好看”做了手术」, rc21).
    static func isPhrase(_ name: String) -> Bool {
        containsAny(name, phraseCharBytes)
    }

    /// Whether `name` holds any of `words` (UTF-8), compared as bytes.
    static func containsAny(_ name: String, _ words: [[UInt8]]) -> Bool {
        var n = name
        return n.withUTF8 { b in words.contains { UTF8Scan.contains(b, $0) } }
    }
    static let phraseCharBytes = ["了", "的", "更", "很", "为", "是", "吗", "呢", "吧", "啊", "我", "你", "他", "她", "都", "就"].map { Array($0.utf8) }

    /// A doctor by surname and title (王述荣医生, 胡教授): an advertorial for a doctor or a clinic
    /// without a name names the doctor again and again (rc18 tune half: 王医生 ×4, 胡教授 ×3 in pages
    /// that name no institution). Counted under surname and title, so 胡天宝教授 and 胡教授 are one,
    /// and only from `doctorMinCount` mentions: a report names its expert once or twice.
    /// A particle is never inside a name: 黑龙江的李院长 is 李院长, not 江的李院长 (rc19 tune half).
    static let doctorTitles = ["老中医", "医生", "医师", "大夫", "教授", "主任", "院长", "博士", "专家"]
    static let doctorPattern = "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
        + "陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭劉張葉蘇呂盧鍾譚陸範賈韋鄒閆龍賀顧龔萬錢嚴湯](?:(?![的是在了和与及])\\p{Han}){0,2}?(?:"
        + doctorTitleWords.joined(separator: "|") + ")"
    /// The titles a doctor match ends with, traditional forms included.
    static let doctorTitleWords = doctorTitles + ["老中醫", "醫生", "醫師", "院長", "專家"]
    static let titles = LeadIndex(doctorTitleWords)
    static let titlePairs = pairTable(doctorTitleWords)
    /// Bytes a doctor match begins before its title at most: a surname and two Han characters
    /// (a supplementary-plane character takes 4).
    static let doctorReach = 12

    /// The stretches of `text` a doctor match can lie in: each title with `doctorReach` bytes before
    /// it, overlapping ones joined. The pattern opens with a class of surnames, which gives PCRE2
    /// nothing to skip to: searched over the whole page it tried every Han character (on the bench
    /// corpus a tenth of the page-level context's time). Every match ends with a title and begins
    /// within reach of it, so the matches found in these stretches are the page's.
    static func titleWindows(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = text.baseAddress else { return [] }
        var out: [Range<Int>] = []
        let pairs = titlePairs
        var p = 0
        while p + 1 < text.count {
            if !pairs[Int(base[p]) << 8 | Int(base[p + 1])] { p += 1; continue }
            let n = titles.longestEntry(base, p, text.count)
            if n == 0 { p += 1; continue }
            var lo = max(0, p - doctorReach)
            while lo > 0 && text[lo] & 0xC0 == 0x80 { lo -= 1 }
            if let last = out.last, lo <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, p + n)
            } else {
                out.append(lo..<(p + n))
            }
            p += 1      // not past the title: another may begin inside it (老中医生)
        }
        return out
    }
    static let doctorMinCount = 3

    /// A remedy or therapy under its own quoted name (“保元汤”, “标本逆从法”), from its second mention.
    static let remedyPattern = "[“\"「『]\\K[^”\"」』\\s，。,]{1,8}(?:汤|散|丸|膏|丹|方|饮|疗法|法)(?=[”\"」』])"
    static let remedyMinCount = 2

    /// How a provider names itself in its own pages, counted together from `selfReferenceMinCount`.
    static let selfReferences = ["我院", "本院", "我们医院", "本医院", "我们诊所", "本诊所"]
    static let selfReferenceBytes = selfReferences.map { Array($0.utf8) }
    static let selfReferenceMinCount = 2

    /// The words a product's name ends in, by form (口服液, 胶囊, 精华液, 治疗仪): what a product
    /// advertorial names again and again without quotes. Forms that are also everyday nouns (片,
    /// 茶, 粉) are left out: 照片, 喝茶 and 奶粉 recur on any page.
    static let productForms = ["口服液", "软胶囊", "胶囊", "精华液", "精华素", "精华乳", "精华霜", "精华水", "原液", "颗粒", "冲剂",
        "喷雾剂", "喷雾", "软膏", "乳膏", "药膏", "面霜", "眼霜", "酵素", "固体饮料", "压片糖果", "代用茶", "养生茶",
        "孢子粉", "益生菌粉", "营养液", "治疗仪", "理疗仪", "按摩仪", "美容仪", "治疗贴", "膏药", "足贴", "贴剂",
        "軟膠囊", "膠囊", "精華液", "精華素", "顆粒", "噴霧", "軟膏", "治療儀", "理療儀", "按摩儀", "美容儀"]
    /// The forms as a byte trie and their first two bytes, as the institution words are searched.
    static let productFormIndex = LeadIndex(productForms)
    static let productLeadPairs = pairTable(productForms)
    /// Characters a product's name does not hold (particles, pronouns, measure words): the name is
    /// the Han run right before the form word, cut at the first of these.
    static let productNameStops: Set<UInt32> = Set("的了和与及或是在为把被将用给对从等种款类个这那该此其各每些本我你他她它们吃喝服抹涂贴买选中含有".unicodeScalars.map(\.value))
    /// Names of 2 to `productNameReach` characters before the form word are counted; a product is
    /// promoted from `productMinCount` mentions under one name (a review or a notice names a product
    /// once or twice).
    static let productNameReach = 6
    static let productMinCount = 3

    /// The product the page names most often, from `productMinCount` mentions: for each form word,
    /// every name of 2 to `productNameReach` Han characters before it is counted, and of the names
    /// named most often the longest is the product's (纳豆激酶口服液, not 激酶口服液).
    /// On the page's bytes: form words found by their first two bytes and the trie, the name read
    /// back a character at a time; a String is made only for a name that is counted.
    static func recurringProduct(in text: UnsafeBufferPointer<UInt8>, fold: (String) -> String) -> Found? {
        guard let base = text.baseAddress else { return nil }
        var counts: [String: (count: Int, first: Range<Int>, chars: Int)] = [:]
        var p = 0
        while p + 1 < text.count {
            guard productLeadPairs[Int(base[p]) << 8 | Int(base[p + 1])] else { p += 1; continue }
            let n = productFormIndex.longestEntry(base, p, text.count)
            if n == 0 { p += 1; continue }
            // back over the Han run before the form word, to a stop character or productNameReach
            // characters, counting every name of two characters or more on the way (激酶口服液,
            // 豆激酶口服液, 纳豆激酶口服液); a name's length is in characters, the form's included
            var chars = 0
            var q = p
            while chars < productNameReach, q > 0 {
                var lead = q - 1
                while lead > 0, text[lead] & 0xC0 == 0x80 { lead -= 1 }
                let (v, m) = UTF8Scan.decode(text, lead)
                guard lead + m == q, Han.contains(v), !productNameStops.contains(v) else { break }
                q = lead
                chars += 1
                guard chars >= 2 else { continue }
                let key = fold(UTF8Scan.string(text, from: q, to: p + n))
                if let e = counts[key] { counts[key] = (e.count + 1, e.first, e.chars) } else { counts[key] = (1, q..<(p + n), chars + n / 3) }
            }
            p += n
        }
        guard let top = counts.values.map(\.count).max(), top >= productMinCount else { return nil }
        let best = counts.filter { $0.value.count == top }.max { $0.value.chars != $1.value.chars
            ? $0.value.chars < $1.value.chars : $0.key > $1.key }!
        return (best.key, best.value.count, best.value.first)
    }

    /// Forms a drug or supplement's generic name ends with on its label (枯草杆菌二联活菌颗粒), as UTF-8.
    static let labelForms = ["颗粒", "胶囊", "片", "口服液", "注射液", "软膏", "乳膏", "滴眼液", "喷雾剂", "散", "丸", "贴",
        "糖浆", "混悬液", "冲剂", "滴剂", "凝胶", "栓", "粉", "膠囊", "顆粒", "軟膏", "噴霧劑"].map { Array($0.utf8) }

    /// A product named the way its label names it, brand first and generic name in brackets
    /// (妈咪爱(枯草杆菌二联活菌颗粒)), whose brand the page names again and again: a drug or
    /// supplement soft article's subject, which `recurringProduct` misses (the form word is the
    /// generic name's, not the brand's). The brand is the end of the Han run before the bracket,
    /// 2 to `productNameReach` characters, at the length the page repeats most (服用妈咪爱 → 妈咪爱).
    static func bracketedBrand(in text: UnsafeBufferPointer<UInt8>, fold: (String) -> String) -> Found? {
        guard let base = text.baseAddress else { return nil }
        var best: Found? = nil
        var p = 0
        while p < text.count {
            // an opening bracket, ASCII or full-width (EF BC 88)
            let open: Int
            if base[p] == 0x28 { open = 1 } else if p + 2 < text.count, base[p] == 0xEF, base[p + 1] == 0xBC, base[p + 2] == 0x88 { open = 3 } else { p += 1; continue }
            defer { p += open }
            // the bracket's content: Han only, up to a closing bracket, ending in a label form
            var q = p + open, chars = 0
            while q < text.count, chars <= 20 {
                let (v, m) = UTF8Scan.decode(text, q)
                guard Han.contains(v) else { break }
                q += m
                chars += 1
            }
            guard chars >= 2, chars <= 20, q < text.count,
                  base[q] == 0x29 || (q + 2 < text.count && base[q] == 0xEF && base[q + 1] == 0xBC && base[q + 2] == 0x89),
                  labelForms.contains(where: { UTF8Scan.endsWith(text, at: q, $0) }) else { continue }
            // the Han run before the bracket, its last 2...productNameReach characters as names
            var starts: [Int] = []
            var r = p
            while starts.count < productNameReach, r > 0 {
                var lead = r - 1
                while lead > 0, text[lead] & 0xC0 == 0x80 { lead -= 1 }
                let (v, m) = UTF8Scan.decode(text, lead)
                guard lead + m == r, Han.contains(v), !productNameStops.contains(v) else { break }
                r = lead
                starts.append(r)
            }
            for s in starts.dropFirst() {
                let name = Array(UnsafeBufferPointer(rebasing: text[s..<p]))
                var count = 0, at = 0
                while let hit = UTF8Scan.range(of: name, in: text, from: at) { count += 1; at = hit.upperBound }
                guard count >= productMinCount else { continue }
                if best == nil || count > best!.count || (count == best!.count && s..<p != best!.first && p - s > best!.first.count) {
                    best = (fold(UTF8Scan.string(text, from: s, to: p)), count, s..<p)
                }
            }
        }
        return best
    }

    /// `unquotedProducts`: whether a product named again and again without quotes counts
    /// (`recurringProduct`).
    /// `product`: the quoted-brand pattern (`productPattern`), whose names count beside the
    /// institutions'; `doctor` and `remedy` (`doctorPattern`, `remedyPattern`) count from their
    /// minimum. `fold` maps a name to the form it is counted under (traditional 診所 and
    /// simplified 诊所 are one name).
    static func find(in text: UnsafeBufferPointer<UInt8>, pattern: AdscanMatch.Regex?, product: AdscanMatch.Regex? = nil,
                     doctor: AdscanMatch.Regex? = nil, remedy: AdscanMatch.Regex? = nil, unquotedProducts: Bool = true,
                     fold: (String) -> String = { $0 }) -> Found? {
        guard let re = pattern, let base = text.baseAddress else { return nil }
        var counts: [String: (Int, Range<Int>)] = [:]
        let data = MatchData()
        var searched = 0                     // matches are searched for from here on
        var p = 0
        let pairs = leadPairs
        while p < text.count {
            if p + 1 >= text.count || !pairs[Int(base[p]) << 8 | Int(base[p + 1])] { p += 1; continue }
            let n = suffixes.longestEntry(base, p, text.count)
            if n == 0 { p += 1; continue }
            // the window: 13 characters (39 bytes) before the word, through the word and any
            // institution words right after it (a name holds up to 12: 重庆市南川金佛山中医医院)
            var end = p + n
            while end < text.count, case let m = suffixes.longestEntry(base, end, text.count), m > 0 { end += m }
            var from = max(searched, p - 39)
            while from > 0 && from < text.count && text[from] & 0xC0 == 0x80 { from -= 1 }
            if from < end {
                re.forEachMatch(in: UnsafeBufferPointer(rebasing: text[0..<end]), from: from, to: end, data: data) { s, e0 in
                    // the lazy name stops at the first institution word: 某某眼科医院 is one name, not 某某眼科
                    var e = e0
                    if specialtyWords.contains(where: { UTF8Scan.endsWith(text, at: e0, $0) }) {
                        while e < end, case let m = suffixes.longestEntry(base, e, text.count), m > 0 { e += m }
                    }
                    searched = max(searched, e)
                    if isOutpatientModifier(text, end: e) { return }
                    let name = fold(UTF8Scan.string(text, from: s, to: e))
                    if isGeneric(name) { return }
                    if let c = counts[name] { counts[name] = (c.0 + 1, c.1) } else { counts[name] = (1, s..<e) }
                }
            }
            searched = max(searched, end)
            p = end
        }
        // one provider under its short and its long name (某某眼科, 某某眼科医院): counted under the
        // long one, whose last word says what kind of provider it is (in the order the page first
        // names them: a dictionary's own order changes from run to run). Only a specialty word ends
        // a short name with a long one (the lazy name stops at any other institution word), so a
        // page naming none is not sorted.
        let shortNames = counts.count > 1 && counts.keys.contains { n in simplifiedSpecialtyWords.contains { n.hasSuffix($0) } }
        for name in shortNames ? counts.keys.sorted(by: { (counts[$0]!.1.lowerBound, $0) < (counts[$1]!.1.lowerBound, $1) }) : [] {
            guard let c = counts[name], let w = institutionWord(endingOf: name) else { continue }
            let short = String(name.dropLast(w.count))
            guard institutionWord(endingOf: short) != nil, let s = counts[short] else { continue }
            counts[name] = (s.0 + c.0, s.1.lowerBound <= c.1.lowerBound ? s.1 : c.1)
            counts[short] = nil
        }
        if let product {
            product.forEachMatch(in: text, from: 0, to: text.count, data: data) { s, e in
                let name = fold(UTF8Scan.string(text, from: s, to: e))
                if genericProducts.contains(name) || isPhrase(name) { return }
                if let c = counts[name] { counts[name] = (c.0 + 1, c.1) } else { counts[name] = (1, s..<e) }
            }
        }
        // a product named again and again without quotes (纳豆激酶口服液 ×9, 某某防脱精华液 ×4):
        // a product advertorial's subject, as an institution is a clinic's
        if unquotedProducts, let (name, count, first) = recurringProduct(in: text, fold: fold), (counts[name]?.0 ?? 0) < count {
            counts[name] = (count, first)
        }
        // a drug or supplement named brand first, generic name in brackets, and again and again:
        // on any page (a science page explains by the generic name; the brand with its label's
        // generic name after it is how a product's own copy names it)
        if let (name, count, first) = bracketedBrand(in: text, fold: fold), !genericProducts.contains(name),
           (counts[name]?.0 ?? 0) < count {
            counts[name] = (count, first)
        }
        // doctors and remedies, kept only where they recur
        var recurring: [String: (Int, Range<Int>)] = [:]
        if let doctor {
            for w in titleWindows(text) {
                doctor.forEachMatch(in: UnsafeBufferPointer(rebasing: text[0..<w.upperBound]), from: w.lowerBound,
                                    to: w.upperBound, data: data) { s, e in
                    let name = fold(UTF8Scan.string(text, from: s, to: e))
                    guard let surname = name.first, let title = doctorTitles.first(where: { name.hasSuffix($0) }) else { return }
                    let key = String(surname) + title
                    if let c = recurring[key] { recurring[key] = (c.0 + 1, c.1) } else { recurring[key] = (1, s..<e) }
                }
            }
            for (k, v) in recurring where v.0 >= doctorMinCount && (counts[k]?.0 ?? 0) < v.0 { counts[k] = v }
            recurring.removeAll()
        }
        if let remedy {
            remedy.forEachMatch(in: text, from: 0, to: text.count, data: data) { s, e in
                let name = fold(UTF8Scan.string(text, from: s, to: e))
                if genericProducts.contains(name) { return }
                if let c = recurring[name] { recurring[name] = (c.0 + 1, c.1) } else { recurring[name] = (1, s..<e) }
            }
            for (k, v) in recurring where v.0 >= remedyMinCount && (counts[k]?.0 ?? 0) < v.0 { counts[k] = v }
        }
        // the provider speaking of itself (我院 ×3, 本院): a page in its own voice promotes it even
        // where no name is left in the text a crawler keeps (rc19 tune half: a 专访 with 我院 three times)
        var selfCount = 0
        var selfFirst: Range<Int>? = nil
        for w in selfReferenceBytes {
            var at = 0
            while let r = UTF8Scan.range(of: w, in: text, from: at) {
                selfCount += 1
                if selfFirst == nil || r.lowerBound < selfFirst!.lowerBound { selfFirst = r }
                at = r.upperBound
            }
        }
        if selfCount >= selfReferenceMinCount, let first = selfFirst, (counts["我院"]?.0 ?? 0) < selfCount {
            counts["我院"] = (selfCount, first)
        }
        guard let best = counts.max(by: { $0.value.0 != $1.value.0 ? $0.value.0 < $1.value.0 : $0.key > $1.key }) else { return nil }
        return (best.key, best.value.0, best.value.1)
    }
}
