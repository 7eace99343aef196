"""Carry a training checkpoint through the device tool's file limits (≤ 16 MiB a file, ≤ 64 MiB in all).

Usage: python3 models/train/pack.py pack CHECKPOINT DIR    (on the GPU machine: DIR = $OUT)
       python3 models/train/pack.py unpack DIR CHECKPOINT  (here: back to a float32 final.pt)
Packing stores every ≥ 2-D float tensor (conv and fc weights, 21.3 M of ResNet34's 21.8 M numbers) as
float16 and keeps the rest (BatchNorm parameters and statistics, biases) float32: 41 MiB in 3 parts.
The shipped weights are float16 anyway, and parity.py measures exports against the unpacked float32.
"""
import glob
import io
import os
import sys

import torch

PART_BYTES = 15 * 2**20
PACKED = "float16 for tensors of 2 or more dimensions"


def pack(src: str, out_dir: str) -> list:
    ck = torch.load(src, map_location="cpu", weights_only=False)  # last.pt holds numpy sampler state
    ck["model"] = {k: v.half() if v.is_floating_point() and v.dim() >= 2 else v for k, v in ck["model"].items()}
    ck["packed"] = PACKED
    buf = io.BytesIO()
    torch.save({k: v for k, v in ck.items() if k not in ("opt", "sampler", "gen", "torch_rng", "py_rng")}, buf)
    data = buf.getvalue()
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for i in range(0, len(data), PART_BYTES):
        paths.append(os.path.join(out_dir, f"checkpoint.part{i // PART_BYTES:02d}"))
        with open(paths[-1], "wb") as f:
            f.write(data[i:i + PART_BYTES])
    return paths


def unpack(parts_dir: str, dst: str) -> dict:
    paths = sorted(glob.glob(os.path.join(parts_dir, "checkpoint.part*")))
    if not paths:
        raise FileNotFoundError(f"{parts_dir}: no checkpoint.part* files")
    data = b"".join(open(p, "rb").read() for p in paths)
    ck = torch.load(io.BytesIO(data), map_location="cpu", weights_only=False)
    ck["model"] = {k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()}
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    torch.save(ck, dst)
    return ck


if __name__ == "__main__":
    verb, a, b = sys.argv[1:4]
    if verb == "pack":
        ps = pack(a, b)
        print(f"pack: {a} -> {len(ps)} parts, {sum(os.path.getsize(p) for p in ps) / 2**20:.1f} MiB in {b}")
    elif verb == "unpack":
        ck = unpack(a, b)
        print(f"unpack: {a} -> {b} ({ck.get('steps')} steps, {ck.get('images')} images, {ck.get('device', '?')})")
    else:
        sys.exit(f"pack.py: unknown verb {verb!r} (pack | unpack)")
