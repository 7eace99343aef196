"""Reference explanations on the folded network (the numbers the TS engine must reproduce).

Grad-CAM (Selvaraju et al. 2017) at layer4: alpha_k = mean_ij d logit_c / dA_k[i,j],
cam = ReLU(sum_k alpha_k A_k) at layer4 resolution, and its bilinear upsampling (align_corners=False,
i.e. half-pixel centres) to the input size. Input gradients of one logit under a ReLU rule
(relu_rules.py); max-pool backward is torch's (gradient to the first maximum of each window).
"""
from typing import Dict

import torch
import torch.nn.functional as F
from torch import Tensor

from net import FoldedResNet
from relu_rules import RULES


def grad_cam(model: FoldedResNet, x: Tensor, c: int) -> Dict[str, Tensor]:
    """x [1,3,H,W] → {'logits' [1,6], 'layer4' [1,512,h,w], 'alpha' [512], 'cam' [h,w], 'camUp' [H,W]}."""
    with torch.no_grad():
        a4 = model.stages(x)["layer4"]
    a4 = a4.detach().requires_grad_(True)
    logits = model.head(a4)
    (g,) = torch.autograd.grad(logits[0, c], a4)
    alpha = g[0].mean(dim=(1, 2))
    cam = torch.relu((alpha[:, None, None] * a4[0].detach()).sum(0))
    up = F.interpolate(cam[None, None], size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
    return {"logits": logits.detach(), "layer4": a4.detach(), "alpha": alpha, "cam": cam, "camUp": up}


def input_gradient(model: FoldedResNet, x: Tensor, c: int, rule: str) -> Tensor:
    """d logit_c / d x with every ReLU's backward replaced by `rule` → [1,3,H,W]. Restores model.relu."""
    saved = model.relu
    model.relu = RULES[rule]
    try:
        xi = x.detach().clone().requires_grad_(True)
        model(xi)[0, c].backward()
        return xi.grad.detach()
    finally:
        model.relu = saved
