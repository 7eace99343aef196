"""Augmentation: identity and mirror cases exactly, the PNG round trip, value ranges."""
import unittest

import torch

from augment import AugmentConfig, augment, geometry, png_round_trip, resize
from ct import to_8bit_and_back

NONE = AugmentConfig(flip_lr=0.0, rotate_deg=0.0, scale=(1.0, 1.0), shift=0.0, noise_hu=0.0, png_prob=0.0,
                     level_jitter=0.0, width_jitter=0.0)


class TestAugment(unittest.TestCase):
    def setUp(self):
        self.g = torch.Generator().manual_seed(0)
        self.hu = (torch.arange(2 * 16 * 16, dtype=torch.float32).view(2, 16, 16) * 3 - 700)

    def test_identity_geometry(self):
        out = geometry(self.hu, NONE, self.g)
        self.assertLess(float((out - self.hu).abs().max()), 1e-3)

    def test_flip_is_left_right(self):
        cfg = AugmentConfig(**{**NONE.__dict__, "flip_lr": 1.0})
        out = geometry(self.hu, cfg, self.g)
        self.assertLess(float((out - self.hu.flip(-1)).abs().max()), 1e-3)

    def test_outside_is_air(self):
        cfg = AugmentConfig(**{**NONE.__dict__, "scale": (0.5, 0.5)})  # zoom out: borders come from outside
        out = geometry(torch.zeros(1, 16, 16), cfg, self.g)
        self.assertAlmostEqual(float(out[0, 0, 0]), -1000.0, places=3)
        self.assertAlmostEqual(float(out[0, 8, 8]), 0.0, places=3)

    def test_png_round_trip_always(self):
        cfg = AugmentConfig(**{**NONE.__dict__, "png_prob": 1.0})
        out = png_round_trip(self.hu, cfg, self.g)
        self.assertTrue(torch.equal(out, to_8bit_and_back(self.hu)))
        self.assertEqual(float(out.min()), 0.0)
        self.assertEqual(float(out.max()), 80.0)

    def test_resize_keeps_constant(self):
        self.assertLess(float((resize(torch.full((1, 224, 224), 35.0), 128) - 35.0).abs().max()), 1e-4)

    def test_full_augment_shape_and_range(self):
        x = augment(torch.randint(-1000, 2000, (3, 224, 224), dtype=torch.int16), 128, AugmentConfig(), self.g)
        self.assertEqual(tuple(x.shape), (3, 3, 128, 128))
        self.assertGreaterEqual(float(x.min()), -1.0)
        self.assertLessEqual(float(x.max()), 1.0)


if __name__ == "__main__":
    unittest.main()
