/// Stable category ids that reports and downstream tools rely on. Add, never rename.
public enum Category: String, Sendable, CaseIterable, Codable, Hashable {
    case absoluteTerm = "absolute_term"
    case stateEndorsement = "state_endorsement"
    case efficacyGuarantee = "efficacy_guarantee"
    case cureRate = "cure_rate"
    case comparison
    case testimonial
    case disguisedAd = "disguised_ad"
    case nonMedicalCureClaim = "non_medical_cure_claim"
    case appearanceAnxiety = "appearance_anxiety"
    case beforeAfter = "before_after"
    case inducement
    case fearAppeal = "fear_appeal"
    case educationGuarantee = "education_guarantee"
    case investmentGuarantee = "investment_guarantee"
    case prohibitedProduct = "prohibited_product"
    case missingRequired = "missing_required"
    /// 《广告法》第十三条: disparaging other businesses (added after the first list).
    case disparagement
    /// 《广告法》第九条第（八）项, 医疗广告管理办法第七条第（四）项: superstition, absurd secret remedies.
    case superstition
    /// 《广告法》第十条、第四十条: ads harming or targeting minors.
    case minors
    /// 《广告法》第八条、第十一条、第十二条: unsourced data, patents without numbers, vague gift terms.
    case unsubstantiatedClaim = "unsubstantiated_claim"
    /// 《互联网广告管理办法》第十一条: fake system alerts and reward pop-ups that trick clicks.
    case deceptiveInterface = "deceptive_interface"
}
