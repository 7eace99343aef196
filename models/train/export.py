"""Export a trained checkpoint as the shipped tfjs weights manifest (BatchNorm folded).

Usage: /usr/bin/python3 models/train/export.py --checkpoint models/checkpoints/final.pt \
         --dtype float32|float16|uint8 --out DIR
Writes DIR/model.json ("ich-resnet34/1") and DIR/group1-shard*of*.bin (≤ 4 MiB each). Names, shapes and
order follow src/model/arch.ts weightShapes(RESNET34); kernels HWIO, fc.weight [512, 6].
"""
import argparse
import datetime
import os

import torch

from net import build_resnet34, folded_state
from tfjs_weights import DTYPES, torch_to_tfjs, write_model


def checkpoint_meta(ck: dict) -> dict:
    """Training facts for model.json meta, from a final.pt checkpoint."""
    cfg = ck["config"]
    return {
        "trainedWith": "PyTorch " + ck.get("torch", torch.__version__) + (
            ", fine-tuned from " + cfg["init"] if cfg.get("init") else ", torchvision resnet34(num_classes=6) from scratch"),
        "config": cfg["name"],
        "data": ck.get("data"),
        "dataSets": cfg["data"],
        "schedule": {"mode": cfg["mode"], "stages": cfg["stages"], "budgetMinutes": cfg["budget_minutes"],
                     "peakLr": cfg["lr"], "weightDecay": cfg["weight_decay"]},
        "steps": ck["steps"],
        "images": ck["images"],
        "trainMinutes": round(ck["train_seconds"] / 60, 1),
        "trainedOn": ck.get("device", "CPU, 2 threads"),  # checkpoints before 2026-11-26 were all CPU runs
        "checkpointPacked": ck.get("packed"),
        "checkpointPicked": ck.get("picked"),  # when not the last step: which, and by what figure
        "posWeight": ck.get("pos_weight"),
        "input": "224x224x3 NHWC; channels brain L40/W80, subdural L80/W200, bone L600/W2800; x = 2*clip((HU-(L-W/2))/W,0,1)-1",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default="models/checkpoints/final.pt")
    ap.add_argument("--dtype", choices=DTYPES, default="float16")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    ck = torch.load(a.checkpoint, weights_only=False)
    if ck.get("folded"):  # a fine-tune of shipped weights: the state is already the folded network's
        weights = torch_to_tfjs({k.replace("params.", "").replace("__", "."): v for k, v in ck["model"].items()})
    else:
        model = build_resnet34()
        model.load_state_dict(ck["model"])
        weights = torch_to_tfjs(folded_state(model.eval()))
    m = write_model(a.out, weights, a.dtype, checkpoint_meta(ck))
    size = sum(os.path.getsize(os.path.join(a.out, p)) for p in m["weightsManifest"][0]["paths"])
    print(f"export: {a.out}/model.json, {a.dtype}, {len(m['weightsManifest'][0]['paths'])} shards, "
          f"{size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
