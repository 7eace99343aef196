"""localise.py: the class activation map equals Grad-CAM from autograd, the pointing game on hand-checkable
maps (ties, empty masks), the spatial loss's values, and the mask moved by the same geometry as the slice."""
import math
import unittest

import torch

from augment import AugmentConfig, augment, geometry
from localise import cam, mask_share, pointing_hits, pointing_loss, upsample
from net import FoldedResNet, build_resnet34, folded_state


class TestCam(unittest.TestCase):
    def test_cam_is_gradcam_at_layer4(self):
        torch.manual_seed(0)
        net = build_resnet34().eval()
        for m in net.modules():  # non-trivial BatchNorm so the folded net is not the identity init
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
        model = FoldedResNet(folded_state(net))
        x = torch.randn(2, 3, 64, 64)
        a4 = model.stages(x)["layer4"].detach().requires_grad_(True)
        z = model.head(a4)
        grad = torch.autograd.grad(z[:, 0].sum(), a4)[0]
        alpha = grad.mean(dim=(2, 3), keepdim=True)
        gradcam = torch.relu((alpha * a4).sum(1))
        h, w = a4.shape[-2:]
        ours = torch.relu(cam(a4.detach(), model.p("fc.weight"))) / (h * w)
        self.assertLess(float((ours - gradcam).abs().max()), 1e-6 * float(gradcam.abs().max()) + 1e-9)
        # logit = mean(cam) + bias
        self.assertTrue(torch.allclose(cam(a4.detach(), model.p("fc.weight")).mean(dim=(1, 2)) + model.p("fc.bias")[0],
                                       z[:, 0].detach(), atol=1e-5))


class TestPointing(unittest.TestCase):
    def test_hits_misses_ties_and_empty(self):
        c = torch.tensor([[[0.0, 1.0], [0.0, 0.0]],    # peak top-right
                          [[0.0, 1.0], [0.0, 0.0]],
                          [[-1.0, -2.0], [-3.0, -1.0]],  # all negative: ReLU gives a flat map, every pixel ties
                          [[0.0, 1.0], [0.0, 0.0]]])
        m = torch.zeros(4, 4, 4, dtype=torch.uint8)
        m[0, 0, 3] = 1   # top-right corner of the 4x4 grid: where the upsampled peak is
        m[1, 3, 0] = 1   # bottom-left: a miss
        m[2, 2, 2] = 1   # flat map: the tie rule makes it a hit
        self.assertEqual(pointing_hits(c, m).tolist(), [1, 0, 1, -1])

    def test_upsample_half_pixel(self):
        up = upsample(torch.tensor([[[0.0, 4.0], [0.0, 4.0]]]), 4)
        self.assertEqual(up[0, 0].tolist(), [0.0, 1.0, 3.0, 4.0])  # align_corners=False, as tfjs halfPixelCenters


class TestLoss(unittest.TestCase):
    def test_uniform_map_costs_log_cells(self):
        share = torch.zeros(2, 3, 3)
        share[0, 1, 1] = 0.5
        share[1, 0, :] = 1.0
        loss = pointing_loss(torch.zeros(2, 3, 3), share)
        self.assertAlmostEqual(float(loss), math.log(9), places=5)

    def test_peak_on_mask_costs_less(self):
        share = torch.zeros(1, 3, 3)
        share[0, 2, 0] = 1.0
        on, off = torch.zeros(1, 3, 3), torch.zeros(1, 3, 3)
        on[0, 2, 0], off[0, 0, 2] = 40.0, 40.0
        self.assertLess(float(pointing_loss(on, share, 20.0)), float(pointing_loss(off, share, 20.0)))

    def test_no_mask_no_loss(self):
        self.assertIsNone(pointing_loss(torch.randn(3, 7, 7), torch.zeros(3, 7, 7)))

    def test_mask_share(self):
        m = torch.zeros(1, 4, 4)
        m[0, :2, :2] = 1
        self.assertEqual(mask_share(m, 2)[0].tolist(), [[1.0, 0.0], [0.0, 0.0]])


class TestMaskFollowsSlice(unittest.TestCase):
    def test_same_geometry(self):
        cfg = AugmentConfig(rotate_deg=20.0, scale=(0.9, 1.1), shift=0.04, flip_lr=0.5)
        hu = torch.full((3, 32, 32), -1000.0)
        hu[:, 8:20, 10:24] = 60.0
        mask = (hu > 0).float()
        a, (b, mb) = geometry(hu, cfg, torch.Generator().manual_seed(3)), geometry(hu, cfg, torch.Generator().manual_seed(3), mask)
        self.assertTrue(torch.equal(a, b))
        self.assertLess(float((mb - (b + 1000.0) / 1060.0).abs().max()), 1e-4)  # the mask moved exactly as the slice

    def test_augment_returns_mask_on_the_input_grid(self):
        cfg = AugmentConfig(crop=True, rotate_deg=15.0)
        hu = torch.full((2, 64, 64), -1000.0)
        hu[:, 12:52, 14:50] = 30.0
        hu[:, 20:28, 20:30] = 70.0
        x, m = augment(hu, 32, cfg, torch.Generator().manual_seed(1), mask=hu > 50)
        self.assertEqual(tuple(x.shape), (2, 3, 32, 32))
        plain_x = augment(hu, 32, cfg, torch.Generator().manual_seed(1))
        self.assertTrue(torch.allclose(x, plain_x, atol=1e-6))  # carrying a mask leaves the input as it was
        self.assertEqual(tuple(m.shape), (2, 32, 32))
        self.assertGreater(float(m.sum()), 0)
        # the mask sits on the bright blood in the brain window channel
        self.assertGreater(float(x[:, 0][m > 0.9].mean()), float(x[:, 0][(m == 0) & (x[:, 0] > -1)].mean()))


if __name__ == "__main__":
    unittest.main()
