"""tfjs weights manifest: encode folded weights the way tfjs-core's `decodeWeights` reads them, and decode.

Binary layout (node_modules/@tensorflow/tfjs-core/dist/io/io_utils.js): all weights of the group
concatenated in manifest order, little-endian, then cut into shards of at most 4 MiB (a weight may span
two shards; tfjs concatenates the group before decoding). Per weight:
  float32: IEEE single;  float16: IEEE half (quantization {"dtype":"float16"});
  uint8:   one byte q per value, value = q * scale + min (computed in double, stored as float32),
           quantization {"dtype":"uint8","scale":s,"min":m,"original_dtype":"float32"}.
  uint8-channel (this project's manifest only; tfjs's decodeWeights cannot read it, src/model/weights.ts
           can): kernels of layer3 and layer4 one byte per value, one affine per output channel (the last
           axis, O of HWIO), the stem, layer1 and layer2 kernels float16, biases and the head float32:
           value = q * scales[c] + mins[c] in double, stored as float32,
           quantization {"dtype":"uint8","axis":3,"scales":[O],"mins":[O],"original_dtype":"float32"}.
Layout in the file (src/model/arch.ts): conv kernels HWIO, `fc.weight` [512, 6].
"""
import hashlib
import json
import os
from typing import Dict, List, Tuple

import numpy as np
import torch
from torch import Tensor

from jsonfile import write_json
from net import SPEC

FORMAT = "ich-resnet34/1"
SHARD_BYTES = 4 * 1024 * 1024
DTYPES = ("float32", "float16", "uint8", "uint8-channel")
# uint8 applies to tensors at least this large (conv kernels); biases and the 512x6 head stay float32:
# they cost 0.1 % of the bytes and carry the largest per-value effect on the logits.
UINT8_MIN_SIZE = 4096
# uint8-channel keeps these in float16: a quantisation error in the stem and the first two stages is
# amplified by everything after it (measured on the shipped weights, 24 test slices: uint8 per channel on
# conv1 alone moved a logit by 0.16, on layer4 alone by 0.014). They are 6 % of the weights.
FLOAT16_PREFIXES = ("conv1.", "layer1.", "layer2.")


def torch_to_tfjs(state: Dict[str, Tensor]) -> Dict[str, np.ndarray]:
    """Folded torch-layout weights → tfjs layout: kernels OIHW → HWIO, fc.weight [6,512] → [512,6]."""
    out: Dict[str, np.ndarray] = {}
    for k, v in state.items():
        a = v.detach().float()
        if a.dim() == 4:
            a = a.permute(2, 3, 1, 0)
        elif k == "fc.weight":
            a = a.t()
        out[k] = np.ascontiguousarray(a.numpy(), dtype=np.float32)
    return out


def tfjs_to_torch(weights: Dict[str, np.ndarray]) -> Dict[str, Tensor]:
    """Inverse of torch_to_tfjs."""
    out: Dict[str, Tensor] = {}
    for k, a in weights.items():
        t = torch.from_numpy(np.array(a, dtype=np.float32))
        if t.dim() == 4:
            t = t.permute(3, 2, 0, 1)
        elif k == "fc.weight":
            t = t.t()
        out[k] = t.contiguous()
    return out


def quantize_uint8(a: np.ndarray) -> Tuple[np.ndarray, float, float]:
    """Per-tensor affine uint8 (tfjs converter's scheme): range nudged so that 0.0 is exact."""
    lo, hi = float(min(a.min(), 0.0)), float(max(a.max(), 0.0))
    scale = (hi - lo) / 255.0
    if scale == 0.0:
        return np.zeros(a.shape, np.uint8), 1.0, 0.0
    zero = round(-lo / scale)
    mn = -zero * scale
    q = np.clip(np.round((a.astype(np.float64) - mn) / scale), 0, 255).astype(np.uint8)
    return q, scale, mn


def quantize_uint8_channels(a: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-output-channel affine uint8 over the last axis (HWIO kernels: O), each range nudged so 0.0 is exact.

    Returns (q uint8 like a, scales [O] float32, mins [O] float32); value = q * scale[c] + min[c].
    """
    flat = a.reshape(-1, a.shape[-1]).astype(np.float64)
    lo = np.minimum(flat.min(0), 0.0)
    hi = np.maximum(flat.max(0), 0.0)
    scale = (hi - lo) / 255.0
    scale = np.where(scale == 0.0, 1.0, scale).astype(np.float32).astype(np.float64)  # stored as float32
    mn = (-np.round(-lo / scale) * scale).astype(np.float32).astype(np.float64)
    q = np.clip(np.round((flat - mn) / scale), 0, 255).astype(np.uint8)
    return q.reshape(a.shape), scale.astype(np.float32), mn.astype(np.float32)


def encode(weights: Dict[str, np.ndarray], dtype: str, uint8_min_size: int = UINT8_MIN_SIZE) -> Tuple[List[dict], bytes]:
    """Weights (tfjs layout, manifest order) → (weight specs, concatenated little-endian bytes)."""
    if dtype not in DTYPES:
        raise ValueError(f"dtype {dtype!r} not in {DTYPES}")
    specs: List[dict] = []
    chunks: List[bytes] = []
    for name, a in weights.items():
        spec: dict = {"name": name, "shape": list(a.shape), "dtype": "float32"}
        if dtype == "float16" or (dtype == "uint8-channel" and name.startswith(FLOAT16_PREFIXES) and a.size >= uint8_min_size):
            h = a.astype("<f2")
            if not np.all(np.isfinite(h)):
                raise ValueError(f"{name}: values overflow float16")
            spec["quantization"] = {"dtype": "float16"}
            chunks.append(h.tobytes())
        elif dtype == "uint8-channel" and a.size >= uint8_min_size:
            q, scales, mins = quantize_uint8_channels(a)
            spec["quantization"] = {"dtype": "uint8", "axis": a.ndim - 1, "scales": scales.tolist(), "mins": mins.tolist(),
                                    "original_dtype": "float32"}
            chunks.append(q.tobytes())
        elif dtype == "uint8" and a.size >= uint8_min_size:
            q, scale, mn = quantize_uint8(a)
            spec["quantization"] = {"dtype": "uint8", "scale": scale, "min": mn, "original_dtype": "float32"}
            chunks.append(q.tobytes())
        else:
            chunks.append(a.astype("<f4").tobytes())
        specs.append(spec)
    return specs, b"".join(chunks)


def decode(specs: List[dict], data: bytes) -> Dict[str, np.ndarray]:
    """Mirror of tfjs `decodeWeights` for float32 / float16 / uint8 specs → float32 arrays."""
    out: Dict[str, np.ndarray] = {}
    off = 0
    for s in specs:
        n = int(np.prod(s["shape"])) if s["shape"] else 1
        q = s.get("quantization")
        if q is None:
            a = np.frombuffer(data, "<f4", n, off).astype(np.float32)
            off += 4 * n
        elif q["dtype"] == "float16":
            a = np.frombuffer(data, "<f2", n, off).astype(np.float32)
            off += 2 * n
        elif q["dtype"] == "uint8" and "scales" in q:  # per channel along the last axis (our manifest)
            c = s["shape"][-1]
            raw = np.frombuffer(data, np.uint8, n, off).astype(np.float64).reshape(-1, c)
            a = (raw * np.asarray(q["scales"], np.float32).astype(np.float64)
                 + np.asarray(q["mins"], np.float32).astype(np.float64)).astype(np.float32)
            off += n
        elif q["dtype"] == "uint8":
            a = (np.frombuffer(data, np.uint8, n, off).astype(np.float64) * q["scale"] + q["min"]).astype(np.float32)
            off += n
        else:
            raise ValueError(f"{s['name']}: quantization {q['dtype']} not supported")
        out[s["name"]] = a.reshape(s["shape"])
    if off != len(data):
        raise ValueError(f"decode: used {off} of {len(data)} bytes")
    return out


def write_model(out_dir: str, weights: Dict[str, np.ndarray], dtype: str, meta: dict, spec: dict = SPEC,
                uint8_min_size: int = UINT8_MIN_SIZE) -> dict:
    """Write out_dir/model.json + group1-shardXofK.bin (≤ 4 MiB each). Returns the model.json object."""
    os.makedirs(out_dir, exist_ok=True)
    specs, data = encode(weights, dtype, uint8_min_size)
    k = max(1, -(-len(data) // SHARD_BYTES))
    paths = [f"group1-shard{i + 1}of{k}.bin" for i in range(k)]
    for old in os.listdir(out_dir):
        if old.startswith("group1-shard") and old.endswith(".bin") and old not in paths:
            os.remove(os.path.join(out_dir, old))
    for i, p in enumerate(paths):
        with open(os.path.join(out_dir, p), "wb") as f:
            f.write(data[i * SHARD_BYTES:(i + 1) * SHARD_BYTES])
    meta = dict(meta, dtype=dtype, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    model = {"format": FORMAT, "spec": spec, "weightsManifest": [{"paths": paths, "weights": specs}], "meta": meta}
    write_json(os.path.join(out_dir, "model.json"), model, compact=True)
    return model


def read_model(model_json: str) -> Tuple[dict, Dict[str, np.ndarray]]:
    """Read model.json and its shards → (model.json object, tfjs-layout float32 weights)."""
    with open(model_json) as f:
        model = json.load(f)
    if model.get("format") != FORMAT:
        raise ValueError(f"{model_json}: format {model.get('format')!r}, expected {FORMAT!r}")
    root = os.path.dirname(model_json)
    weights: Dict[str, np.ndarray] = {}
    for group in model["weightsManifest"]:
        parts = []
        for p in group["paths"]:
            with open(os.path.join(root, p), "rb") as f:
                parts.append(f.read())
        data = b"".join(parts)
        weights.update(decode(group["weights"], data))
    return model, weights


def update_meta(model_json: str, extra: dict) -> None:
    """Merge `extra` into model.json's meta (weights untouched)."""
    with open(model_json) as f:
        model = json.load(f)
    model["meta"].update(extra)
    write_json(model_json, model, compact=True)


def load_folded(model_json: str, relu=None):
    """model.json → (model.json object, net.FoldedResNet with exactly the weights tfjs will decode)."""
    from net import FoldedResNet  # local: net is heavier than this module needs otherwise
    model, weights = read_model(model_json)
    return model, FoldedResNet(tfjs_to_torch(weights), relu).eval()
