"""Training-time augmentation on HU batches, then the CT windows (ct.py).

Order follows how a slice reaches the browser: geometry (scanner positioning), noise (the scan),
the optional 8-bit PNG round trip (a reader's upload), then windowing with small jitter.
Random draws come from the generator `g` and run on its device (CPU in `npm run train`, the GPU in
gpu.sh), so the whole batch is augmented where it lives.
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


def _rand(g: torch.Generator, *shape: int) -> Tensor:
    return torch.rand(shape, generator=g, device=g.device)


def resize(hu: Tensor, size: int) -> Tensor:
    """HU [N,H,W] → [N,size,size] float32, bilinear with antialiasing when shrinking."""
    x = hu.float().unsqueeze(1)
    if x.shape[-1] != size:
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False, antialias=True)
    return x.squeeze(1)


def geometry(hu: Tensor, cfg: AugmentConfig, g: torch.Generator) -> Tensor:
    """Random flip/rotation/scale/shift of HU [N,H,W] about the centre; outside is air (-1000 HU)."""
    n = hu.shape[0]
    ang = (_rand(g, n) * 2 - 1) * math.radians(cfg.rotate_deg)
    sc = cfg.scale[0] + _rand(g, n) * (cfg.scale[1] - cfg.scale[0])
    flip = torch.where(_rand(g, n) < cfg.flip_lr, -1.0, 1.0)
    t = (_rand(g, n, 2) * 2 - 1) * cfg.shift
    cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
    theta = torch.stack([torch.stack([cos * flip, -sin, t[:, 0]], 1),
                         torch.stack([sin * flip, cos, t[:, 1]], 1)], 1)
    x = (hu.float() - AIR_HU).unsqueeze(1)  # zero padding = air
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return (F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + AIR_HU).squeeze(1)


def png_round_trip(hu: Tensor, cfg: AugmentConfig, g: torch.Generator) -> Tensor:
    """With probability png_prob per sample, replace HU by its 8-bit windowed copy recovered to HU."""
    n = hu.shape[0]
    pick = _rand(g, n) < cfg.png_prob
    which = (_rand(g, n) * len(cfg.png_windows)).long().clamp(max=len(cfg.png_windows) - 1)
    out = hu
    for k, w in enumerate(cfg.png_windows):  # vectorised: no per-sample loop or host sync
        sel = (pick & (which == k)).view(-1, *([1] * (hu.dim() - 1)))
        out = torch.where(sel, to_8bit_and_back(hu, w), out)
    return out


def augment(hu: Tensor, size: int, cfg: AugmentConfig, g: torch.Generator,
            windows: Sequence[Window] = MODEL_WINDOWS) -> Tensor:
    """HU int16/float [N,224,224] → augmented model input [N,3,size,size] float32 in [-1,1]."""
    x = geometry(resize(hu, size), cfg, g)
    n = x.shape[0]
    sigma = _rand(g, n, 1, 1) * cfg.noise_hu
    x = x + torch.randn(x.shape, generator=g, device=g.device) * sigma
    x = png_round_trip(x, cfg, g)
    c = len(windows)
    widths = torch.tensor([w[1] for w in windows], device=x.device)
    shift = (_rand(g, n, c) * 2 - 1) * cfg.level_jitter * widths
    scale = 1 + (_rand(g, n, c) * 2 - 1) * cfg.width_jitter
    return hu_to_input(x, windows, shift, scale)


def plain(hu: Tensor, size: int) -> Tensor:
    """Evaluation input: resize only (no-op at 224) and window. HU [N,H,W] → [N,3,size,size]."""
    return hu_to_input(resize(hu, size))
