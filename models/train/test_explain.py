"""Grad-CAM on the folded network: alpha equals the dense weights / (h*w) (CAM), and the upsampling rule."""
import unittest

import torch
import torch.nn.functional as F

from explain import grad_cam, input_gradient
from net import FoldedResNet, folded_state
from test_export import randomised_model


class TestExplain(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = FoldedResNet(folded_state(randomised_model(6)))
        cls.x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(7))

    def test_gradcam_is_cam(self):
        r = grad_cam(self.model, self.x, 3)
        self.assertEqual(tuple(r["cam"].shape), (2, 2))  # 64 / 32
        w = self.model.p("fc.weight")[3]
        self.assertTrue(torch.allclose(r["alpha"], w / 4, atol=1e-7))
        cam = torch.relu((w[:, None, None] * r["layer4"][0]).sum(0) / 4)
        self.assertTrue(torch.allclose(r["cam"], cam, atol=1e-5))
        self.assertEqual(tuple(r["camUp"].shape), (64, 64))

    def test_bilinear_half_pixel(self):
        # align_corners=False: output x samples source (x + 0.5) / 2 - 0.5, clamped at the edges.
        up = F.interpolate(torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]]), size=4, mode="bilinear", align_corners=False)
        self.assertEqual(up[0, 0, 0].tolist(), [0.0, 0.25, 0.75, 1.0])
        self.assertEqual(up[0, 0, :, 0].tolist(), [0.0, 0.5, 1.5, 2.0])

    def test_rules_restore_model(self):
        g = input_gradient(self.model, self.x, 0, "deconv")
        self.assertEqual(tuple(g.shape), (1, 3, 64, 64))
        self.assertIs(self.model.relu, torch.relu)


if __name__ == "__main__":
    unittest.main()
