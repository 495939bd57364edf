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
}
