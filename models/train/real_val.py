"""Real-CT validation in the trainer: ROC AUC(any) on a folder of real 8-bit slices with labels.csv.

Usage: /usr/bin/python3 models/train/real_val.py --model models/resnet34/model.json
         --real ../shared/data/real-val/phe-sich [--window 40,120] [--no-crop] [--boot 2000]
The product's harness is `npm run evaluate -- --real DIR` (TypeScript, the site's engine); this mirror
uses the same input rule (byteToHU, crop to the head, resize, the three windows) so the trainer can pick
checkpoints by real-CT figures without leaving Python. The slices are read in place and never copied.
"""
import argparse
import csv
import os
from typing import Dict, List, Tuple

import numpy as np
import torch
from PIL import Image
from scipy import ndimage

from ct import hu_to_input
from head_crop import crop_masks, crop_to_head, pad_to_square, resample_square
from localise import cam, forward_with_layer4, pointing_hits
from metrics import roc_auc
from net import LABELS

# The window PHE-SICH's 8-bit PNGs were made with: they hold exactly 121 grey levels at round(k*255/120),
# i.e. integer HU through a window 120 HU wide; level 40 puts parenchyma at 29-35 HU (src/cli/evaluate.ts).
PHE_SICH_WINDOW: Tuple[float, float] = (40.0, 120.0)


def _disk(r: int) -> np.ndarray:
    y, x = np.mgrid[-r:r + 1, -r:r + 1]
    return x * x + y * y <= r * r


def read_real(root: str, window: Tuple[float, float], crop: bool = True, tolerance_px: int = 15):
    """HU on the model grid [N,224,224], labels `any` [N], patient ids [N], slice ids, and the lesion
    masks on the model grid [N,224,224] uint8 (zeros where a slice has none; masks/<id>.png, as
    src/cli/real-eval.ts reads them: through the same crop, nearest neighbour)."""
    level, width = window
    with open(os.path.join(root, "labels.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    hus, ys, pats, ids, masks, masks_tol, extra = [], [], [], [], [], [], []
    for r in rows:
        byte = np.asarray(Image.open(os.path.join(root, "images", r["id"] + ".png")).convert("L"), dtype=np.float32)
        hu = level - width / 2 + byte / 255.0 * width  # src/ct/window.ts byteToHU
        mpath = os.path.join(root, "masks", r["id"] + ".png")
        m = (np.asarray(Image.open(mpath).convert("L")) > 0).astype(np.uint8) if os.path.exists(mpath) else None
        # The tolerant pointing game (Zhang et al. 2018): a peak within `tolerance_px` of the mask at the
        # slice's own resolution is a hit, i.e. a peak inside the mask dilated by that disk.
        mt = ndimage.binary_dilation(m, structure=_disk(tolerance_px)).astype(np.uint8) if m is not None else None
        if crop:
            g, box = crop_to_head(hu)
        else:
            g, box = resample_square(torch.from_numpy(pad_to_square(hu))[None, None], 224)[0, 0].numpy(), None
        for mm, dest in ((m, masks), (mt, masks_tol)):
            if mm is None:
                dest.append(np.zeros((224, 224), np.uint8))
            elif box is not None:
                dest.append(crop_masks(mm, box))
            else:  # padded to a square: the same rule as a box around the whole square
                q = max(mm.shape)  # pad_to_square puts the image at ((q - h) // 2, (q - w) // 2)
                dest.append(crop_masks(mm, (-((q - mm.shape[0]) // 2), -((q - mm.shape[1]) // 2), q)))
        hus.append(g)
        ys.append(int(r["any"]))
        extra.append({k: int(r[k]) for k in LABELS if k in r and r[k] in ("0", "1")})
        pats.append(r["patient"])
        ids.append(r["id"])
    return np.stack(hus), np.asarray(ys), np.asarray(pats), ids, np.stack(masks), np.stack(masks_tol), extra


def bootstrap_by_patient(y: np.ndarray, p: np.ndarray, patients: np.ndarray, n: int = 2000, seed: int = 0) -> Tuple[float, float]:
    """95 % percentile interval of ROC AUC, resampling patients with replacement."""
    rng = np.random.default_rng(seed)
    uniq = np.unique(patients)
    rows: Dict[str, np.ndarray] = {u: np.nonzero(patients == u)[0] for u in uniq}
    aucs = []
    for _ in range(n):
        pick = np.concatenate([rows[u] for u in rng.choice(uniq, len(uniq))])
        if 0 < y[pick].sum() < len(pick):
            aucs.append(roc_auc(y[pick], p[pick]))
    return float(np.percentile(aucs, 2.5)), float(np.percentile(aucs, 97.5))


def logits_and_cams(model: torch.nn.Module, hu: np.ndarray, batch: int = 32) -> Tuple[np.ndarray, np.ndarray]:
    """Logits [N,6] and the `any` class activation map [N,7,7] (localise.cam: Grad-CAM at layer4 before ReLU)."""
    out, cams = [], []
    with torch.no_grad():
        for i in range(0, len(hu), batch):
            z, a4, w = forward_with_layer4(model, hu_to_input(torch.from_numpy(hu[i:i + batch])))
            out.append(z.float().numpy())
            cams.append(cam(a4.float(), w.float()).numpy())
    return np.concatenate(out), np.concatenate(cams)


def evaluate(model: torch.nn.Module, data, boot: int = 2000) -> dict:
    """ROC AUC(any) with its 95 % interval by patient, and the Grad-CAM (layer4, any) pointing game on the
    positive slices with a mask (hits / scored)."""
    hu, y, pats, _, masks = data[:5]
    masks_tol = data[5] if len(data) > 5 else None
    was = model.training
    model.eval()
    z, cams = logits_and_cams(model, hu)
    model.train(was)
    p = 1 / (1 + np.exp(-z[:, 0]))
    auc = roc_auc(y, p)
    lo, hi = bootstrap_by_patient(y, p, pats, boot) if boot else (float("nan"), float("nan"))
    hits = pointing_hits(torch.from_numpy(cams), torch.from_numpy(masks)).numpy()
    scored = (y == 1) & (hits >= 0)
    tol = {"hits": 0, "scored": 0, "rate": float("nan")}
    if masks_tol is not None:
        ht = pointing_hits(torch.from_numpy(cams), torch.from_numpy(masks_tol)).numpy()
        st = (y == 1) & (ht >= 0)
        tol = {"hits": int(ht[st].sum()), "scored": int(st.sum()), "rate": float(ht[st].mean()) if st.any() else float("nan")}
    return {"pointing_tol": tol, "auc": auc, "ci": [lo, hi], "n": int(len(y)), "positives": int(y.sum()), "patients": int(len(np.unique(pats))),
            "p": p, "pointing": {"hits": int(hits[scored].sum()), "scored": int(scored.sum()),
                                 "rate": float(hits[scored].mean()) if scored.any() else float("nan")}}


def main() -> None:
    from tfjs_weights import load_folded
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/resnet34/model.json")
    ap.add_argument("--real", default="../shared/data/real-val/phe-sich")
    ap.add_argument("--window", default=",".join(f"{v:g}" for v in PHE_SICH_WINDOW))
    ap.add_argument("--no-crop", action="store_true")
    ap.add_argument("--boot", type=int, default=2000)
    a = ap.parse_args()
    torch.set_num_threads(2)
    if not os.path.isdir(a.real):
        raise SystemExit(f"real_val: {a.real} is absent; nothing to validate on")
    w = tuple(float(v) for v in a.window.split(","))
    data = read_real(a.real, w, crop=not a.no_crop)
    r = evaluate(load_folded(a.model)[1], data, a.boot)
    print(f"real_val: {a.real} window L{w[0]:g}/W{w[1]:g} crop={not a.no_crop}: ROC AUC(any) {r['auc']:.3f} "
          f"(95 % CI by patient {r['ci'][0]:.3f}-{r['ci'][1]:.3f}), {r['n']} slices, {r['positives']} positive, "
          f"{r['patients']} patients; Grad-CAM (layer4, any) pointing game {r['pointing']['rate']:.3f} "
          f"({r['pointing']['hits']}/{r['pointing']['scored']}), tolerant (15 px) {r['pointing_tol']['rate']:.3f} "
          f"({r['pointing_tol']['hits']}/{r['pointing_tol']['scored']})")


if __name__ == "__main__":
    main()
