"""The shards reader against a tiny hand-made directory (fake_shards.py)."""
import json
import os
import tempfile
import unittest

import numpy as np

from fake_shards import write_fake_shards
from shards import PhantomSet


class TestShards(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        write_fake_shards(self.root, size=8, counts=[3, 2], seed_start=500)

    def tearDown(self):
        self.tmp.cleanup()

    def test_reads_across_shards(self):
        s = PhantomSet(self.root)
        self.assertEqual((len(s), s.size, s.seed_start), (5, 8, 500))
        hu = s.hu([4, 0, 3])
        self.assertEqual(hu.dtype, np.int16)
        self.assertEqual(hu.shape, (3, 8, 8))
        self.assertEqual(int(hu[0, 0, 0]), 40 - 1000)   # slice 4, pixel 0
        self.assertEqual(int(hu[0, 1, 0]), 40 + 8 % 7 - 1000)  # row-major: (y=1, x=0) is value index 8
        self.assertEqual(int(hu[2, 0, 3]), 30 + 3 - 1000)
        self.assertEqual(int(s.masks([4])[0, 2, 2]), 4)
        self.assertEqual(s.seeds.tolist(), [500, 501, 502, 503, 504])
        self.assertEqual(s.labels[3].tolist(), [1, 0, 0, 0, 1, 0])  # 3 % 5 = 3 → subtype index 4 (subarachnoid)
        self.assertEqual(s.index_of_seed()[503], 3)

    def test_rejects_truncated_shard(self):
        with open(os.path.join(self.root, "hu-00001.i16"), "r+b") as f:
            f.truncate(10)
        with self.assertRaises(ValueError):
            PhantomSet(self.root)

    def test_rejects_other_labels(self):
        p = os.path.join(self.root, "manifest.json")
        with open(p) as f:
            m = json.load(f)
        m["labels"] = list(reversed(m["labels"]))
        with open(p, "w") as f:
            json.dump(m, f)
        with self.assertRaises(ValueError):
            PhantomSet(self.root)


if __name__ == "__main__":
    unittest.main()
