#!/usr/bin/env bash
# On a lent CUDA machine (the device tool runs it in a copy of this tree, .gpu/ carried from
# gpu-prepare.sh): generate the `gpu` config's phantoms in parallel, train with train.py --device cuda,
# and pack the checkpoint into $OUT. Back here: models/train/gpu-finish.sh. Usage: bash models/train/gpu.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${OUT:?set OUT to the folder whose files come back}"
WORK=${WORK:-/tmp/ich-gpu} CONFIG=${CONFIG:-gpu} PART=${PART:-3072}
BUDGET=${BUDGET:-0}          # training minutes (0: the config's)
LIMIT=${LIMIT:-540}          # seconds after which training is stopped and its last checkpoint packed
T=models/train PY=${PY:-python3}
export PYTHONUNBUFFERED=1
mkdir -p "$WORK/data" "$WORK/ckpt"
exec > >(tee -a "$OUT/gpu.log") 2>&1
T0=$(date +%s)
stamp() { echo "== +$(( $(date +%s) - T0 )) s $*"; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
$PY -c "import torch, torchvision; print('torch', torch.__version__, 'torchvision', torchvision.__version__, 'cuda', torch.cuda.is_available())"

NODE=$(command -v node || true)
if [[ -z $NODE || ${CARRIED_NODE:-0} == 1 ]]; then
  NODE=$WORK/node
  $PY -c "import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], 'wb'))" .gpu/node.xz "$NODE"
  chmod +x "$NODE"
fi
stamp "node $($NODE --version)"
[[ "$(bash $T/generator-hash.sh)" == "$(cat .gpu/generator.sha)" ]] \
  || { echo "gpu.sh: .gpu/phantom.mjs was built from other generator sources; rerun gpu-prepare.sh"; exit 1; }

# Train and validation sets only (testing happens back here): parts of $PART slices, one process each.
while read -r name seed count _source _realism; do
  [[ $name == test ]] && continue
  parts=() pids=()
  for (( first = 0; first < count; first += PART )); do
    n=$(( count - first < PART ? count - first : PART ))
    p=$WORK/data/$name.part$(printf %03d $(( first / PART )))
    parts+=("$p")
    "$NODE" .gpu/phantom.mjs --count "$n" --seed $(( seed + first )) --size 224 --out "$p" --workers 1 --sheet 0 > "$p.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done   # not a bare wait: that would wait for tee too
  $PY $T/merge_shards.py "$WORK/data/$name" "${parts[@]}"
  stamp "data $name: $count slices from seed $seed"
done < <($PY $T/config.py "$CONFIG")

budget=(); (( BUDGET > 0 )) && budget=(--budget-minutes "$BUDGET")
rc=0
timeout -s TERM "$LIMIT" $PY $T/train.py --config "$CONFIG" --data "$WORK/data" --ckpt "$WORK/ckpt" --device "${DEVICE:-cuda}" "${budget[@]}" || rc=$?
stamp "train.py exited $rc"
CK=$WORK/ckpt/final.pt
[[ -f $CK ]] || CK=$WORK/ckpt/last.pt   # stopped at LIMIT: the last checkpoint, marked by its step count
$PY $T/pack.py pack "$CK" "$OUT"
stamp "done"
