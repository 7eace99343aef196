#!/usr/bin/env bash
# Here, after a device run of gpu.sh: unpack its checkpoint parts (DIR = the folder the device tool put
# $OUT's files in) as models/checkpoints/final.pt, setting any earlier run's checkpoints aside, then run
# the rest of `npm run train` (exports, parity, evaluation on the test set, goldens, model card).
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:?usage: gpu-finish.sh DIR}
CKPT=models/checkpoints
mkdir -p "$CKPT"
for f in final.pt last.pt; do
  [[ -f $CKPT/$f ]] && mv "$CKPT/$f" "$CKPT/$f.before-gpu-$(date +%s)"
done
/usr/bin/python3 models/train/pack.py unpack "$DIR" "$CKPT/final.pt"
cp "$DIR/gpu.log" "$CKPT/gpu.log" 2>/dev/null || true
CONFIG=gpu bash models/train/train.sh
