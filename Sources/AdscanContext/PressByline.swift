import AdscanMatch
import AdscanNormalize

/// Whether a page runs under a news outlet's byline (来源：环球网, 人民日报健康客户端记者, 交汇点讯).
/// Real advertorials seldom carry one and real news often does (private sets 10-13, tune halves:
/// 1 of 63 advertorials, 17 of 163 news pages): a page under one is reported journalism, and its
/// page-level disguised-ad reading is withdrawn; the claims in it are judged as before. Run on the
/// folded page, so 記者 is 记者.
struct PressByline {
    private let byline: Regex?

    /// The rule pack's `institutions.press` (lexicons/genre.yaml); without it the check is off.
    init(_ byline: Regex?) { self.byline = byline }

    /// Whether a byline is a source line (来源：…) or a dateline (本报讯, …日电): the forms an
    /// advertorial does not take, unlike an outlet named in its text (央视网报道过).
    static func isSourceOrDateline(_ by: String) -> Bool {
        by.hasPrefix("来源") || by.hasPrefix("稿源") || by.contains("讯") || by.contains("日电")
    }

    /// The first byline in the folded page, or nil.
    func find(_ folded: String) -> String? {
        guard let byline else { return nil }
        var page = folded
        return page.withUTF8 { b -> String? in
            guard let m = byline.firstMatch(in: b, from: 0, to: b.count, data: MatchData()) else { return nil }
            return UTF8Scan.string(b, from: m.lowerBound, to: m.upperBound)
        }
    }
}
