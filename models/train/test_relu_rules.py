"""The three ReLU backward rules on hand-checkable numbers, and inside the folded network."""
import unittest

import torch

from net import FoldedResNet, folded_state
from relu_rules import RULES
from test_export import randomised_model


class TestRules(unittest.TestCase):
    def grad(self, mode):
        f = torch.tensor([-1.0, 2.0, 3.0, -4.0, 0.0], requires_grad=True)
        r = torch.tensor([1.0, -1.0, 2.0, 5.0, 1.0])
        y = RULES[mode](f)
        self.assertEqual(y.tolist(), [0.0, 2.0, 3.0, 0.0, 0.0])
        y.backward(r)
        return f.grad.tolist()

    def test_vanilla(self):
        self.assertEqual(self.grad("vanilla"), [0.0, -1.0, 2.0, 0.0, 0.0])

    def test_guided(self):
        self.assertEqual(self.grad("guided"), [0.0, 0.0, 2.0, 0.0, 0.0])

    def test_deconv(self):
        self.assertEqual(self.grad("deconv"), [1.0, 0.0, 2.0, 5.0, 1.0])

    def test_vanilla_rule_is_autograd_in_the_network(self):
        st = folded_state(randomised_model(4))
        x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(5))
        grads = {}
        for name, relu in (("autograd", None), ("vanilla", RULES["vanilla"]), ("guided", RULES["guided"])):
            xi = x.clone().requires_grad_(True)
            FoldedResNet(st, relu)(xi)[0, 2].backward()
            grads[name] = xi.grad
        self.assertTrue(torch.allclose(grads["autograd"], grads["vanilla"], atol=1e-6))
        self.assertFalse(torch.allclose(grads["autograd"], grads["guided"], atol=1e-3))


if __name__ == "__main__":
    unittest.main()
