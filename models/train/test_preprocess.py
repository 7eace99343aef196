"""The trainer's preprocessing equals src/ct/window.ts (fixture written by src/cli/golden-preprocess.ts)."""
import json
import os
import unittest

import numpy as np
import torch

from augment import plain
from ct import MODEL_WINDOWS, hu_to_input, to_8bit_and_back

from head_crop import crop_masks, crop_to_head

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "golden", "preprocess.json")
CROP_FIXTURE = os.path.join(os.path.dirname(FIXTURE), "head-crop.json")


class TestPreprocess(unittest.TestCase):
    def setUp(self):
        with open(FIXTURE) as f:
            self.fx = json.load(f)

    def test_windows_match(self):
        self.assertEqual([(w["level"], w["width"]) for w in self.fx["windows"]], list(MODEL_WINDOWS))

    def test_input_matches_typescript(self):
        side = self.fx["side"]
        hu = torch.tensor(self.fx["hu"], dtype=torch.float32).view(1, side, side)
        want = np.array(self.fx["input"], dtype=np.float32).reshape(1, side, side, 3)
        got = hu_to_input(hu).permute(0, 2, 3, 1).numpy()  # NCHW → NHWC
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
        # The evaluation path (no resize at full size) is the same function.
        np.testing.assert_allclose(plain(hu, side, crop=False).permute(0, 2, 3, 1).numpy(), want, rtol=0, atol=1e-6)

    def test_hand_values(self):
        x = hu_to_input(torch.tensor([[[40.0, 80.0, -20.0, 2000.0]]]))[0, :, 0, :]
        np.testing.assert_allclose(x[0].numpy(), [0.0, 1.0, -1.0, 1.0], atol=1e-7)   # brain L40/W80
        np.testing.assert_allclose(x[1].numpy(), [-0.4, 0.0, -1.0, 1.0], atol=1e-7)  # subdural L80/W200
        np.testing.assert_allclose(x[2].numpy(), [2 * 840 / 2800 - 1, 2 * 880 / 2800 - 1, 2 * 780 / 2800 - 1, 1.0],
                                   atol=1e-6)

    def test_8bit_round_trip(self):
        # Brain window 0..80 HU in 255 steps: 40 HU → 127.5 → byte 128 (Math.round) → 40.157 HU;
        # outside values stay clipped at the window's ends.
        got = to_8bit_and_back(torch.tensor([-500.0, 0.0, 40.0, 80.0, 1000.0, 20.1]))
        np.testing.assert_allclose(got.numpy(), [0.0, 0.0, 128 / 255 * 80, 80.0, 80.0, 64 / 255 * 80], atol=1e-5)



class TestHeadCrop(unittest.TestCase):
    """The crop to the head equals src/ct/head-crop.ts on the fixture's synthetic heads."""

    def test_matches_typescript(self):
        with open(CROP_FIXTURE) as f:
            cases = json.load(f)["cases"]
        self.assertEqual(len(cases), 4)
        for c in cases:
            hu = np.array(c["hu"], dtype=np.float32).reshape(c["height"], c["width"])
            out, box = crop_to_head(hu, c["size"])
            self.assertEqual(box, (c["box"]["top"], c["box"]["left"], c["box"]["side"]), c["name"])
            np.testing.assert_allclose(out.ravel(), np.array(c["out"], dtype=np.float32), rtol=0, atol=2e-3,
                                       err_msg=c["name"])

    def test_hand_box(self):
        # A 3x5 head at rows 2..4, columns 3..7 of a 10x12 air image: side ceil(5 * 1.12) = 6,
        # top floor((2 + 4 + 1 - 6) / 2) = 0, left floor((3 + 7 + 1 - 6) / 2) = 2.
        hu = np.full((10, 12), -1000.0, np.float32)
        hu[2:5, 3:8] = 40.0
        _, box = crop_to_head(hu, 6)
        self.assertEqual(box, (0, 2, 6))
        m = np.zeros((10, 12), np.uint8)
        m[3, 4] = 2
        self.assertEqual(crop_masks(m, box, 6)[3, 2], 2)  # same side: nearest neighbour is the pixel itself

    def test_blank_is_padded_only(self):
        out, box = crop_to_head(np.full((4, 6), -1000.0, np.float32), 6)
        self.assertIsNone(box)
        self.assertEqual(out.shape, (6, 6))


if __name__ == "__main__":
    unittest.main()
