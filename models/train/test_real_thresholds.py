import unittest

import numpy as np

from real_thresholds import best_threshold, mean_youden


class RealThresholdsTest(unittest.TestCase):
    def test_separable_sets_get_the_midpoint(self):
        a = (np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.3, 0.4]))
        self.assertAlmostEqual(best_threshold([a]), 0.25)
        self.assertAlmostEqual(mean_youden([a], 0.25), 1.0)

    def test_each_set_counts_once_whatever_its_size(self):
        small = (np.array([0, 1]), np.array([0.5, 0.7]))         # separable at 0.6
        big = (np.array([0] * 50 + [1] * 50), np.array([0.2] * 50 + [0.55] * 50))  # separable at 0.375
        # At 0.6 the big set's J is 0 (nothing positive), the small set's 1: mean 0.5.
        self.assertAlmostEqual(mean_youden([small, big], 0.6), 0.5)
        # Between 0.55 and 0.7 no threshold beats one in (0.5, 0.55): J = 1 on both sets.
        t = best_threshold([small, big])
        self.assertTrue(0.5 < t < 0.55, t)
        self.assertAlmostEqual(mean_youden([small, big], t), 1.0)


if __name__ == "__main__":
    unittest.main()
