"""Training-time augmentation on HU batches, then the CT windows (ct.py).

Order follows how a slice reaches the browser: geometry (scanner positioning), noise (the scan),
the optional 8-bit PNG round trip (a reader's upload), then windowing with small jitter.
Flips are left-right only: a supine patient's blood layers posteriorly (fluid levels in the
occipital horns, dependent subdural collections), and anterior and posterior anatomy differ, so an
up-down flip makes impossible slices; the left-right mirror of a head is a plausible head.
"""
import math
from dataclasses import dataclass
from typing import Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor

from ct import BRAIN, MODEL_WINDOWS, Window, hu_to_input, to_8bit_and_back

AIR_HU = -1000.0


@dataclass(frozen=True)
class AugmentConfig:
    """Ranges of each augmentation (all uniform, per sample)."""
    flip_lr: float = 0.5          # probability
    rotate_deg: float = 10.0      # ± degrees
    scale: Tuple[float, float] = (0.9, 1.1)
    shift: float = 0.04           # ± fraction of the half-width
    noise_hu: float = 8.0         # Gaussian sigma drawn from [0, noise_hu]
    png_prob: float = 0.25        # probability of the 8-bit round trip
    png_windows: Tuple[Window, ...] = (BRAIN,)
    level_jitter: float = 0.05    # ± fraction of the window width
    width_jitter: float = 0.1     # width × [1 - j, 1 + j]


def resize(hu: Tensor, size: int) -> Tensor:
    """HU [N,H,W] → [N,size,size] float32, bilinear with antialiasing when shrinking."""
    x = hu.float().unsqueeze(1)
    if x.shape[-1] != size:
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False, antialias=True)
    return x.squeeze(1)


def geometry(hu: Tensor, cfg: AugmentConfig, g: torch.Generator) -> Tensor:
    """Random flip/rotation/scale/shift of HU [N,H,W] about the centre; outside is air (-1000 HU)."""
    n = hu.shape[0]
    ang = (torch.rand(n, generator=g) * 2 - 1) * math.radians(cfg.rotate_deg)
    sc = cfg.scale[0] + torch.rand(n, generator=g) * (cfg.scale[1] - cfg.scale[0])
    flip = torch.where(torch.rand(n, generator=g) < cfg.flip_lr, -1.0, 1.0)
    t = (torch.rand(n, 2, generator=g) * 2 - 1) * cfg.shift
    cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
    theta = torch.stack([torch.stack([cos * flip, -sin, t[:, 0]], 1),
                         torch.stack([sin * flip, cos, t[:, 1]], 1)], 1)
    x = (hu.float() - AIR_HU).unsqueeze(1)  # zero padding = air
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return (F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + AIR_HU).squeeze(1)


def png_round_trip(hu: Tensor, cfg: AugmentConfig, g: torch.Generator) -> Tensor:
    """With probability png_prob per sample, replace HU by its 8-bit windowed copy recovered to HU."""
    out = hu.clone()
    pick = torch.rand(hu.shape[0], generator=g) < cfg.png_prob
    for i in torch.nonzero(pick).flatten().tolist():
        w = cfg.png_windows[int(torch.randint(len(cfg.png_windows), (1,), generator=g))]
        out[i] = to_8bit_and_back(hu[i], w)
    return out


def augment(hu: Tensor, size: int, cfg: AugmentConfig, g: torch.Generator,
            windows: Sequence[Window] = MODEL_WINDOWS) -> Tensor:
    """HU int16/float [N,224,224] → augmented model input [N,3,size,size] float32 in [-1,1]."""
    x = geometry(resize(hu, size), cfg, g)
    n = x.shape[0]
    sigma = torch.rand(n, 1, 1, generator=g) * cfg.noise_hu
    x = x + torch.randn(x.shape, generator=g) * sigma
    x = png_round_trip(x, cfg, g)
    c = len(windows)
    widths = torch.tensor([w[1] for w in windows])
    shift = (torch.rand(n, c, generator=g) * 2 - 1) * cfg.level_jitter * widths
    scale = 1 + (torch.rand(n, c, generator=g) * 2 - 1) * cfg.width_jitter
    return hu_to_input(x, windows, shift, scale)


def plain(hu: Tensor, size: int) -> Tensor:
    """Evaluation input: resize only (no-op at 224) and window. HU [N,H,W] → [N,3,size,size]."""
    return hu_to_input(resize(hu, size))
