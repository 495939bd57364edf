#!/usr/bin/env python3
"""Fit adscan's document-genre model: multinomial logistic regression over the interpretable
features of lexicons/genre.yaml, with weights written as data to lexicons/genre-model.yaml.

  python3 tools/fit_genre.py [--adscan .build/release/adscan] [--rules lexicons] CORPUS.jsonl...

Each corpus row needs a genre: its `genre` field, or one read from its `kind` (see
EvalCommand.genreLabel). Features come from adscan itself (`adscan eval --genre-features`), so the
model is fit on exactly what the scanner computes. Prints 5-fold cross-validated accuracy and the
advertorial precision/recall, then fits on everything and writes the weights.
Standard library only (the system python3 of Debian 12 is enough)."""
import argparse, math, os, random, subprocess, sys, tempfile

GENRES = ["ad", "advertorial", "livestream", "comment", "news", "enforcement", "regulation",
          "research", "science", "consumer_tip"]
# health science is where advertorials hide (广告法第十九条): its claims are kept
SUPPRESS = ["enforcement", "regulation", "news", "research", "consumer_tip"]
# Where a rule's `error` stands; in other genres, or past ERROR_MAX_MENTION of the suppressing
# genres, it is a `warning` (chosen on the tune halves: error findings on clean records 23 -> 8,
# violations keeping an error 482 -> 446).
ERRORS_IN = ["ad", "advertorial", "livestream"]
ERROR_MAX_MENTION = 0.25
# ... and under ERROR_MIN_CONFIDENCE in its genre (chosen on the tune halves in round 17: error
# findings on clean records 9 -> 4, violations keeping an error 544 -> 459; the held-out halves
# 18 -> 11 and 499 -> 438)
ERROR_MIN_CONFIDENCE = 0.45
# Where a `warning` is lowered to `info`: records read as news, notices, regulations or research
# with at least REPORT_MIN_MENTION on the suppressing genres (chosen in round 50 on the tune half of
# a fresh private real set: no violation there, quoted or whole, was read as one of these genres;
# the own corpora: clean records flagged 6 fewer, violations flagged 0 fewer)
REPORT_GENRES = ["news", "regulation", "research", "enforcement"]
REPORT_MIN_MENTION = 0.42


def features(adscan, rules, corpora):
    rows, names = [], None
    for c in corpora:
        with tempfile.NamedTemporaryFile(suffix=".tsv", delete=False) as t:
            path = t.name
        cmd = [adscan, "eval", c, "--show", "0", "--genre-features", path] + (["--rules", rules] if rules else [])
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(path, encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split("\t")
            names = head[2:]
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) == len(head) and p[1] in GENRES:
                    rows.append((p[0], p[1], [float(v) for v in p[2:]]))
        os.unlink(path)
    return names, rows


def softmax(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [v / s for v in e]


def fit(rows, nf, l2=0.01, epochs=800, lr=0.3):
    """Full-batch gradient descent on the L2-regularised cross-entropy; classes weighted by
    inverse frequency so that small genres (advertorials) are not drowned by short ads.
    With numpy present the same steps run vectorised (minutes instead of an hour); without it,
    in plain Python."""
    try:
        import numpy
    except ImportError:
        numpy = None
    if numpy is not None:
        return fit_numpy(numpy, rows, nf, l2, epochs, lr)
    K = len(GENRES)
    W = [[0.0] * nf for _ in range(K)]
    b = [0.0] * K
    count = {g: 0 for g in GENRES}
    for _, g, _ in rows:
        count[g] += 1
    # square root of inverse frequency: small genres count more, without flooding the rest
    weight = {g: (math.sqrt(len(rows) / (K * count[g])) if count[g] else 0) for g in GENRES}
    n = len(rows)
    for _ in range(epochs):
        gW = [[0.0] * nf for _ in range(K)]
        gb = [0.0] * K
        for _, g, x in rows:
            y = GENRES.index(g)
            p = softmax([b[k] + sum(W[k][j] * x[j] for j in range(nf)) for k in range(K)])
            w = weight[g]
            for k in range(K):
                d = w * (p[k] - (1.0 if k == y else 0.0))
                gb[k] += d
                for j in range(nf):
                    if x[j]:
                        gW[k][j] += d * x[j]
        for k in range(K):
            b[k] -= lr * gb[k] / n
            for j in range(nf):
                W[k][j] -= lr * (gW[k][j] / n + l2 * W[k][j])
    return W, b


def fit_numpy(np, rows, nf, l2, epochs, lr):
    """fit(), vectorised: the same loss, weights, step and number of steps."""
    K = len(GENRES)
    X = np.array([x for _, _, x in rows], dtype=float).reshape(len(rows), nf)
    y = np.array([GENRES.index(g) for _, g, _ in rows])
    count = np.bincount(y, minlength=K)
    n = len(rows)
    cw = np.array([np.sqrt(n / (K * c)) if c else 0.0 for c in count])
    w = cw[y][:, None]
    Y = np.zeros((n, K))
    Y[np.arange(n), y] = 1.0
    W = np.zeros((K, nf))
    b = np.zeros(K)
    for _ in range(epochs):
        Z = X @ W.T + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        D = w * (P - Y)
        b -= lr * D.sum(axis=0) / n
        W -= lr * (D.T @ X / n + l2 * W)
    return W.tolist(), b.tolist()


def predict(W, b, x):
    p = softmax([b[k] + sum(W[k][j] * x[j] for j in range(len(x))) for k in range(len(GENRES))])
    k = max(range(len(p)), key=lambda i: p[i])
    return GENRES[k], p[k]


def score(pairs):
    right = sum(1 for g, h in pairs if g == h)
    tp = sum(1 for g, h in pairs if g == "advertorial" and h == "advertorial")
    fp = sum(1 for g, h in pairs if g != "advertorial" and h == "advertorial")
    fn = sum(1 for g, h in pairs if g == "advertorial" and h != "advertorial")
    sup_wrong = sum(1 for g, h in pairs if g not in SUPPRESS and h in SUPPRESS)
    return right / max(len(pairs), 1), tp / max(tp + fp, 1), tp / max(tp + fn, 1), sup_wrong


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--adscan", default=".build/release/adscan")
    ap.add_argument("--rules", default="lexicons")
    ap.add_argument("--out", default="lexicons/genre-model.yaml")
    ap.add_argument("--min-confidence", type=float, default=0.5)
    # 0.05/400 (rounds 8-13) underfit once the data grew past 1,800 records: cross-validated
    # accuracy 0.708 against 0.748 at 0.01/800 (0.766 at 0.003, with more records put in a
    # suppressing genre)
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--epochs", type=int, default=800)
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()
    names, rows = features(a.adscan, a.rules, a.corpora)
    nf = len(names)
    print(f"{len(rows)} records with a genre, {nf} features", file=sys.stderr)
    for g in GENRES:
        print(f"  {g}: {sum(1 for r in rows if r[1] == g)}", file=sys.stderr)
    # 5-fold cross-validation, folds stratified by genre
    rng = random.Random(7)
    by = {}
    for r in rows:
        by.setdefault(r[1], []).append(r)
    folds = [[] for _ in range(5)]
    for g, rs in by.items():
        rng.shuffle(rs)
        for i, r in enumerate(rs):
            folds[i % 5].append(r)
    pairs = []
    for i in range(5):
        train = [r for j in range(5) if j != i for r in folds[j]]
        W, b = fit(train, nf, l2=a.l2, epochs=a.epochs)
        pairs += [(r[1], predict(W, b, r[2])[0]) for r in folds[i]]
    acc, ap_, ar, sw = score(pairs)
    print(f"5-fold cross-validated: accuracy {acc:.3f}; advertorial precision {ap_:.3f} recall {ar:.3f}; "
          f"non-mention records put in a suppressing genre: {sw}", file=sys.stderr)
    W, b = fit(rows, nf, l2=a.l2, epochs=a.epochs)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Weights of the document-genre model over the features in genre.yaml (plus `length`, the\n"
                "# record's size on a log scale, and `claims`, the number of distinct claims that matched: rules of one family count once).\n"
                f"# Written by tools/fit_genre.py (multinomial logistic regression, L2 {a.l2}, {a.epochs} epochs, classes weighted by\n"
                f"# inverse frequency) from: {', '.join(os.path.relpath(c) for c in a.corpora)}\n"
                f"# {len(rows)} records; 5-fold cross-validated accuracy {acc:.3f}, advertorial precision {ap_:.3f}\n"
                f"# recall {ar:.3f}. Do not edit by hand: change the features or the data and fit again.\n")
        f.write("pack: genre-model\ngenre_model:\n  cap: 3\n")
        f.write(f"  min_confidence: {a.min_confidence}\n")
        f.write(f"  suppress: [{', '.join(SUPPRESS)}]\n")
        f.write(f"  errors_in: [{', '.join(ERRORS_IN)}]\n  error_max_mention: {ERROR_MAX_MENTION}\n  error_min_confidence: {ERROR_MIN_CONFIDENCE}\n")
        f.write(f"  report_genres: [{', '.join(REPORT_GENRES)}]\n  report_min_mention: {REPORT_MIN_MENTION}\n  genres:\n")
        for k, g in enumerate(GENRES):
            ws = ", ".join(f"{names[j]}: {W[k][j]:.3f}" for j in range(nf) if abs(W[k][j]) >= 0.001)
            f.write(f"    - id: {g}\n      bias: {b[k]:.3f}\n      weights: {{{ws}}}\n")
    print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
