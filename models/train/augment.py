"""Training-time augmentation on HU batches, then the CT windows (ct.py).

Order follows how a slice reaches the browser: the crop to the head (head_crop.py, part of the model
input, not an augmentation), geometry (scanner positioning), noise and the reconstruction kernel (blur
or sharpening), the optional 8-bit round trip (a reader's upload: an export window from W80 to W150,
PNG or JPEG, decoded with that window or with the default L40/W80), then windowing with jitter.
Random draws come from the generator `g` and run on its device (CPU in `npm run train`, the GPU in
gpu.sh), so the whole batch is augmented where it lives.
Flips are left-right only: a supine patient's blood layers posteriorly (fluid levels in the
occipital horns, dependent subdural collections), and anterior and posterior anatomy differ, so an
up-down flip makes impossible slices; the left-right mirror of a head is a plausible head.
"""
import math
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

import numpy as np

import torch
import torch.nn.functional as F
from torch import Tensor

from ct import BRAIN, MODEL_WINDOWS, Window, hu_to_input, to_8bit_and_back
from head_crop import MODEL_SIZE, crop_batch, crop_square, crop_to_head, pad_to_square, resample_square

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
    decode_default: float = 0.0   # of the 8-bit round trips, share decoded with BRAIN whatever the export window
    jpeg_prob: float = 0.0        # of the 8-bit round trips, share that are JPEG (quality 50-95) instead of PNG
    blur_prob: float = 0.0        # Gaussian blur, sigma 0.4-1.2 px (a smooth kernel, resampling)
    sharpen_prob: float = 0.0     # unsharp mask, amount 0.3-1.2 (a sharp kernel)
    crop: bool = False            # crop each slice to its head first (the model input since the real-CT run)


def _rand(g: torch.Generator, *shape: int) -> Tensor:
    return torch.rand(shape, generator=g, device=g.device)


def resize(hu: Tensor, size: int) -> Tensor:
    """HU [N,H,W] → [N,size,size] float32, bilinear with antialiasing when shrinking."""
    x = hu.float().unsqueeze(1)
    if x.shape[-1] != size:
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False, antialias=True)
    return x.squeeze(1)


def geometry(hu: Tensor, cfg: AugmentConfig, g: torch.Generator, mask: Optional[Tensor] = None):
    """Random flip/rotation/scale/shift of HU [N,H,W] about the centre; outside is air (-1000 HU).

    With `mask` [N,H,W] (0..1), the same transform moves it too (outside: 0); returns (hu, mask) then.
    """
    n = hu.shape[0]
    ang = (_rand(g, n) * 2 - 1) * math.radians(cfg.rotate_deg)
    sc = cfg.scale[0] + _rand(g, n) * (cfg.scale[1] - cfg.scale[0])
    flip = torch.where(_rand(g, n) < cfg.flip_lr, -1.0, 1.0)
    t = (_rand(g, n, 2) * 2 - 1) * cfg.shift
    cos, sin = torch.cos(ang) / sc, torch.sin(ang) / sc
    theta = torch.stack([torch.stack([cos * flip, -sin, t[:, 0]], 1),
                         torch.stack([sin * flip, cos, t[:, 1]], 1)], 1)
    x = (hu.float() - AIR_HU).unsqueeze(1)  # zero padding = air
    if mask is not None:
        x = torch.cat([x, mask.float().unsqueeze(1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    y = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return (y[:, 0] + AIR_HU, y[:, 1]) if mask is not None else y[:, 0] + AIR_HU


def png_round_trip(hu: Tensor, cfg: AugmentConfig, g: torch.Generator) -> Tensor:
    """With probability png_prob per sample, replace HU by its 8-bit windowed copy recovered to HU.

    The export window is one of png_windows; a share `decode_default` is read back as if exported at
    BRAIN (a reader who left the window control at its default), a share `jpeg_prob` goes through JPEG.
    """
    n = hu.shape[0]
    pick = _rand(g, n) < cfg.png_prob
    which = (_rand(g, n) * len(cfg.png_windows)).long().clamp(max=len(cfg.png_windows) - 1)
    default = _rand(g, n) < cfg.decode_default
    jpeg = _rand(g, n) < cfg.jpeg_prob
    quality = 50 + (_rand(g, n) * 45).long()
    out = hu
    for k, w in enumerate(cfg.png_windows):  # vectorised over the batch: no per-sample loop for PNG
        sel = (pick & (which == k)).view(-1, *([1] * (hu.dim() - 1)))
        out = torch.where(sel, to_8bit_and_back(hu, w), out)
        if cfg.decode_default > 0:
            lo, width = w[0] - w[1] / 2, w[1]
            byte = ((out - lo) / width * 255.0).round()
            as_default = BRAIN[0] - BRAIN[1] / 2 + byte / 255.0 * BRAIN[1]
            out = torch.where(sel & default.view(-1, 1, 1), as_default, out)
    if cfg.jpeg_prob > 0 and hu.device.type == "cpu":
        from torchvision.io import decode_jpeg, encode_jpeg
        lo, width = BRAIN[0] - BRAIN[1] / 2, BRAIN[1]
        for i in torch.nonzero(pick & jpeg).flatten().tolist():
            byte = ((out[i] - lo) / width * 255.0).round().clamp(0, 255).to(torch.uint8)[None]
            back = decode_jpeg(encode_jpeg(byte, quality=int(quality[i]))).float()[0]
            out[i] = torch.where(byte[0].float() == back, out[i], lo + back / 255.0 * width)
    return out


def kernel(x: Tensor, cfg: AugmentConfig, g: torch.Generator) -> Tensor:
    """Reconstruction-kernel look: Gaussian blur (sigma 0.4-1.2 px) or an unsharp mask (amount 0.3-1.2)."""
    n = x.shape[0]
    blur = _rand(g, n) < cfg.blur_prob
    sharp = (~blur) & (_rand(g, n) < cfg.sharpen_prob)
    if not bool((blur | sharp).any()):
        return x
    sigma = 0.4 + _rand(g, n) * 0.8
    amount = 0.3 + _rand(g, n) * 0.9
    r = torch.arange(-3, 4, dtype=x.dtype, device=x.device)
    k1 = torch.exp(-(r[None] ** 2) / (2 * sigma[:, None] ** 2))
    k1 = k1 / k1.sum(1, keepdim=True)  # [N, 7]
    y = x.unsqueeze(0)  # [1, N, H, W]: one depthwise conv per sample
    y = F.conv2d(F.pad(y, (3, 3, 0, 0), mode="replicate"), k1.view(n, 1, 1, 7), groups=n)
    y = F.conv2d(F.pad(y, (0, 0, 3, 3), mode="replicate"), k1.view(n, 1, 7, 1), groups=n)[0]
    sharpened = x + amount.view(-1, 1, 1) * (x - y)
    return torch.where(blur.view(-1, 1, 1), y, torch.where(sharp.view(-1, 1, 1), sharpened, x))


def augment(hu: Tensor, size: int, cfg: AugmentConfig, g: torch.Generator,
            windows: Sequence[Window] = MODEL_WINDOWS, mask: Optional[Tensor] = None):
    """HU int16/float [N,224,224] → augmented model input [N,3,size,size] float32 in [-1,1].

    With `mask` [N,224,224] (non-zero inside the bleed), returns (input, mask) with the mask carried through
    the same crop and geometry, [N,size,size] float in 0..1 (soft at edges).
    """
    if mask is not None:
        hu, mask = crop_batch_with_masks(hu, mask) if cfg.crop else (hu, mask.float())
        x, mask = geometry(resize(hu, size), cfg, g, resize(mask, size))
    else:
        if cfg.crop:
            hu = torch.from_numpy(crop_batch(hu.cpu().numpy())).to(hu.device)
        x = geometry(resize(hu, size), cfg, g)
    n = x.shape[0]
    sigma = _rand(g, n, 1, 1) * cfg.noise_hu
    x = x + torch.randn(x.shape, generator=g, device=g.device) * sigma
    x = kernel(x, cfg, g)
    x = png_round_trip(x, cfg, g)
    c = len(windows)
    widths = torch.tensor([w[1] for w in windows], device=x.device)
    shift = (_rand(g, n, c) * 2 - 1) * cfg.level_jitter * widths
    scale = 1 + (_rand(g, n, c) * 2 - 1) * cfg.width_jitter
    out = hu_to_input(x, windows, shift, scale)
    return (out, mask) if mask is not None else out


def crop_batch_with_masks(hu: Tensor, mask: Tensor) -> Tuple[Tensor, Tensor]:
    """Each slice cropped to its head (head_crop.crop_to_head) and its mask cut by the same box and resampled alike."""
    hs, ms = [], []
    for h, m in zip(hu.cpu().numpy(), mask.cpu().numpy()):
        g, box = crop_to_head(h)
        m = (np.asarray(m) > 0).astype(np.float32)
        msq = pad_to_square(m, 0.0) if box is None else crop_square(m, box, 0.0)
        hs.append(torch.from_numpy(g))
        ms.append(resample_square(torch.from_numpy(msq)[None, None], MODEL_SIZE)[0, 0])
    return torch.stack(hs).to(hu.device), torch.stack(ms).to(hu.device)


def plain(hu: Tensor, size: int, crop: bool = True) -> Tensor:
    """Evaluation input: crop to the head (the model input rule, head_crop.py), resize (no-op at 224) and
    window. HU [N,H,W] → [N,3,size,size]. crop=False gives the input of models trained before the crop."""
    if crop:
        hu = torch.from_numpy(crop_batch(hu.cpu().numpy())).to(hu.device)
    return hu_to_input(resize(hu, size))
