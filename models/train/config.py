"""Run configurations: data sizes, seed ranges, the progressive-resizing schedule.

FULL is the shipped run (`npm run train`, 2.5 h on the 2-core machine); SMOKE (`SMOKE=1`) proves every
stage end to end in minutes. Seed ranges are disjoint, so no phantom is in two sets.

Two schedule modes. "steps": each stage runs a fixed number of optimizer steps (reproducible; SMOKE).
"time": the run has a wall-clock training budget and each stage a share of it, and the learning rate
follows the elapsed share; the same schedule then fits the budget whether or not other work loads the
machine, at the cost of seeing fewer images when it does (FULL; the images seen go into model.json meta).
Throughput behind FULL (ResNet34, batch 32, both cores free), measured on 2026-11-25 with throughput.py:
7.7 img/s at 128, ~2.8 at 224 (half of ARCHITECTURE.md's figures on that day's host), ~13 expected at 96.
So the run starts at 96 px (FixRes-style: train small, finish at the test size so BatchNorm statistics
and filters settle at 224): 120 min ≈ 38 k images at 96 + 16 k at 128 + 5 k at 160 + 3 k at 224.
"""
from dataclasses import asdict, dataclass, field
from typing import Optional, Tuple


@dataclass(frozen=True)
class Stage:
    size: int            # input side in pixels
    steps: int = 0       # "steps" mode: optimizer steps at this size
    share: float = 0.0   # "time" mode: share of the training budget
    batch: int = 32


@dataclass(frozen=True)
class DataSet:
    name: str
    seed: int
    count: int
    source: str = "phantom"   # "phantom" | "invesalius" | "cthead": the real head a composite set is painted into
    realism: bool = False     # `npm run phantom -- --realistic`: measured bleed densities and volumes, hard negatives


@dataclass(frozen=True)
class RunConfig:
    name: str
    data: Tuple[DataSet, ...]
    stages: Tuple[Stage, ...]
    mode: str = "steps"           # "steps" | "time"
    budget_minutes: float = 0.0   # "time" mode: training wall-clock budget (train.sh may lower it)
    lr: float = 2e-3              # one-cycle peak
    weight_decay: float = 1e-4
    warmup_frac: float = 0.15
    pos_weight: str = "none"      # "none" | "sqrt": sqrt(neg/pos) per label, capped at 4
    ckpt_every_s: float = 300.0
    log_every: int = 20
    val_images: int = 256         # quick validation at each stage end
    parity_images: int = 64       # test slices for the export parity check
    parity_maps: int = 4          # of those, slices for map correlations (gradients are slow)
    golden_seeds: Optional[Tuple[int, ...]] = None  # None: golden.py --auto 3 picks from the test set
    augment: dict = field(default_factory=dict)  # overrides of augment.AugmentConfig
    init: str = ""                # "": from scratch (torchvision); a model.json: fine-tune its folded weights
    extra_train: Tuple[Tuple[str, int], ...] = ()  # more training sets (data dir name, repeats per epoch)
    real_val: bool = False        # score the real-CT validation slices (train.py --real) at each stage end
    loc_weight: float = 0.0       # weight of localise.pointing_loss (the `any` map's peak on the bleed mask)
    loc_temperature: float = 20.0 # softmax temperature of that loss, in logit units per cell
    train_set: str = "train"      # the main training set's directory under --data
    snapshot_every_s: float = 0.0 # >0: keep the weights and score the real validation sets this often (snap-<step>.pt)

    def total_steps(self) -> int:
        return sum(s.steps for s in self.stages)

    def to_json(self) -> dict:
        return asdict(self)


FULL = RunConfig(
    name="full",
    # Generation runs at ~260-300 slices/s on 2 cores: about a minute for these 13 k slices.
    data=(DataSet("train", 1_000_000, 10_000), DataSet("val", 2_000_000, 1_000), DataSet("test", 3_000_000, 2_000)),
    mode="time",
    budget_minutes=120.0,
    stages=(Stage(96, share=0.40), Stage(128, share=0.30), Stage(160, share=0.15), Stage(224, share=0.15)),
)

SMOKE = RunConfig(
    name="smoke",
    data=(DataSet("train", 1_000_000, 96), DataSet("val", 2_000_000, 32), DataSet("test", 3_000_000, 32)),
    stages=(Stage(64, steps=6, batch=8), Stage(96, steps=2, batch=8)),
    ckpt_every_s=1e9,
    log_every=2,
    val_images=16,
    parity_images=8,
    parity_maps=2,
)

# The same trainer on one CUDA GPU (models/train/gpu.sh, run on a lent H200/H100 machine within its
# 10-minute command limit): six times the training phantoms (generated there, in parallel), batch 128 in
# bfloat16, mostly at the test size. Validation and test sets are FULL's: both runs meet the same slices.
GPU = RunConfig(
    name="gpu",
    data=(DataSet("train", 1_000_000, 61_440), DataSet("val", 2_000_000, 1_000), DataSet("test", 3_000_000, 2_000)),
    mode="time",
    budget_minutes=7.5,
    stages=(Stage(160, share=0.3, batch=128), Stage(224, share=0.7, batch=128)),
    ckpt_every_s=60.0,
    log_every=50,
    val_images=1_000,
)

# For the resume test only (seconds, not minutes).
TEST = RunConfig(
    name="test",
    data=(DataSet("train", 1_000_000, 16), DataSet("val", 2_000_000, 8)),
    stages=(Stage(32, steps=3, batch=4), Stage(48, steps=1, batch=4)),
    ckpt_every_s=1e9, log_every=1, val_images=8,
)

# The real-CT run (issue 10): fine-tune the shipped phantom weights on the CPU, 2 h at most, on phantoms
# mixed with real-background composites (the InVesalius head with painted bleeds, `npm run phantom --
# --background`), every input cropped to the head, with domain randomisation: rotations up to 20 degrees,
# half the slices through an 8-bit round trip at W80-W150 (some JPEG, some decoded at the default window),
# blur and sharpening, more noise and window jitter. BatchNorm is already folded into the convs, so the
# fine-tune trains the shipped network itself (no batch statistics at batch 24).
REAL = RunConfig(
    name="real",
    data=(DataSet("train", 1_000_000, 10_000), DataSet("val", 2_000_000, 1_000), DataSet("test", 3_000_000, 2_000),
          DataSet("composite-train", 5_000_000, 12_288), DataSet("composite-val", 6_000_000, 512),
          DataSet("composite-test", 8_000_000, 1_000)),
    mode="time",
    budget_minutes=120.0,
    stages=(Stage(160, share=0.4, batch=24), Stage(224, share=0.6, batch=24)),
    lr=2e-4,
    warmup_frac=0.05,
    val_images=512,
    init="models/resnet34/model.json",
    extra_train=(("composite-train", 1),),
    real_val=True,
    augment={"rotate_deg": 20.0, "png_prob": 0.5,
             "png_windows": ((40.0, 80.0), (40.0, 100.0), (40.0, 120.0), (40.0, 150.0), (35.0, 90.0)),
             "decode_default": 0.3, "jpeg_prob": 0.3, "blur_prob": 0.25, "sharpen_prob": 0.2,
             "noise_hu": 8.0, "width_jitter": 0.15, "crop": True},
)

# The localisation run (issue 10, pointing game): the shipped `real` weights fine-tuned further with the
# same data and randomisation, plus a spatial cross-entropy that puts the `any` class activation map's
# peak (Grad-CAM at layer4) on the painted bleed (localise.py). The masks come with every phantom and
# composite; real validation slices are only scored, never trained on.
REAL_LOC = RunConfig(
    name="real-loc",
    data=REAL.data,
    mode="time",
    budget_minutes=70.0,
    stages=(Stage(160, share=0.3, batch=24), Stage(224, share=0.7, batch=24)),
    lr=1e-4,
    warmup_frac=0.05,
    val_images=512,
    init="models/resnet34/model.json",
    extra_train=REAL.extra_train,
    real_val=True,
    augment=REAL.augment,
    loc_weight=0.05,
    loc_temperature=20.0,
)

# Right for the right reasons (issue 21): the shipped weights fine-tuned on bleeds with measured real
# densities and volumes and on hard negatives (scalp haematoma, fractures, calcifications, dense sinus,
# streaks, every slice level down to the neck), painted into phantoms and into TWO real heads (Debian's
# InVesalius head and the UNC cadaver head), with a stronger class-activation-map loss on the bleed masks.
# Validation: realistic phantom and composite sets of each head, and both real sets at every snapshot.
RIGHT = RunConfig(
    name="right",
    data=(DataSet("val", 2_000_000, 1_000), DataSet("test", 3_000_000, 2_000),
          DataSet("train-r", 1_000_000, 4_096, realism=True), DataSet("val-r", 2_500_000, 512, realism=True),
          DataSet("test-r", 3_500_000, 1_000, realism=True),
          DataSet("composite-r-train", 5_000_000, 4_096, "invesalius", True), DataSet("composite-r-val", 6_000_000, 512, "invesalius", True),
          DataSet("composite-r-test", 8_000_000, 1_000, "invesalius", True),
          DataSet("cthead-train", 9_000_000, 4_096, "cthead", True), DataSet("cthead-val", 9_500_000, 512, "cthead", True),
          DataSet("cthead-test", 9_800_000, 1_000, "cthead", True)),
    mode="time",
    budget_minutes=100.0,
    stages=(Stage(160, share=0.4, batch=24), Stage(224, share=0.6, batch=24)),
    lr=1e-4,
    warmup_frac=0.05,
    val_images=512,
    init="models/resnet34/model.json",
    train_set="train-r",
    extra_train=(("composite-r-train", 1), ("cthead-train", 1)),
    real_val=True,
    augment=REAL.augment,
    loc_weight=0.15,
    loc_temperature=20.0,
    snapshot_every_s=900.0,
)

# The second right-for-the-right-reasons run (issue 21): the shipped weights (themselves 0.5·earlier +
# 0.5·a RIGHT snapshot) fine-tuned again, now with classic phantoms kept in the mix (the first run had none,
# and forgot phantom intraventricular bleeds), one realistic composite negative in four from any level
# (the skull base is where CT-ICH false alarms sit), the UNC cadaver brain shifted to a living adult's
# median HU (composite.ts, cthead.ts), and a lower learning rate. Snapshots every 12 minutes.
RIGHT2 = RunConfig(
    name="right2",
    data=(DataSet("train", 1_000_000, 2_048),) + RIGHT.data,
    mode="time",
    budget_minutes=60.0,
    stages=(Stage(160, share=0.4, batch=24), Stage(224, share=0.6, batch=24)),
    lr=5e-5,
    warmup_frac=0.05,
    val_images=512,
    init="models/resnet34/model.json",
    train_set="train-r",
    extra_train=(("train", 1), ("composite-r-train", 1), ("cthead-train", 1)),
    real_val=True,
    augment=REAL.augment,
    loc_weight=0.15,
    loc_temperature=20.0,
    snapshot_every_s=720.0,
)

CONFIGS = {"right2": RIGHT2, "right": RIGHT, "full": FULL, "real-loc": REAL_LOC, "gpu": GPU, "real": REAL, "smoke": SMOKE, "test": TEST}


if __name__ == "__main__":
    # For train.sh: `config.py NAME` prints "set seed count" lines; `--golden` the golden seeds;
    # `--parity` "images maps"; `--budget` the training budget in minutes (0 in steps mode).
    import sys
    c = CONFIGS[sys.argv[1]]
    if "--golden" in sys.argv:
        print(" ".join(str(s) for s in c.golden_seeds or ()))
    elif "--parity" in sys.argv:
        print(c.parity_images, c.parity_maps)
    elif "--budget" in sys.argv:
        print(c.budget_minutes if c.mode == "time" else 0)
    else:
        for d in c.data:
            print(d.name, d.seed, d.count, d.source, int(d.realism))
