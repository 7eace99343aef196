"""JSON output that JavaScript's JSON.parse accepts: NaN/inf become null, numpy scalars become numbers."""
import json
import math
from typing import Any

import numpy as np


def clean(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (np.floating, float)):
        return float(x) if math.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def write_json(path: str, obj: Any, indent: int = 1, compact: bool = False) -> None:
    """`compact`: no whitespace at all (model.json: the manifest is part of the reader's download)."""
    with open(path, "w") as f:
        if compact:
            json.dump(clean(obj), f, separators=(",", ":"), allow_nan=False)
        else:
            json.dump(clean(obj), f, indent=indent, allow_nan=False)
        f.write("\n")
