"""Temperature scaling and operating points, fitted on the validation split only.

Probability of pneumonia: p = sigmoid(logit / T).
Candidate thresholds: the midpoints, in calibrated-logit space, between adjacent distinct calibrated
val logits (so no val score sits on a threshold); decision is positive iff p >= threshold.
- high-sensitivity: the highest candidate with val sensitivity >= 0.95.
- balanced: the candidate with maximal Youden J = sens + spec - 1 (ties: the higher threshold).
"""
import math

import numpy as np

from metrics import at_threshold


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))


def _nll_at(z, y, t):
    u = z / t  # stable log(1 + exp(-|u|)) form of the binary cross-entropy
    return float(np.mean(np.maximum(u, 0) - u * y + np.log1p(np.exp(-np.abs(u)))))


def fit_temperature(logits, y):
    """T minimising val NLL of sigmoid(logit / T): golden-section search on log T in [-4, 4]."""
    z, y = np.asarray(logits, dtype=np.float64), np.asarray(y, dtype=np.float64)
    lo, hi = -4.0, 4.0
    g = (math.sqrt(5) - 1) / 2
    for _ in range(200):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if _nll_at(z, y, math.exp(a)) < _nll_at(z, y, math.exp(b)):
            hi = b
        else:
            lo = a
    return math.exp((lo + hi) / 2)


def operating_points(logits, y, temperature, min_sensitivity=0.95):
    u = np.unique(np.asarray(logits, dtype=np.float64) / temperature)
    mids = (u[:-1] + u[1:]) / 2
    p = sigmoid(np.asarray(logits, dtype=np.float64) / temperature)
    rows = [{**at_threshold(y, p, sigmoid(m)), "logitThreshold": float(m * temperature)} for m in mids]
    sens_ok = [r for r in rows if r["sensitivity"] >= min_sensitivity]
    high_sens = max(sens_ok, key=lambda r: r["threshold"])
    balanced = max(rows, key=lambda r: (r["sensitivity"] + r["specificity"] - 1, r["threshold"]))
    return [{"name": "high-sensitivity", **_summary(high_sens),
             "rule": f"highest threshold with val sensitivity >= {min_sensitivity}"},
            {"name": "balanced", **_summary(balanced), "rule": "maximal val Youden J"}]


def _summary(row):
    return {"threshold": row["threshold"], "logitThreshold": row["logitThreshold"],
            "valSensitivity": row["sensitivity"], "valSpecificity": row["specificity"]}
