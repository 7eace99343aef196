"""Crop to the head: a mirror of src/ct/head-crop.ts (the one definition; read its header for the rule).

tests/fixtures/golden/head-crop.json (written by src/cli/golden-preprocess.ts) pins the equality.
"""
import math
from typing import Optional, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

HEAD_MARGIN = 0.06
HEAD_THRESHOLD_HU = -300.0
MODEL_SIZE = 224

Box = Tuple[int, int, int]  # top, left, side (source pixels; may reach outside the image)


def head_box(hu: np.ndarray) -> Optional[Box]:
    """Crop box of the head in one HU image [H, W], or None when nothing is above the air threshold."""
    hu = np.asarray(hu, dtype=np.float32)
    t = max(HEAD_THRESHOLD_HU, float(hu.min()) + 2.0)
    labels, count = ndimage.label(hu > t)  # 4-connectivity, raster order, as labelComponents
    if count == 0:
        return None
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    best = int(np.argmax(sizes))  # first maximum: the first in raster order on a tie
    ys, xs = np.nonzero(labels == best)
    r0, r1, c0, c1 = int(ys.min()), int(ys.max()), int(xs.min()), int(xs.max())
    side = math.ceil(max(r1 - r0 + 1, c1 - c0 + 1) * (1 + 2 * HEAD_MARGIN))
    return (r0 + r1 + 1 - side) // 2, (c0 + c1 + 1 - side) // 2, side


def crop_square(a: np.ndarray, box: Box, fill: float) -> np.ndarray:
    """The box cut out of a [H, W] array, outside filled with `fill` (same dtype)."""
    top, left, side = box
    h, w = a.shape
    out = np.full((side, side), fill, dtype=a.dtype)
    y0, y1 = max(0, top), min(h, top + side)
    x0, x1 = max(0, left), min(w, left + side)
    if y1 > y0 and x1 > x0:
        out[y0 - top:y1 - top, x0 - left:x1 - left] = a[y0:y1, x0:x1]
    return out


def resample_square(x: torch.Tensor, size: int) -> torch.Tensor:
    """[N, 1, S, S] → [N, 1, size, size]: area when shrinking, bilinear (align_corners=False) when enlarging."""
    s = x.shape[-1]
    if s == size:
        return x.clone()
    if s > size:
        return F.interpolate(x, size=(size, size), mode="area")
    return F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)


def pad_to_square(hu: np.ndarray, fill: float = -1000.0) -> np.ndarray:
    """src/ct/resize.ts padToSquare: centred, the odd pixel to the bottom/right."""
    h, w = hu.shape
    s = max(h, w)
    out = np.full((s, s), fill, dtype=np.float32)
    top, left = (s - h) // 2, (s - w) // 2
    out[top:top + h, left:left + w] = hu
    return out


def crop_to_head(hu: np.ndarray, size: int = MODEL_SIZE) -> Tuple[np.ndarray, Optional[Box]]:
    """One HU image [H, W] → [size, size] float32 on the model grid, and the box used (None: padded only)."""
    hu = np.asarray(hu, dtype=np.float32)
    box = head_box(hu)
    sq = pad_to_square(hu) if box is None else crop_square(hu, box, float(hu.min()))
    out = resample_square(torch.from_numpy(sq)[None, None], size)[0, 0].numpy()
    return out, box


def crop_batch(hu: np.ndarray, size: int = MODEL_SIZE) -> np.ndarray:
    """[N, H, W] HU → [N, size, size] float32, each slice cropped to its head."""
    return np.stack([crop_to_head(h, size)[0] for h in hu]) if len(hu) else np.zeros((0, size, size), np.float32)


def crop_masks(masks: np.ndarray, box: Box, size: int = MODEL_SIZE) -> np.ndarray:
    """Mask bytes [H, W] through the crop, nearest neighbour (head-crop.ts cropMasksToGrid)."""
    top, left, side = box
    h, w = masks.shape
    idx = top + ((np.arange(size) + 0.5) * side / size).astype(np.int64)
    jdx = left + ((np.arange(size) + 0.5) * side / size).astype(np.int64)
    out = np.zeros((size, size), np.uint8)
    oy, ox = (idx >= 0) & (idx < h), (jdx >= 0) & (jdx < w)
    out[np.ix_(oy, ox)] = masks[np.ix_(idx[oy], jdx[ox])]
    return out
