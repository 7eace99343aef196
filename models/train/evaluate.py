"""Evaluate a shipped model on held-out phantoms: per-label ROC AUC, sensitivity and specificity at the
UI thresholds (chosen on validation by Youden's J, also reported at 0.5), calibration (10 reliability
bins, ECE).

Usage: /usr/bin/python3 models/train/evaluate.py --model models/resnet34/model.json \
         --val models/data/val [models/data/composite-val] --test models/data/test \
         [--extra-test composite=models/data/composite-test] --out models/resnet34/metrics.json [--update-meta]
Thresholds come from all --val sets pooled (phantoms and real-background composites, so an operating
point suits both). --extra-test adds per-label ROC AUC on more held-out sets under "extraTests".
--update-meta writes meta.thresholds (the UI's per-label thresholds) and a metrics summary into model.json.
"""
import argparse
import datetime
import os

import numpy as np
import torch

from infer import logits_for
from jsonfile import write_json
from metrics import operating_point, reliability, roc_auc, youden_threshold
from net import LABELS
from shards import PhantomSet
from tfjs_weights import load_folded, update_meta


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z.astype(np.float64)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/resnet34/model.json")
    ap.add_argument("--val", nargs="+", default=["models/data/val"])
    ap.add_argument("--extra-test", nargs="*", default=[], help="NAME=DIR: per-label ROC AUC on more sets")
    ap.add_argument("--test", default="models/data/test")
    ap.add_argument("--out", default="models/resnet34/metrics.json")
    ap.add_argument("--update-meta", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(2)
    mj, model = load_folded(a.model)
    vals, test = [PhantomSet(d) for d in a.val], PhantomSet(a.test)
    val = vals[0]
    pv = np.concatenate([sigmoid(logits_for(model, v, label=f"val {os.path.basename(v.root)}")) for v in vals])
    yv = np.concatenate([v.labels for v in vals])
    pt = sigmoid(logits_for(model, test, label="test"))
    thresholds = {lab: round(youden_threshold(yv[:, k], pv[:, k]), 6) for k, lab in enumerate(LABELS)}
    # Labels whose threshold real_thresholds.py chose on the real validation sets keep it (meta.thresholdsFrom).
    real_chosen = {lab for lab, src in mj.get("meta", {}).get("thresholdsFrom", {}).items() if "real validation" in src}
    for lab in real_chosen:
        thresholds[lab] = mj["meta"]["thresholds"][lab]
    per = {}
    for k, lab in enumerate(LABELS):
        y, p = test.labels[:, k], pt[:, k]
        per[lab] = {
            "positives": int(y.sum()), "negatives": int(len(y) - y.sum()),
            "auc": roc_auc(y, p),
            "atThreshold": operating_point(y, p, thresholds[lab]),
            "at0.5": operating_point(y, p, 0.5),
            "calibration": reliability(y, p, 10),
        }
    out = {
        "format": "ich-metrics/1",
        "model": {"path": a.model, "dtype": mj["meta"].get("dtype"), "sha256": mj["meta"].get("sha256")},
        "val": {"seedStart": val.seed_start, "count": len(val)},
        "valSets": [{"name": os.path.basename(v.root), "seedStart": v.seed_start, "count": len(v)} for v in vals],
        "test": {"seedStart": test.seed_start, "count": len(test)},
        "thresholds": thresholds,
        "thresholdRule": "per label, Youden's J (max sensitivity + specificity - 1) on the validation sets pooled",
        "labels": per,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
    }
    extra = {}
    for spec in a.extra_test:
        name, d = spec.split("=", 1)
        es = PhantomSet(d)
        pe = sigmoid(logits_for(model, es, label=name))
        extra[name] = {"seedStart": es.seed_start, "count": len(es),
                       "labels": {lab: {"positives": int(es.labels[:, k].sum()), "auc": roc_auc(es.labels[:, k], pe[:, k]),
                                        "atThreshold": operating_point(es.labels[:, k], pe[:, k], thresholds[lab])}
                                  for k, lab in enumerate(LABELS)}}
        print(f"{name}: " + " ".join(f"{lab}={r['auc']:.4f}" for lab, r in extra[name]["labels"].items()))
    if extra:
        out["extraTests"] = extra
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    write_json(a.out, out)
    print(f"{'label':18} {'AUC':>6} {'thr':>6} {'sens':>6} {'spec':>6} {'ECE':>6} pos/neg")
    for lab, m in per.items():
        op = m["atThreshold"]
        print(f"{lab:18} {m['auc']:6.4f} {op['threshold']:6.3f} {op['sensitivity']:6.3f} {op['specificity']:6.3f} "
              f"{m['calibration']['ece']:6.3f} {m['positives']}/{m['negatives']}")
    if a.update_meta:
        update_meta(a.model, {
            "thresholds": thresholds,
            "testSet": out["test"], "valSet": out["val"],
            "metrics": {lab: {"auc": round(m["auc"], 5),
                              "sensitivity": round(m["atThreshold"]["sensitivity"], 5),
                              "specificity": round(m["atThreshold"]["specificity"], 5),
                              "ece": round(m["calibration"]["ece"], 5)} for lab, m in per.items()},
        })
    print(f"evaluate: wrote {a.out}")


if __name__ == "__main__":
    main()
