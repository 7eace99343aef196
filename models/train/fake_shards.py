"""Test helper ONLY (never for training): writes a tiny shards directory in the ich-phantom/1 layout."""
import csv
import json
import os
from typing import List

import numpy as np

from net import LABELS


def write_fake_shards(root: str, size: int, counts: List[int], seed_start: int) -> None:
    """Slice i: HU = i * 10 + (y * size + x) % 7 - 1000, masks = i % 256, labels any = i % 2, subtype i % 5."""
    os.makedirs(root, exist_ok=True)
    shards, rows, i = [], [], 0
    for k, n in enumerate(counts):
        hu = np.zeros((n, size, size), "<i2")
        masks = np.zeros((n, size, size), np.uint8)
        for j in range(n):
            hu[j] = (i * 10 + np.arange(size * size).reshape(size, size) % 7 - 1000).astype(np.int16)
            masks[j] = i % 256
            lab = [0] * 6
            if i % 2:
                lab[0] = 1
                lab[1 + i % 5] = 1
            rows.append([i, seed_start + i] + lab)
            i += 1
        hu.tofile(os.path.join(root, f"hu-{k:05d}.i16"))
        masks.tofile(os.path.join(root, f"masks-{k:05d}.u8"))
        shards.append({"hu": f"hu-{k:05d}.i16", "masks": f"masks-{k:05d}.u8", "count": n})
    with open(os.path.join(root, "manifest.json"), "w") as f:
        json.dump({"format": "ich-phantom/1", "size": size, "count": i, "seedStart": seed_start,
                   "labels": LABELS, "shards": shards}, f)
    with open(os.path.join(root, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["index", "seed"] + LABELS)
        w.writerows(rows)
