"""Progress through a run (steps or wall-clock share) → stage and learning rate.

The learning rate is torch's OneCycleLR shape (cosine annealing both ways) as a function of progress
p in [0, 1]: from peak/25 up to the peak over the warm-up share, then down to peak/25/1e4.
"""
import math
from typing import Tuple

from config import RunConfig, Stage


def one_cycle(p: float, peak: float, warmup: float) -> float:
    start, end = peak / 25.0, peak / 25.0 / 1e4
    p = min(max(p, 0.0), 1.0)
    if p < warmup:
        t = p / warmup
        return start + (peak - start) * (1 - math.cos(math.pi * t)) / 2
    t = (p - warmup) / (1 - warmup)
    return end + (peak - end) * (1 + math.cos(math.pi * t)) / 2


def progress(cfg: RunConfig, step: int, seconds: float, budget_s: float) -> float:
    """Share of the run done: steps/total in "steps" mode, seconds/budget in "time" mode."""
    if cfg.mode == "time":
        return seconds / budget_s
    return step / cfg.total_steps()


def stage_at(cfg: RunConfig, p: float) -> Tuple[int, Stage]:
    """Stage index and stage for progress p (shares from steps in "steps" mode)."""
    shares = [s.share for s in cfg.stages] if cfg.mode == "time" else [s.steps / cfg.total_steps() for s in cfg.stages]
    acc = 0.0
    for i, (s, sh) in enumerate(zip(cfg.stages, shares)):
        acc += sh
        if p < acc - 1e-12:
            return i, s
    return len(cfg.stages) - 1, cfg.stages[-1]
