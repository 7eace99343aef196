"""Train torchvision ResNet34 (from scratch, 6 sigmoid outputs) on phantom shards, resumable.

Usage: /usr/bin/python3 models/train/train.py --config full|gpu|smoke --data models/data --ckpt models/checkpoints
         [--budget-minutes M] [--device cpu|cuda]
Progressive resizing and the one-cycle learning rate follow config.py / schedule.py. A checkpoint
(model, optimizer, step, trained seconds, budget, sampler and RNG states) is written atomically every
`ckpt_every_s` seconds, at each stage end and on SIGINT/SIGTERM; rerunning the command resumes from it
(wall-clock progress counts only time spent training). The result is <ckpt>/final.pt.
On CUDA the training set is held on the GPU, augmented there, and the network runs channels-last in
bfloat16 autocast (float32 weights and loss).
"""
import argparse
import contextlib
import math
import os
import random
import signal
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np  # noqa: E402
import torch  # noqa: E402

from augment import AugmentConfig, augment, plain  # noqa: E402
from config import CONFIGS  # noqa: E402
from metrics import roc_auc  # noqa: E402
from localise import cam, forward_with_layer4, mask_share, pointing_loss  # noqa: E402
from net import LABELS, build_resnet34  # noqa: E402
from schedule import one_cycle, progress, stage_at  # noqa: E402
from shards import PhantomSet  # noqa: E402

THREADS = 2


def pos_weight(labels: np.ndarray, mode: str) -> torch.Tensor:
    """Per-label BCE positive weight: 1, or sqrt(neg/pos) capped at 4 (rare subtypes count more)."""
    if mode == "none":
        return torch.ones(labels.shape[1])
    pos = labels.mean(0).clip(1e-3, 1 - 1e-3)
    return torch.tensor(np.minimum(np.sqrt((1 - pos) / pos), 4.0), dtype=torch.float32)


class EpochSampler:
    """Shuffled indices without replacement, reshuffled each epoch, from a numpy Generator."""

    def __init__(self, n: int, rng: np.random.Generator):
        self.n, self.rng, self.order, self.pos, self.epoch = n, rng, rng.permutation(n), 0, 0

    def take(self, k: int) -> np.ndarray:
        out = []
        while k > 0:
            if self.pos >= self.n:
                self.order, self.pos, self.epoch = self.rng.permutation(self.n), 0, self.epoch + 1
            m = min(k, self.n - self.pos)
            out.append(self.order[self.pos:self.pos + m])
            self.pos += m
            k -= m
        return np.concatenate(out)

    def state(self) -> dict:
        return {"rng": self.rng.bit_generator.state, "order": self.order, "pos": self.pos, "epoch": self.epoch}

    def load(self, s: dict) -> None:
        self.rng.bit_generator.state = s["rng"]
        self.order, self.pos, self.epoch = s["order"], s["pos"], s["epoch"]


def autocast(dev: torch.device):
    """bfloat16 autocast on CUDA; a no-op context on the CPU (float32 there, as exported)."""
    return torch.autocast("cuda", dtype=torch.bfloat16) if dev.type == "cuda" else contextlib.nullcontext()


def device_name(dev: torch.device) -> str:
    return torch.cuda.get_device_name(dev) if dev.type == "cuda" else f"CPU, {torch.get_num_threads()} threads"


class MixedSet:
    """Training sets side by side, each repeated `repeats` times per epoch (`hu`, `labels`, `len`)."""

    def __init__(self, parts):
        self.parts = parts  # [(PhantomSet, repeats)]
        self.index = np.concatenate([np.stack([np.full(len(s) * r, j), np.tile(np.arange(len(s)), r)], 1)
                                     for j, (s, r) in enumerate(parts)])
        self.labels = np.concatenate([s.labels[idx] for (s, _), idx in
                                      ((p, self.index[self.index[:, 0] == j, 1]) for j, p in enumerate(parts))])

    def __len__(self) -> int:
        return len(self.index)

    def _gather(self, idx, read, dtype) -> np.ndarray:
        rows = self.index[np.asarray(idx)]
        size = self.parts[0][0].size
        out = np.empty((len(rows), size, size), dtype)
        for j, (s, _) in enumerate(self.parts):
            sel = np.nonzero(rows[:, 0] == j)[0]
            if len(sel):
                out[sel] = read(s, rows[sel, 1])
        return out

    def hu(self, idx) -> np.ndarray:
        return self._gather(idx, PhantomSet.hu, np.int16)

    def masks(self, idx) -> np.ndarray:
        return self._gather(idx, PhantomSet.masks, np.uint8)


def quick_val(model: torch.nn.Module, val: PhantomSet, n: int, size: int, dev: torch.device = torch.device("cpu"),
              crop: bool = False) -> dict:
    """Mean BCE and per-label AUC on the first n validation slices at `size` (no augmentation)."""
    model.eval()
    idx = np.arange(min(n, len(val)))
    logits = []
    with torch.no_grad(), autocast(dev):
        for i in range(0, len(idx), 32):
            logits.append(model(plain(torch.from_numpy(val.hu(idx[i:i + 32])).to(dev), size, crop)).float().cpu())
    model.train()
    z = torch.cat(logits)
    y = torch.from_numpy(val.labels[idx])
    p = torch.sigmoid(z).numpy()
    return {"loss": float(torch.nn.functional.binary_cross_entropy_with_logits(z, y)),
            "auc": {lab: roc_auc(val.labels[idx, k], p[:, k]) for k, lab in enumerate(LABELS)}}


def save_atomic(obj: dict, path: str) -> None:
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", choices=sorted(CONFIGS), default="full")
    ap.add_argument("--data", default="models/data")
    ap.add_argument("--ckpt", default="models/checkpoints")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget-minutes", type=float, default=0.0,
                    help="time mode: training budget (default and upper bound: the config's); fixed at the first start")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda (gpu.sh)")
    ap.add_argument("--stop-after", type=int, default=0, help="behave as if interrupted after this step (tests)")
    ap.add_argument("--real", default="../shared/data/real-val/phe-sich,../shared/data/real-val/ct-ich",
                    help="real-CT validation folders (labels.csv), comma-separated, scored at each stage end and "
                         "snapshot when present and the config asks")
    a = ap.parse_args(argv)
    cfg = CONFIGS[a.config]
    dev = torch.device(a.device)
    if dev.type == "cpu":
        torch.set_num_threads(THREADS)
    else:
        torch.backends.cudnn.benchmark = True
    os.makedirs(a.ckpt, exist_ok=True)
    ckpt_path, final_path = os.path.join(a.ckpt, "last.pt"), os.path.join(a.ckpt, "final.pt")
    if os.path.exists(final_path):
        print(f"train: {final_path} exists, nothing to do (delete it to retrain)")
        return

    train, val = PhantomSet(os.path.join(a.data, cfg.train_set)), PhantomSet(os.path.join(a.data, "val"))
    if cfg.extra_train:
        train = MixedSet([(train, 1)] + [(PhantomSet(os.path.join(a.data, name)), r) for name, r in cfg.extra_train])
    vals = {"val": val}
    if cfg.train_set != "train" and os.path.isdir(os.path.join(a.data, cfg.train_set.replace("train", "val"))):
        vals[cfg.train_set.replace("train", "val")] = PhantomSet(os.path.join(a.data, cfg.train_set.replace("train", "val")))
    for name, _ in cfg.extra_train:
        vname = name.replace("-train", "-val")
        if os.path.isdir(os.path.join(a.data, vname)):
            vals[vname] = PhantomSet(os.path.join(a.data, vname))
    aug_cfg = AugmentConfig(**{k: (tuple(tuple(w) for w in v) if k == "png_windows" else v) for k, v in cfg.augment.items()})
    reals = {}  # real validation folders (read in place, never trained on): name -> slices
    if cfg.real_val:
        from real_val import PHE_SICH_WINDOW, evaluate as real_evaluate, read_real
        for d in a.real.split(","):
            if os.path.isdir(d):
                reals[os.path.basename(d.rstrip("/"))] = read_real(d, PHE_SICH_WINDOW, crop=aug_cfg.crop)

    def score_real(tag: str, boot: int) -> dict:
        """ROC AUC(any) and the Grad-CAM pointing game (strict and 15-px tolerant) on every real folder."""
        out = {}
        for name, data in reals.items():
            r = real_evaluate(model, data, boot=boot)
            pg, pt = r["pointing"], r["pointing_tol"]
            print(f"{tag}: real-CT validation {name}: ROC AUC(any) {r['auc']:.3f} (95 % CI by patient "
                  f"{r['ci'][0]:.3f}-{r['ci'][1]:.3f}), Grad-CAM pointing game strict {pg['rate']:.3f} "
                  f"({pg['hits']}/{pg['scored']}), tolerant {pt['rate']:.3f} ({pt['hits']}/{pt['scored']})", flush=True)
            out[name] = {"auc": r["auc"], "ci": r["ci"], "pointing": pg, "pointing_tol": pt}
        return out
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    fmt = torch.channels_last if dev.type == "cuda" else torch.contiguous_format
    if cfg.init:
        from tfjs_weights import load_folded
        model = load_folded(cfg.init)[1].to(dev)  # the shipped network itself, BatchNorm folded
        for prm in model.parameters():
            prm.requires_grad_(True)
        print(f"train: fine-tuning {cfg.init}", flush=True)
    else:
        model = build_resnet34().to(dev, memory_format=fmt)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sampler = EpochSampler(len(train), np.random.default_rng(a.seed))
    gen = torch.Generator(device=dev).manual_seed(a.seed + 1)
    # The training HU: memory-mapped shards on the CPU; on a GPU all of it in device memory (98 kB a slice).
    on_dev = torch.from_numpy(train.hu(np.arange(len(train)))).to(dev) if dev.type == "cuda" else None
    train_labels = torch.from_numpy(train.labels).to(dev)
    pw = pos_weight(train.labels, cfg.pos_weight).to(dev)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pw)
    budget_s = 60.0 * (min(a.budget_minutes, cfg.budget_minutes) if a.budget_minutes > 0 else cfg.budget_minutes)
    step, images, history, seconds0 = 0, 0, [], 0.0

    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location="cpu", weights_only=False)  # numpy sampler state
        if ck["config"] != cfg.to_json():
            sys.exit(f"train: {ckpt_path} was written by another config; move it away to start over")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        sampler.load(ck["sampler"])
        gen.set_state(ck["gen"])
        torch.set_rng_state(ck["torch_rng"])
        random.setstate(ck["py_rng"])
        step, images, history, seconds0, budget_s = (ck["step"], ck["images"], ck["history"], ck["train_seconds"],
                                                     ck["budget_s"])
        print(f"train: resumed at step {step} ({seconds0 / 60:.1f} min trained"
              + (f" of {budget_s / 60:.1f})" if cfg.mode == "time" else ")"), flush=True)

    run_start = time.time()

    def trained() -> float:
        """Training seconds over all runs (resumed runs add up)."""
        return seconds0 + time.time() - run_start

    def checkpoint() -> None:
        save_atomic({"model": model.state_dict(), "opt": opt.state_dict(), "sampler": sampler.state(),
                     "gen": gen.get_state(), "torch_rng": torch.get_rng_state(), "py_rng": random.getstate(),
                     "step": step, "images": images, "history": history, "train_seconds": trained(),
                     "budget_s": budget_s, "config": cfg.to_json()}, ckpt_path)

    stop = {"flag": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(flag=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(flag=True))

    plan = (f"{budget_s / 60:.1f} min budget, stage shares " + ", ".join(f"{s.size}px {s.share:.0%}" for s in cfg.stages)
            if cfg.mode == "time" else f"{cfg.total_steps()} steps: " + ", ".join(f"{s.steps} at {s.size}px" for s in cfg.stages))
    print(f"train: config {cfg.name}, {len(train)} train / {len(val)} val slices, {plan}; "
          f"pos_weight {[round(float(v), 2) for v in pw]}, on {device_name(dev)}", flush=True)
    model.train()
    last_ckpt, window_t, window_n, ema, loc_ema = time.time(), time.time(), 0, None, None
    last_snap = trained()
    p = progress(cfg, step, trained(), budget_s)
    si, st = stage_at(cfg, p)
    while p < 1.0 and not stop["flag"]:
        lr = one_cycle(p, cfg.lr, cfg.warmup_frac)
        for g in opt.param_groups:
            g["lr"] = lr
        idx = np.sort(sampler.take(st.batch))
        sel = torch.from_numpy(idx).to(dev)
        hu = on_dev[sel] if on_dev is not None else torch.from_numpy(train.hu(idx))
        y = train_labels[sel]
        opt.zero_grad(set_to_none=True)
        if cfg.loc_weight > 0:  # localise.py: the `any` map's peak on the bleed
            bleed = torch.from_numpy(train.masks(idx) > 0).to(dev)
            x, m = augment(hu, st.size, aug_cfg, gen, mask=bleed)
            with autocast(dev):
                z, a4, w = forward_with_layer4(model, x.contiguous(memory_format=fmt))
                loss = loss_fn(z.float(), y)
                c = cam(a4.float(), w.float())
                lloc = pointing_loss(c, mask_share(m, c.shape[-1]), cfg.loc_temperature)
                if lloc is not None:
                    loss = loss + cfg.loc_weight * lloc
                    loc_ema = lloc.detach() if loc_ema is None else 0.95 * loc_ema + 0.05 * lloc.detach()
        else:
            x = augment(hu, st.size, aug_cfg, gen).contiguous(memory_format=fmt)
            with autocast(dev):
                loss = loss_fn(model(x).float(), y)
        loss.backward()
        opt.step()
        step += 1
        images += st.batch
        window_n += st.batch
        # The running loss stays a tensor on the device: reading it each step would stall a GPU.
        ema = loss.detach() if ema is None else 0.95 * ema + 0.05 * loss.detach()
        p = progress(cfg, step, trained(), budget_s)
        nsi, nst = stage_at(cfg, p)
        if step % cfg.log_every == 0 or p >= 1.0:
            lv = float(ema)
            if not math.isfinite(lv):
                sys.exit(f"train: loss {lv} at step {step}")
            now = time.time()
            ips = window_n / (now - window_t)
            left = ((1 - p) * budget_s / 60) if cfg.mode == "time" else float("nan")
            print(f"step {step} size {st.size} epoch {sampler.epoch} loss {lv:.4f} lr {lr:.2e} {ips:.2f} img/s "
                  f"progress {p:.1%} ({trained() / 60:.1f} min trained"
                  + (f", {left:.0f} min left" if cfg.mode == "time" else "") + f") load {os.getloadavg()[0]:.1f}"
                  + (f" loc {float(loc_ema):.3f}" if loc_ema is not None else ""),
                  flush=True)
            history.append({"step": step, "size": st.size, "loss": round(lv, 5), "ips": round(ips, 3),
                            "minutes": round(trained() / 60, 2)})
            window_t, window_n = now, 0
        stage_end = nsi != si or p >= 1.0
        if stage_end:
            for vname, vset in vals.items():
                v = quick_val(model, vset, cfg.val_images, st.size, dev, aug_cfg.crop)
                print(f"stage {si} ({st.size}px) done at step {step}: {vname} loss {v['loss']:.4f} AUC "
                      + " ".join(f"{k}={x:.3f}" for k, x in v["auc"].items()), flush=True)
                history.append({"step": step, "size": st.size, vname: v})
            if reals:
                history.append({"step": step, "size": st.size, "real": score_real(f"stage {si}", 500)})
                model.train()
            si, st = nsi, nst
            window_t, window_n = time.time(), 0
        if cfg.snapshot_every_s > 0 and not stage_end and trained() - last_snap >= cfg.snapshot_every_s:
            # Keep these weights for choosing by the real validation figures after the run (snap-<step>.pt).
            save_atomic({"model": {k: v.detach().cpu() for k, v in model.state_dict().items()}, "step": step,
                         "images": images, "minutes": trained() / 60}, os.path.join(a.ckpt, f"snap-{step:06d}.pt"))
            if reals:
                history.append({"step": step, "size": st.size, "snapshot": True, "real": score_real(f"snapshot {step}", 0)})
                model.train()
            last_snap = trained()
        if a.stop_after and step >= a.stop_after:
            stop["flag"] = True
        if stage_end or time.time() - last_ckpt >= cfg.ckpt_every_s:
            checkpoint()
            last_ckpt = time.time()
    if stop["flag"] and p < 1.0:
        checkpoint()
        print(f"train: interrupted at step {step}, checkpointed; rerun to resume", flush=True)
        sys.exit(130)
    model.eval()
    state = {k: v.cpu() for k, v in model.state_dict().items()}
    save_atomic({"model": state, "folded": bool(cfg.init), "config": cfg.to_json(), "history": history, "steps": step,
                 "images": images, "train_seconds": trained(), "pos_weight": pw.tolist(), "device": device_name(dev),
                 "torch": torch.__version__,
                 "data": {"train": {"seedStart": 1_000_000, "count": len(train)} if isinstance(train, MixedSet) else
                          {"seedStart": train.seed_start, "count": len(train)},
                          "val": {"seedStart": val.seed_start, "count": len(val)}}}, final_path)
    print(f"train: done, {step} steps, {images} images, {trained() / 60:.1f} min; wrote {final_path}", flush=True)


if __name__ == "__main__":
    main()
