"""Join shard sets made side by side (parallel `npm run phantom` processes) into one ich-phantom/1 set.

Usage: python3 models/train/merge_shards.py OUT PART [PART ...]
Part k must start at the seed where part k-1 ends and every part but the last must hold whole shards
(a multiple of 1024 slices), so the result is exactly the set one process would have written: slice i
is seed seedStart + i, shards of 1024 in order. Shard files are moved, not copied.
"""
import csv
import json
import os
import sys
from typing import Sequence

from shards import CSV_HEADER, FORMAT

SHARD_SLICES = 1024  # src/cli/phantom.ts SHARD_SLICES


def merge(out: str, parts: Sequence[str], shard_slices: int = SHARD_SLICES) -> dict:
    mans = [json.load(open(os.path.join(p, "manifest.json"))) for p in parts]
    for k, m in enumerate(mans):
        if m["format"] != FORMAT or m["size"] != mans[0]["size"] or m["labels"] != mans[0]["labels"]:
            raise ValueError(f"{parts[k]}: not the same kind of set as {parts[0]}")
        if k > 0 and m["seedStart"] != mans[k - 1]["seedStart"] + mans[k - 1]["count"]:
            raise ValueError(f"{parts[k]}: starts at seed {m['seedStart']}, not where {parts[k - 1]} ends")
        if k < len(mans) - 1 and m["count"] % shard_slices:
            raise ValueError(f"{parts[k]}: {m['count']} slices is not whole shards of {shard_slices}")
    os.makedirs(out, exist_ok=True)
    shards, rows, base = [], [], 0
    for part, m in zip(parts, mans):
        for sh in m["shards"]:
            tag = f"{len(shards):05d}"
            new = {"hu": f"hu-{tag}.i16", "masks": f"masks-{tag}.u8", "count": sh["count"]}
            for key in ("hu", "masks"):
                os.replace(os.path.join(part, sh[key]), os.path.join(out, new[key]))
            shards.append(new)
        with open(os.path.join(part, "labels.csv"), newline="") as f:
            body = list(csv.reader(f))[1:]
        rows += [[str(base + int(r[0]))] + r[1:] for r in body]
        base += m["count"]
    with open(os.path.join(out, "labels.csv"), "w", newline="") as f:
        f.write("\n".join(",".join(r) for r in [CSV_HEADER] + rows) + "\n")
    man = {"format": FORMAT, "size": mans[0]["size"], "count": base, "seedStart": mans[0]["seedStart"],
           "labels": mans[0]["labels"], "shards": shards}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        f.write(json.dumps(man, indent=2) + "\n")
    return man


if __name__ == "__main__":
    m = merge(sys.argv[1], sys.argv[2:])
    print(f"merge: {len(sys.argv) - 2} parts -> {sys.argv[1]} ({m['count']} slices from seed {m['seedStart']})")
