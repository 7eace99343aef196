"""merge_shards.py: parts made side by side read back as one set, slice for slice; bad joins are refused."""
import os
import tempfile
import unittest

import numpy as np

from fake_shards import write_fake_shards
from merge_shards import merge
from shards import PhantomSet


class TestMerge(unittest.TestCase):
    def test_parts_become_one_set(self):
        with tempfile.TemporaryDirectory() as d:
            a, b = os.path.join(d, "a"), os.path.join(d, "b")
            write_fake_shards(a, size=8, counts=[2, 2], seed_start=100)
            write_fake_shards(b, size=8, counts=[2, 1], seed_start=104)
            before = [PhantomSet(p) for p in (a, b)]
            hu = np.concatenate([s.hu(range(len(s))) for s in before])
            masks = np.concatenate([s.masks(range(len(s))) for s in before])
            labels = np.concatenate([s.labels for s in before])
            merge(os.path.join(d, "all"), [a, b], shard_slices=2)
            s = PhantomSet(os.path.join(d, "all"))
            self.assertEqual((len(s), s.seed_start), (7, 100))
            self.assertTrue(np.array_equal(s.seeds, np.arange(100, 107)))
            self.assertTrue(np.array_equal(s.hu(range(7)), hu))
            self.assertTrue(np.array_equal(s.masks(range(7)), masks))
            self.assertTrue(np.array_equal(s.labels, labels))

    def refused(self, count_a: int, seed_b: int) -> str:
        """The error merging part a (count_a slices from seed 100) with part b (2 slices from seed_b)."""
        with tempfile.TemporaryDirectory() as d:
            write_fake_shards(os.path.join(d, "a"), size=8, counts=[count_a], seed_start=100)
            write_fake_shards(os.path.join(d, "b"), size=8, counts=[2], seed_start=seed_b)
            with self.assertRaises(ValueError) as e:
                merge(os.path.join(d, "all"), [os.path.join(d, "a"), os.path.join(d, "b")], shard_slices=2)
            return str(e.exception)

    def test_refuses_a_gap_in_seeds(self):
        self.assertIn("not where", self.refused(2, 103))

    def test_refuses_a_partial_shard_before_the_end(self):
        self.assertIn("whole shards", self.refused(3, 103))

if __name__ == "__main__":
    unittest.main()
