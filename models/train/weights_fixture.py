"""Writes tests/fixtures/golden/weights-format/: a TINY_RESNET (src/model/arch.ts) weight set encoded by
tfjs_weights.py as float32, float16, uint8 and uint8-channel, plus the values Python decodes from each
(<dtype>/expected.f32: float32 little-endian, manifest order). tests/unit/golden/weights-format.test.ts
loads them with the TS loader (tfjs decodeWeights; its own decoder for uint8-channel) and expects
identical values.

Usage: /usr/bin/python3 models/train/weights_fixture.py [out_dir]
"""
import os
import sys

import numpy as np

from net import STAGES, conv_names
from tfjs_weights import read_model, write_model

TINY = {"inChannels": 3, "stem": 4, "blocks": [1, 2, 1, 1], "widths": [4, 8, 8, 8], "classes": 6}


def tiny_weights() -> dict:
    """Seeded weights in tfjs layout (HWIO, fc [in, out]), each tensor with its own scale, as folding gives."""
    shapes = {"conv1.weight": [7, 7, TINY["inChannels"], TINY["stem"]], "conv1.bias": [TINY["stem"]]}
    in_c = TINY["stem"]
    for s, stage in enumerate(STAGES):
        out_c = TINY["widths"][s]
        for b in range(TINY["blocks"][s]):
            stride = 2 if s > 0 and b == 0 else 1
            convs = [("conv1", 3, in_c), ("conv2", 3, out_c)]
            if stride != 1 or in_c != out_c:
                convs.append(("downsample.0", 1, in_c))
            for name, k, i in convs:
                shapes[f"{stage}.{b}.{name}.weight"] = [k, k, i, out_c]
                shapes[f"{stage}.{b}.{name}.bias"] = [out_c]
            in_c = out_c
    shapes["fc.weight"] = [TINY["widths"][3], TINY["classes"]]
    shapes["fc.bias"] = [TINY["classes"]]
    order = [n for c, _, _ in conv_names(TINY) for n in (f"{c}.weight", f"{c}.bias")] + ["fc.weight", "fc.bias"]
    assert sorted(order) == sorted(shapes), "conv_names and the shapes disagree"
    rng = np.random.default_rng(7)
    return {n: (rng.standard_normal(shapes[n]) * rng.uniform(0.01, 3.0)).astype(np.float32) for n in order}


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/golden/weights-format"
    w = tiny_weights()
    for dtype in ("float32", "float16", "uint8", "uint8-channel"):
        d = os.path.join(out, dtype)
        write_model(d, w, dtype, {"note": "format fixture, not a model"}, spec=TINY, uint8_min_size=64)
        _, back = read_model(os.path.join(d, "model.json"))
        np.concatenate([a.ravel() for a in back.values()]).astype("<f4").tofile(os.path.join(d, "expected.f32"))
    print(f"weights_fixture: wrote {out}")


if __name__ == "__main__":
    main()
