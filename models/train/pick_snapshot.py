"""Choose the weights to ship among a run's snapshots by the shipping rule of issue 21, and write them as
the run's final.pt (then train.sh's later stages export, check and evaluate them).

Usage: /usr/bin/python3 models/train/pick_snapshot.py --ckpt models/checkpoints-right
         --before phe-sich=0.887,ct-ich=0.722 [--tolerance 0.01] [--dry-run]
Reads the real-CT figures that train.py logged for each snapshot (history entries with "snapshot") and at
each stage end; a candidate qualifies when its ROC AUC(any) on every real set is at most `tolerance`
below the shipped weights' (`--before`, the trainer's mirror on the same slices); among those it takes
the highest mean tolerant pointing game over the sets. Snapshots are selected on validation sets, so the
chosen figures are validation figures, not test results. Prints every candidate, exits 2 when none qualifies.
"""
import argparse
import glob
import os
import sys

import torch


def candidates(ckpt_dir: str):
    """(step, real figures, state path or None) for each scored snapshot, from last.pt's history."""
    ck = torch.load(os.path.join(ckpt_dir, "last.pt"), map_location="cpu", weights_only=False)
    snaps = {int(os.path.basename(p)[5:11]): p for p in glob.glob(os.path.join(ckpt_dir, "snap-*.pt"))}
    out = []
    for h in ck["history"]:
        if "real" in h and h["step"] in snaps:
            out.append((h["step"], h["real"], snaps[h["step"]]))
    return ck, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--before", required=True, help="name=AUC,... for the shipped weights")
    ap.add_argument("--tolerance", type=float, default=0.01)
    ap.add_argument("--dry-run", action="store_true")
    a = ap.parse_args()
    before = {k: float(v) for k, v in (x.split("=") for x in a.before.split(","))}
    ck, cands = candidates(a.ckpt)
    best = None
    for step, real, path in cands:
        ok = all(real[n]["auc"] >= before[n] - a.tolerance for n in before if n in real)
        tol = sum(real[n]["pointing_tol"]["rate"] for n in real) / len(real)
        print(f"step {step}: " + "; ".join(f"{n} AUC {r['auc']:.3f} pointing strict {r['pointing']['rate']:.3f} "
                                          f"tolerant {r['pointing_tol']['rate']:.3f}" for n, r in real.items())
              + ("  qualifies" if ok else ""))
        if ok and (best is None or tol > best[0]):
            best = (tol, step, path)
    if best is None:
        sys.exit("pick_snapshot: no snapshot keeps AUC(any) within the tolerance on every real set")
    print(f"pick_snapshot: step {best[1]} (mean tolerant pointing game {best[0]:.3f})")
    if a.dry_run:
        return
    snap = torch.load(best[2], map_location="cpu", weights_only=False)
    torch.save({"model": snap["model"], "folded": True, "config": ck["config"], "history": ck["history"],
                "steps": snap["step"], "images": snap["images"], "train_seconds": snap["minutes"] * 60,
                "pos_weight": [1.0] * 6, "device": "CPU (2 threads)", "torch": torch.__version__,
                "picked": {"step": best[1], "by": "highest mean tolerant pointing game (real validation sets) among snapshots whose ROC AUC(any) stays within " + str(a.tolerance) + " of the shipped weights on every real set"}}, os.path.join(a.ckpt, "final.pt"))
    print(f"pick_snapshot: wrote {os.path.join(a.ckpt, 'final.pt')}")


if __name__ == "__main__":
    main()
