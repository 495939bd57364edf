"""Shared helpers for the realstyle21 sources (python3 stdlib only)."""

CODES = {
    "AB": "absolute_term",
    "SE": "state_endorsement",
    "E": "efficacy_guarantee",
    "R": "cure_rate",
    "CP": "comparison",
    "T": "testimonial",
    "D": "disguised_ad",
    "N": "non_medical_cure_claim",
    "A": "appearance_anxiety",
    "BA": "before_after",
    "IN": "inducement",
    "F": "fear_appeal",
    "ED": "education_guarantee",
    "IV": "investment_guarantee",
    "U": "unsubstantiated_claim",
    "S": "superstition",
}


def V(codes, text, trad=False):
    """A violating record. codes: space-separated short codes, main category first."""
    cats = [CODES[c] for c in codes.split()]
    return {"label": "violation", "categories": cats, "text": text, "trad": trad}


def C(text, trad=False):
    """A clean record (hard negative)."""
    return {"label": "clean", "categories": [], "text": text, "trad": trad}
