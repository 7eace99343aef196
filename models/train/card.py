"""Write the measured tables into models/MODEL_CARD.md between its generated-section markers.

Usage: /usr/bin/python3 models/train/card.py --model models/resnet34/model.json \
         --metrics models/resnet34/metrics.json --parity models/resnet34/parity.json \
         --real models/resnet34/real-val.json [--real-ct-ich models/resnet34/real-val-ct-ich.json] --card models/MODEL_CARD.md

The real-CT section is built from the harness summaries (PHE-SICH and CT-ICH, ich-real-eval-summary/1 or /2)
and the thresholds' origin from model.json `meta.thresholdsFrom`; nothing in it is typed by hand.
"""
import argparse
import json
import os
from typing import Optional

BEGIN, END = "<!-- generated:begin (models/train/card.py) -->", "<!-- generated:end -->"


def fmt(v, nd=3):
    return "n/a" if v is None else f"{v:.{nd}f}"

SET_NAMES = {"phe-sich": "PHE-SICH", "ct-ich": "CT-ICH"}
SET_WHAT = {
    "phe-sich": "Spontaneous intracerebral haemorrhage or none; only `any` is labelled",
    "ct-ich": "Every slice of each head scan after trauma; five subtypes labelled per slice",
}
# Subtypes with enough patients on CT-ICH to mean something (its README; issue 21's thresholds decision).
MEANINGFUL = ("epidural", "subdural")
THIRDS = {"lower": "lower third (skull base, face, posterior fossa)", "middle": "middle third",
          "upper": "upper third (towards the vertex)"}


def ci(a, nd=3) -> str:
    """"0.887 (0.852–0.918)" from an AucFigures / pointing dict; the reason when not measurable."""
    if a is None:
        return "n/a"
    if a.get("auc", a.get("rate")) is None:
        return f"not measurable ({a.get('notMeasurable', 'n/a')})"
    v = a["auc"] if "auc" in a else a["rate"]
    c = a.get("ci95")
    return f"{fmt(v, nd)} ({fmt(c[0], nd)}–{fmt(c[1], nd)})" if c else fmt(v, nd)


def op(a) -> str:
    t = (a or {}).get("atThreshold") or {}
    return f"{fmt(t.get('sensitivity'))} / {fmt(t.get('specificity'))}"


def threshold_origin(meta: dict) -> str:
    """Where the UI thresholds were chosen: meta.thresholdsFrom (models/train/real_thresholds.py), else evaluate.py's rule."""
    src = meta.get("thresholdsFrom")
    if not isinstance(src, dict):
        return "every label on the phantom and composite validation sets (Youden's J), none on real scans"
    groups: dict = {}
    for lab, text in src.items():
        groups.setdefault(text, []).append(f"`{lab}`")
    return "; ".join(f"{', '.join(labs)} on {text}" for text, labs in groups.items()) + (
        ". Where a threshold was chosen on a real set, sensitivity and specificity on that set at it are optimistic")


def pointing_cell(p) -> str:
    return (f"{fmt(p['rate'], 3)} ({fmt(p['ci95'][0], 3)}–{fmt(p['ci95'][1], 3)}), {p['hits']} of {p['scored']}; "
            f"ceiling {fmt(p['ceiling'], 3)}") if p else "n/a"


def real_section(reals: list, meta: dict) -> str:
    """The real-CT validation tables of every summary (ich-real-eval-summary/1 or /2), one table per set."""
    lines = [
        "### Real-CT validation (validation sets, not tests)", "",
        "Measured by `npm run evaluate -- --real DIR` (the site's engine, slices read as 8-bit PNGs at each set's window). "
        "These sets served to choose between designs and checkpoints, so every figure here is a validation figure; "
        "other real scans, kept apart, are the test. Intervals: 95 %, bootstrap resamples of patients "
        "(of scans for the scan-level and per-third figures).", "",
        f"UI thresholds (`model.json` `meta.thresholds`): {threshold_origin(meta)}.",
    ]
    for r in reals:
        name = SET_NAMES.get(r["set"], r["set"])
        kind = f"{r['slices']} slices of {r['patients']} " + ("whole scans" if r.get("wholeScans") else "patients") + \
            f", read at L{r['window8bit']['level']}/W{r['window8bit']['width']}"
        lines += ["", f"#### {name} ({kind}; measured {r['date']})", "",
                  f"{r['source']}." + (f" {SET_WHAT[r['set']]}." if r["set"] in SET_WHAT else ""), "",
                  "| figure | value |", "|---|---|"]
        a = r["classes"]["any"]
        t = a.get("atThreshold") or {}
        lines.append(f"| ROC AUC (any), 95 % CI by patient | {ci(a)} |")
        lines.append(f"| sensitivity / specificity at the UI threshold ({fmt(t.get('threshold'))}) | {op(a)} |")
        fp = r.get("falsePositives")
        if fp:
            lines.append(f"| slices without blood flagged (patients) | {fp['slices']} of {fp['negatives']} "
                         f"({fp['patients']} of {fp['patientsWithNegatives']}) |")
        sc = r.get("scans")
        if sc:
            s = sc["auc"]
            lines.append(f"| ROC AUC over scans, each scored by its highest slice ({s['positives']} of {s['n']} scans "
                         f"with a bleed), 95 % CI by scan | {ci(s)} |")
            fa = sc.get("falseAlarms")
            if fa:
                for key, what in (("withBleed", "with"), ("withoutBleed", "without")):
                    g = fa[key]
                    lines.append(f"| false alarms per scan {what} a bleed (slices without blood ≥ {fmt(fa['threshold'])}) | "
                                 f"{g['meanPerScan']:.1f} ({g['flagged']} of {g['negatives']} slices; "
                                 f"{g['scansWithAlarm']} of {g['scans']} scans have one) |")
        subs = [(lab, c) for lab, c in r["classes"].items() if lab != "any"]
        if subs:
            lines += ["", f"Subtypes on {name} (epidural and subdural are meaningful here; the others, with few "
                      "patients, are examples only; with one patient the interval resamples only the other slices):", "",
                      "| label | slices with it (patients) | ROC AUC, 95 % CI by patient | sensitivity / specificity at the UI threshold (threshold) | note |",
                      "|---|---|---|---|---|"]
            for lab, c in subs:
                t = c.get("atThreshold") or {}
                lines.append(f"| {lab} | {c['positives']} ({c.get('positiveGroups', 'n/a')}) | {ci(c)} | {op(c)} "
                             f"({fmt(t.get('threshold'))}) | {'' if lab in MEANINGFUL else 'example only'} |")
        th = r.get("thirds")
        if th:
            lines += ["", f"By level on {name} (each scan's slices split into thirds from the bottom; `any`):", "",
                      "| third | slices (with blood) | ROC AUC, 95 % CI by scan | sensitivity / specificity at the UI threshold |",
                      "|---|---|---|---|"]
            for k, c in th.items():
                lines.append(f"| {THIRDS.get(k, k)} | {c['n']} ({c['positives']}) | {ci(c)} | {op(c)} |")
    with_layers = [r for r in reals if r.get("pointing")]
    if with_layers:
        tol = with_layers[0]["pointing"]["tolerancePx"]
        lines += ["", f"#### Grad-CAM pointing game (`any`), every layer", "",
                  f"A hit: the map's peak, carried back through the head crop to the slice's own pixels, lies in the "
                  f"blood mask (strict) or within {tol} px of it (Zhang et al.). Ceiling: the share of masks any map at "
                  "that layer could hit (an upsampled coarse map peaks only near its cell centres). Rate (95 % CI by "
                  "patient), hits of scored slices; ceiling.", "",
                  "| layer (grid) | " + " | ".join(f"{SET_NAMES.get(r['set'], r['set'])} strict | "
                                                   f"{SET_NAMES.get(r['set'], r['set'])} within {r['pointing']['tolerancePx']} px"
                                                   for r in with_layers) + " |",
                  "|---|" + "---|---|" * len(with_layers)]
        layers = [k for k in ("layer1", "layer2", "layer3", "layer4")
                  if any(k in r["pointing"]["layers"] for r in with_layers)]
        for k in layers:
            cells = next(r["pointing"]["layers"][k]["cells"] for r in with_layers if k in r["pointing"]["layers"])
            row = []
            for r in with_layers:
                f = r["pointing"]["layers"].get(k)
                row += [pointing_cell(f and f["strict"]), pointing_cell(f and f["tolerant"])]
            lines.append(f"| {k} ({cells}×{cells}) | " + " | ".join(row) + " |")
    else:
        pg = [r for r in reals if r.get("pointingGame")]
        if pg:
            lines += ["", "Grad-CAM (`layer4`, `any`) pointing game in the lesion masks, strict: " + "; ".join(
                f"{SET_NAMES.get(r['set'], r['set'])} {pointing_cell(dict(r['pointingGame'], ceiling=r['pointingGame'].get('ceiling')))}"
                for r in pg) + "."]
    return "\n".join(lines)


def tables(model: dict, metrics: dict, parity: dict, *reals: Optional[dict]) -> str:
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
    present = [r for r in reals if r]
    if present:
        lines += ["", real_section(present, m)]
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
    ap.add_argument("--real", default="models/resnet34/real-val.json", help="PHE-SICH real-CT summary, used when present")
    ap.add_argument("--real-ct-ich", default=None,
                    help="CT-ICH real-CT summary, used when present (default: real-val-ct-ich.json beside --real)")
    a = ap.parse_args()
    ct_ich = a.real_ct_ich or os.path.join(os.path.dirname(a.real), "real-val-ct-ich.json")
    docs = [json.load(open(p)) for p in (a.model, a.metrics, a.parity)]
    docs += [json.load(open(p)) if os.path.exists(p) else None for p in (a.real, ct_ich)]
    text = open(a.card).read()
    i, j = text.index(BEGIN), text.index(END)
    text = text[:i + len(BEGIN)] + "\n" + tables(*docs) + "\n" + text[j:]
    with open(a.card, "w") as f:
        f.write(text)
    print(f"card: tables written into {a.card}")


if __name__ == "__main__":
    main()
