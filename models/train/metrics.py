"""Evaluation metrics in numpy, defined so that a TypeScript port reproduces them exactly.

- AUC: Mann-Whitney U / (n_pos * n_neg), a tied positive/negative pair counts 1/2
  (computed with average ranks).
- Decision at threshold t: positive iff p >= t. Accuracy, sensitivity (TP/P), specificity (TN/N).
- ECE: 15 equal-width bins over [0,1] of the predicted probability of the positive class,
  bin = min(floor(p * 15), 14); ECE = sum_b (n_b / N) * |mean(y in b) - mean(p in b)|.
- Bootstrap CI: B resamples of N indices drawn with replacement, index = floor(u * N), u from
  mulberry32(seed) (the common 32-bit JavaScript generator), resample after resample; percentile
  interval by linear interpolation between order statistics (numpy's default 'linear' method).
"""
import numpy as np


def auc(y, score):
    y = np.asarray(y).astype(bool)
    score = np.asarray(score, dtype=np.float64)
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):  # average ranks over runs of equal scores
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    n_pos, n_neg = y.sum(), (~y).sum()
    return float((r[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def at_threshold(y, p, t):
    y = np.asarray(y).astype(bool)
    pred = np.asarray(p) >= t
    tp, tn = int((pred & y).sum()), int((~pred & ~y).sum())
    return {"threshold": float(t), "accuracy": (tp + tn) / len(y), "sensitivity": tp / int(y.sum()),
            "specificity": tn / int((~y).sum()), "tp": tp, "fp": int((pred & ~y).sum()), "tn": tn,
            "fn": int((~pred & y).sum())}


def ece(y, p, bins=15):
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    b = np.minimum(np.floor(p * bins).astype(int), bins - 1)
    total = 0.0
    for k in range(bins):
        m = b == k
        if m.any():
            total += m.sum() / len(p) * abs(y[m].mean() - p[m].mean())
    return float(total)


def nll(y, p):
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-12, 1 - 1e-12)
    y = np.asarray(y, dtype=np.float64)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def mulberry32(seed):
    """Yield floats in [0,1); bit-identical to the usual JavaScript mulberry32."""
    a = seed & 0xFFFFFFFF
    while True:
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = ((a ^ (a >> 15)) * (1 | a)) & 0xFFFFFFFF
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t
        yield ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296


def bootstrap_auc_ci(y, score, resamples=2000, seed=2023, level=0.95):
    y, score = np.asarray(y), np.asarray(score)
    n = len(y)
    rng = mulberry32(seed)
    values = []
    for _ in range(resamples):
        idx = np.array([int(next(rng) * n) for _ in range(n)])
        values.append(auc(y[idx], score[idx]))
    lo, hi = np.percentile(values, [100 * (1 - level) / 2, 100 * (1 + level) / 2])
    return {"low": float(lo), "high": float(hi), "resamples": resamples, "seed": seed, "rng": "mulberry32",
            "method": "percentile, linear interpolation"}
