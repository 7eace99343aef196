"""Painted bleeds against the measured priors: per subtype, the histogram of lesion mean HU in a shards
set beside the prior density (../shared/reference/bleed-priors/HU.csv, InSilicoICH, CC0), as a PNG, and
the 5/50/95 % quantiles of both.

Usage: /usr/bin/python3 models/train/density_check.py DATA_DIR [DATA_DIR ...] --out FILE.png
A lesion's mean is taken over its mask's core (the mask eroded by one pixel, so partial-volume edge
pixels do not count), one value per subtype per slice.
"""
import argparse
import csv
import os

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from net import LABELS
from shards import PhantomSet

PRIORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "reference", "bleed-priors", "HU.csv")
CODES = {"epidural": "EDH", "intraparenchymal": "IPH", "intraventricular": "IVH", "subarachnoid": "SAH", "subdural": "SDH"}


def lesion_means(roots, limit: int = 4000):
    """{subtype: [mean HU of each painted lesion core]} over the sets' slices (at most `limit` per set)."""
    out = {s: [] for s in CODES}
    for root in roots:
        ds = PhantomSet(root)
        idx = np.arange(min(len(ds), limit))
        hu, masks = ds.hu(idx).astype(np.float32), ds.masks(idx)
        for i in range(len(idx)):
            for b, s in enumerate(LABELS[1:]):
                m = (masks[i] >> b) & 1
                if not m.any():
                    continue
                core = ndimage.binary_erosion(m)
                if core.sum() >= 4:
                    out[s].append(float(hu[i][core].mean()))
    return out


def prior(code: str):
    with open(PRIORS, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r[f"{code}_HU"]) for r in rows])
    w = np.array([float(r[f"{code}_weight"]) for r in rows])
    return x, w / w.sum()


def quantiles(x, w, qs=(0.05, 0.5, 0.95)):
    c = np.cumsum(w)
    return [float(np.interp(q, c, x)) for q in qs]


def draw(means, out: str) -> None:
    W, H, pad = 360, 200, 28
    img = Image.new("RGB", (W * len(CODES), H + 20), "white")
    d = ImageDraw.Draw(img)
    bins = np.arange(0, 101, 4)
    for j, (s, code) in enumerate(CODES.items()):
        x0 = j * W
        x, w = prior(code)
        ph = np.array([w[(x >= a) & (x < a + 4)].sum() for a in bins[:-1]])
        v = np.array(means[s])
        vh = np.histogram(v, bins)[0] / max(1, len(v))
        top = max(ph.max(), vh.max(), 1e-6)
        bw = (W - 2 * pad) / len(ph)
        for k in range(len(ph)):
            bx = x0 + pad + k * bw
            d.rectangle([bx, H - vh[k] / top * (H - 40), bx + bw - 1, H], fill=(120, 160, 220))
            d.line([bx, H - ph[k] / top * (H - 40), bx + bw, H - ph[k] / top * (H - 40)], fill=(200, 40, 40), width=2)
        d.text((x0 + pad, 4), f"{s}: painted n={len(v)} (blue) vs prior (red)", fill="black")
        for t in (0, 20, 40, 60, 80, 100):
            tx = x0 + pad + t / 4 * bw
            d.text((tx - 6, H + 4), str(t), fill="black")
    img.save(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="+")
    ap.add_argument("--out", default="/tmp/density-check.png")
    a = ap.parse_args()
    means = lesion_means(a.data)
    print("subtype            painted 5/50/95 %        prior 5/50/95 %     lesions")
    for s, code in CODES.items():
        v = np.array(means[s])
        pq = quantiles(*prior(code))
        vq = np.percentile(v, [5, 50, 95]) if len(v) else [float("nan")] * 3
        print(f"{s:18s} {vq[0]:5.1f} {vq[1]:5.1f} {vq[2]:5.1f}          {pq[0]:5.1f} {pq[1]:5.1f} {pq[2]:5.1f}    {len(v)}")
    draw(means, a.out)
    print(f"density_check: wrote {a.out}")


if __name__ == "__main__":
    main()
