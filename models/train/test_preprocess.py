"""The trainer's preprocessing equals src/ct/window.ts (fixture written by src/cli/golden-preprocess.ts)."""
import json
import os
import unittest

import numpy as np
import torch

from augment import plain
from ct import MODEL_WINDOWS, hu_to_input, to_8bit_and_back

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "golden", "preprocess.json")


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
        np.testing.assert_allclose(plain(hu, side).permute(0, 2, 3, 1).numpy(), want, rtol=0, atol=1e-6)

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


if __name__ == "__main__":
    unittest.main()
