import AdscanMatch
import AdscanNormalize

/// Whether a page is about public institutions only: it names a public hospital, health centre
/// or disease-control body (人民医院, 大学附属…医院, 省…医院, 卫生院, 疾控中心) and no private-style
/// provider (a disease- or specialty-named hospital, 门诊部, 诊所, 医疗美容, 中医馆 …). A public
/// hospital's own news and a report about it are what real news pages look like; the advertorials
/// that regulators cite promote a private provider (set 9: 3 of 29 real advertorials name a public
/// body and no private one, 20 of 41 genuine pages do). A page that names a doctor's former post at
/// one (原…人民医院…主任) lends its standing to someone else's product. Run on the folded page, so 醫院 is 医院.
struct PublicInstitution {
    private let publicName: Regex?
    private let privateName: Regex?
    private let credential: Regex?

    /// The rule pack's `institutions` (lexicons/genre.yaml), compiled with the pack. Without
    /// public names the check is off.
    init(publicName: Regex?, privateName: Regex?, credential: Regex? = nil) {
        self.publicName = publicName
        self.privateName = privateName
        self.credential = credential
    }

    /// The first public name when the folded page names public bodies only, else nil. A private-style
    /// name right after a public one is that hospital's department (人民医院医疗美容科, 附属医院口腔科),
    /// not a private provider.
    func onlyPublic(_ folded: String) -> String? {
        guard let pub = publicName else { return nil }
        var page = folded
        return page.withUTF8 { b -> String? in
            let data = MatchData()
            guard let first = pub.firstMatch(in: b, from: 0, to: b.count, data: data) else { return nil }
            // a former post at a public hospital is a credential lent to whoever the page promotes
            if let c = credential, c.firstMatch(in: b, from: 0, to: b.count, data: data) != nil { return nil }
            if namesPrivate(b, data) { return nil }
            return UTF8Scan.string(b, from: Self.nameStart(first.lowerBound, in: b), to: first.upperBound)
        }
    }

    /// Whether the folded page names a private-style provider (not a public hospital's department).
    func namesPrivate(_ folded: String) -> Bool {
        var page = folded
        return page.withUTF8 { namesPrivate($0, MatchData()) }
    }

    private func namesPrivate(_ b: UnsafeBufferPointer<UInt8>, _ data: MatchData) -> Bool {
        guard let priv = privateName else { return false }
        var at = 0
        while at < b.count, let p = priv.firstMatch(in: b, from: at, to: b.count, data: data) {
            if let pub = publicName, isDepartment(p, of: pub, in: b, data: data) {
                at = Self.after(p, in: b)
                continue
            }
            // a kind or a crowd, not one provider: 「北京各大眼科医院」「一些诊所」
            // (the pattern starts at the suffix, 科医院 of 各大眼科医院: the word is looked for up to
            // three characters before it)
            if PromotedEntity.genericWordBytes.contains(where: { w in (0...3).contains { UTF8Scan.endsWith(b, at: p.lowerBound - 3 * $0, w) } }) {
                at = Self.after(p, in: b)
                continue
            }
            return true
        }
        return false
    }

    /// Where the name shown for a match that begins at its suffix starts: up to `reach` Han
    /// characters before it (the pack's patterns begin at the suffix, 人民医院, with the place before
    /// it only looked behind at: 市第一 of 市第一人民医院).
    static func nameStart(_ s: Int, in b: UnsafeBufferPointer<UInt8>, reach: Int = nameReach) -> Int {
        var at = s
        for _ in 0..<reach {
            var i = at - 1
            while i > 0, b[i] & 0xC0 == 0x80 { i -= 1 }
            guard i >= 0, Han.contains(UTF8Scan.decode(b, i).0) else { break }
            at = i
        }
        return at
    }
    static let nameReach = 6
    /// 附属, which makes a university's name an affiliate's.
    static let affiliate = Array("附属".utf8)

    /// Where the next search starts: past the match, or past one character where it was empty (the
    /// names are pack data), never inside a character.
    private static func after(_ m: Range<Int>, in b: UnsafeBufferPointer<UInt8>) -> Int {
        guard m.isEmpty else { return m.upperBound }
        var i = m.upperBound + 1
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// Whether a public name ends where the private-style name begins or inside it (人民医院医疗美容科;
    /// 人民医院的医疗美容科 is a sentence that may go on to name anyone).
    private func isDepartment(_ p: Range<Int>, of pub: Regex, in b: UnsafeBufferPointer<UInt8>, data: MatchData) -> Bool {
        // a public name within the 30 bytes before the private one, ending at its start; the
        // search starts on a character's first byte (PCRE2 runs without its UTF check)
        var at = max(0, p.lowerBound - 30)
        while at > 0, b[at] & 0xC0 == 0x80 { at -= 1 }
        while at < p.lowerBound, let m = pub.firstMatch(in: b, from: at, to: p.upperBound, data: data) {
            if m.upperBound == p.lowerBound || (m.upperBound < p.upperBound && m.upperBound > p.lowerBound) { return true }
            // the private-style suffix is the public name's own end (新乡市口腔医院, 中国中医科学院眼科医院),
            // unless the name is an affiliate's (某大学附属某某眼科医院: private chains style branches so)
            if m.lowerBound <= p.lowerBound && m.upperBound == p.upperBound,
               !UTF8Scan.contains(UnsafeBufferPointer(rebasing: b[m.lowerBound..<p.lowerBound]), Self.affiliate) { return true }
            if m.lowerBound >= p.lowerBound { break }
            at = Self.after(m, in: b)
        }
        return false
    }
}
