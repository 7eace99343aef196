import unittest

import torch

from soup import mix


class SoupTest(unittest.TestCase):
    def test_mix_is_the_weighted_average_key_by_key(self):
        base = {"w": torch.tensor([0.0, 2.0]), "b": torch.tensor([4.0])}
        snap = {"w": torch.tensor([1.0, 0.0]), "b": torch.tensor([0.0])}
        m = mix(base, snap, 0.25)
        self.assertTrue(torch.allclose(m["w"], torch.tensor([0.25, 1.5])))
        self.assertTrue(torch.allclose(m["b"], torch.tensor([3.0])))
        self.assertTrue(torch.equal(mix(base, snap, 0.0)["w"], base["w"]))
        self.assertTrue(torch.equal(mix(base, snap, 1.0)["b"], snap["b"]))

    def test_refuses_different_networks_and_alphas_outside_0_1(self):
        base = {"w": torch.zeros(2)}
        with self.assertRaises(ValueError):
            mix(base, {"v": torch.zeros(2)}, 0.5)
        with self.assertRaises(ValueError):
            mix(base, {"w": torch.zeros(3)}, 0.5)
        with self.assertRaises(ValueError):
            mix(base, {"w": torch.zeros(2)}, 1.5)


if __name__ == "__main__":
    unittest.main()
