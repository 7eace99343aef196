"""Golden values for the evaluation lab's deterministic methods (issue #12), from PyTorch autograd on the
EXPORTED weights (BN folded, decoded as tfjs decodes them), on one fixed phantom slice:

- Integrated Gradients (Sundararajan et al. 2017): (x - x') * mean_{k=1..m} dy/dx at x' + k/m (x - x'),
  baseline x' = -1 in every channel (air), m = 32;
- Grad-CAM++ (Chattopadhay et al. 2018) at layer4, the exponential-score closed form:
  a = g^2 / (2 g^2 + sum_ij(A) g^3) (0 where the denominator is 0), w = sum_ij a relu(g),
  cam = relu(sum_k w_k A_k), bilinear to 224 with half-pixel centres;
- occlusion (Zeiler & Fergus 2014): a 32 px patch at stride 16 (origins 0, 16, ..., 192) filled with -1;
  each pixel: mean over the covering patches of y(x) - y(x occluded), the same in every channel.

Usage: /usr/bin/python3 models/train/golden_lab.py --model models/resnet34/model.json \
         --data models/data/test --seed 3000000 --out tests/fixtures/golden
Writes <out>/lab-<seed>.json (index) and <out>/lab-<seed>.bin (little-endian float32, NHWC for maps).
"""
import argparse
import hashlib
import os

import numpy as np
import torch
import torch.nn.functional as F

from augment import plain
from ct import MODEL_SIZE
from golden import Blob, nhwc
from jsonfile import write_json
from net import LABELS
from shards import PhantomSet
from tfjs_weights import load_folded

IG_STEPS, BASELINE, PATCH, STRIDE = 32, -1.0, 32, 16


def integrated_gradients(model, x, c):
    base = torch.full_like(x, BASELINE)
    total = torch.zeros_like(x)
    for k in range(1, IG_STEPS + 1):
        xi = (base + (k / IG_STEPS) * (x - base)).detach().requires_grad_(True)
        model(xi)[0, c].backward()
        total += xi.grad
    return (x - base) * total / IG_STEPS


def gradcam_pp(model, x, c):
    with torch.no_grad():
        a = model.stages(x)["layer4"]
    a = a.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(model.head(a)[0, c], a)
    a = a.detach()
    g2, g3 = g ** 2, g ** 3
    denom = 2 * g2 + a.sum(dim=(2, 3), keepdim=True) * g3
    alpha = torch.where(denom != 0, g2 / torch.where(denom != 0, denom, torch.ones_like(denom)), torch.zeros_like(denom))
    w = (alpha * torch.relu(g)).sum(dim=(2, 3), keepdim=True)
    cam = torch.relu((w * a).sum(1))[0]
    return F.interpolate(cam[None, None], size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]


def origins(n):
    out = list(range(0, n - PATCH + 1, STRIDE))
    if out[-1] != n - PATCH:
        out.append(n - PATCH)
    return out


def occlusion(model, x, c):
    _, ch, h, w = x.shape
    with torch.no_grad():
        y0 = model(x)[0, c].item()
        total = torch.zeros(h, w, dtype=torch.float64)
        count = torch.zeros(h, w, dtype=torch.float64)
        for top in origins(h):
            for left in origins(w):
                xo = x.clone()
                xo[:, :, top:top + PATCH, left:left + PATCH] = BASELINE
                total[top:top + PATCH, left:left + PATCH] += y0 - model(xo)[0, c].item()
                count[top:top + PATCH, left:left + PATCH] += 1
    m = (total / count).float()
    return m[None, None].expand(1, ch, h, w)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/resnet34/model.json")
    ap.add_argument("--data", default="models/data/test")
    ap.add_argument("--seed", type=int, default=3000000)
    ap.add_argument("--label", default="any", choices=LABELS)
    ap.add_argument("--out", default="tests/fixtures/golden")
    a = ap.parse_args()
    torch.set_num_threads(2)
    mj, model = load_folded(a.model)
    data = PhantomSet(a.data)
    i = data.index_of_seed()[a.seed]
    x = plain(torch.from_numpy(data.hu([i])), MODEL_SIZE)
    c = LABELS.index(a.label)
    blob = Blob()
    blob.add("input", nhwc(x))
    blob.add("integrated-gradients", nhwc(integrated_gradients(model, x, c)))
    blob.add("gradcam-plus-plus", gradcam_pp(model, x, c).numpy())
    blob.add("occlusion", nhwc(occlusion(model, x, c)))
    data_bytes = b"".join(blob.parts)
    name = f"lab-{a.seed}"
    with open(os.path.join(a.out, name + ".bin"), "wb") as f:
        f.write(data_bytes)
    write_json(os.path.join(a.out, name + ".json"), {
        "format": "ich-golden-lab/1", "seed": a.seed, "label": a.label,
        "model": {"path": a.model, "sha256": mj["meta"].get("sha256")},
        "integratedGradients": {"steps": IG_STEPS, "baseline": BASELINE},
        "occlusion": {"patch": PATCH, "stride": STRIDE, "baseline": BASELINE},
        "gradcamPlusPlus": {"layer": "layer4"},
        "binary": name + ".bin", "bytes": len(data_bytes),
        "sha256": hashlib.sha256(data_bytes).hexdigest(), "tensors": blob.index,
    })
    print(f"golden_lab: {name} ({len(data_bytes) / 2**20:.2f} MiB)")


if __name__ == "__main__":
    main()
