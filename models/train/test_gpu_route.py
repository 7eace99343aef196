"""The GPU route end to end on the CPU (the path that made the shipped weights, minus the GPU):
gpu-prepare.sh bundles the phantom CLI, gpu.sh generates the smoke config's sets with that bundle,
trains with train.py --device cpu and packs the checkpoint; pack.py unpacks it. About 30 s."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import pack

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


@unittest.skipUnless(shutil.which("node") and os.path.isdir(os.path.join(ROOT, "node_modules", "esbuild")),
                     "needs node and npm install (esbuild) to bundle the phantom CLI")
class TestGpuRoute(unittest.TestCase):
    def test_prepare_generate_train_pack_unpack(self):
        env = dict(os.environ, NODE_XZ="0")
        subprocess.run(["bash", "models/train/gpu-prepare.sh"], cwd=ROOT, env=env, check=True, capture_output=True)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "out")
            os.makedirs(out)
            env.update(OUT=out, WORK=os.path.join(d, "work"), CONFIG="smoke", DEVICE="cpu", PART="1024", PY=sys.executable)
            r = subprocess.run(["bash", "models/train/gpu.sh"], cwd=ROOT, env=env, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr[-3000:])
            log = open(os.path.join(out, "gpu.log")).read()
            self.assertIn("merge: 1 parts -> ", log)
            self.assertIn("96 train / 32 val slices", log)
            parts = sorted(f for f in os.listdir(out) if f.startswith("checkpoint.part"))
            self.assertEqual(len(parts), 3)
            ck = pack.unpack(out, os.path.join(d, "final.pt"))
        self.assertEqual((ck["steps"], ck["images"], ck["config"]["name"]), (8, 64, "smoke"))
        self.assertTrue(ck["device"].startswith("CPU"))


if __name__ == "__main__":
    unittest.main()
