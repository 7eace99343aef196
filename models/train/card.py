"""Write the measured tables into models/MODEL_CARD.md between its generated-section markers.

Usage: /usr/bin/python3 models/train/card.py --model models/resnet34/model.json \
         --metrics models/resnet34/metrics.json --parity models/resnet34/parity.json --card models/MODEL_CARD.md
"""
import argparse
import json
import os
from typing import Optional

BEGIN, END = "<!-- generated:begin (models/train/card.py) -->", "<!-- generated:end -->"


def fmt(v, nd=3):
    return "n/a" if v is None else f"{v:.{nd}f}"


def tables(model: dict, metrics: dict, parity: dict, real: Optional[dict] = None) -> str:
    m = model["meta"]
    sc = m["schedule"]
    if sc["mode"] == "time":
        stages = f"{sc['budgetMinutes']:g}-min budget shared " + ", ".join(
            f"{s['share']:.0%} at {s['size']} px" for s in sc["stages"]) + f" (batch {sc['stages'][0]['batch']})"
    else:
        stages = ", ".join(f"{s['steps']} steps at {s['size']} px (batch {s['batch']})" for s in sc["stages"])
    sets = "; ".join(f"{d['name']}: {d['count']} slices, seeds {d['seed']}–{d['seed'] + d['count'] - 1}"
                     for d in m["dataSets"])
    lines = [
        "### Training run", "",
        f"- Configuration `{m['config']}`, {m['steps']} steps, {m['images']} images seen; {stages}.",
        f"- Data (224×224 int16 HU; `composite-*` are real-background composites, the rest phantoms): {sets}.",
        f"- Training time: {m['trainMinutes']} min on {m.get('trainedOn', 'CPU, 2 threads')} ({m['trainedWith']}); "
        f"trained {m['date']}." + (f" The checkpoint came back from the GPU machine with {m['checkpointPacked']}."
                                   if m.get("checkpointPacked") else ""),
        f"- Shipped weights: {m['dtype']}, {m['bytes'] / 2**20:.1f} MiB, sha256 `{m['sha256'][:16]}…`.",
        "",
        f"### Held-out test phantoms ({metrics['test']['count']} slices, seeds from {metrics['test']['seedStart']})",
        "",
        f"Thresholds: {metrics['thresholdRule']} ({metrics['val']['count']} slices); the UI reads them "
        "from `model.json` `meta.thresholds`.", "",
        "| label | positives / negatives | ROC AUC | threshold | sensitivity | specificity | sens. / spec. at 0.5 | ECE |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for lab, r in metrics["labels"].items():
        t, h = r["atThreshold"], r["at0.5"]
        lines.append(f"| {lab} | {r['positives']} / {r['negatives']} | {fmt(r['auc'], 4)} | {fmt(t['threshold'])} | "
                     f"{fmt(t['sensitivity'])} | {fmt(t['specificity'])} | {fmt(h['sensitivity'])} / "
                     f"{fmt(h['specificity'])} | {fmt(r['calibration']['ece'])} |")
    lines += ["", "Reliability (10 equal-width bins; observed positive rate / mean predicted probability, "
              "bins with no slices left blank):", "",
              "| label | " + " | ".join(f"{b / 10:.1f}–{(b + 1) / 10:.1f}" for b in range(10)) + " |",
              "|---|" + "---|" * 10]
    for lab, r in metrics["labels"].items():
        cells = [f"{b['observed']:.2f} / {b['predicted']:.2f} (n={b['n']})" if b["n"] else ""
                 for b in r["calibration"]["bins"]]
        lines.append(f"| {lab} | " + " | ".join(cells) + " |")
    for name, e in metrics.get("extraTests", {}).items():
        lines += ["", f"### Held-out {name} slices ({e['count']} slices, seeds from {e['seedStart']})", "",
                  "The same real head as in training, under new deformations and new painted bleeds: this measures "
                  "the bleeds on real anatomy, not a new patient.", "",
                  "| label | positives | ROC AUC | sensitivity | specificity |", "|---|---|---|---|---|"]
        for lab, r in e["labels"].items():
            t = r["atThreshold"]
            lines.append(f"| {lab} | {r['positives']} | {fmt(r['auc'], 4)} | {fmt(t['sensitivity'])} | {fmt(t['specificity'])} |")
    if real:
        c = real["classes"]["any"]
        t = c.get("atThreshold") or {}
        lines += ["", f"### Real-CT validation ({real['set']}: {real['slices']} slices, {real['patients']} patients)", "",
                  f"{real['source']}. Read as 8-bit PNGs at L{real['window8bit']['level']}/W{real['window8bit']['width']} by "
                  f"`npm run evaluate -- --real DIR` (the site's engine), {real['date']}. Only `any` is labelled.", "",
                  "| ROC AUC (any), 95 % CI by patient | sensitivity / specificity at the UI threshold | "
                  "Grad-CAM pointing game in the lesion masks | false-positive slices (patients) |", "|---|---|---|---|",
                  f"| {fmt(c['auc'])} ({fmt(c['ci95'][0])}–{fmt(c['ci95'][1])}) | "
                  f"{fmt(t.get('sensitivity'))} / {fmt(t.get('specificity'))} at {fmt(t.get('threshold'))} | "
                  + (f"{fmt(real['pointingGame']['rate'])} ({fmt(real['pointingGame']['ci95'][0])}–{fmt(real['pointingGame']['ci95'][1])}), "
                     f"{real['pointingGame']['hits']} of {real['pointingGame']['scored']}" if real.get("pointingGame") else "n/a")
                  + " | " + (f"{real['falsePositives']['slices']} of {real['falsePositives']['negatives']} "
                             f"({real['falsePositives']['patients']} of {real['falsePositives']['patientsWithNegatives']})"
                             if real.get("falsePositives") else "n/a") + " |"]
    b = parity["bound"]
    lines += ["", f"### Export parity against float32 ({parity['slices']} test slices; maps on {parity['mapSlices']})",
              "", f"Bounds: max \\|Δlogit\\| ≤ {b['maxAbsDeltaLogit']}, every map correlation ≥ {b['minCorr']}, "
              f"size ≤ {b['maxMiB']} MiB; the smallest passing export ships.", "",
              "| weights | MiB | max \\|Δlogit\\| | Grad-CAM r | gradient r | guided r | deconv r | shipped |",
              "|---|---|---|---|---|---|---|---|"]
    for k, r in parity["rows"].items():
        c = r["minCorr"]
        lines.append(f"| {k} | {r['mib']:.1f} | {r['maxAbsDeltaLogit']:.2e} | " + " | ".join(
            fmt(c.get(x), 5) if x in c else "1 (reference)" for x in ("gradcam", "vanilla", "guided", "deconv"))
            + f" | {'yes' if k == parity['chosen'] else ''} |")
    if not parity.get("boundsMet", True):
        lines += ["", "**No export met the bounds**; the shipped one is the closest that fits the size limit."]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/resnet34/model.json")
    ap.add_argument("--metrics", default="models/resnet34/metrics.json")
    ap.add_argument("--parity", default="models/resnet34/parity.json")
    ap.add_argument("--card", default="models/MODEL_CARD.md")
    ap.add_argument("--real", default="models/resnet34/real-val.json", help="real-CT summary, used when present")
    a = ap.parse_args()
    docs = [json.load(open(p)) for p in (a.model, a.metrics, a.parity)]
    docs.append(json.load(open(a.real)) if os.path.exists(a.real) else None)
    text = open(a.card).read()
    i, j = text.index(BEGIN), text.index(END)
    text = text[:i + len(BEGIN)] + "\n" + tables(*docs) + "\n" + text[j:]
    with open(a.card, "w") as f:
        f.write(text)
    print(f"card: tables written into {a.card}")


if __name__ == "__main__":
    main()
