"""Batch inference of a shipped model (model.json) over a shards directory, at 224 with no augmentation."""
import time
from typing import Optional, Sequence

import numpy as np
import torch

from augment import plain
from ct import MODEL_SIZE
from shards import PhantomSet


def logits_for(model: torch.nn.Module, data: PhantomSet, idx: Optional[Sequence[int]] = None,
               batch: int = 32, label: str = "") -> np.ndarray:
    """Logits [n, 6] float32 for slices `idx` (default all), printing throughput."""
    idx = np.arange(len(data)) if idx is None else np.asarray(idx)
    out = []
    t = time.time()
    with torch.no_grad():
        for i in range(0, len(idx), batch):
            hu = torch.from_numpy(data.hu(idx[i:i + batch]))
            out.append(model(plain(hu, MODEL_SIZE)).numpy())
    dt = time.time() - t
    print(f"infer{(' ' + label) if label else ''}: {len(idx)} slices in {dt:.1f} s ({len(idx) / max(dt, 1e-9):.1f}/s)",
          flush=True)
    return np.concatenate(out) if out else np.zeros((0, 6), np.float32)
