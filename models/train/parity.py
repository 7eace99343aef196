"""Choose the shipped weight dtype by measured parity with the float32 export.

Usage: /usr/bin/python3 models/train/parity.py --ref DIR/float32 --candidates DIR/float16 DIR/uint8 \
         --data models/data/test --n 64 --maps 4 --out parity.json
For each candidate: max |logit - logit_float32| over n test slices, and on `maps` slices the Pearson
correlation with float32 of Grad-CAM ('any', upsampled) and the vanilla / guided / deconv input
gradients of the 'any' logit. Chosen: the smallest candidate (bytes) within MAX_MIB whose max |Δlogit|
≤ --bound and whose every map correlation ≥ --min-corr; if none passes, the most faithful one that fits (flagged).
"""
import argparse
import os
from typing import Dict

import numpy as np
import torch

from augment import plain
from ct import MODEL_SIZE
from explain import grad_cam, input_gradient
from infer import logits_for
from jsonfile import write_json
from shards import PhantomSet
from tfjs_weights import load_folded

MAX_MIB = 45.0


def pearson(a: torch.Tensor, b: torch.Tensor) -> float:
    a, b = a.flatten().double(), b.flatten().double()
    a, b = a - a.mean(), b - b.mean()
    d = float(a.norm() * b.norm())
    return float((a * b).sum()) / d if d > 0 else (1.0 if float((a - b).abs().max()) == 0 else 0.0)


def maps(model, x: torch.Tensor) -> Dict[str, torch.Tensor]:
    out = {"gradcam": grad_cam(model, x, 0)["camUp"]}
    for rule in ("vanilla", "guided", "deconv"):
        out[rule] = input_gradient(model, x, 0, rule)
    return out


def size_mib(model_json: str, mj: dict) -> float:
    root = os.path.dirname(model_json)
    return sum(os.path.getsize(os.path.join(root, p)) for g in mj["weightsManifest"] for p in g["paths"]) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", required=True, help="dir of the float32 export")
    ap.add_argument("--candidates", nargs="+", required=True)
    ap.add_argument("--data", default="models/data/test")
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--maps", type=int, default=4)
    ap.add_argument("--bound", type=float, default=0.05, help="max |Δlogit| allowed")
    ap.add_argument("--min-corr", type=float, default=0.98,
                    help="min map correlation allowed (vanilla gradients flip ReLU masks at f≈0, so not 0.999)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(2)
    data = PhantomSet(a.data)
    idx = np.arange(min(a.n, len(data)))
    ref_json = os.path.join(a.ref, "model.json")
    ref_mj, ref = load_folded(ref_json)
    ref_logits = logits_for(ref, data, idx, label="float32")
    xs = [plain(torch.from_numpy(data.hu([i])), MODEL_SIZE) for i in idx[:a.maps]]
    ref_maps = [maps(ref, x) for x in xs]
    rows = {"float32": {"mib": round(size_mib(ref_json, ref_mj), 2), "maxAbsDeltaLogit": 0.0, "minCorr": {}}}
    for d in a.candidates:
        path = os.path.join(d, "model.json")
        mj, model = load_folded(path)
        dtype = mj["meta"]["dtype"]
        dl = float(np.abs(logits_for(model, data, idx, label=dtype) - ref_logits).max())
        corr: Dict[str, float] = {}
        for x, rm in zip(xs, ref_maps):
            for k, v in maps(model, x).items():
                corr[k] = min(corr.get(k, 1.0), pearson(v, rm[k]))
        rows[dtype] = {"mib": round(size_mib(path, mj), 2), "maxAbsDeltaLogit": dl,
                       "minCorr": {k: round(v, 6) for k, v in corr.items()}}
    ok = {k: r for k, r in rows.items()
          if r["mib"] <= MAX_MIB and r["maxAbsDeltaLogit"] <= a.bound
          and all(c >= a.min_corr for c in r["minCorr"].values())}
    fits = {k: r for k, r in rows.items() if r["mib"] <= MAX_MIB}
    if ok:
        chosen, met = min(ok, key=lambda k: ok[k]["mib"]), True
    elif fits:  # nothing meets the bounds: ship the most faithful export that fits, and say so
        chosen, met = min(fits, key=lambda k: fits[k]["maxAbsDeltaLogit"]), False
    else:
        raise SystemExit("parity: no export fits the size limit")
    for k, r in rows.items():
        print(f"parity {k:8} {r['mib']:6.1f} MiB  max|Δlogit| {r['maxAbsDeltaLogit']:.2e}  min corr "
              + " ".join(f"{m}={c:.5f}" for m, c in r["minCorr"].items())
              + ("  <- chosen" if k == chosen else ""))
    write_json(a.out, {"format": "ich-parity/1", "slices": len(idx), "mapSlices": len(xs),
                       "bound": {"maxAbsDeltaLogit": a.bound, "minCorr": a.min_corr, "maxMiB": MAX_MIB},
                       "rows": rows, "chosen": chosen, "boundsMet": met})
    print(f"parity: chosen {chosen}" + ("" if met else " (WARNING: no export met the bounds; the closest that fits)"))


if __name__ == "__main__":
    main()
