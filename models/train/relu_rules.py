"""Backward rules through a ReLU (METHODS.md): the only place the three gradient methods differ.

Forward is always max(f, 0). Backward, with R the incoming gradient:
  vanilla (Simonyan et al. 2013):            R * 1[f > 0]
  guided  (Springenberg et al. 2014, Fig. 1): R * 1[f > 0] * 1[R > 0]
  deconv  (Zeiler & Fergus 2014):            R * 1[R > 0]
"""
from typing import Callable, Dict

import torch
from torch import Tensor


def _make(mode: str) -> Callable[[Tensor], Tensor]:
    class Rule(torch.autograd.Function):
        @staticmethod
        def forward(ctx, f: Tensor) -> Tensor:  # type: ignore[override]
            ctx.save_for_backward(f)
            return f.clamp(min=0)

        @staticmethod
        def backward(ctx, r: Tensor) -> Tensor:  # type: ignore[override]
            (f,) = ctx.saved_tensors
            if mode == "vanilla":
                return r * (f > 0).to(r.dtype)
            if mode == "guided":
                return r * (f > 0).to(r.dtype) * (r > 0).to(r.dtype)
            return r * (r > 0).to(r.dtype)  # deconv

    Rule.__name__ = f"Relu_{mode}"
    return Rule.apply


RULES: Dict[str, Callable[[Tensor], Tensor]] = {m: _make(m) for m in ("vanilla", "guided", "deconv")}
