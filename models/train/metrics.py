"""Classification metrics in numpy (no scikit-learn on this machine): ROC AUC, operating points,
threshold choice, reliability bins and expected calibration error."""
from typing import Dict, List

import numpy as np


def roc_auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve = P(score of a positive > score of a negative), ties count 1/2
    (Mann-Whitney U with mid-ranks). NaN when a class is absent."""
    y = np.asarray(y) > 0.5
    npos, nneg = int(y.sum()), int((~y).sum())
    if npos == 0 or nneg == 0:
        return float("nan")
    order = np.argsort(p, kind="mergesort")
    sp = np.asarray(p)[order]
    ranks = np.empty(len(p), dtype=np.float64)
    i = 0
    while i < len(sp):  # mid-ranks over runs of ties
        j = i
        while j + 1 < len(sp) and sp[j + 1] == sp[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[y].sum() - npos * (npos + 1) / 2.0) / (npos * nneg))


def operating_point(y: np.ndarray, p: np.ndarray, t: float) -> Dict[str, float]:
    """Sensitivity and specificity when predicting positive for p >= t."""
    y = np.asarray(y) > 0.5
    pred = np.asarray(p) >= t
    tp, fn = int((pred & y).sum()), int((~pred & y).sum())
    tn, fp = int((~pred & ~y).sum()), int((pred & ~y).sum())
    return {"threshold": float(t),
            "sensitivity": tp / (tp + fn) if tp + fn else float("nan"),
            "specificity": tn / (tn + fp) if tn + fp else float("nan"),
            "tp": tp, "fn": fn, "tn": tn, "fp": fp}


def youden_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """Threshold maximising sensitivity + specificity - 1 (ties: the one closest to 0.5).
    Returned as the midpoint between neighbouring scores, so it generalises rather than sitting on one."""
    y = np.asarray(y) > 0.5
    if y.all() or (~y).all():
        return 0.5
    s = np.unique(np.asarray(p, dtype=np.float64))
    cands = np.concatenate([[0.0], (s[:-1] + s[1:]) / 2.0, [1.0]]) if len(s) > 1 else np.array([0.5])
    best, best_t = -2.0, 0.5
    for t in cands:
        op = operating_point(y, p, t)
        j = op["sensitivity"] + op["specificity"] - 1
        if j > best + 1e-12 or (abs(j - best) <= 1e-12 and abs(t - 0.5) < abs(best_t - 0.5)):
            best, best_t = j, float(t)
    return best_t


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 10) -> Dict[str, object]:
    """Equal-width probability bins: count, mean predicted, observed positive rate; ECE = sum_b n_b/N |obs - pred|."""
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    rows: List[Dict[str, float]] = []
    ece = 0.0
    for b in range(bins):
        m = which == b
        n = int(m.sum())
        pred = float(p[m].mean()) if n else float("nan")
        obs = float(y[m].mean()) if n else float("nan")
        if n:
            ece += n / len(p) * abs(obs - pred)
        rows.append({"lo": float(edges[b]), "hi": float(edges[b + 1]), "n": n, "predicted": pred, "observed": obs})
    return {"bins": rows, "ece": float(ece)}
