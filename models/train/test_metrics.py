"""Metrics on hand-checkable inputs."""
import unittest

import numpy as np

from metrics import operating_point, reliability, roc_auc, youden_threshold


class TestMetrics(unittest.TestCase):
    def test_auc(self):
        # pairs (pos, neg): (0.35 > 0.1), (0.35 < 0.4), (0.8 > both) → 3 of 4
        self.assertAlmostEqual(roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])), 0.75)
        self.assertAlmostEqual(roc_auc(np.array([0, 1, 0, 1]), np.array([0.5, 0.5, 0.5, 0.5])), 0.5)
        self.assertAlmostEqual(roc_auc(np.array([0, 1, 1]), np.array([0.2, 0.2, 0.9])), 0.75)  # one tie = 1/2
        self.assertTrue(np.isnan(roc_auc(np.array([1, 1]), np.array([0.2, 0.3]))))

    def test_operating_point(self):
        op = operating_point(np.array([1, 1, 0, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1, 0.2]), 0.5)
        self.assertEqual((op["tp"], op["fn"], op["tn"], op["fp"]), (1, 1, 2, 1))
        self.assertAlmostEqual(op["sensitivity"], 0.5)
        self.assertAlmostEqual(op["specificity"], 2 / 3)

    def test_youden(self):
        # Separable at any t in (0.3, 0.7): midpoint 0.5 between the neighbouring scores.
        self.assertAlmostEqual(youden_threshold(np.array([0, 0, 1, 1]), np.array([0.1, 0.3, 0.7, 0.9])), 0.5)
        self.assertAlmostEqual(youden_threshold(np.array([0, 0, 1, 1]), np.array([0.01, 0.02, 0.03, 0.9])), 0.025)

    def test_reliability(self):
        r = reliability(np.array([0, 1, 1, 1]), np.array([0.05, 0.05, 0.95, 0.95]), bins=10)
        self.assertEqual([b["n"] for b in r["bins"]], [2, 0, 0, 0, 0, 0, 0, 0, 0, 2])
        # bin 0: predicted 0.05, observed 0.5; bin 9: predicted 0.95, observed 1 → ECE = 0.5*0.45 + 0.5*0.05
        self.assertAlmostEqual(r["ece"], 0.25)


if __name__ == "__main__":
    unittest.main()
