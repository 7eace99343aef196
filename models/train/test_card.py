"""card.py: the generated section quotes the real-CT summaries of both sets and the thresholds' origin."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import card  # noqa: E402

LABELS = ["any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"]
OP = {"threshold": 0.4, "sensitivity": 0.8, "specificity": 0.7}
MODEL = {"meta": {"schedule": {"mode": "steps", "stages": [{"steps": 10, "size": 224, "batch": 4}]},
                  "dataSets": [{"name": "train", "seed": 1, "count": 2}], "config": "c", "steps": 10, "images": 40,
                  "trainMinutes": 1.0, "trainedWith": "t", "date": "2026-01-01", "dtype": "float16",
                  "bytes": 2 ** 20, "sha256": "0" * 64}}
METRICS = {"test": {"count": 4, "seedStart": 3}, "val": {"count": 4}, "thresholdRule": "Youden",
           "labels": {lab: {"positives": 2, "negatives": 2, "auc": 0.9, "atThreshold": OP, "at0.5": OP,
                            "calibration": {"ece": 0.01, "bins": [{"n": 0}] * 10}} for lab in LABELS}}
PARITY = {"bound": {"maxAbsDeltaLogit": 0.05, "minCorr": 0.98, "maxMiB": 22}, "slices": 4, "mapSlices": 1,
          "rows": {"float16": {"mib": 1.0, "maxAbsDeltaLogit": 0.01, "minCorr": {"gradcam": 1.0}}}, "chosen": "float16"}


def auc(v, lo, hi, pos=3, groups=2, n=10):
    return {"n": n, "positives": pos, "positiveGroups": groups, "auc": v, "ci95": [lo, hi], "atThreshold": OP}


def pointing(rate, ceiling):
    return {"hits": 1, "scored": 4, "rate": rate, "ci95": [0.1, 0.9], "reachable": 2, "ceiling": ceiling}


def summary(set_name, whole):
    layers = {f"layer{k}": {"cells": c, "scored": 4, "flat": 0, "strict": pointing(0.25, 0.5 + k / 100),
                            "tolerant": pointing(0.75, 0.9)} for k, c in ((1, 56), (4, 7))}
    r = {"format": "ich-real-eval-summary/2", "set": set_name, "source": f"{set_name} source (cite me)",
         "date": "2026-12-07", "window8bit": {"level": 40, "width": 120}, "slices": 10, "patients": 5,
         "wholeScans": whole, "classes": {"any": auc(0.811, 0.701, 0.912)},
         "pointingGame": pointing(0.25, 0.54), "falsePositives": {"slices": 2, "negatives": 7, "patients": 2,
                                                                  "patientsWithNegatives": 5},
         "pointing": {"label": "any", "tolerancePx": 15, "layers": layers}, "scans": None, "thirds": None}
    if whole:
        r["classes"].update({"epidural": auc(0.765, 0.644, 0.863, 62, 6),
                             "intraventricular": auc(0.982, 0.970, 0.988, 2, 1),
                             "subarachnoid": {"n": 10, "positives": 0, "positiveGroups": 0, "auc": None,
                                              "ci95": None, "atThreshold": OP, "notMeasurable": "no positives"}})
        fa = {"scans": 2, "negatives": 9, "flagged": 3, "meanPerScan": 1.5, "scansWithAlarm": 1, "perScan": []}
        r["scans"] = {"auc": auc(0.476, 0.236, 0.729, 1, 1, 2),
                      "falseAlarms": {"threshold": 0.4, "withBleed": fa, "withoutBleed": dict(fa, meanPerScan=2.25)}}
        r["thirds"] = {t: auc(v, 0.1, 0.95) for t, v in (("lower", 0.201), ("middle", 0.754), ("upper", 0.851))}
    return r


class CardTest(unittest.TestCase):
    def test_both_sets_and_their_figures(self):
        text = card.tables(MODEL, METRICS, PARITY, summary("phe-sich", False), summary("ct-ich", True))
        self.assertIn("#### PHE-SICH", text)
        self.assertIn("#### CT-ICH", text)
        self.assertIn("phe-sich source (cite me)", text)
        self.assertIn("ct-ich source (cite me)", text)
        self.assertIn("validation sets, not tests", text)
        self.assertIn("| 0.811 (0.701–0.912) |", text)
        self.assertIn("| epidural | 62 (6) | 0.765 (0.644–0.863) |", text)
        self.assertRegex(text, r"\| intraventricular \| 2 \(1\) \| 0\.982 .*example only \|")
        self.assertIn("not measurable (no positives)", text)
        self.assertIn("0.476 (0.236–0.729)", text)
        self.assertIn("| false alarms per scan with a bleed", text)
        self.assertIn("2.2 (3 of 9 slices", text)
        self.assertIn("| lower third (skull base, face, posterior fossa) | 10 (3) | 0.201 (0.100–0.950) |", text)
        self.assertIn("| layer4 (7×7) | 0.250 (0.100–0.900), 1 of 4; ceiling 0.540 |", text)
        self.assertIn("CT-ICH within 15 px", text)
        # The existing sections are still there.
        self.assertIn("### Held-out test phantoms", text)
        self.assertIn("### Export parity", text)

    def test_threshold_origin_before_and_after(self):
        text = card.tables(MODEL, METRICS, PARITY, summary("phe-sich", False), None)
        self.assertIn("every label on the phantom and composite validation sets", text)
        self.assertNotIn("#### CT-ICH", text)
        model = copy.deepcopy(MODEL)
        syn = "phantom and composite validation sets (Youden's J)"
        model["meta"]["thresholdsFrom"] = dict({lab: syn for lab in LABELS},
                                               any="PHE-SICH and CT-ICH real validation slices",
                                               epidural="CT-ICH real validation slices",
                                               subdural="CT-ICH real validation slices")
        text = card.tables(model, METRICS, PARITY, summary("phe-sich", False), summary("ct-ich", True))
        self.assertIn("`any` on PHE-SICH and CT-ICH real validation slices", text)
        self.assertIn("`epidural`, `subdural` on CT-ICH real validation slices", text)
        self.assertIn("optimistic", text)

    def test_version_1_summary_and_no_real_files(self):
        v1 = summary("phe-sich", False)
        v1["format"] = "ich-real-eval-summary/1"
        for k in ("pointing", "scans", "thirds", "wholeScans"):
            v1.pop(k)
        text = card.tables(MODEL, METRICS, PARITY, v1, None)
        self.assertIn("pointing game in the lesion masks, strict: PHE-SICH 0.250", text)
        self.assertNotIn("Real-CT validation", card.tables(MODEL, METRICS, PARITY, None, None))

    def test_main_finds_ct_ich_beside_real(self):
        with tempfile.TemporaryDirectory() as d:
            paths = {}
            for name, doc in (("model.json", MODEL), ("metrics.json", METRICS), ("parity.json", PARITY),
                              ("real-val.json", summary("phe-sich", False)),
                              ("real-val-ct-ich.json", summary("ct-ich", True))):
                paths[name] = os.path.join(d, name)
                with open(paths[name], "w") as f:
                    json.dump(doc, f)
            cardfile = os.path.join(d, "CARD.md")
            with open(cardfile, "w") as f:
                f.write(f"head\n{card.BEGIN}\nSTALE-TABLES\n{card.END}\ntail\n")
            subprocess.run([sys.executable, os.path.join(HERE, "card.py"), "--model", paths["model.json"],
                            "--metrics", paths["metrics.json"], "--parity", paths["parity.json"],
                            "--real", paths["real-val.json"], "--card", cardfile], check=True, capture_output=True)
            with open(cardfile) as f:
                out = f.read()
            self.assertTrue(out.startswith("head\n") and out.endswith(f"{card.END}\ntail\n"))
            self.assertNotIn("STALE-TABLES", out)
            self.assertIn("#### CT-ICH", out)


if __name__ == "__main__":
    unittest.main()
