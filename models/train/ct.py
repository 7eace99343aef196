"""CT windowing for the trainer: a mirror of src/ct/window.ts (the one definition).

Model input = three windows of the HU slice (brain L40/W80, subdural L80/W200, bone L600/W2800):
v = clip((HU - (L - W/2)) / W, 0, 1), x = 2v - 1, layout NCHW here (NHWC in TypeScript).
tests/fixtures/golden/preprocess.json (written by src/cli/golden-preprocess.ts) pins the equality.
"""
from typing import Optional, Sequence, Tuple

import torch
from torch import Tensor

Window = Tuple[float, float]  # (level, width) in HU
MODEL_WINDOWS: Tuple[Window, ...] = ((40.0, 80.0), (80.0, 200.0), (600.0, 2800.0))
BRAIN: Window = MODEL_WINDOWS[0]
MODEL_SIZE = 224


def hu_to_input(hu: Tensor, windows: Sequence[Window] = MODEL_WINDOWS,
                level_shift: Optional[Tensor] = None, width_scale: Optional[Tensor] = None) -> Tensor:
    """HU [N, H, W] (any float/int dtype) → model input [N, 3, H, W] float32 in [-1, 1].

    level_shift / width_scale ([N, 3], optional) jitter each window per sample (training only):
    level L + shift, width W * scale.
    """
    hu = hu.float().unsqueeze(1)  # [N,1,H,W]
    lv = torch.tensor([w[0] for w in windows], dtype=torch.float32, device=hu.device).view(1, -1, 1, 1)
    wd = torch.tensor([w[1] for w in windows], dtype=torch.float32, device=hu.device).view(1, -1, 1, 1)
    if level_shift is not None:
        lv = lv + level_shift.view(-1, len(windows), 1, 1)
    if width_scale is not None:
        wd = wd * width_scale.view(-1, len(windows), 1, 1)
    v = ((hu - (lv - wd / 2)) / wd).clamp(0.0, 1.0)
    return 2.0 * v - 1.0


def to_8bit_and_back(hu: Tensor, window: Window = BRAIN) -> Tensor:
    """The PNG round trip a reader's upload goes through: window to a byte, recover HU.

    byte = round(clip((hu - (L - W/2)) / W, 0, 1) * 255); hu' = L - W/2 + byte / 255 * W
    (src/ct/window.ts byteToHU). Values outside the window stay clipped at its ends.
    """
    level, width = window
    lo = level - width / 2
    # floor(x + 0.5) is JavaScript Math.round (torch.round would round half to even).
    byte = torch.floor(((hu.float() - lo) / width).clamp(0.0, 1.0) * 255.0 + 0.5)
    return lo + byte / 255.0 * width
