"""Shared helpers for the realstyle13 source lists (stdlib only)."""
CODES = {
    "T": "testimonial", "CP": "comparison", "F": "fear_appeal",
    "N": "non_medical_cure_claim", "E": "efficacy_guarantee",
    "A": "appearance_anxiety", "AB": "absolute_term", "R": "cure_rate",
    "ED": "education_guarantee", "IV": "investment_guarantee",
    "D": "disguised_ad",
}


def V(codes, text, trad=False):
    cats = [CODES[c] for c in codes.split()]
    return dict(label="violation", categories=cats, text=text.strip("\n"), trad=trad)


def C(text, trad=False):
    return dict(label="clean", categories=[], text=text.strip("\n"), trad=trad)
