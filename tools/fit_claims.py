#!/usr/bin/env python3
"""Fit adscan's sentence claim model: one logistic head per claim family over character 1-3-grams
of the folded sentence, plus an ANY head (some family), written as data to lexicons/models/claims.tsv.

  python3 tools/fit_claims.py [--out lexicons/models/claims.tsv] [--lowo] TUNE.jsonl...

Why: the hand-written frames find what their authors thought of; on text by writers who never saw
them they found 0.60-0.73 of the violating records. The same families said in other words share
short character sequences (调理, 吃了, 个月, 血压, 不用再, 老公) that a linear model over 1-3-grams
weighs from labelled records.

Training sentences (split as the scanner splits them: 。！？!?；; and line breaks, a long one into
pieces at a comma after 60 characters or at 150; four or more characters): every sentence of a clean record is negative for every head; a violation of one or two
sentences is positive for its families and ANY; a longer violation gives, for each of its families,
the sentence the current model scores highest (two rounds of this multiple-instance step).
Features: the sentence folded with the scanner's own fold table (Sources/AdscanNormalize/
FoldTableData.swift), whitespace dropped, runs of ASCII digits read as one 0; counted 1-, 2- and
3-grams of characters seen in three or more training sentences. Adagrad SGD, 8 epochs.

--lowo: leave one writer out: for each set, fit on every other set's tune half and score that
set's held-out half (the writer's style unseen), which is what the header's numbers report.
Standard library only (the system python3 of Debian 12 is enough)."""
import argparse, collections, json, math, os, random, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATS = ["efficacy_guarantee", "cure_rate", "testimonial", "comparison", "non_medical_cure_claim",
        "appearance_anxiety", "fear_appeal", "absolute_term", "education_guarantee",
        "investment_guarantee"]
HEADS = CATS + ["ANY"]
# a family's own head fires from THRESHOLD; the ANY head from ANY_THRESHOLD gives the sentence to
# its best family (leave-one-writer-out, prototype: 1.5/2.5 found 1-2 points more of the held-out
# violations than 2.0/3.0 and read more product descriptions and dates as claims). Round 18, with
# the genre gate in place: the family heads at 1.5 found 3 more violations of the tune halves and
# flagged no more clean records there or in ../shared/devset (1.25: one more clean record flagged);
# the scanner reads the threshold line, so it was set to what this script now writes, and the
# leave-one-writer-out lines of models/claims.tsv (measured at 2.0) are rewritten by the next fit.
# absolute_term and testimonial stay at 2.0: at 1.5 they read 「全市最早修的一条街」 (a rule's pass
# example) and 「家长会上，老师请爸妈们多陪伴孩子」 (a clean record of corpora/labelled.jsonl) as claims.
# Round 48: on pages of three sentences or more, 1.5 / 2.0 read a hospital's holiday timetable
# (的家长), a forum's jokes (不整) and a clinic's phone line as claims; 1.75 / 2.25 read none of them
# on the private sets of real text and lost one of their 606 violations (2.0 / 2.5 lost four).
THRESHOLD, ANY_THRESHOLD = 1.75, 3.0
HEAD_THRESHOLD = {"absolute_term": 2.25, "testimonial": 2.25}
# where a rule of another family already found something in the sentence, a head needs the old 2.0:
# at 1.5 a cure guarantee was also read as a comparison and a non-medical claim
SHARED_THRESHOLD = 2.0
# a record of at most SHORT_RECORD sentences (a quoted claim, a host's line, a slogan) is read with
# SHORT_THRESHOLD (SHORT_HEAD_THRESHOLD for the heads kept stricter above) for a family head's own
# reading (the shared one stays) and SHORT_ANY for ANY: a page of fifty sentences gives a loose
# reading fifty chances to misfire, a quoted claim one. Round 34, with corpora/everyday's tune half
# (clean chat, host lines, listings, notices) among the training records: on four private sets of
# real text never tuned on, 0.0 / 0.5 found 19 more of 413 violations, flagged one of their 502
# clean records fewer and 2 more of everyday's 240 held-out clean lines (8 -> 10); -1.0 / -0.5
# found 48 more but flagged 17 more of those lines, and before everyday's lines were trained on,
# a quarter of them. Testimonials keep 1.3 (a neighbour's grandson getting into university scores
# 1.25), absolute terms 0.5 (2.0 - 1.5).
SHORT_RECORD, SHORT_THRESHOLD, SHORT_ANY = 2, 0.0, 0.5
SHORT_HEAD_THRESHOLD = {"testimonial": 1.3, "absolute_term": 0.5}
# the document genres whose records the scanner lets the model read: where adscan's genre model
# reads science, research, news, a notice, a regulation or a consumer tip, 调理 and 吃了三个月 are
# advice and reporting more often than copy (on the devset, doctors' advice read as testimonials);
# comments stay (short claims are often read as comments)
GENRES = ["ad", "advertorial", "livestream", "comment"]
SEPARATORS = set("。！？!?；;\n\r")
COMMAS = set("，,、")
PIECE, MAX_PIECE = 60, 150


def fold_table():
    src = open(os.path.join(ROOT, "Sources/AdscanNormalize/FoldTableData.swift"), encoding="utf-8").read()
    table = {}
    section = None
    for line in src.split("\n"):
        if line in ("F", "T"):
            section = line   # F: the fold; T: simplified -> traditional (for literal variants)
            continue
        m = section == "F" and re.match(r"^([0-9a-f]+)=([0-9a-f+]*)$", line)
        if m:
            table[int(m.group(1), 16)] = "".join(chr(int(x, 16)) for x in m.group(2).split("+") if x)
    return table


FOLD = fold_table()


def sentences(text):
    """Sentences as the scanner reads them: split at SEPARATORS; a longer one is cut after a comma
    once it has PIECE characters, and at MAX_PIECE characters in any case (a run-on page of one
    sentence would otherwise add up thousands of small weights); pieces of four or more
    non-space characters."""
    out, cur = [], []

    def end():
        s = "".join(cur)
        if sum(1 for c in s if not c.isspace()) >= 4:
            out.append(s)
        cur.clear()

    for ch in text:
        if ch in SEPARATORS:
            end()
            continue
        cur.append(ch)
        if (len(cur) >= PIECE and ch in COMMAS) or len(cur) >= MAX_PIECE:
            end()
    end()
    return out


def grams(sentence):
    s = "".join(FOLD.get(ord(c), c) for c in sentence)
    s = re.sub(r"[0-9]+", "0", "".join(c for c in s if not c.isspace()))
    return [s[i:i + k] for k in (1, 2, 3) for i in range(len(s) - k + 1)]


def records(path):
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        label = r.get("label") or ("violation" if r.get("categories") else "clean")
        yield r["id"], r["text"], label == "violation", set(c for c in r.get("categories", []) if c in CATS)


def training_data(paths):
    short, long = [], []
    for p in paths:
        for _, text, violation, cats in records(p):
            ss = [grams(s) for s in sentences(text)]
            if not violation:
                short += [(x, set()) for x in ss]
            elif len(ss) <= 2:
                short += [(x, cats | {"ANY"}) for x in ss]
            else:
                long.append((ss, cats | {"ANY"}))
    return short, long


def sgd(data, vocab, epochs=8, lr=0.2):
    K = len(HEADS)
    W, G = {}, {}
    b = [-2.0] * K
    rng = random.Random(1)
    data = list(data)
    for _ in range(epochs):
        rng.shuffle(data)
        for x, ys in data:
            xs = [g for g in x if g in vocab]
            z = list(b)
            for g in xs:
                w = W.get(g)
                if w:
                    for k in range(K):
                        z[k] += w[k]
            for k in range(K):
                d = 1 / (1 + math.exp(-max(-30, min(30, z[k])))) - (1.0 if HEADS[k] in ys else 0.0)
                if abs(d) < 1e-3:
                    continue
                b[k] -= lr * 0.1 * d
                for g in xs:
                    gg = G.setdefault(g, [0.0] * K)
                    gg[k] += d * d
                    W.setdefault(g, [0.0] * K)[k] -= lr * d / math.sqrt(gg[k] + 1e-8)
    return W, b


def scores(W, b, x):
    z = list(b)
    for g in x:
        w = W.get(g)
        if w:
            for k in range(len(z)):
                z[k] += w[k]
    return z


def fit(paths):
    short, long = training_data(paths)
    df = collections.Counter()
    for x, _ in short:
        df.update(set(x))
    for ss, _ in long:
        for x in ss:
            df.update(set(x))
    vocab = {g for g, c in df.items() if c >= 3}
    W, b = sgd(short, vocab)
    for _ in range(2):
        extra = []
        for ss, heads in long:
            for h in sorted(heads):
                k = HEADS.index(h)
                best = max(range(len(ss)), key=lambda i: scores(W, b, ss[i])[k])
                extra.append((ss[best], {h}))
        W, b = sgd(short + extra, vocab)
    return W, b, len(short) + sum(len(ss) for ss, _ in long)


def families(W, b, text):
    """The families the model gives a record (scanner semantics: per sentence, a head over its
    threshold, or ANY over its threshold giving the sentence to its best family)."""
    found = set()
    ss = sentences(text)
    short = len(ss) <= SHORT_RECORD
    for s in ss:
        z = scores(W, b, grams(s))
        for k, c in enumerate(CATS):
            if z[k] > (SHORT_HEAD_THRESHOLD.get(c, SHORT_THRESHOLD) if short else HEAD_THRESHOLD.get(c, THRESHOLD)):
                found.add(c)
        if z[-1] > (SHORT_ANY if short else ANY_THRESHOLD):
            found.add(CATS[max(range(len(CATS)), key=lambda k: z[k])])
    return found


def lowo(tune):
    """Leave one writer out: model-only record recall and false alarms on each held-out half."""
    lines = []
    for t in tune:
        held = t.replace("tune.jsonl", "heldout.jsonl")
        if not os.path.exists(held):
            continue
        W, b, _ = fit([p for p in tune if p != t])
        tp = fn = fp = n = 0
        for _, text, violation, cats in records(held):
            hit = bool(families(W, b, text))
            if violation:
                tp += hit
                fn += not hit
            else:
                n += 1
                fp += hit
        name = os.path.basename(os.path.dirname(held))
        lines.append(f"{name}: model alone recall {tp / max(tp + fn, 1):.3f}, clean records flagged {fp}/{n}")
        print(lines[-1], file=sys.stderr, flush=True)
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "lexicons/models/claims.tsv"))
    ap.add_argument("--lowo", action="store_true")
    ap.add_argument("--min-weight", type=float, default=0.02)
    ap.add_argument("tune", nargs="+")
    a = ap.parse_args()
    notes = lowo(a.tune) if a.lowo else []
    W, b, n = fit(a.tune)
    rows = []
    for g in sorted(W):
        ws = [(k, w) for k, w in enumerate(W[g]) if abs(w) >= a.min_weight]
        if ws:
            rows.append(g + "\t" + " ".join(f"{k}:{w:.3f}" for k, w in ws))
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# adscan's sentence claim model: per character 1-3-gram (folded, whitespace dropped, digit runs\n"
                "# read as 0), its weight in each head (head:weight, |weight| >= %.2f). Written by tools/fit_claims.py;\n"
                "# do not edit by hand. %d training sentences from: %s\n"
                % (a.min_weight, n, ", ".join(os.path.relpath(p, ROOT) for p in a.tune)))
        for line in notes:
            f.write("# leave one writer out, " + line + "\n")
        f.write("heads\t" + " ".join(HEADS) + "\n")
        f.write("bias\t" + " ".join(f"{v:.3f}" for v in b) + "\n")
        f.write("threshold\t" + " ".join(f"{ANY_THRESHOLD if h == 'ANY' else HEAD_THRESHOLD.get(h, THRESHOLD):.2f}" for h in HEADS) + "\n")
        f.write("threshold_shared\t" + " ".join(f"{ANY_THRESHOLD if h == 'ANY' else SHARED_THRESHOLD:.2f}" for h in HEADS) + "\n")
        f.write(f"short_record\t{SHORT_RECORD}\n")
        f.write("threshold_short\t" + " ".join(f"{SHORT_ANY if h == 'ANY' else SHORT_HEAD_THRESHOLD.get(h, SHORT_THRESHOLD):.2f}" for h in HEADS) + "\n")
        f.write("genres\t" + " ".join(GENRES) + "\n")
        for r in rows:
            f.write(r + "\n")
    print(f"wrote {a.out}: {len(rows)} n-grams", file=sys.stderr)


if __name__ == "__main__":
    main()
