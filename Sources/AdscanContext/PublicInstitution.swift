import AdscanMatch
import AdscanNormalize

/// Whether a page is about public institutions only: it names a public hospital, health centre
/// or disease-control body (人民医院, 大学附属…医院, 省…医院, 卫生院, 疾控中心) and no private-style
/// provider (a disease- or specialty-named hospital, 门诊部, 诊所, 医疗美容, 中医馆 …). A public
/// hospital's own news and a report about it are what real news pages look like; the advertorials
/// that regulators cite promote a private provider (set 9: 3 of 29 real advertorials name a public
/// body and no private one, 20 of 41 genuine pages do). Run on the folded page, so 醫院 is 医院.
struct PublicInstitution {
    static let publicPattern = "(?:\\p{Han}{2,8}?(?:人民医院|中心医院|妇幼保健院|卫生院)|疾病预防控制中心|疾控中心|\\p{Han}{0,6}?(?:大学|医科大学|医学院)(?:附属|第[一二三四五六七八九]附属)\\p{Han}{0,8}?医院|\\p{Han}{2,3}省(?![城内外会里])(?:(?!的)\\p{Han}){1,6}?医院|(?:市|区|县)第[一二三四五六七八九十]+医院)"
    static let privatePattern = "(?:病|科|肛肠|整形|美容|不孕不育|口腔|骨伤|男子|女子)医院|门诊部|诊所|医疗美容|中医馆|国医馆|研究院|研究所|健康管理中心|养生馆|美容院|医美"

    private let publicName: Regex?
    private let privateName: Regex?

    init() {
        publicName = try? Regex(Self.publicPattern)
        privateName = try? Regex(Self.privatePattern)
    }

    /// The first public name when the folded page names public bodies only, else nil.
    func onlyPublic(_ folded: String) -> String? {
        guard let pub = publicName, let priv = privateName else { return nil }
        var page = folded
        return page.withUTF8 { b -> String? in
            let data = MatchData()
            if priv.matches(in: b, from: 0, to: b.count, data: data) { return nil }
            var first: String?
            pub.forEachMatch(in: b, from: 0, to: b.count, data: data) { s, e in
                if first == nil { first = UTF8Scan.string(b, from: s, to: e) }
            }
            return first
        }
    }
}
