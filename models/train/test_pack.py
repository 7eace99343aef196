"""pack.py: a checkpoint survives pack → unpack with float16-rounded weights and exact everything else,
and no part exceeds the device tool's 16 MiB file limit."""
import os
import tempfile
import unittest

import torch

import pack
from net import build_resnet34


class TestPack(unittest.TestCase):
    def test_round_trip(self):
        torch.manual_seed(0)
        model = build_resnet34()
        with torch.no_grad():
            model.bn1.running_var.uniform_(0.5, 2.0)
        state = model.state_dict()
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "final.pt")
            torch.save({"model": state, "steps": 7, "images": 896, "device": "test", "opt": {"x": 1}}, src)
            parts = pack.pack(src, os.path.join(d, "out"))
            self.assertEqual(len(parts), 3)  # 21.3 M float16 numbers + the rest: about 41 MiB
            for p in parts:
                self.assertLessEqual(os.path.getsize(p), 16 * 2**20)
            ck = pack.unpack(os.path.join(d, "out"), os.path.join(d, "back", "final.pt"))
        self.assertEqual((ck["steps"], ck["images"], ck["device"], ck["packed"]), (7, 896, "test", pack.PACKED))
        self.assertNotIn("opt", ck)
        for k, v in state.items():
            got = ck["model"][k]
            self.assertEqual(got.dtype, v.dtype, k)
            if v.is_floating_point() and v.dim() >= 2:
                self.assertTrue(torch.equal(got, v.half().float()), k)
            else:
                self.assertTrue(torch.equal(got, v), k)


if __name__ == "__main__":
    unittest.main()
