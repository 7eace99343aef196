"""Measure ResNet34 training throughput (images/s) at a few input sizes on this machine.

Usage: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 models/train/throughput.py [--sizes 128 160 224] [--steps 4]
Prints one line per size; the first step (warm-up) is not timed.
"""
import argparse
import os
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402

from net import build_resnet34  # noqa: E402


def measure(size: int, batch: int, steps: int, channels_last: bool) -> float:
    model = build_resnet34()
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    x = torch.randn(batch, 3, size, size)
    if channels_last:
        x = x.contiguous(memory_format=torch.channels_last)
    y = (torch.rand(batch, 6) > 0.5).float()
    times = []
    for i in range(steps + 1):
        t = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()
        if i > 0:
            times.append(time.perf_counter() - t)
    return batch * len(times) / sum(times)


def measure_inference(size: int, batch: int, steps: int) -> float:
    """Forward only (no_grad, eval mode): the evaluation and parity stages."""
    model = build_resnet34().eval()
    x = torch.randn(batch, 3, size, size)
    times = []
    with torch.no_grad():
        for i in range(steps + 1):
            t = time.perf_counter()
            model(x)
            if i > 0:
                times.append(time.perf_counter() - t)
    return batch * len(times) / sum(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[128, 160, 224])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--channels-last", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    print(f"loadavg before: {os.getloadavg()}", flush=True)
    print(f"inference 224 batch {a.batch}: {measure_inference(224, a.batch, a.steps):.2f} images/s "
          f"(loadavg {os.getloadavg()[0]:.2f})", flush=True)
    for s in a.sizes:
        ips = measure(s, a.batch, a.steps, a.channels_last)
        print(f"size {s} batch {a.batch} channels_last={a.channels_last}: {ips:.2f} images/s "
              f"(loadavg {os.getloadavg()[0]:.2f})", flush=True)


if __name__ == "__main__":
    main()
