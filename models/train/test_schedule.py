"""Schedule: stage boundaries and the one-cycle learning rate at hand-checkable points."""
import unittest

from config import FULL, SMOKE
from schedule import one_cycle, progress, stage_at


class TestSchedule(unittest.TestCase):
    def test_one_cycle(self):
        self.assertAlmostEqual(one_cycle(0.0, 1.0, 0.2), 1 / 25)
        self.assertAlmostEqual(one_cycle(0.1, 1.0, 0.2), (1 / 25 + 1) / 2)  # half-way up the cosine
        self.assertAlmostEqual(one_cycle(0.2, 1.0, 0.2), 1.0)
        self.assertAlmostEqual(one_cycle(1.0, 1.0, 0.2), 1 / 25 / 1e4)

    def test_stages_by_steps(self):
        self.assertEqual(SMOKE.total_steps(), 8)
        self.assertEqual(stage_at(SMOKE, progress(SMOKE, 5, 0, 0))[1].size, 64)
        self.assertEqual(stage_at(SMOKE, progress(SMOKE, 6, 0, 0))[1].size, 96)
        self.assertEqual(stage_at(SMOKE, 1.0)[1].size, 96)

    def test_stages_by_time(self):
        self.assertAlmostEqual(sum(s.share for s in FULL.stages), 1.0)
        budget = 120 * 60
        self.assertEqual(stage_at(FULL, progress(FULL, 0, 0.39 * budget, budget))[1].size, 96)
        self.assertEqual(stage_at(FULL, progress(FULL, 0, 0.41 * budget, budget))[1].size, 128)
        self.assertEqual(stage_at(FULL, progress(FULL, 0, 0.71 * budget, budget))[1].size, 160)
        self.assertEqual(stage_at(FULL, progress(FULL, 0, 0.99 * budget, budget))[1].size, 224)


if __name__ == "__main__":
    unittest.main()
