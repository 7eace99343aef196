"""Training resumes exactly: an interrupted run (config 'test'), resumed, ends with the same weights as an
uninterrupted one (steps mode restores model, optimizer, sampler and RNG states)."""
import os
import tempfile
import unittest

import torch

import train
from fake_shards import write_fake_shards


class TestResume(unittest.TestCase):
    def test_interrupted_then_resumed_equals_straight(self):
        with tempfile.TemporaryDirectory() as d:
            for name, seed in (("train", 10), ("val", 20)):
                write_fake_shards(os.path.join(d, "data", name), size=48, counts=[10, 6], seed_start=seed)
            data = os.path.join(d, "data")
            train.main(["--config", "test", "--data", data, "--ckpt", os.path.join(d, "a")])
            with self.assertRaises(SystemExit) as e:
                train.main(["--config", "test", "--data", data, "--ckpt", os.path.join(d, "b"), "--stop-after", "2"])
            self.assertEqual(e.exception.code, 130)
            self.assertEqual(torch.load(os.path.join(d, "b", "last.pt"))["step"], 2)
            train.main(["--config", "test", "--data", data, "--ckpt", os.path.join(d, "b")])
            a = torch.load(os.path.join(d, "a", "final.pt"))
            b = torch.load(os.path.join(d, "b", "final.pt"))
            self.assertEqual((a["steps"], b["steps"], a["images"], b["images"]), (4, 4, 16, 16))
            for k, v in a["model"].items():
                self.assertTrue(torch.equal(v, b["model"][k]), k)


if __name__ == "__main__":
    unittest.main()
