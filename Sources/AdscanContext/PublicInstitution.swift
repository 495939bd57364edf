import AdscanMatch
import AdscanNormalize

/// Whether a page is about public institutions only: it names a public hospital, health centre
/// or disease-control body (人民医院, 大学附属…医院, 省…医院, 卫生院, 疾控中心) and no private-style
/// provider (a disease- or specialty-named hospital, 门诊部, 诊所, 医疗美容, 中医馆 …). A public
/// hospital's own news and a report about it are what real news pages look like; the advertorials
/// that regulators cite promote a private provider (set 9: 3 of 29 real advertorials name a public
/// body and no private one, 20 of 41 genuine pages do). Run on the folded page, so 醫院 is 医院.
struct PublicInstitution {
    private let publicName: Regex?
    private let privateName: Regex?

    /// The rule pack's `institutions` (lexicons/genre.yaml), compiled with the pack. Without
    /// public names the check is off.
    init(publicName: Regex?, privateName: Regex?) {
        self.publicName = publicName
        self.privateName = privateName
    }

    /// The first public name when the folded page names public bodies only, else nil.
    func onlyPublic(_ folded: String) -> String? {
        guard let pub = publicName else { return nil }
        var page = folded
        return page.withUTF8 { b -> String? in
            let data = MatchData()
            if let priv = privateName, priv.matches(in: b, from: 0, to: b.count, data: data) { return nil }
            return pub.firstMatch(in: b, from: 0, to: b.count, data: data).map { UTF8Scan.string(b, from: $0.lowerBound, to: $0.upperBound) }
        }
    }
}
