import AdscanMatch
import AdscanModel
import AdscanNormalize
import AdscanRules

/// Decides whether a candidate is a claim or text ABOUT a claim (a regulator's notice, a
/// prohibition frame, a mandated statement), and turns candidates into reportable Findings
/// with line, column, Unicode-scalar offsets and a context snippet, all in ORIGINAL text.
public struct ContextGate: Sendable {
    public let compiled: CompiledRuleSet
    /// Characters of context on each side of a match.
    public var contextChars = 24
    /// At most this many findings per record; the rest are counted as truncated.
    public var maxFindings = 1000
    /// One finding per claim (see resolveFamilies); the rule-example checker turns it off to see
    /// each rule's own findings.
    public var resolveOverlaps = true

    /// How far (bytes) a negation reaches forward in its clause: about twenty Chinese characters
    /// (「没有任何食品、保健品或者家用理疗产品被证明可以替代降压药」).
    static let negationReach = 60
    private let partFinder: PartFinder
    private let cueClaims: CueClaims
    /// Per suppressor: its promise words as UTF-8 (negations only).
    private let promises: [[[UInt8]]]   // folded
    private let hasEnumeration: Bool
    /// Sentence-final question particles (suppressor id, folded UTF-8).
    private let questionMarkers: [(String, [UInt8])]
    private let genres: GenreClassifier
    /// The genres the claim model reads (empty: all).
    private let modelGenres: Set<String>
    /// Per genre rule: the feature slots (and ids) of its `form_features`.
    private let formSlots: [[(slot: Int, name: String)]]
    /// Rules of scope `genre`, and the pattern that names the entity a page promotes.
    private let genreRules: [Int]
    /// The genres some genre rule is hosted by (`host_genres`: a science page can be an advertorial).
    private let hostGenres: Set<String>
    /// Per suppressor and marker: a `clause_before` frame of `listFrames` (looked up once here,
    /// not by string per candidate).
    private let listFrameMarker: [[Bool]]
    /// The genre model's call-to-action feature (电话, 预约, 挂号…), when the pack defines it.
    private let ctaSlot: Int?
    private let publicInstitution: PublicInstitution
    private let pressByline: PressByline
    /// institutions.speaker: a provider named as the employer of the page's advising doctor.
    private let speakers: AdscanMatch.Regex?
    /// Genre feature slots whose markers make a page naming public bodies only their news, and
    /// the shortest such page (institutions.news_features, news_min_bytes).
    private let publicNewsSlots: [Int]
    private let publicNewsMinBytes: Int
    /// Genres read as knowledge where a page promotes no one, the feature slots that are promotion,
    /// and the shortest such page (institutions.knowledge_genres, promotion_features, knowledge_min_bytes).
    private let knowledgeGenres: Set<String>
    private let promotionSlots: [Int]
    private let knowledgeMinBytes: Int
    private let knowledgeRules: Set<String>
    private let promotedEntity: AdscanMatch.Regex?
    private let promotedProduct: AdscanMatch.Regex?
    private let promotedDoctor: AdscanMatch.Regex?
    private let promotedRemedy: AdscanMatch.Regex?
    /// Rules that report parts, a severity per class or belong to a family (the rest skip that work).
    private let composed: [Bool]
    /// Rule id → its family.
    private let familyOf: [String: String]
    /// Rule index → the claim it counts as in the genre's `claims` feature: its family, or its own
    /// id where it has none (rules of one family count once), numbered.
    private let claimKey: [Int]

    public init(_ compiled: CompiledRuleSet) {
        self.compiled = compiled
        partFinder = PartFinder(compiled.wordListIndexes)
        cueClaims = CueClaims(compiled, partFinder: partFinder)
        promises = compiled.ruleSet.suppressors.map { s in s.promises.map { Array(compiled.normalizer.table.fold($0).utf8) } }
        hasEnumeration = compiled.ruleSet.suppressors.contains { $0.scope == .enumeration }
        questionMarkers = compiled.ruleSet.suppressors.filter { $0.scope == .question }
            .flatMap { s in s.markers.map { (s.id, Array(compiled.normalizer.table.fold($0).utf8)) } }
        genres = GenreClassifier(compiled.ruleSet)
        modelGenres = Set(compiled.ruleSet.claimModel.genres)
        genreRules = compiled.ruleSet.rules.indices.filter { compiled.ruleSet.rules[$0].scope == .genre }
        hostGenres = Set(genreRules.flatMap { compiled.ruleSet.rules[$0].hostGenres })
        listFrameMarker = compiled.ruleSet.suppressors.map { s in s.markers.map { s.scope == .clauseBefore && Self.listFrames.contains($0) } }
        ctaSlot = genres.featureNames.firstIndex(of: "f_cta")
        formSlots = genreRules.map { [genres] ri in
            compiled.ruleSet.rules[ri].formFeatures.compactMap { f in
                genres.featureNames.firstIndex(of: f).map { (slot: $0, name: f) }
            }
        }
        promotedEntity = try? AdscanMatch.Regex(PromotedEntity.pattern)
        promotedProduct = try? AdscanMatch.Regex(PromotedEntity.productPattern)
        promotedDoctor = try? AdscanMatch.Regex(PromotedEntity.doctorPattern)
        promotedRemedy = try? AdscanMatch.Regex(PromotedEntity.remedyPattern)
        publicInstitution = PublicInstitution(publicName: compiled.publicNames, privateName: compiled.privateNames,
                                              credential: compiled.credentials)
        pressByline = PressByline(compiled.pressBylines)
        speakers = compiled.speakers
        publicNewsSlots = compiled.ruleSet.institutions.newsFeatures.compactMap { [genres] in genres.featureNames.firstIndex(of: $0) }
        publicNewsMinBytes = compiled.ruleSet.institutions.newsMinBytes
        knowledgeGenres = Set(compiled.ruleSet.institutions.knowledgeGenres)
        promotionSlots = compiled.ruleSet.institutions.promotionFeatures.compactMap { [genres] in genres.featureNames.firstIndex(of: $0) }
        knowledgeMinBytes = compiled.ruleSet.institutions.knowledgeMinBytes
        knowledgeRules = Set(compiled.ruleSet.institutions.knowledgeRules)
        familyOf = Dictionary(compiled.ruleSet.rules.compactMap { r in r.family.map { (r.id, $0) } }, uniquingKeysWith: { a, _ in a })
        // a family may be named after its first rule (CLM-USE.paragraph is of family CLM-USE)
        var keys: [String: Int] = [:]
        claimKey = compiled.ruleSet.rules.map { r in
            let name = r.family ?? r.id
            if let k = keys[name] { return k }
            keys[name] = keys.count
            return keys.count - 1
        }
        composed = compiled.ruleSet.rules.map { !$0.partRoles.isEmpty || !$0.severityByClass.isEmpty || $0.sloganSeverity != nil || $0.family != nil || $0.impliesClass != nil }
    }

    /// The reportable findings of a record (suppressed ones carry `suppressedBy`).
    /// `validUTF8`: the record has no invalid bytes (its snippets are then copied as they are;
    /// otherwise they are repaired the way String(decoding:) repairs).
    public func findings(for result: MatchResult, text: UnsafeBufferPointer<UInt8>,
                         validUTF8: Bool = false) -> (findings: [Finding], truncated: Bool) {
        let r = assess(result, text: text, validUTF8: validUTF8)
        return (r.findings, r.truncated)
    }

    /// What the gate reads of a record as a whole before it judges claims: the document markers'
    /// suppression and the genre. Read once, before the claim model runs, and handed to `assess`:
    /// the model's candidates change neither (they are no clause rule's).
    public struct DocumentReading: Sendable {
        let markerReason: String?
        let read: (genre: Genre, features: [Double])?
    }

    public func readDocument(_ result: MatchResult, text: UnsafeBufferPointer<UInt8>) -> DocumentReading {
        DocumentReading(markerReason: documentSuppression(result, text: text), read: classify(result, bytes: text.count))
    }

    /// Whether the claim model reads a record: not one a document marker or the genre makes a
    /// discussion of claims (`assess` would suppress every claim of it), and, where the model names
    /// genres, one of them.
    public func claimModelReads(_ r: DocumentReading) -> Bool {
        if r.markerReason != nil { return false }
        guard let g = r.read?.genre else { return true }
        if genres.suppresses(g) { return false }
        return modelGenres.isEmpty || modelGenres.contains(g.id)
    }

    /// The genre, from the markers, the length and the number of distinct clause rules that matched.
    private func classify(_ result: MatchResult, bytes: Int) -> (genre: Genre, features: [Double])? {
        genres.classify(result.markers, bytes: bytes, claimRules: clauseRuleCount(result))
    }

    /// Distinct claims, not distinct rules: the rules of one family (eleven read a disease and a
    /// treatment) count once, so that a finer rule added to a family does not move a record's genre.
    private func clauseRuleCount(_ result: MatchResult) -> Int {
        let rules = compiled.ruleSet.rules
        var claims = Set<Int>()
        for c in result.candidates where rules[c.rule].scope == .clause { claims.insert(claimKey[c.rule]) }
        return claims.count
    }

    /// The record's findings and its genre (`reading`: the record's document reading, when the
    /// caller already has it).
    public func assess(_ result: MatchResult, text: UnsafeBufferPointer<UInt8>,
                       validUTF8: Bool = false, reading: DocumentReading? = nil) -> (findings: [Finding], truncated: Bool, genre: Genre?) {
        let rules = compiled.ruleSet.rules
        let read = reading.map(\.read) ?? classify(result, bytes: text.count)
        let genre = read?.genre
        // a record whose only candidates are cues (「这个」「喝了」 are everywhere) has no claim to judge
        let hasClaim = result.candidates.contains { !cueClaims.cueRules[$0.rule] }
        // (or a page of a host genre: a science piece can promote a private provider by name alone)
        guard hasClaim || genre.map(advertorialRule) != nil || genre.map({ hostGenres.contains($0.id) }) == true
        else { return ([], false, genre) }
        let suppressors = compiled.ruleSet.suppressors
        var documentReason = reading.map(\.markerReason) ?? documentSuppression(result, text: text)
        // the genre's reason apart: rules that outlive the genre answer to the markers only
        var genreReason: String?
        if documentReason == nil, let g = genre, genres.suppresses(g) {
            documentReason = GenreClassifier.reading(g) + (g.evidence.isEmpty ? "" : " (\(g.evidence.joined(separator: ", ")))")
            genreReason = documentReason
        }
        var outlived: [Int] = []

        let slogan = Slogan.isOne(text)
        var findings: [Finding] = []
        findings.reserveCapacity(min(result.candidates.count, maxFindings))
        var truncated = false
        // candidates read in place and findings made in the array: a copy of either retains
        // every string it holds
        result.candidates.withUnsafeBufferPointer { cs in
            for c in cs {
                if cueClaims.cueRules[c.rule] { continue }
                if findings.count >= maxFindings { truncated = true; break }
                // the rule's metadata alone: a copy of the whole Rule would retain all of its arrays
                var meta = rules[c.rule].meta
                if let implied = rules[c.rule].impliesClass {
                    let cls = namedClass(rules[c.rule], result.adClasses, besides: implied) ?? implied
                    if let l = rules[c.rule].lawByClass[cls] { meta.law = l; meta.lawText = rules[c.rule].lawTextByClass[cls] }
                } else if !rules[c.rule].lawByClass.isEmpty {
                    for ci in result.adClasses {
                        let id = compiled.ruleSet.adClasses[ci].id
                        if let l = rules[c.rule].lawByClass[id] {
                            meta.law = l
                            // the class's own provision text (never the default article's text under another citation)
                            meta.lawText = rules[c.rule].lawTextByClass[id]
                            break
                        }
                    }
                }
                findings.append(Finding(rule: meta, match: UTF8Scan.string(text, from: c.start, to: c.end), start: c.start, end: c.end))
                let k = findings.count - 1
                findings[k].via = c.via
                findings[k].normalizedMatch = compiled.normalizer.table.fold(UnsafeBufferPointer(rebasing: text[c.start..<c.end]))
                if !c.evidence.isEmpty {
                    findings[k].evidence = c.evidence.map {
                        Evidence(role: $0.role, match: UTF8Scan.string(text, from: $0.range.lowerBound, to: $0.range.upperBound),
                                 start: $0.range.lowerBound, end: $0.range.upperBound)
                    }
                }
                let outlives = genreReason != nil && rules[c.rule].outlivesGenre
                findings[k].suppressedBy = clauseSuppression(c, result.clauseMarkers, suppressors: suppressors, text: text)
                    ?? enumerationSuppression(c, result.clauseMarkers, suppressors: suppressors, text: text)
                    ?? questionSuppression(c, text: text)
                    ?? quotedListSuppression(c, genre: genre, text: text)
                    ?? termListSuppression(c, text: text)
                    ?? reportedSuppression(c, result.clauseMarkers, suppressors: suppressors, genre: genre, text: text)
                    ?? (outlives ? nil : documentReason)
                if outlives, findings[k].suppressedBy == nil { outlived.append(k) }
                if composed[c.rule] { compose(&findings[k], rules[c.rule], result.adClasses, slogan: slogan) }
            }
        }
        echoQuotedMentions(&findings, text: text)
        if hasClaim && cueClaims.hasCueRules {
            let derived = cueClaims.derive(from: findings, candidates: result.candidates, classes: result.adClasses, text: text)
            findings.append(contentsOf: derived.prefix(max(0, maxFindings - findings.count)))
        }
        // the genre lowers active errors to warnings outside the ad genres, then active warnings to
        // info in the reporting genres (an error lowered twice names the last reading); a reason is
        // written only for a record that has a finding to lower
        if let g = genre {
            func lower(_ from: Severity, to: Severity, _ reason: (Genre) -> String?) {
                guard findings.contains(where: { $0.severity == from && $0.suppressedBy == nil }), let why = reason(g) else { return }
                for k in findings.indices where findings[k].severity == from && findings[k].suppressedBy == nil {
                    findings[k].severity = to
                    findings[k].downgradedBy = why
                }
            }
            lower(.error, to: .warning, genres.errorDowngrade)
            lower(.warning, to: .info, genres.warningDowngrade)
        }
        // the page folded at most once, and only for a record with an error or a page finding to
        // judge: whether it names public bodies only (two searches of it, read once) and whether it
        // runs under a news outlet's byline (one search, for a page finding only)
        var foldedPage: String?
        func folded() -> String {
            if let f = foldedPage { return f }
            let f = PinyinGloss.strip(compiled.normalizer.table.fold(text))
            foldedPage = f
            return f
        }
        // the entity the page promotes, searched at most once (the knowledge reading and the page finding)
        var promotedMemo: PromotedEntity.Found??
        func promoted() -> PromotedEntity.Found? {
            if let known = promotedMemo { return known }
            // a product named again and again without quotes only on a page read as an advertorial:
            // a science or news page explains a product by name as often as a product's story sells it
            let e = PromotedEntity.find(in: text, pattern: promotedEntity, product: promotedProduct,
                                        doctor: promotedDoctor, remedy: promotedRemedy,
                                        unquotedProducts: genre?.id == "advertorial", fold: compiled.normalizer.table.fold)
            promotedMemo = .some(e)
            return e
        }
        // the news outlet's byline on the page, searched at most once (public news, the claims, the page finding)
        var bylineMemo: String??
        func byline() -> String? {
            if let known = bylineMemo { return known }
            let b = pressByline.find(folded())
            bylineMemo = .some(b)
            return b
        }
        // a story for a private provider in news form: a page that names one private provider
        // again and again and gives a way to call or book it is that provider's paid story, whatever
        // byline the portal printed above it (rc20: …日讯(通讯员 … 记者 …) over a private anorectal
        // hospital named four times with its 热线)
        // (without a call to action, when the genre model is sure the page is an advertorial and the
        // provider's name is private-style: crawlers drop the hotline box, and the byline is the
        // portal's, not evidence of journalism — rc26: a bylined story of a brand's brain hospital
        // named three times, its cure claims hidden by 本报讯)
        func sponsoredStory() -> Bool {
            guard let e = promoted(), e.count >= Self.sponsoredMentions else { return false }
            if let x = read?.features, ctaSlot.map({ x[$0] > 0 }) == true {
                return isPrivateProvider(e.name, withCTA: true)
            }
            guard let g = genre, Self.sureAdvertorial(g) else { return false }
            return publicInstitution.namesPrivate(e.name)
        }
        // a product or remedy, not an institution, named again and again on a page the genre model
        // is sure is an advertorial: what the page promotes, whichever public hospital it also names
        func promotesRemedy(_ g: Genre) -> Bool {
            guard Self.sureAdvertorial(g), let e = promoted(), e.count >= Self.remedyMentions else { return false }
            return !PromotedEntity.isInstitution(e.name)
        }
        // whether the page names a private-style provider, searched at most once (the outlived
        // findings and the knowledge reading)
        var privateMemo: Bool?
        func namesPrivate() -> Bool {
            if let known = privateMemo { return known }
            let p = publicInstitution.namesPrivate(folded())
            privateMemo = p
            return p
        }
        var publicOnly: String??
        func onlyPublic() -> String? {
            if let known = publicOnly { return known }
            let name = publicInstitution.onlyPublic(folded())
            publicOnly = .some(name)
            return name
        }
        // a finding that outlived a news or science reading stands only on a page that names a
        // private provider or promotes a named one: a ranking of public hospitals in the news is the news
        if !outlived.isEmpty, !(validUTF8 && onlyPublic() == nil && (promoted() != nil || namesPrivate())) {
            for k in outlived { findings[k].suppressedBy = genreReason }
        }
        // a page about public hospitals and health bodies only (their news, a ranking, a patient's
        // thanks) reports what they did: its claims stay findings, but not verdicts
        if validUTF8, findings.contains(where: { $0.severity == .error && $0.suppressedBy == nil }),
           let name = onlyPublic() {
            for k in findings.indices where findings[k].severity == .error && findings[k].suppressedBy == nil {
                findings[k].severity = .warning
                findings[k].downgradedBy = "public_institution: \(name) (no private provider named)"
            }
        }
        // a page read as an advertorial that names no provider it promotes is as often a report on
        // one (a crackdown story reads like the story it exposes): its claims stay findings, but
        // not verdicts
        if validUTF8, let g = genre, g.id == "advertorial", text.count >= knowledgeMinBytes,
           findings.contains(where: { $0.severity == .error && $0.suppressedBy == nil }), promoted() == nil {
            for k in findings.indices where findings[k].severity == .error && findings[k].suppressedBy == nil {
                findings[k].severity = .warning
                findings[k].downgradedBy = GenreClassifier.reading(g) + " (no promoted provider named)"
            }
        }
        // a page about public bodies only that reads as news (记者, 近日, 院务公开, or a news
        // outlet's byline) reports what they did — a patient's thanks, a first operation, a
        // ranking: its claims are the reporter's account, not copy
        if validUTF8, text.count >= publicNewsMinBytes, !publicNewsSlots.isEmpty, let x = read?.features,
           findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info }) {
            let newsMarked = publicNewsSlots.contains { x[$0] > 0 }
            if newsMarked || byline() != nil, let name = onlyPublic() {
                let why = "public_institution_news: \(name) (public bodies only, read as news)"
                for k in findings.indices where findings[k].suppressedBy == nil { findings[k].suppressedBy = why }
            }
        }
        // a page not read as an ad's own copy that runs under a news outlet's byline (来源：科技日报)
        // is journalism: the claims it carries are reported, whoever made them
        // (a page read as an advertorial only under a source line, 来源：…, or a dateline, 本报讯 or
        // 中新网北京1月18日电: its text citing an outlet's report, 央视网报道过, is the endorsement itself)
        if validUTF8, let g = genre, !genres.isAdGenre(g) || g.id == "advertorial", text.count >= publicNewsMinBytes,
           findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info }),
           let by = byline(), g.id != "advertorial" || PressByline.isSourceOrDateline(by), !sponsoredStory() {
            let why = "press_byline: \(by) (a \(g.id) page under a news outlet's byline)"
            for k in findings.indices where findings[k].suppressedBy == nil { findings[k].suppressedBy = why }
        }
        // a science piece or a doctor's answer that promotes no one (no provider named but public
        // bodies, no contact, call to action or 我院) and claims only what a substance or habit does
        // explains what it says: those claims are knowledge, not copy
        if validUTF8, let g = genre, knowledgeGenres.contains(g.id), text.count >= knowledgeMinBytes,
           let x = read?.features, !promotionSlots.contains(where: { x[$0] > 0 }),
           !Self.headlineClaimsProduct(findings, text),
           findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info }),
           onlyPublic() != nil || (promoted() == nil && !namesPrivate() &&
               !findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info && !knowledgeRules.contains($0.ruleID) })) {
            let why = "knowledge_page: \(g.id) page promoting no named provider, product or contact"
            for k in findings.indices where findings[k].suppressedBy == nil { findings[k].suppressedBy = why }
        }
        if let (g, x) = read, validUTF8 {
            let withCTA = ctaSlot.map { x[$0] > 0 } == true
            var page: Finding?
            if let ri = advertorialRule(g) {
                page = disguisedAd(ri, g, findings, text, promoted())
            } else if let (ri, forms) = weakAdvertorialRule(g, x, findings) {
                page = disguisedAd(ri, g, findings, text, promoted())
                page?.evidence.insert(Evidence(role: "form", match: forms.joined(separator: ", "), start: 0, end: 0), at: 1)
            } else if let ri = hostedAdvertorialRule(g, findings) {
                page = disguisedAd(ri, g, findings, text, promoted())
                page?.evidence.insert(Evidence(role: "form", match: "\(g.id) page carrying a claim", start: 0, end: 0), at: 1)
            } else if let ri = hostRule(g), let e = promoted(),
                      e.count >= Self.privateHostMentions || Self.recommended(text, before: e.first.lowerBound),
                      isPrivateProvider(e.name, withCTA: withCTA) {
                // a science piece naming one private provider again and again (「东大肛肠医院专家提醒…」)
                // is that provider's page, claims or none: real science pages name public bodies or no one
                page = disguisedAd(ri, g, findings, text, e)
                page?.evidence.insert(Evidence(role: "form", match: "\(g.id) page promoting a private provider named \(e.count) times", start: 0, end: 0), at: 1)
            } else if let (ri, forms) = storyForm(g, x), let e = promoted(), e.count >= Self.sponsoredMentions,
                      isPrivateProvider(e.name, withCTA: withCTA)
                        || (!PromotedEntity.isInstitution(e.name) && namesPrivate() && onlyPublic() == nil) {
                // a story in a disguise's form that names one private provider again and again
                // (a cataract patient's thanks to 某某眼科医院's director, told three times over) is
                // that provider's story, whether or not a claim pattern fires in it (rc21: such
                // pages carried 妙手回春, 重获光明, 视力回到十几年前 and no rule's wording); a doctor
                // or a product named again and again counts on a page that names a private provider
                page = disguisedAd(ri, g, findings, text, e)
                page?.evidence.insert(Evidence(role: "form", match: forms.joined(separator: ", ") + "; a private provider named \(e.count) times", start: 0, end: 0), at: 1)
            } else if !genres.isAdGenre(g) || g.id == "advertorial", let ri = genreRules.first,
                      let who = privateSpeaker(text, withCTA: withCTA), let e = promoted() {
                // a private provider's doctor as the voice of the page's health advice (「某某肛肠医院
                // 的专家介绍」「某某诊所院长指出」) is the paid health column's form, whatever the genre
                // read: public hospitals' doctors are quoted in news, private providers' doctors speak in
                // their own columns (rc20-22: 6 advertorials and ad pages of this form were missed; 2 of them
                // are private by name, and they are found now, with no clean page read so)
                page = disguisedAd(ri, g, findings, text, e)
                page?.evidence.insert(Evidence(role: "form", match: "a private provider's doctor advising: \(who)", start: 0, end: 0), at: 1)
            }
            if var f = page {
                // a page the document markers read as enforcement or consumer education (a guide to
                // spotting 新闻式软文 quotes 本报讯 and 记者) discusses advertorials; it is not one
                f.suppressedBy = documentReason
                // a disguise promotes someone: a page that names no provider is read as an
                // advertorial only by its form, and real news and science share that form (rc16
                // pages: 7 of 100 genuine pages against 1 of 40 advertorials carried such a reading alone)
                // (unless the genre model is sure of it and the page carries its own claims: a
                // patient's diary that names its clinic by a bare brand, 「来北京某某实地考察」, with the
                // clinic's survival rate and a forever promise in it)
                if f.suppressedBy == nil, promoted() == nil,
                   !(g.id == "advertorial" && g.confidence >= Self.unnamedAdvertorialSureness
                     && findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info })) {
                    f.suppressedBy = "no_promoted_entity: the page names no provider it promotes"
                }
                // a page about public hospitals and health bodies only is their news, not a private
                // provider's advertorial
                // (but a product or remedy named again and again on a page sure to be an advertorial is
                // what it promotes, whichever public hospital it names: rc26, a doctor's story of his
                // decoction, named six times, that mentions the patients' earlier stay at a public one)
                if f.suppressedBy == nil, let name = onlyPublic(), !promotesRemedy(g) {
                    f.suppressedBy = "public_institution: \(name) (no private provider named)"
                }
                // a page under a news outlet's byline is reported journalism, not a disguise
                if f.suppressedBy == nil, let by = byline(), !sponsoredStory() {
                    f.suppressedBy = "press_byline: \(by) (a news outlet's byline)"
                }
                // a page whose claims are all reported, quoted or prohibited (a notice or a news
                // story listing a product's banned wording) tells of an ad; it is not one
                if f.suppressedBy == nil,
                   !findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info }),
                   case let reported = findings.lazy.filter({ $0.suppressedBy != nil }).count, reported >= 2 {
                    f.suppressedBy = "reported_page: all \(reported) claims on the page are reported, quoted or prohibited"
                }
                // the page's finding counts toward the cap like any other
                if findings.count < maxFindings { findings.append(f) } else { truncated = true }
            }
        }
        if resolveOverlaps { resolveFamilies(&findings) }
        locate(&findings, in: text, validUTF8: validUTF8)
        return (findings, truncated, genre)
    }

    /// The genre model's feature names and a record's values (for fitting the model offline).
    public func genreFeatures(_ result: MatchResult, bytes: Int) -> (names: [String], values: [Double]) {
        (genres.featureNames, genres.features(result.markers, bytes: bytes, claimRules: clauseRuleCount(result)).values)
    }

    /// The genre rule (scope `genre`) that a record of this genre and confidence triggers.
    private func advertorialRule(_ g: Genre) -> Int? {
        genreRules.first { compiled.ruleSet.rules[$0].genre == g.id && g.confidence >= compiled.ruleSet.rules[$0].minConfidence }
    }

    /// The genre rule a page of one of its `host_genres` triggers when it carries an active claim
    /// (a health-science piece that promises a cure is the advertorial 第十九条 names).
    private func hostedAdvertorialRule(_ g: Genre, _ findings: [Finding]) -> Int? {
        guard findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info }) else { return nil }
        return hostRule(g)
    }

    /// Whether a promoted name is a private provider's: a private-style name (…肛肠医院, …诊所), or,
    /// on a page with a call to action, an institution's name no public pattern knows (石狮现代医院).
    private func isPrivateProvider(_ name: String, withCTA: Bool) -> Bool {
        publicInstitution.namesPrivate(name)
            || (withCTA && PromotedEntity.isInstitution(name) && publicInstitution.onlyPublic(name) == nil)
    }

    /// The first provider named as the employer of the page's advising doctor (institutions.speaker)
    /// that is a private one: a private-style name, or, with a call to action, a name no public
    /// pattern knows. A crowd (各大医院, 正规医院) is no provider.
    /// The pattern matches the institution word only (the speaker is a lookahead), so PCRE2 skips to
    /// where one can start; the name is the word with up to `speakerNameReach` Han characters before
    /// it, folded for the private and public checks.
    private func privateSpeaker(_ b: UnsafeBufferPointer<UInt8>, withCTA: Bool) -> String? {
        guard let re = speakers else { return nil }
        let data = MatchData()
        var at = 0
        while at < b.count, let m = re.firstMatch(in: b, from: at, to: b.count, data: data) {
            let start = PublicInstitution.nameStart(m.lowerBound, in: b, reach: Self.speakerNameReach)
            let name = compiled.normalizer.table.fold(UnsafeBufferPointer(rebasing: b[start..<m.upperBound]))
            if !PromotedEntity.isGeneric(name), isPrivateProvider(name, withCTA: withCTA) { return name }
            at = m.upperBound > m.lowerBound ? m.upperBound : m.lowerBound + 1
            while at < b.count, b[at] & 0xC0 == 0x80 { at += 1 }
        }
        return nil
    }
    static let speakerNameReach = 10

    /// The genre rule whose `host_genres` hold the page's genre, if any.
    private func hostRule(_ g: Genre) -> Int? {
        genreRules.first { compiled.ruleSet.rules[$0].hostGenres.contains(g.id) }
    }

    /// The genre rule a less confident reading triggers (`weak_confidence`): the record also
    /// carries an active claim and has the form a disguise takes (one of the rule's
    /// `form_features`, named in the result), or carries `weak_claims` active claims.
    private func weakAdvertorialRule(_ g: Genre, _ x: [Double], _ findings: [Finding]) -> (Int, [String])? {
        let claims = findings.lazy.filter { $0.suppressedBy == nil && $0.severity != .info }.count
        guard claims > 0 else { return nil }
        for (k, ri) in genreRules.enumerated() {
            let r = compiled.ruleSet.rules[ri]
            guard r.genre == g.id, let weak = r.weakConfidence, g.confidence >= weak else { continue }
            let forms = formSlots[k].filter { x[$0.slot] > 0 }.map(\.name)
            if !forms.isEmpty { return (ri, forms) }
            if let n = r.weakClaims, claims >= n { return (ri, ["\(claims) active claims"]) }
        }
        return nil
    }

    /// The genre rule a less confident reading of the page (`weak_confidence`) triggers by its
    /// form alone (one of the rule's `form_features`), claims or none: the caller asks for a
    /// private provider named again and again besides.
    private func storyForm(_ g: Genre, _ x: [Double]) -> (Int, [String])? {
        for (k, ri) in genreRules.enumerated() {
            let r = compiled.ruleSet.rules[ri]
            guard r.genre == g.id, let weak = r.weakConfidence, g.confidence >= weak else { continue }
            let forms = formSlots[k].filter { x[$0.slot] > 0 }.map(\.name)
            if !forms.isEmpty { return (ri, forms) }
        }
        return nil
    }

    /// A disguised ad found by what the page is: its genre, the entity it promotes and the claims
    /// in it. The finding spans the first mention of the promoted entity (or the record's start).
    private func disguisedAd(_ ri: Int, _ g: Genre, _ claims: [Finding], _ text: UnsafeBufferPointer<UInt8>,
                             _ entity: PromotedEntity.Found?) -> Finding {
        let rule = compiled.ruleSet.rules[ri]
        let span = entity?.first ?? 0..<0
        var f = Finding(rule: rule.meta, match: UTF8Scan.string(text, from: span.lowerBound, to: span.upperBound),
                        start: span.lowerBound, end: span.upperBound)
        f.evidence.append(Evidence(role: "genre", match: "\(g.id) \(String(format: "%.2f", g.confidence))" + (g.evidence.isEmpty ? "" : ": " + g.evidence.joined(separator: ", ")), start: 0, end: 0))
        if let e = entity {
            f.parts.append(Part(role: "promoted", text: "\(e.name) ×\(e.count)"))
        }
        for c in claims.prefix(3) where c.suppressedBy == nil {
            f.evidence.append(Evidence(role: "claim", match: c.match, start: c.start, end: c.end))
        }
        f.normalizedMatch = compiled.normalizer.table.fold(UnsafeBufferPointer(rebasing: text[span]))
        return f
    }

    /// A detected class, other than the one the rule implies, that the rule cites by name: a return
    /// promise implies an investment ad, but on a real-estate page 第二十六条 is the article.
    private func namedClass(_ rule: Rule, _ classes: [Int], besides implied: String) -> String? {
        for ci in classes {
            let id = compiled.ruleSet.adClasses[ci].id
            if id != implied, rule.lawByClass[id] != nil { return id }
        }
        return nil
    }

    /// A composed claim: its parts, and the severity and citation its ad class chooses.
    /// `slogan`: the record is one short line (`Slogan.isOne`).
    private func compose(_ f: inout Finding, _ rule: Rule, _ classes: [Int], slogan: Bool) {
        f.parts = partFinder.parts(rule.partRoles, in: f.normalizedMatch)
        if let implied = rule.impliesClass {
            let cls = namedClass(rule, classes, besides: implied)
            if let s = rule.severityByClass[cls ?? implied] { f.severity = s }
            if let cls { f.parts.append(Part(role: "ad_class", text: cls)) }
            return
        }
        for ci in classes {
            let id = compiled.ruleSet.adClasses[ci].id
            if let s = rule.severityByClass[id] { f.severity = s }
            if rule.severityByClass[id] != nil || rule.lawByClass[id] != nil {
                f.parts.append(Part(role: "ad_class", text: id))
                return
            }
        }
        if slogan, let s = rule.sloganSeverity, s > f.severity {
            f.severity = s
            f.parts.append(Part(role: "form", text: "slogan"))
        }
    }

    /// One finding per span and claim (findings of one category or one declared family): of overlapping
    /// findings the active one, then the more severe, then the longer, then the earlier rule stays,
    /// so a composed frame and a phrase rule that found the same claim report it once.
    private func resolveFamilies(_ findings: inout [Finding]) {
        guard findings.count > 1 else { return }
        func rank(_ f: Finding) -> (Int, Int, Int) {
            (f.suppressedBy == nil ? 1 : 0, f.severity == .error ? 2 : f.severity == .warning ? 1 : 0, f.end - f.start)
        }
        // the same claim: findings of one category, or of one declared family
        func same(_ a: Finding, _ b: Finding) -> Bool {
            if a.category == b.category { return true }
            guard let fa = familyOf[a.ruleID], let fb = familyOf[b.ruleID] else { return false }
            return fa == fb
        }
        let order = findings.indices.sorted { findings[$0].start != findings[$1].start ? findings[$0].start < findings[$1].start : $0 < $1 }
        var drop = [Bool](repeating: false, count: findings.count)
        for (k, i) in order.enumerated() where !drop[i] {
            for j in order[(k + 1)...] {
                if findings[j].start >= findings[i].end { break }
                if drop[j] || findings[j].end == findings[j].start || !same(findings[i], findings[j]) { continue }
                let a = rank(findings[i]), b = rank(findings[j])
                if a < b || (a == b && i > j) { drop[i] = true; break }
                drop[j] = true
            }
        }
        if drop.contains(true) { findings = findings.indices.filter { !drop[$0] }.map { findings[$0] } }
    }

    /// "id: marker, marker" when enough distinct document markers of one suppressor are present.
    private func documentSuppression(_ result: MatchResult, text: UnsafeBufferPointer<UInt8>) -> String? {
        let markers = result.markers
        guard !markers.isEmpty else { return nil }
        let suppressors = compiled.ruleSet.suppressors
        var distinct: [Int: Set<Int>] = [:]
        // only document markers count (feature markers are the genre model's); one inside a
        // statement the law makes the ad carry (「本品不能代替药物」 holds 不能代替药物) is the
        // ad's own label, not a text about ads
        for m in markers where suppressors[m.suppressor].scope == .document {
            if result.clauseMarkers.contains(where: { $0.start <= m.start && $0.end >= m.end && suppressors[$0.suppressor].scope == .cover }) { continue }
            distinct[m.suppressor, default: []].insert(m.marker)
        }
        for (si, set) in distinct.sorted(by: { $0.key < $1.key }) {
            let s = compiled.ruleSet.suppressors[si]
            if s.scope == .document && set.count >= s.minDistinct {
                let names = set.sorted().prefix(4).map { s.markers[$0] }
                return "\(s.id): \(names.joined(separator: ", "))"
            }
        }
        return nil
    }

    /// Clause-level gates: a prohibition frame before the match, a quoting marker after it, or a
    /// mandated phrase covering it — among the clause markers the prefilter found (every hit, in
    /// text order), those inside the candidate's clause. The lowest suppressor wins, then the
    /// first of its markers.
    private func clauseSuppression(_ c: Candidate, _ markers: [MarkerHit], suppressors: [Suppressor],
                                   text: UnsafeBufferPointer<UInt8>) -> String? {
        // the first marker at or after the clause's start (binary search), then on to its end
        var lo = 0, hi = markers.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if markers[mid].start < c.clause.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var best: MarkerHit? = nil
        for h in markers[lo...] {
            if h.start >= c.clause.upperBound { break }
            guard h.end <= c.clause.upperBound, !Discourse.isWordWithBuDe(text, h.start, h.end) else { continue }
            let applies: Bool
            switch suppressors[h.suppressor].scope {
            case .clauseBefore:
                // before the claim, or inside a match that reaches back over it to the product or
                // the complaint (「这茶…但详情页写什么"降三高"」「湿疹反复,网上很多人说吃X就好了」)
                // with no clause break between it and the claim's end
                applies = h.end <= c.start || (h.start > c.start && h.end < c.end && !Discourse.clauseBreak(text, h.end, c.end))
            case .clauseAfter: applies = h.start >= c.end && !Discourse.isAboutRivals(text, h.start)
            case .cover: applies = h.start <= c.start && h.end >= c.end
            case .negation:
                // before the claim in its clause, or inside it after its first word (「枕头本身并不能治疗…」);
                // a negated harm (「没有副作用」「再也没有复发」) is itself the claim, and so is an
                // illness said to be gone by the claim's last word (「疾病全没有」)
                let before = h.end <= c.start && c.start - h.end <= Self.negationReach && !Discourse.clauseBreak(text, h.end, c.start)
                let inside = h.start > c.start && h.end < c.end
                // or over the claim's first word: 「不承诺通过率」 with the claim 承诺通过
                let over = h.start < c.start && h.end > c.start && h.end <= c.end
                applies = (before || inside || over) && !negatesPromise(text, h.end, promises[h.suppressor])
                    && !Discourse.isAnotA(text, h.start) && !Discourse.isDoubleNegation(text, h.end)
            case .mention:
                // the claim begins or ends inside quotation marks (a frame may reach over the mark)
                applies = (h.end <= c.start || h.start >= c.end)
                    && (Discourse.quoted(text, c.start, c.start + 1, within: c.clause) || Discourse.quoted(text, c.end - 1, c.end, within: c.clause))
            case .document, .feature, .enumeration, .question, .reported, .told, .following: applies = false
            }
            if applies && (best == nil || h.suppressor < best!.suppressor) { best = h }
        }
        if best == nil { best = nextSentenceMention(c, markers, from: lo, suppressors: suppressors, text: text) }
        if best == nil { best = semicolonListFrame(c, markers, text: text) }
        if best == nil { best = longQuoteMention(c, markers, suppressors: suppressors, text: text) }
        if best == nil { best = followingMeta(c, markers, from: lo, suppressors: suppressors, text: text) }
        guard let best else { return nil }
        return "\(suppressors[best.suppressor].id): \(suppressors[best.suppressor].markers[best.marker])"
    }

    /// A quoted claim answered at the start of the next sentence (「…"吃啥补啥".其实这种说法没有依据」):
    /// a mention marker within `nextSentenceReach` bytes after the clause's closing full stop.
    private func nextSentenceMention(_ c: Candidate, _ markers: [MarkerHit], from lo: Int, suppressors: [Suppressor],
                                     text: UnsafeBufferPointer<UInt8>) -> MarkerHit? {
        let end = c.clause.upperBound
        let stop = Clause.fullStopLength(at: end, text)
        guard stop > 0, c.end <= end,
              Discourse.quoted(text, c.start, c.start + 1, within: c.clause) || Discourse.quoted(text, c.end - 1, c.end, within: c.clause)
        else { return nil }
        let limit = end + stop + Self.nextSentenceReach
        for h in markers[lo...] {
            if h.start >= limit { break }
            if h.start >= end + stop && suppressors[h.suppressor].scope == .mention && !Discourse.clauseBreak(text, end + stop, h.start) {
                return h
            }
        }
        return nil
    }

    static let nextSentenceReach = 24

    /// A reporting or warning frame (`clause_before`, one of `listFrames`) at the head of a list
    /// whose items a semicolon separates reaches over the items after it: 「宣称女士吃了…;男士吃了…;
    /// 爸妈吃了治便秘,控三高」 retells every item, not the first only.
    /// The clauses before the claim's are read back while a semicolon ends each, at most
    /// `semicolonListReach` of them.
    private func semicolonListFrame(_ c: Candidate, _ markers: [MarkerHit], text: UnsafeBufferPointer<UInt8>) -> MarkerHit? {
        var start = c.clause.lowerBound
        for _ in 0..<Self.semicolonListReach {
            let semicolon: Int
            if start >= 1, text[start - 1] == 0x3B { semicolon = 1 }
            else if start >= 3, text[start - 3] == 0xEF, text[start - 2] == 0xBC, text[start - 1] == 0x9B { semicolon = 3 }
            else { return nil }
            let end = start - semicolon
            guard end > 0 else { return nil }
            let previous = Clause.around((end - 1)..<end, in: text)
            // the first marker at or after the previous clause's start (binary search), on to its end
            var lo = 0, hi = markers.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if markers[mid].start < previous.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var best: MarkerHit? = nil
            for h in markers[lo...] {
                if h.start >= previous.upperBound { break }
                guard h.end <= previous.upperBound, listFrameMarker[h.suppressor][h.marker],
                      !Discourse.isWordWithBuDe(text, h.start, h.end) else { continue }
                if best == nil || h.suppressor < best!.suppressor { best = h }
            }
            if best != nil { return best }
            start = previous.lowerBound
        }
        return nil
    }

    static let semicolonListReach = 8
    /// The frames that reach over a list: a report of what was claimed or a warning against it.
    /// Not a ban such as 禁止 or 不得: in a product's own copy that is a caution (孕妇禁止使用;…)
    /// and the items after it are its claims.
    static let listFrames: Set<String> = ["宣称", "声称", "号称", "所谓", "谎称", "宣传“", "打出“", "变相宣传", "营销吹",
                                          "警惕", "谨防", "切勿轻信", "消协提醒", "消委会提醒", "消保委提醒",
                                          "市场监管部门提醒", "监管部门提醒"]

    /// Whether the page's headline (its first line, short, not a question) is a product's
    /// treatment claim (「某某孢子粉可减轻放化疗毒副作用」 over a page of oncology): the science
    /// below it is the product's case, not knowledge (rc21: such a page read as science).
    static func headlineClaimsProduct(_ findings: [Finding], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = text.prefix(headlineMaxBytes + 1).firstIndex(of: 0x0A),
              findings.contains(where: { $0.suppressedBy == nil && $0.severity != .info && $0.ruleID == "CLM-TREAT.product" && $0.start < end })
        else { return false }
        // a question is not a claim: 「灵芝孢子粉能抗癌吗？」
        let headline = UnsafeBufferPointer(rebasing: text[0..<end])
        return !questionMarks.contains { UTF8Scan.contains(headline, $0) }
    }
    static let questionMarks = ["?", "？", "吗", "么"].map { Array($0.utf8) }
    /// A headline's longest form in bytes (about 30 Han characters).
    static let headlineMaxBytes = 96
    /// Whether the words right before a name recommend it (「…的医院,推荐烟台某某妇科医院」「认准某某」):
    /// a science page that recommends a private provider is its page from the first mention (rc25
    /// tune half: a fertility piece opening with such a line named the clinic once).
    static func recommended(_ text: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        // the verb within five characters before the name's start (a city's name may stand between),
        // or within three after it: the name read back from its suffix may have taken in the verb (推荐烟台…医院)
        let lo = max(0, start - 15), hi = min(text.count, start + 9)
        let window = UnsafeBufferPointer(rebasing: text[lo..<hi])
        return recommendWords.contains { UTF8Scan.contains(window, $0) }
    }
    static let recommendWords = ["推荐", "首选", "认准", "就选", "推薦", "首選", "認準"].map { Array($0.utf8) }

    /// How often a science page must name one private provider to be read as its advertorial.
    static let privateHostMentions = 2
    /// Mentions of a private provider that, with a call to action, make a bylined page its story.
    static let sponsoredMentions = 3
    /// How sure the genre model must be of an advertorial for its private provider, named that
    /// often, to outweigh a byline without a call to action.
    static let sponsoredSureness = 0.8
    /// How sure the genre model must be that a page is an advertorial for its claims to make it a
    /// disguised ad with no provider named. Round 53, on the own corpora: 0.9 found 30 more such
    /// advertorials and 0.75 another 30, touching no clean page or plain ad; 0.6 read one clean
    /// guideline and four plain ad pages so. rc29's tune half moved at none of them.
    static let unnamedAdvertorialSureness = 0.75
    static func sureAdvertorial(_ g: Genre) -> Bool { g.id == "advertorial" && g.confidence >= sponsoredSureness }
    /// Mentions of a product or remedy that make an advertorial its page despite a public hospital named.
    static let remedyMentions = 5

    /// A claim inside a long quotation that a mention marker introduces right before its opening
    /// mark (「广告中含有“……能再生脑细胞,……是治疗心脑血管病的中药;……”」): notices quote whole
    /// passages of an ad, and the clause-window test sees neither the marker nor the marks.
    private func longQuoteMention(_ c: Candidate, _ markers: [MarkerHit], suppressors: [Suppressor],
                                  text: UnsafeBufferPointer<UInt8>) -> MarkerHit? {
        guard c.end > c.start else { return nil }
        // markers come first: most claims have no mention marker within reach before them, and
        // then no byte of the text is read
        var lo = 0, hi = markers.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            // (markers are in start order; no mention marker is longer than 64 bytes)
            if markers[mid].start < c.start - Self.longQuoteReach - Self.longQuoteLead - 64 { lo = mid + 1 } else { hi = mid }
        }
        guard markers[lo...].prefix(while: { $0.start < c.start }).contains(where: { suppressors[$0.suppressor].scope == .mention }),
              let open = Discourse.longQuoteOpener(text, c.start, c.end, reach: Self.longQuoteReach)
        else { return nil }
        // the marker ends at the mark, or only 为, colons and spaces lie between (「广告语为：“」)
        for h in markers[lo...] {
            if h.end < open - Self.longQuoteLead { continue }
            if h.start >= open { break }
            guard suppressors[h.suppressor].scope == .mention, h.end <= open else { continue }
            var b = h.end
            while b < open {
                if text[b] == 0x20 || text[b] == 0x3A { b += 1; continue }
                guard b + 3 <= open else { break }
                if text[b] == 0xEF && text[b + 1] == 0xBC && text[b + 2] == 0x9A { b += 3; continue }   // ：
                if text[b] == 0xE4 && text[b + 1] == 0xB8 && text[b + 2] == 0xBA { b += 3; continue }   // 为
                break
            }
            if b == open { return h }
        }
        return nil
    }

    /// How far a long quotation reaches either side of its claim, and how far before the mark
    /// its marker may end.
    static let longQuoteReach = 600
    static let longQuoteLead = 9

    /// A `following` marker after the claim, up to the end of the sentence after the claim's
    /// (at most `followingReach` bytes past the claim, not over a line break): the text goes on to
    /// name what it just retold as sales talk (「…都能治……如今直播间充斥着类似的话术」).
    private func followingMeta(_ c: Candidate, _ markers: [MarkerHit], from lo: Int, suppressors: [Suppressor],
                               text: UnsafeBufferPointer<UInt8>) -> MarkerHit? {
        let limit = min(text.count, c.end + Self.followingReach)
        // the first `following` marker within reach (markers are in start order, so the walk stops
        // at the reach); most records have none, and then no byte of the text is read
        var found: MarkerHit? = nil
        for m in markers[lo...] {
            if m.start >= limit { break }
            if m.start >= c.end && suppressors[m.suppressor].scope == .following { found = m; break }
        }
        guard let h = found else { return nil }
        // it must lie in the claim's sentence or the next: at most one sentence end, no line break, before it
        var stops = 0
        var i = c.end
        while i < h.start {
            if text[i] == 0x0A { return nil }
            if Clause.fullStopLength(at: i, text) > 0 {
                stops += 1
                if stops == 2 { return nil }
            }
            i += 1
        }
        return h
    }

    static let followingReach = 240

    /// How far (bytes) back from a claim the colon of an enumeration may be, and how long its lead-in.
    static let enumerationReach = 600
    static let enumerationLeadIn = 60

    /// An enumeration gate: the nearest colon before the claim in its paragraph (no line break or
    /// 。 between them), with an `enumeration` marker in the lead-in before the colon.
    private func enumerationSuppression(_ c: Candidate, _ markers: [MarkerHit], suppressors: [Suppressor],
                                        text: UnsafeBufferPointer<UInt8>) -> String? {
        guard hasEnumeration else { return nil }
        var i = c.start - 1
        var colon = -1
        let stop = max(0, c.start - Self.enumerationReach)
        while i >= stop {
            let b = text[i]
            if b == 0x0A { return nil }
            if b == 0x3A { colon = i; break }                                                        // :
            if b == 0x9A && i >= 2 && text[i - 2] == 0xEF && text[i - 1] == 0xBC { colon = i - 2; break }  // ：
            if b == 0x82 && i >= 2 && text[i - 2] == 0xE3 && text[i - 1] == 0x80 { return nil }       // 。
            i -= 1
        }
        guard colon > 0 else { return nil }
        let leadIn = max(0, colon - Self.enumerationLeadIn)..<colon
        // markers are in text order: the first one at or after the lead-in's start
        var lo = 0, hi = markers.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if markers[mid].start < leadIn.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        for h in markers[lo...] {
            if h.start >= leadIn.upperBound { break }
            guard h.end <= leadIn.upperBound, suppressors[h.suppressor].scope == .enumeration else { continue }
            return "\(suppressors[h.suppressor].id): \(suppressors[h.suppressor].markers[h.marker])"
        }
        return nil
    }

    /// A-not-A questions that ask whether a claim holds.
    static let aNotA = ["能不能", "会不会", "會不會", "是不是", "可不可以", "可以不可以", "有没有", "有沒有", "能否", "是否", "可否"].map { Array($0.utf8) }

    /// A question gate: the claim's clause ends, within 200 bytes, with a question particle right
    /// before ? or ？ (「…能代替药吗?」; not 「三天见效，还犹豫吗？」, where the question is another clause),
    /// or with an A-not-A question (`aNotA`) in the claim's clause (「一个月能不能瘦20斤?」).
    private func questionSuppression(_ c: Candidate, text: UnsafeBufferPointer<UInt8>) -> String? {
        guard !questionMarkers.isEmpty else { return nil }
        guard let q = Discourse.sentenceEnd(text, from: c.end, limit: 200), q.isQuestion else { return nil }
        // a reader's question on a Q&A page, whatever its clauses: 「问:吃了几年药 现在血压正常了 能停药吗?」
        if let label = Discourse.askedLineLabel(text, before: c.start) { return "question: \(label)…?" }
        if Discourse.quotedBeforeQuestion(text, c.start, c.end, question: q.at, within: c.clause) { return "question: a quoted claim asked about" }
        guard !Discourse.clauseBreak(text, c.end, q.at) else { return nil }
        // an A-not-A question in the claim's clause (「一个月能不能瘦20斤?」): asked, not claimed
        // (not 想不想 or 要不要: an ad's hook, 「想不想一个月瘦20斤?」)
        // (read over Han characters only: an evader's 能~不能 asks the same)
        var asked: [UInt8] = []
        var i = min(c.clause.lowerBound, c.start)
        while i < c.end {
            let (v, n) = UTF8Scan.decode(text, i)
            if Han.contains(v) { asked.append(contentsOf: text[i..<min(i + max(n, 1), c.end)]) }
            i += max(n, 1)
        }
        if let w = asked.withUnsafeBufferPointer({ b in Self.aNotA.first(where: { UTF8Scan.contains(b, $0) }) }) {
            return "question: \(String(decoding: w, as: UTF8.self))…?"
        }
        // an invisible character an evader slips in before the mark (「好了吗\u{200D}？」) is passed over
        var end = q.at
        while end >= 3 && isInvisible(text, end - 3) { end -= 3 }
        for (id, m) in questionMarkers where end >= m.count {
            // folded, so 嗎 is 吗 (a Han character keeps its byte length when folded)
            if compiled.normalizer.table.folds(text, (end - m.count)..<end, to: m) {
                return "\(id): \(String(decoding: m, as: UTF8.self))?"
            }
        }
        return nil
    }

    /// A three-byte character at i that folding drops (U+200B–U+200F, U+2060, U+FEFF …): the fold
    /// table's own reading of an invisible character, as the record inspector uses it.
    @inline(__always)
    private func isInvisible(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i >= 0, i + 2 < t.count, t[i] >= 0xE0, t[i] < 0xF0 else { return false }
        let (c, n) = UTF8Scan.decode(t, i)
        let table = compiled.normalizer.table
        return n == 3 && !table.isStable(c) && table.transformBit(c) == Transform.ignorable
    }

    /// A term the writer has set in quotes as a mention (「广告中的“神医”」) is the same mention when it
    /// comes back in quotes later in the record (「“神医”各有“专攻”」): the later quoted uses inherit the
    /// reading. Only a quoted use of the very same folded words; an unquoted use stays a claim.
    private func echoQuotedMentions(_ findings: inout [Finding], text: UnsafeBufferPointer<UInt8>) {
        guard findings.count > 1 else { return }
        var mentioned: Set<String> = []
        for k in findings.indices {
            guard let why = findings[k].suppressedBy else { continue }
            if why.hasPrefix("quoted_mention") || why.hasPrefix("quoted_list") { mentioned.insert(findings[k].normalizedMatch) }
        }
        guard !mentioned.isEmpty else { return }
        for k in findings.indices where findings[k].suppressedBy == nil && mentioned.contains(findings[k].normalizedMatch) {
            let s = findings[k].start, e = findings[k].end
            // the quote marks must sit right around the match (a mark of the same term, not a quoted sentence)
            let clause = max(0, s - 3)..<min(text.count, e + 3)
            if Discourse.quoted(text, s, e, within: clause) {
                findings[k].suppressedBy = "quoted_mention: the same quoted term as an earlier mention «\(findings[k].normalizedMatch)»"
            }
        }
    }

    /// A claim quoted as one of a list of quoted terms (「"降度数""摘眼镜"」, 「“彻底治愈”“不复发”」)
    /// in a record the genre model does not read as an ad: terms under discussion, not copy.
    static let quotedListMention = 0.25
    private func quotedListSuppression(_ c: Candidate, genre: Genre?, text: UnsafeBufferPointer<UInt8>) -> String? {
        guard Discourse.inQuotedList(text, c.start, c.end, within: c.clause) else { return nil }
        // a list given as examples (「如“药到病除”、“三盒见效”」) is discussed, whatever the genre
        if Discourse.quotedListIntroducedByExample(text, c.start, within: c.clause) {
            return "quoted_list: a term among quoted examples after 如"
        }
        guard let g = genre, g.mention >= Self.quotedListMention, !Discourse.onlyQuotedTerms(text) else { return nil }
        return "quoted_list: a term among quoted terms (mention \(String(format: "%.2f", g.mention)))"
    }

    /// Whether a negation ending at `at` negates a promise word (folded: 「不會虧」 is 「不会亏」):
    /// the few characters after it are folded and searched.
    private func negatesPromise(_ text: UnsafeBufferPointer<UInt8>, _ at: Int, _ words: [[UInt8]]) -> Bool {
        guard !words.isEmpty, at < text.count else { return false }
        var end = min(text.count, at + 48)
        while end > at && end < text.count && text[end] & 0xC0 == 0x80 { end -= 1 }
        // separators an evader puts between characters (「没·有·风·险」) are dropped before the words
        // are read (the evasion pass's set), but not quotation marks: 「别信“不复发”」 negates a quote
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - at)
        for u in compiled.normalizer.table.fold(UnsafeBufferPointer(rebasing: text[at..<end])).unicodeScalars
        where !Deobfuscator.isSeparator(u.value) || u.value == 0x22 || u.value == 0x27 || (0x2018...0x201F).contains(u.value) {
            UTF8.encode(u) { bytes.append($0) }
        }
        return bytes.withUnsafeBufferPointer { Discourse.negatesHarm($0, 0, words) }
    }

    /// A superlative printed as one of many bare list items (a banned-word list), whatever the genre.
    private func termListSuppression(_ c: Candidate, text: UnsafeBufferPointer<UInt8>) -> String? {
        guard c.end > c.start, compiled.ruleSet.rules[c.rule].category == .absoluteTerm, TermList.holds(text, c.start, c.end) else { return nil }
        return "term_list: one of \(TermList.minItems) or more terms listed bare (、)"
    }

    static let reportedMention = 0.4
    static let claimingGenres: Set<String> = ["ad", "advertorial", "livestream"]

    /// Reported speech: a `reported` marker earlier in the claim's sentence (within 200 bytes, no
    /// 。！？ or line break between), in a record with mentions ≥ `reportedMention`; or a `told`
    /// marker there, in any record.
    private func reportedSuppression(_ c: Candidate, _ markers: [MarkerHit], suppressors: [Suppressor],
                                     genre: Genre?, text: UnsafeBufferPointer<UInt8>) -> String? {
        // in a page read as an ad or advertorial, 「据介绍」 is the advertiser's own voice
        let discussion = genre.map { $0.mention >= Self.reportedMention && !Self.claimingGenres.contains($0.id) } ?? false
        let from = max(0, c.start - 200)
        var lo = 0, hi = markers.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if markers[mid].start < from { lo = mid + 1 } else { hi = mid }
        }
        var found: MarkerHit? = nil
        for h in markers[lo...] {
            if h.end > c.start { break }
            let scope = suppressors[h.suppressor].scope
            if scope == .told || (scope == .reported && discussion) { found = h }
        }
        guard let h = found, Discourse.sentenceEnd(text, from: h.end, limit: c.start - h.end).map({ _ in false }) ?? true else { return nil }
        let why = "\(suppressors[h.suppressor].id): \(suppressors[h.suppressor].markers[h.marker])"
        guard suppressors[h.suppressor].scope == .reported, let g = genre else { return why }
        return why + " (mention \(String(format: "%.2f", g.mention)))"
    }

    /// How many bytes of `m` have their high bit set, for an `m` with no other bits: one
    /// multiply sums the eight 0/1 bytes into the top byte. (`nonzeroBitCount` is a dozen
    /// instructions here: the baseline x86-64 target has no POPCNT.)
    @inline(__always)
    static func highBits(_ m: UInt64) -> Int {
        Int(truncatingIfNeeded: ((m >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// Fills line, column, char offsets and context in one pass over the record.
    private func locate(_ findings: inout [Finding], in text: UnsafeBufferPointer<UInt8>, validUTF8: Bool) {
        let order = findings.indices.sorted { findings[$0].start < findings[$1].start }
        var pos = 0, chars = 0, line = 1, lineStartChars = 0
        func advance(to target: Int) {
            // eight bytes at a time: the bytes that are not UTF-8 continuation bytes (10xxxxxx)
            // are characters; newlines are found exactly (zero bytes of w ^ 0x0A…) and the
            // characters up to the last one start the current line
            if let base = text.baseAddress {
                while pos &+ 8 <= target {
                    let w = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                    let starts = ~(w & ~(w << 1)) & 0x8080_8080_8080_8080   // high bit: not a continuation byte
                    let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
                    let nl = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
                    if nl != 0 {
                        line &+= Self.highBits(nl)
                        // characters through the last newline of the word
                        let last = (63 &- nl.leadingZeroBitCount) >> 3
                        let through: UInt64 = last == 7 ? ~0 : (UInt64(1) << UInt64(8 &* (last &+ 1))) &- 1
                        lineStartChars = chars &+ Self.highBits(starts & through)
                    }
                    chars &+= Self.highBits(starts)
                    pos &+= 8
                }
            }
            while pos < target {
                let b = text[pos]
                if b & 0xC0 != 0x80 {
                    chars += 1
                    if b == 0x0A { line += 1; lineStartChars = chars }
                }
                pos += 1
            }
        }
        for i in order {
            advance(to: findings[i].start)
            findings[i].charStart = chars
            findings[i].line = line
            findings[i].column = chars - lineStartChars + 1
            findings[i].charEnd = chars + UTF8Scan.scalarCount(text, from: findings[i].start, to: findings[i].end)
            findings[i].contextUTF8 = snippet(text, findings[i].start, findings[i].end, validUTF8: validUTF8)
        }
    }

    private func snippet(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, validUTF8: Bool) -> [UInt8] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var a = s, k = 0
        while a > 0 && k < contextChars {
            a &-= 1
            if base[a] & 0xC0 != 0x80 { k &+= 1 }
        }
        var b = e
        k = 0
        while b < n && k < contextChars {
            b &+= 1
            while b < n && base[b] & 0xC0 == 0x80 { b &+= 1 }
            k &+= 1
        }
        // whole code points of the record, line breaks and tabs made spaces, copied in one pass
        let count = b &- a
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { out, made in
            for j in 0..<count {
                let x = base[a &+ j]
                out[j] = x == 0x0A || x == 0x0D || x == 0x09 ? 0x20 : x
            }
            made = count
        }
        // invalid bytes become U+FFFD as String(decoding:) makes them
        return validUTF8 ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
