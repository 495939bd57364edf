# Shared helpers for the realstyle16 hand-written evaluation set.
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
    """A violating record; codes like ["D", "E", "T"] or "D E T", first = main category."""
    if isinstance(codes, str):
        codes = codes.split()
    return {"text": text.strip(), "label": "violation",
            "categories": [CODES[c] for c in codes], "trad": trad}


def C(text, trad=False):
    """A clean record."""
    return {"text": text.strip(), "label": "clean", "categories": [], "trad": trad}
