"""The network: torchvision ResNet34 for six sigmoid outputs, and its BatchNorm-folded twin.

The folded twin (`FoldedResNet`) is what ships: every conv carries a bias, there is no BatchNorm,
and its ReLUs can be swapped for a backward rule (relu_rules.py). Its parameter names equal
torchvision's conv names (`conv1`, `layer2.0.conv1`, `layer2.0.downsample.0`, `fc`), matching
src/model/arch.ts `weightShapes(RESNET34)`.
"""
from typing import Callable, Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
import torchvision
from torch import Tensor, nn

LABELS = ["any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"]
SPEC = {"inChannels": 3, "stem": 64, "blocks": [3, 4, 6, 3], "widths": [64, 128, 256, 512], "classes": 6}
STAGES = ["layer1", "layer2", "layer3", "layer4"]


def build_resnet34() -> nn.Module:
    """torchvision resnet34 from scratch (no pretrained weights), 6 logits, NCHW float32 input."""
    return torchvision.models.resnet34(weights=None, num_classes=len(LABELS))


def fold_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> Tuple[Tensor, Tensor]:
    """Fold inference-mode BatchNorm into the preceding conv.

    w' = w * gamma / sqrt(var + eps); b' = beta + (b - mean) * gamma / sqrt(var + eps)
    (torchvision convs have no bias, so b = 0). Returns OIHW weight and [O] bias, float32.
    """
    w = conv.weight.detach().double()
    b = conv.bias.detach().double() if conv.bias is not None else torch.zeros(w.shape[0], dtype=torch.float64)
    scale = bn.weight.detach().double() / torch.sqrt(bn.running_var.detach().double() + bn.eps)
    w2 = w * scale[:, None, None, None]
    b2 = bn.bias.detach().double() + (b - bn.running_mean.detach().double()) * scale
    return w2.float(), b2.float()


def conv_names(spec: dict = SPEC) -> List[Tuple[str, int, int]]:
    """(name, stride, pad) of every conv in forward order, torchvision naming (src/model/arch.ts layout)."""
    out = [("conv1", 2, 3)]
    in_c = spec["stem"]
    for s, (stage, n) in enumerate(zip(STAGES, spec["blocks"])):
        out_c = spec["widths"][s]
        for b in range(n):
            stride = 2 if s > 0 and b == 0 else 1
            out.append((f"{stage}.{b}.conv1", stride, 1))
            out.append((f"{stage}.{b}.conv2", 1, 1))
            if stride != 1 or in_c != out_c:
                out.append((f"{stage}.{b}.downsample.0", stride, 0))
            in_c = out_c
    return out


def folded_state(model: nn.Module) -> Dict[str, Tensor]:
    """Torch-layout folded weights: `<conv>.weight` OIHW, `<conv>.bias` [O], `fc.weight` [6,512], `fc.bias`."""
    model = model.eval()
    mods = dict(model.named_modules())
    out: Dict[str, Tensor] = {}
    for name, _, _ in conv_names():
        bn_name = name[:-1] + "1" if name.endswith("downsample.0") else name.replace("conv", "bn")
        w, b = fold_bn(mods[name], mods[bn_name])
        out[f"{name}.weight"], out[f"{name}.bias"] = w, b
    out["fc.weight"] = model.fc.weight.detach().float().clone()
    out["fc.bias"] = model.fc.bias.detach().float().clone()
    return out


ReluFn = Callable[[Tensor], Tensor]


class FoldedResNet(nn.Module):
    """ResNet34 with BN folded: plain convs with bias, ReLU injectable (default torch.relu).

    forward(x NCHW float32) returns logits [N, 6]; `self.layer4_out` keeps the last layer4 output
    (post-ReLU of the last block, [N, 512, H/32, W/32]) so Grad-CAM can read it.
    """

    def __init__(self, state: Dict[str, Tensor], relu: Optional[ReluFn] = None):
        super().__init__()
        self.params = nn.ParameterDict({k.replace(".", "__"): nn.Parameter(v.clone(), requires_grad=False)
                                        for k, v in state.items()})
        self.relu: ReluFn = relu or torch.relu
        self.layer4_out: Optional[Tensor] = None
        self.convs = {name: (stride, pad) for name, stride, pad in conv_names()}

    def p(self, name: str) -> Tensor:
        return self.params[name.replace(".", "__")]

    def conv(self, x: Tensor, name: str) -> Tensor:
        stride, pad = self.convs[name]
        return F.conv2d(x, self.p(f"{name}.weight"), self.p(f"{name}.bias"), stride=stride, padding=pad)

    def stages(self, x: Tensor) -> Dict[str, Tensor]:
        """Run the trunk; returns {'stem','layer1'..'layer4'} outputs."""
        acts: Dict[str, Tensor] = {}
        x = self.relu(self.conv(x, "conv1"))
        x = F.max_pool2d(x, kernel_size=3, stride=2, padding=1)
        acts["stem"] = x
        for s, (stage, n) in enumerate(zip(STAGES, SPEC["blocks"])):
            for b in range(n):
                name = f"{stage}.{b}"
                h = self.relu(self.conv(x, f"{name}.conv1"))
                h = self.conv(h, f"{name}.conv2")
                sc = self.conv(x, f"{name}.downsample.0") if f"{name}.downsample.0" in self.convs else x
                x = self.relu(h + sc)
            acts[stage] = x
        return acts

    def head(self, a4: Tensor) -> Tensor:
        """Global average pool + dense: [N,512,h,w] → logits [N,6]."""
        return F.linear(a4.mean(dim=(2, 3)), self.p("fc.weight"), self.p("fc.bias"))

    def forward(self, x: Tensor) -> Tensor:
        acts = self.stages(x)
        self.layer4_out = acts["layer4"]
        return self.head(acts["layer4"])
