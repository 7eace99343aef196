"""UI thresholds chosen on the real validation sets (issue 21's decision), written into model.json meta.

Usage: /usr/bin/python3 models/train/real_thresholds.py --model models/resnet34/model.json
         [--root ../shared/data/real-val]
- `any`: the threshold that maximises Youden's J averaged over PHE-SICH and CT-ICH (each set counts once,
  whatever its size);
- `epidural` and `subdural`: Youden's J on CT-ICH (6 and 2 patients with these bleeds: a validation
  choice, not a test result);
- the other labels keep the thresholds evaluate.py chose on the phantom and composite validation sets.
meta.thresholdsFrom records which set chose each label. Sensitivity and specificity at a threshold chosen
on the same slices are optimistic; the site says so. Skips with a message when the sets are absent.
"""
import argparse
import json
import os

import numpy as np
import torch

from jsonfile import write_json
from metrics import operating_point
from real_val import PHE_SICH_WINDOW, logits_and_cams, read_real
from net import LABELS

SYNTHETIC = "phantom and composite validation sets (Youden's J)"


def mean_youden(sets, t: float) -> float:
    """Youden's J at threshold t averaged over [(y, p), ...]."""
    js = []
    for y, p in sets:
        op = operating_point(y, p, t)
        js.append(op["sensitivity"] + op["specificity"] - 1)
    return float(np.mean(js))


def best_threshold(sets) -> float:
    """Threshold in (0, 1) maximising mean_youden, as a midpoint between neighbouring scores."""
    s = np.unique(np.concatenate([p for _, p in sets]).astype(np.float64))
    cands = (s[:-1] + s[1:]) / 2.0 if len(s) > 1 else np.array([0.5])
    scores = [mean_youden(sets, t) for t in cands]
    return float(cands[int(np.argmax(scores))])


def main() -> None:
    from tfjs_weights import load_folded
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/resnet34/model.json")
    ap.add_argument("--root", default="../shared/data/real-val")
    a = ap.parse_args()
    torch.set_num_threads(2)
    dirs = {n: os.path.join(a.root, n) for n in ("phe-sich", "ct-ich")}
    if not all(os.path.isdir(d) for d in dirs.values()):
        print(f"real_thresholds: {a.root}/phe-sich and ct-ich are needed; thresholds left as they are")
        return
    model = load_folded(a.model)[1].eval()
    probs, labels = {}, {}
    for n, d in dirs.items():
        data = read_real(d, PHE_SICH_WINDOW)
        z, _ = logits_and_cams(model, data[0])
        probs[n] = 1 / (1 + np.exp(-z))
        labels[n] = data[6]
    with open(a.model) as f:
        man = json.load(f)
    meta = man.setdefault("meta", {})
    thr = dict(meta.get("thresholds", {}))
    origin = {lab: SYNTHETIC for lab in LABELS}
    thr["any"] = round(best_threshold([(np.array([r["any"] for r in labels[n]]), probs[n][:, 0]) for n in dirs]), 6)
    origin["any"] = "PHE-SICH and CT-ICH real validation slices (Youden's J averaged over the two sets)"
    for lab in ("epidural", "subdural"):
        k = LABELS.index(lab)
        y = np.array([r[lab] for r in labels["ct-ich"]])
        thr[lab] = round(best_threshold([(y, probs["ct-ich"][:, k])]), 6)
        origin[lab] = "CT-ICH real validation slices (Youden's J)"
    meta["thresholds"] = thr
    meta["thresholdsFrom"] = origin
    write_json(a.model, man, compact=True)
    for n in dirs:
        y = np.array([r["any"] for r in labels[n]])
        op = operating_point(y, probs[n][:, 0], thr["any"])
        print(f"real_thresholds: {n}: any >= {thr['any']:.3f}: sensitivity {op['sensitivity']:.3f}, specificity {op['specificity']:.3f}")
    for lab in ("epidural", "subdural"):
        k = LABELS.index(lab)
        y = np.array([r[lab] for r in labels["ct-ich"]])
        op = operating_point(y, probs["ct-ich"][:, k], thr[lab])
        print(f"real_thresholds: ct-ich: {lab} >= {thr[lab]:.3f}: sensitivity {op['sensitivity']:.3f}, specificity {op['specificity']:.3f}")
    print(f"real_thresholds: wrote meta.thresholds and meta.thresholdsFrom into {a.model}")


if __name__ == "__main__":
    main()
