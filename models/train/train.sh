#!/usr/bin/env bash
# The one command (npm run train): phantom data → training (resumes) → exports → parity → evaluation →
# golden fixtures → model card tables. SMOKE=1 runs the same stages tiny, into $WORK (default /tmp/ich-smoke).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
T=models/train
export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=2 PYTHONUNBUFFERED=1

if [[ "${SMOKE:-0}" == 1 ]]; then
  CONFIG=smoke
  WORK=${WORK:-/tmp/ich-smoke}
  DATA=$WORK/data CKPT=$WORK/checkpoints OUT=$WORK/resnet34 GOLDEN=$WORK/golden CARD=$WORK/MODEL_CARD.md
  mkdir -p "$WORK"
  cp models/MODEL_CARD.md "$CARD"
else
  CONFIG=${CONFIG:-full}
  # CKPT_DIR: a run of another config keeps its own checkpoints (e.g. CONFIG=real-loc CKPT_DIR=models/checkpoints-loc).
  DATA=models/data CKPT=${CKPT_DIR:-models/checkpoints} OUT=models/resnet34 GOLDEN=tests/fixtures/golden CARD=models/MODEL_CARD.md
fi
mkdir -p "$DATA" "$CKPT"
LOG=$CKPT/run.log
exec > >(tee -a "$LOG") 2>&1
T0=$(date +%s)
stamp() { echo "== $(date -u +%H:%M:%S) (+$(( ($(date +%s) - T0) / 60 )) min) $*"; }
stamp "train.sh config=$CONFIG data=$DATA checkpoints=$CKPT out=$OUT"

# 1. Data: one shards directory per set, disjoint seed ranges (config.py); kept when already complete and
# made by the current generator (a hash of its sources is stored beside the shards).
GEN=$(bash $T/generator-hash.sh)
INVESALIUS=${INVESALIUS:-/usr/share/doc/invesalius-examples/examples/Cranium.inv3}
CTHEAD=${CTHEAD:-../shared/data/backgrounds/cthead/CThead.u16be.gz}
REGEN=0
# SKIP_DATA=1: use the sets on disk as they are (e.g. to ship a snapshot picked from a run on them).
while read -r name seed count source realism; do
  dir=$DATA/$name
  if [[ $name == *train* && $name != *test* && $name != *val* && -f $CKPT/final.pt ]]; then stamp "data $name: not needed ($CKPT/final.pt exists)"; continue; fi
  if $PY $T/shards.py "$dir" "$count" "$seed" && [[ "$(cat "$dir/generator.sha" 2>/dev/null)" == "$GEN" ]]; then
    stamp "data $name: present ($count from seed $seed)"
  else
    stamp "data $name: generating $count slices from seed $seed ($source${realism:+, realism $realism})"
    rm -rf "$dir.partial" "$dir"
    BG=()  # composite sets: the phantom's bleeds painted into a real head CT
    if [[ $name == composite-* || $source == invesalius ]]; then
      [[ -f $INVESALIUS ]] || { echo "train.sh: $INVESALIUS missing: apt-get install -y invesalius-examples" >&2; exit 1; }
      BG=(--background "$INVESALIUS")
    elif [[ $source == cthead ]]; then
      [[ -f $CTHEAD ]] || { echo "train.sh: $CTHEAD missing (the UNC head CT of ../shared/data/backgrounds)" >&2; exit 1; }
      BG=(--background "$CTHEAD")
    fi
    [[ ${realism:-0} == 1 ]] && BG+=(--realistic)
    npm run -s phantom -- --count "$count" --seed "$seed" --size 224 --out "$dir.partial" "${BG[@]}"
    echo "$GEN" > "$dir.partial/generator.sha"
    mv "$dir.partial" "$dir"
    REGEN=1
  fi
done < <([[ "${SKIP_DATA:-0}" == 1 ]] || $PY $T/config.py "$CONFIG")
# New data make old checkpoints stale: set them aside rather than resume or reuse them.
if (( REGEN )); then
  for f in last.pt final.pt; do
    if [[ -f $CKPT/$f ]]; then mv "$CKPT/$f" "$CKPT/$f.stale-$(date +%s)"; stamp "set aside stale $CKPT/$f"; fi
  done
fi

# 2. Training (resumes from $CKPT/last.pt; a finished run leaves $CKPT/final.pt and is skipped).
# In time mode the budget is what is left of TOTAL_MINUTES after data generation, less RESERVE_MINUTES for
# the stages after training, and at most the config's; it is fixed when training first starts.
TOTAL_MINUTES=${TOTAL_MINUTES:-150} RESERVE_MINUTES=${RESERVE_MINUTES:-25}
LEFT=$(( TOTAL_MINUTES - ($(date +%s) - T0) / 60 - RESERVE_MINUTES ))
(( LEFT < 10 )) && LEFT=10
stamp "training (time-mode budget at most $LEFT min)"
$PY $T/train.py --config "$CONFIG" --data "$DATA" --ckpt "$CKPT" --budget-minutes "$LEFT"
# TRAIN_ONLY=1: stop here (choose among snapshots, then run the stages below on the chosen weights).
if [[ "${TRAIN_ONLY:-0}" == 1 ]]; then stamp "training done (TRAIN_ONLY)"; exit 0; fi

# 3. Exports and the parity choice.
stamp "export"
for dt in float32 float16 uint8 uint8-channel; do
  $PY $T/export.py --checkpoint "$CKPT/final.pt" --dtype $dt --out "$CKPT/export-$dt"
done
read -r PN PM < <($PY $T/config.py "$CONFIG" --parity)
stamp "parity"
$PY $T/parity.py --ref "$CKPT/export-float32" --candidates "$CKPT/export-float16" "$CKPT/export-uint8" "$CKPT/export-uint8-channel" \
  --data "$DATA/test" --n "$PN" --maps "$PM" --bound "${PARITY_BOUND:-0.05}" --out "$CKPT/parity.json"
CHOSEN=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['chosen'])" "$CKPT/parity.json")
mkdir -p "$OUT"
rm -f "$OUT"/group1-shard*.bin
cp "$CKPT/export-$CHOSEN"/* "$OUT"/
cp "$CKPT/parity.json" "$OUT/parity.json"

# 4. Evaluation on the test set; thresholds from validation go into model.json meta.
stamp "evaluate ($CHOSEN)"
VALS=("$DATA/val"); for v in composite-val val-r composite-r-val cthead-val; do [[ -d $DATA/$v ]] && VALS+=("$DATA/$v"); done
EXTRA=(--extra-test)  # held-out composites of each head, and realistic phantoms (measured densities, hard negatives)
for t in composite-test composite-r-test cthead-test test-r; do [[ -d $DATA/$t ]] && EXTRA+=("${t%-test}=$DATA/$t"); done
(( ${#EXTRA[@]} == 1 )) && EXTRA=()
# UI thresholds of `any` (both real sets) and of epidural and subdural (CT-ICH) chosen on the real validation slices.
if [[ "${SMOKE:-0}" != 1 ]]; then $PY $T/real_thresholds.py --model "$OUT/model.json" --root "${REAL_ROOT:-../shared/data/real-val}"; fi
# evaluate.py keeps those three and chooses the others on the synthetic validation sets.
$PY $T/evaluate.py --model "$OUT/model.json" --val "${VALS[@]}" --test "$DATA/test" "${EXTRA[@]}" --out "$OUT/metrics.json" --update-meta
# The real-CT validation figures (the site's engine), when the validation slices are beside the checkout:
# PHE-SICH (spontaneous bleeds, `any`) -> real-val.json; CT-ICH (whole trauma scans, subtypes) -> real-val-ct-ich.json.
REAL_ROOT=${REAL_ROOT:-../shared/data/real-val}
for set in phe-sich ct-ich; do
  file=$OUT/real-val.json; [[ $set == ct-ich ]] && file=$OUT/real-val-ct-ich.json
  if [[ -d $REAL_ROOT/$set && "${SMOKE:-0}" != 1 ]]; then
    if [[ $set == phe-sich ]]; then SRC="PHE-SICH-CT-IDS (Ma et al., 2023, arXiv:2308.10521), as copied in github.com/tsaochiahui/Hemorrhage_CT"
    else SRC="CT-ICH (Hssayeni et al., Data 5(1):14, 2020; PhysioNet, doi:10.13026/w8q8-ky94, CC BY 4.0), as copied in a public GitHub repository"; fi
    stamp "real-CT validation ($REAL_ROOT/$set)"
    npm run -s evaluate -- --real "$REAL_ROOT/$set" --weights "$OUT" --summary "$file" --source "$SRC"
  else
    rm -f "$file"  # never describe these weights with another model's figure
  fi
done

# 5. Golden fixtures from the shipped weights, and the model card tables.
stamp "golden"
SEEDS=$($PY $T/config.py "$CONFIG" --golden)
if [[ -n $SEEDS ]]; then PICK=(--seeds $SEEDS); else PICK=(--auto 3); fi
rm -f "$GOLDEN"/slice-*.json "$GOLDEN"/slice-*.bin
$PY $T/golden.py --model "$OUT/model.json" --data "$DATA/test" "${PICK[@]}" --out "$GOLDEN"
LAB_SEED=$($PY -c "import sys; print(min(int(s) for s in sys.argv[1:]))" $(ls "$GOLDEN" | sed -n 's/^slice-\([0-9]*\)\.json$/\1/p'))
rm -f "$GOLDEN"/lab-*.json "$GOLDEN"/lab-*.bin
$PY $T/golden_lab.py --model "$OUT/model.json" --data "$DATA/test" --seed "$LAB_SEED" --out "$GOLDEN"
if [[ "${SMOKE:-0}" != 1 ]]; then
  # The explorer's out-of-distribution reference is a property of these weights (src/ood/feature-distance.ts).
  stamp "out-of-distribution reference"
  npm run -s ood-reference
fi
$PY $T/card.py --model "$OUT/model.json" --metrics "$OUT/metrics.json" --parity "$OUT/parity.json" --real "$OUT/real-val.json" --card "$CARD"
stamp "done: $OUT ($(du -sh "$OUT" | cut -f1)), goldens in $GOLDEN, card $CARD"
