"""Reader for phantom shards written by `npm run phantom` (format "ich-phantom/1").

DIR/manifest.json {"format","size","count","seedStart","labels":[6 names],"shards":[{"hu","masks","count"}]},
hu-XXXXX.i16: int16 little-endian HU, row-major [n][y][x]; masks-XXXXX.u8: uint8 bitfield per pixel
(bit k = subtype k+1, i.e. bit 0 = epidural); DIR/labels.csv: index,seed,any,epidural,...,subdural.
Shards are memory-mapped, so a 2 GB training set costs no RAM until read.
"""
import csv
import json
import os
from typing import Dict, List, Sequence, Tuple

import numpy as np

from net import LABELS

FORMAT = "ich-phantom/1"
CSV_HEADER = ["index", "seed"] + LABELS


class PhantomSet:
    """All slices of one shards directory. `len(s)`, `s.hu(idx)`, `s.masks(idx)`, `s.labels`, `s.seeds`."""

    def __init__(self, root: str):
        self.root = root
        with open(os.path.join(root, "manifest.json")) as f:
            man = json.load(f)
        if man.get("format") != FORMAT:
            raise ValueError(f"{root}: format {man.get('format')!r}, expected {FORMAT!r}")
        if list(man["labels"]) != LABELS:
            raise ValueError(f"{root}: labels {man['labels']} differ from {LABELS}")
        self.size: int = int(man["size"])
        self.count: int = int(man["count"])
        self.seed_start: int = int(man["seedStart"])
        px = self.size * self.size
        self._hu: List[np.ndarray] = []
        self._masks: List[np.ndarray] = []
        starts = []
        total = 0
        for sh in man["shards"]:
            n = int(sh["count"])
            for key, dtype, lst in (("hu", "<i2", self._hu), ("masks", "u1", self._masks)):
                path = os.path.join(root, sh[key])
                want = n * px * np.dtype(dtype).itemsize
                got = os.path.getsize(path)
                if got != want:
                    raise ValueError(f"{path}: {got} bytes, expected {want} ({n} slices of {self.size}²)")
                lst.append(np.memmap(path, dtype=dtype, mode="r", shape=(n, self.size, self.size)))
            starts.append(total)
            total += n
        if total != self.count:
            raise ValueError(f"{root}: shards hold {total} slices, manifest says {self.count}")
        self._starts = np.asarray(starts + [total])
        self.labels, self.seeds = self._read_labels(os.path.join(root, "labels.csv"))

    def _read_labels(self, path: str) -> Tuple[np.ndarray, np.ndarray]:
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != CSV_HEADER:
            raise ValueError(f"{path}: header {rows[0]}, expected {CSV_HEADER}")
        body = rows[1:]
        if len(body) != self.count:
            raise ValueError(f"{path}: {len(body)} rows, manifest says {self.count}")
        idx = np.array([int(r[0]) for r in body])
        if not np.array_equal(idx, np.arange(self.count)):
            raise ValueError(f"{path}: index column is not 0..{self.count - 1} in order")
        seeds = np.array([int(r[1]) for r in body], dtype=np.int64)
        labels = np.array([[float(v) for v in r[2:]] for r in body], dtype=np.float32)
        return labels, seeds

    def __len__(self) -> int:
        return self.count

    def _gather(self, arrays: List[np.ndarray], idx: Sequence[int]) -> np.ndarray:
        idx = np.asarray(idx, dtype=np.int64)
        out = np.empty((len(idx), self.size, self.size), dtype=arrays[0].dtype)
        shard = np.searchsorted(self._starts, idx, side="right") - 1
        for j, (i, s) in enumerate(zip(idx, shard)):
            out[j] = arrays[s][i - self._starts[s]]
        return out

    def hu(self, idx: Sequence[int]) -> np.ndarray:
        """HU slices [n, size, size] int16 (native byte order copy)."""
        return self._gather(self._hu, idx).astype(np.int16)

    def masks(self, idx: Sequence[int]) -> np.ndarray:
        """Subtype bitfields [n, size, size] uint8 (bit k = LABELS[k+1])."""
        return self._gather(self._masks, idx)

    def index_of_seed(self) -> Dict[int, int]:
        """seed → row index."""
        return {int(s): i for i, s in enumerate(self.seeds)}


if __name__ == "__main__":
    # `shards.py DIR COUNT SEED`: exit 0 when DIR is a complete, readable set of COUNT slices from SEED.
    import sys
    try:
        s = PhantomSet(sys.argv[1])
        ok = len(s) == int(sys.argv[2]) and s.seed_start == int(sys.argv[3])
    except (OSError, ValueError, KeyError):
        ok = False
    sys.exit(0 if ok else 1)
