"""PyTorch's latency for one slice on this machine: the reference the tfjs engine is compared with (#14).

The BatchNorm-folded ResNet34 that ships (net.FoldedResNet, seeded weights: the time does not depend on
them), batch 1, 3x224x224, CPU. Per thread count: the forward pass (no_grad) and the forward pass plus
one input gradient (autograd, as Captum's saliency). Medians of --runs after --warmup untimed runs.
Prints one JSON line.

Usage: /usr/bin/python3 models/train/forward_latency.py [--threads 1 2] [--runs 9] [--warmup 3]
"""
import argparse
import json
import os
import statistics
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402

from net import FoldedResNet, build_resnet34, folded_state  # noqa: E402


def median_ms(fn, runs: int, warmup: int) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()
    torch.manual_seed(0)
    net = FoldedResNet(folded_state(build_resnet34())).eval()
    x = torch.randn(1, 3, 224, 224)

    def forward() -> None:
        with torch.no_grad():
            net(x)

    def forward_and_gradient() -> None:
        xi = x.clone().requires_grad_(True)
        torch.autograd.grad(net(xi)[0, 0], xi)

    load0 = os.getloadavg()
    out = {}
    for n in a.threads:
        torch.set_num_threads(n)
        out[str(n)] = {"forward": median_ms(forward, a.runs, a.warmup),
                       "forwardAndInputGradient": median_ms(forward_and_gradient, a.runs, a.warmup)}
    print(json.dumps({"bench": "pytorch", "torch": torch.__version__, "cpus": os.cpu_count(), "runs": a.runs,
                      "medianMsByThreads": out,
                      "loadavg": {"before": [round(v, 2) for v in load0], "after": [round(v, 2) for v in os.getloadavg()]}}))


if __name__ == "__main__":
    main()
