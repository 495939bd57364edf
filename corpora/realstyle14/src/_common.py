# Shared helpers for the realstyle14 hand-written evaluation set.
CODES = {
    "T": "testimonial",
    "CP": "comparison",
    "F": "fear_appeal",
    "N": "non_medical_cure_claim",
    "E": "efficacy_guarantee",
    "A": "appearance_anxiety",
    "AB": "absolute_term",
    "R": "cure_rate",
    "ED": "education_guarantee",
    "IV": "investment_guarantee",
    "D": "disguised_ad",
}


def V(codes, text, trad=False):
    """A violating ad text; codes is a list of short codes, first = main category."""
    if isinstance(codes, str):
        codes = codes.split()
    return {"label": "violation", "categories": [CODES[c] for c in codes],
            "text": text, "trad": trad}


def C(text, trad=False):
    """A clean text (no violation)."""
    return {"label": "clean", "categories": [], "text": text, "trad": trad}
