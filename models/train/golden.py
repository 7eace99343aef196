"""Golden fixtures from the EXPORTED weights (decoded exactly as tfjs decodes them, BN folded) on three
fixed phantom slices, for the TS engine's parity test.

Usage: /usr/bin/python3 models/train/golden.py --model models/resnet34/model.json --data models/data/test \
         (--seeds S1 S2 S3 | --auto 3) --out tests/fixtures/golden [--cam-labels any subdural] [--grad-label any]

Per slice it writes <out>/slice-<seed>.json (index + small values) and <out>/slice-<seed>.bin
(little-endian tensors at the byte offsets the index gives). Layouts are TypeScript's: NHWC.
"""
import argparse
import hashlib
import os
from typing import List

import numpy as np
import torch

from augment import plain
from ct import MODEL_SIZE
from explain import grad_cam, input_gradient
from jsonfile import write_json
from net import LABELS
from shards import PhantomSet
from tfjs_weights import load_folded

RULE_NAMES = ("vanilla", "guided", "deconv")


def auto_seeds(data: PhantomSet, n: int) -> List[int]:
    """Deterministic picks from the set: the first bleed-free slice, then the first slices whose
    positive subtypes are new to the pick (so the fixtures cover different subtypes)."""
    picks: List[int] = []
    seen = set()
    neg = [i for i in range(len(data)) if data.labels[i, 0] == 0]
    if neg:
        picks.append(neg[0])
    for i in range(len(data)):
        if len(picks) >= n:
            break
        subs = {k for k in range(1, 6) if data.labels[i, k] > 0}
        if data.labels[i, 0] > 0 and subs and not subs & seen and i not in picks:
            picks.append(i)
            seen |= subs
    for i in range(len(data)):  # too few distinct ones: fill in order
        if len(picks) >= n:
            break
        if i not in picks:
            picks.append(i)
    return [int(data.seeds[i]) for i in picks[:n]]


class Blob:
    """Accumulates tensors into one little-endian byte string with a json index."""

    def __init__(self):
        self.parts: List[bytes] = []
        self.offset = 0
        self.index = {}

    def add(self, name: str, a: np.ndarray, dtype: str = "float32") -> None:
        b = np.ascontiguousarray(a, dtype="<f4" if dtype == "float32" else "<i2").tobytes()
        self.index[name] = {"offset": self.offset, "shape": list(a.shape), "dtype": dtype}
        self.parts.append(b)
        self.offset += len(b)
        pad = (-self.offset) % 4  # keep every tensor 4-byte aligned for Float32Array views
        if pad:
            self.parts.append(b"\0" * pad)
            self.offset += pad


def nhwc(t: torch.Tensor) -> np.ndarray:
    return t.detach().permute(0, 2, 3, 1).contiguous().numpy()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/resnet34/model.json")
    ap.add_argument("--data", default="models/data/test")
    ap.add_argument("--seeds", type=int, nargs="*")
    ap.add_argument("--auto", type=int, default=0, help="pick this many seeds from --data instead of --seeds")
    ap.add_argument("--out", default="tests/fixtures/golden")
    ap.add_argument("--cam-labels", nargs=2, default=["any", "subdural"], choices=LABELS)
    ap.add_argument("--grad-label", default="any", choices=LABELS)
    a = ap.parse_args()
    torch.set_num_threads(2)
    mj, model = load_folded(a.model)
    data = PhantomSet(a.data)
    seeds = auto_seeds(data, a.auto) if a.auto else (a.seeds or [])
    if not seeds:
        raise SystemExit("golden: give --seeds or --auto N")
    where = data.index_of_seed()
    os.makedirs(a.out, exist_ok=True)
    model_id = {"path": a.model, "format": mj["format"], "dtype": mj["meta"].get("dtype"),
                "sha256": mj["meta"].get("sha256")}
    for seed in seeds:
        i = where[seed]
        hu = data.hu([i])
        x = plain(torch.from_numpy(hu), MODEL_SIZE)
        blob = Blob()
        blob.add("hu", hu[0], "int16")
        blob.add("input", nhwc(x))
        cams = {lab: grad_cam(model, x, LABELS.index(lab)) for lab in a.cam_labels}
        first = cams[a.cam_labels[0]]
        blob.add("layer4", nhwc(first["layer4"]))
        for lab, r in cams.items():
            blob.add(f"gradcam.{lab}.alpha", r["alpha"].numpy())
            blob.add(f"gradcam.{lab}.cam", r["cam"].numpy())
            blob.add(f"gradcam.{lab}.upsampled", r["camUp"].numpy())
        c = LABELS.index(a.grad_label)
        for rule in RULE_NAMES:
            blob.add(f"gradient.{rule}", nhwc(input_gradient(model, x, c, rule)))
        data_bytes = b"".join(blob.parts)
        name = f"slice-{seed}"
        with open(os.path.join(a.out, name + ".bin"), "wb") as f:
            f.write(data_bytes)
        logits = first["logits"][0].numpy()
        write_json(os.path.join(a.out, name + ".json"), {
            "format": "ich-golden/1",
            "seed": seed,
            "phantom": {"size": data.size, "seedStart": data.seed_start, "index": i},
            "labels": {lab: int(data.labels[i, k]) for k, lab in enumerate(LABELS)},
            "model": model_id,
            "logits": [float(v) for v in logits],
            "probabilities": [float(v) for v in 1 / (1 + np.exp(-logits.astype(np.float64)))],
            "camLabels": list(a.cam_labels),
            "gradLabel": a.grad_label,
            "rules": {"vanilla": "R*1[f>0]", "guided": "R*1[f>0]*1[R>0]", "deconv": "R*1[R>0]",
                      "maxPool": "gradient to the first maximum of each 3x3/2 window (row-major scan)"},
            "gradcam": "alpha = mean_ij dlogit/dA (layer4 output, after the last block's ReLU); "
                       "cam = ReLU(sum_k alpha_k A_k) [7,7]; upsampled: bilinear to 224, half-pixel centres "
                       "(torch align_corners=False = tfjs resizeBilinear(alignCorners=false, halfPixelCenters=true))",
            "binary": name + ".bin",
            "bytes": len(data_bytes),
            "sha256": hashlib.sha256(data_bytes).hexdigest(),
            "tensors": blob.index,
        })
        print(f"golden: {name} labels {[lab for k, lab in enumerate(LABELS) if data.labels[i, k]]} "
              f"logits {[round(float(v), 3) for v in logits]} ({len(data_bytes) / 2**20:.2f} MiB)", flush=True)


if __name__ == "__main__":
    main()
