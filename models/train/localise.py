"""Where the `any` evidence lies: the class activation map of the last layer, a loss that puts it on the
bleed, and the pointing game that measures it.

With global average pooling and one dense layer, Grad-CAM at `layer4` is the class activation map
(Zhou et al. 2016, arXiv:1512.04150): the gradient of logit c with respect to A is w_c / (h·w) at every
position, so Grad-CAM = ReLU(Σ_k w_ck A_k) / (h·w). `cam()` returns Σ_k w_ck A_k (before the ReLU), and
logit c = mean(cam) + b_c.

The loss is a spatial cross-entropy on slices with a bleed: softmax over the h×w cells of the `any` map
against the share of each cell the bleed covers. It asks that the map's peak, the place a Grad-CAM reader
looks at and the pointing game scores, be on the blood; it says nothing about the score, which BCE keeps.
"Right for the right reasons" (Ross et al. 2017, arXiv:1703.03717) constrains input gradients instead;
here the map is the explanation the article shows, so the map is what is constrained.
"""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor


def cam(a4: Tensor, fc_weight: Tensor, label: int = 0) -> Tensor:
    """Layer-4 activations [N,512,h,w] and fc.weight [6,512] → the label's map [N,h,w] (before ReLU)."""
    return torch.einsum("nchw,c->nhw", a4, fc_weight[label])


def mask_share(mask: Tensor, cells: int) -> Tensor:
    """Bleed mask [N,S,S] (0..1, soft after resampling) → share of each of cells×cells covered [N,cells,cells]."""
    return F.adaptive_avg_pool2d(mask.float().unsqueeze(1), cells).squeeze(1)


def pointing_loss(cam_any: Tensor, share: Tensor, temperature: float = 1.0) -> Optional[Tensor]:
    """Mean spatial cross-entropy −Σ t·log softmax(cam/T) over slices whose mask covers anything.

    cam_any [N,h,w], share [N,h,w] from mask_share. None when no slice in the batch has a mask.
    """
    total = share.flatten(1).sum(1)
    keep = total > 1e-3
    if not bool(keep.any()):
        return None
    target = share.flatten(1)[keep] / total[keep, None]
    logp = F.log_softmax(cam_any.flatten(1)[keep] / temperature, dim=1)
    return -(target * logp).sum(1).mean()


def upsample(cam_relu: Tensor, size: int) -> Tensor:
    """[N,h,w] → [N,size,size], bilinear with half-pixel centres (src/explain/gradcam.ts upsampleCam)."""
    return F.interpolate(cam_relu.unsqueeze(1), size=(size, size), mode="bilinear", align_corners=False).squeeze(1)


def pointing_hits(cam_any: Tensor, masks: Tensor) -> Tensor:
    """Pointing game per slice (src/metrics/pointing-game.ts): 1 where a maximum of the upsampled
    ReLU(cam) lies in the mask (ties: any), 0 otherwise, -1 where the mask is empty.

    cam_any [N,h,w] before ReLU, masks [N,S,S] non-zero inside the lesion. Returns int [N].
    """
    up = upsample(torch.relu(cam_any.float()), masks.shape[-1]).flatten(1)
    m = masks.flatten(1) > 0
    top = up == up.max(dim=1, keepdim=True).values
    hit = (top & m).any(1).long()
    return torch.where(m.any(1), hit, torch.full_like(hit, -1))


def forward_with_layer4(model: torch.nn.Module, x: Tensor):
    """Logits [N,6], layer4 activations [N,512,h,w] and fc.weight [6,512] from one forward pass
    (FoldedResNet keeps layer4_out; a torchvision ResNet is read through a forward hook)."""
    if hasattr(model, "stages"):
        z = model(x)
        return z, model.layer4_out, model.p("fc.weight")
    seen = {}
    handle = model.layer4.register_forward_hook(lambda _m, _i, out: seen.update(a4=out))
    try:
        z = model(x)
    finally:
        handle.remove()
    return z, seen["a4"], model.fc.weight
