"""Weight averaging of a fine-tune with the weights it started from (a two-ingredient "model soup",
Wortsman et al. 2022; WiSE-FT): w(alpha) = (1 - alpha) * base + alpha * snapshot, on the BatchNorm-folded
state dicts (same architecture, same keys). Averaging keeps what the base knew (every phantom label) and
most of what the fine-tune learnt on real-looking data; issue 21's first shipped weights are alpha 0.5.

Usage:
  /usr/bin/python3 models/train/soup.py --base models/checkpoints-right/final.pt \
      --snapshot models/checkpoints-right2/snap-000100.pt --alphas 0.3,0.5,0.7      # score each alpha
  /usr/bin/python3 models/train/soup.py --base ... --snapshot ... --write 0.5 \
      --ckpt models/checkpoints-right2                                              # write its final.pt
Scoring: ROC AUC per label on the held-out test phantoms (`--phantoms`), and on both real validation sets
ROC AUC(any) with the strict and tolerant pointing game (real_val.py). The real sets are validation sets:
choosing alpha on them makes their figures validation figures, not test results.
"""
import argparse
import os
import sys
from typing import Dict

import torch
from torch import Tensor


def load_state(path: str) -> Dict[str, Tensor]:
    """A folded state dict from a model.json (the shipped format) or a trainer checkpoint (its "model")."""
    if path.endswith(".json"):
        from tfjs_weights import load_folded
        return {k: v.clone() for k, v in load_folded(path)[1].state_dict().items()}
    return torch.load(path, map_location="cpu", weights_only=False)["model"]


def mix(base: Dict[str, Tensor], snap: Dict[str, Tensor], alpha: float) -> Dict[str, Tensor]:
    """(1 - alpha) * base + alpha * snap, key by key.
    @raises ValueError when the two state dicts do not have the same keys and shapes"""
    if base.keys() != snap.keys() or any(base[k].shape != snap[k].shape for k in base):
        raise ValueError("soup: the two state dicts differ in keys or shapes (not the same folded network)")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"soup: alpha {alpha} is outside [0, 1]")
    return {k: (1.0 - alpha) * base[k].float() + alpha * snap[k].float() for k in base}


def score(state: Dict[str, Tensor], phantoms: str, reals) -> str:
    """One line: phantom AUCs (min first) and each real set's AUC(any), strict and tolerant pointing."""
    from evaluate import logits_for
    from metrics import roc_auc
    from net import LABELS
    from real_val import evaluate as real_evaluate
    from shards import PhantomSet
    from tfjs_weights import load_folded
    model = load_folded("models/resnet34/model.json")[1]
    model.load_state_dict(state)
    model.eval()
    line = "phantoms not scored"
    if phantoms:  # "" skips them (train.sh's evaluate scores the test phantoms of whatever ships)
        test = PhantomSet(phantoms)
        z = logits_for(model, test, label="test")
        aucs = {lab: roc_auc(test.labels[:, k], z[:, k]) for k, lab in enumerate(LABELS)}
        line = f"phantom min {min(aucs.values()):.4f} " + " ".join(f"{l[:4]}={v:.4f}" for l, v in aucs.items())
    for name, data in reals.items():
        r = real_evaluate(model, data, boot=0)
        line += f" | {name} AUC {r['auc']:.3f} strict {r['pointing']['rate']:.3f} tol {r['pointing_tol']['rate']:.3f}"
    return line


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="model.json or checkpoint the fine-tune started from")
    ap.add_argument("--snapshot", required=True, help="the fine-tune's checkpoint or snapshot")
    ap.add_argument("--alphas", default="0.5")
    ap.add_argument("--phantoms", default="models/data/test", help='"" to skip the phantom test')
    ap.add_argument("--real-root", default="../shared/data/real-val")
    ap.add_argument("--write", type=float, default=None, help="write this alpha as --ckpt/final.pt")
    ap.add_argument("--ckpt", default=None)
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    base, snap = load_state(a.base), load_state(a.snapshot)
    if a.write is not None:
        if not a.ckpt:
            sys.exit("soup: --write needs --ckpt")
        # final.pt as train.py writes it (export.py reads its config, steps and images): the run's config and
        # history from its last.pt, the step and images of the snapshot, the averaged weights.
        snap_ck = torch.load(a.snapshot, map_location="cpu", weights_only=False)
        run = torch.load(os.path.join(os.path.dirname(a.snapshot), "last.pt"), map_location="cpu", weights_only=False)
        ck = {"model": mix(base, snap, a.write), "folded": True, "config": run["config"], "history": run["history"],
              "steps": snap_ck["step"], "images": snap_ck["images"],
              "train_seconds": snap_ck.get("minutes", run["train_seconds"] / 60) * 60,
              "device": "CPU, 2 threads", "torch": torch.__version__,
              "picked": {"step": snap_ck["step"], "snapshot": os.path.basename(a.snapshot), "averagedWith": a.base,
                         "alpha": a.write, "by": "weights (1-alpha)*base + alpha*snapshot (models/train/soup.py)"}}
        out = os.path.join(a.ckpt, "final.pt")
        torch.save(ck, out + ".partial")
        os.replace(out + ".partial", out)
        print(f"soup: wrote {out} (alpha {a.write})")
        return
    from real_val import PHE_SICH_WINDOW, read_real
    reals = {n: read_real(os.path.join(a.real_root, n), PHE_SICH_WINDOW) for n in ("phe-sich", "ct-ich")}
    for alpha in (float(x) for x in a.alphas.split(",")):
        print(f"alpha {alpha}: {score(mix(base, snap, alpha), a.phantoms, reals)}", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
