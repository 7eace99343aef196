"""BatchNorm folding, tfjs layout and the binary weights format."""
import os
import tempfile
import unittest

import numpy as np
import torch

from net import FoldedResNet, build_resnet34, conv_names, folded_state
from tfjs_weights import (SHARD_BYTES, decode, encode, load_folded, quantize_uint8, read_model,
                          tfjs_to_torch, torch_to_tfjs, write_model)


def randomised_model(seed: int = 0) -> torch.nn.Module:
    """A ResNet34 whose BatchNorms hold non-trivial statistics, so folding is really exercised."""
    torch.manual_seed(seed)
    m = build_resnet34()
    for mod in m.modules():
        if isinstance(mod, torch.nn.BatchNorm2d):
            c = mod.num_features
            mod.running_mean.uniform_(-0.5, 0.5)
            mod.running_var.uniform_(0.5, 2.0)
            mod.weight.data.uniform_(0.5, 1.5)
            mod.bias.data.uniform_(-0.2, 0.2)
            assert mod.running_mean.shape[0] == c
    return m.eval()


class TestFold(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = randomised_model()
        cls.x = torch.randn(2, 3, 64, 64, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            cls.want = cls.model(cls.x)

    def test_fold_one_conv_by_hand(self):
        conv = torch.nn.Conv2d(1, 1, 1, bias=False)
        conv.weight.data.fill_(2.0)
        bn = torch.nn.BatchNorm2d(1, eps=0.0).eval()
        bn.running_mean.fill_(1.0)
        bn.running_var.fill_(4.0)
        bn.weight.data.fill_(3.0)
        bn.bias.data.fill_(0.5)
        from net import fold_bn
        w, b = fold_bn(conv, bn)
        # y = 3 * (2x - 1) / 2 + 0.5 = 3x - 1
        self.assertAlmostEqual(float(w), 3.0, places=6)
        self.assertAlmostEqual(float(b), -1.0, places=6)

    def test_folded_equals_eval_model(self):
        with torch.no_grad():
            got = FoldedResNet(folded_state(self.model))(self.x)
        self.assertLess(float((got - self.want).abs().max()), 1e-4)

    def test_layer4_equals_torchvision(self):
        seen = {}
        h = self.model.layer4.register_forward_hook(lambda m, i, o: seen.update(a=o))
        with torch.no_grad():
            self.model(self.x)
            f = FoldedResNet(folded_state(self.model))
            f(self.x)
        h.remove()
        a = seen["a"]
        # Relative to the activations' scale (here about 10): float32 sums in another order.
        self.assertLess(float((f.layer4_out - a).abs().max()), 1e-5 * float(a.abs().max()) + 1e-5)

    def test_names_are_torchvision_conv_names(self):
        sd = self.model.state_dict()
        want = [k for k in sd if k.endswith(".weight") and (".conv" in k or k.startswith("conv") or "downsample.0" in k)]
        names = [n for n, _, _ in conv_names()]
        self.assertEqual([f"{n}.weight" for n in names], want)
        st = folded_state(self.model)
        self.assertEqual(list(st)[:2], ["conv1.weight", "conv1.bias"])
        self.assertEqual(list(st)[-2:], ["fc.weight", "fc.bias"])
        self.assertEqual(len(st), 2 * 36 + 2)  # 33 convs + 3 downsamples, each weight + bias; the head

    def test_tfjs_layout(self):
        w = torch_to_tfjs(folded_state(self.model))
        self.assertEqual(list(w["conv1.weight"].shape), [7, 7, 3, 64])        # HWIO
        self.assertEqual(list(w["layer2.0.downsample.0.weight"].shape), [1, 1, 64, 128])
        self.assertEqual(list(w["layer4.2.conv2.weight"].shape), [3, 3, 512, 512])
        self.assertEqual(list(w["fc.weight"].shape), [512, 6])
        st = folded_state(self.model)
        # HWIO[h, w, i, o] = OIHW[o, i, h, w]
        self.assertEqual(w["conv1.weight"][1, 2, 0, 5], float(st["conv1.weight"][5, 0, 1, 2]))
        self.assertEqual(w["fc.weight"][7, 3], float(st["fc.weight"][3, 7]))
        back = tfjs_to_torch(w)
        for k in st:
            self.assertTrue(torch.equal(back[k], st[k]), k)


class TestWeightsFormat(unittest.TestCase):
    def test_float32_float16_bytes(self):
        a = {"a": np.array([1.0, -2.0, 0.5], np.float32), "b": np.array([[65504.0]], np.float32)}
        specs, data = encode(a, "float32")
        self.assertEqual(data[:4], bytes.fromhex("0000803f"))  # 1.0 little-endian
        self.assertEqual(len(data), 16)
        specs, data = encode(a, "float16")
        self.assertEqual(data, bytes.fromhex("003c00c0 0038 ff7b".replace(" ", "")))  # 1, -2, 0.5, 65504 as halves
        self.assertEqual(specs[0]["quantization"], {"dtype": "float16"})
        np.testing.assert_array_equal(decode(specs, data)["b"], a["b"])

    def test_uint8_affine(self):
        a = np.linspace(-1.0, 3.0, 5000).astype(np.float32)
        q, scale, mn = quantize_uint8(a)
        self.assertAlmostEqual(scale, 4.0 / 255, places=9)
        self.assertEqual(float(np.float32(np.round(-mn / scale) * scale + mn)), 0.0)  # zero is exact
        self.assertEqual(int(q[0]), 0)
        self.assertEqual(int(q[-1]), 255)
        specs, data = encode({"k": a, "bias": np.array([0.25], np.float32)}, "uint8")
        self.assertEqual(len(data), 5000 + 4)  # bias below UINT8_MIN_SIZE stays float32
        self.assertEqual(specs[0]["quantization"]["dtype"], "uint8")
        self.assertNotIn("quantization", specs[1])
        back = decode(specs, data)
        self.assertLessEqual(float(np.abs(back["k"] - a).max()), scale / 2 + 1e-6)
        # value = q * scale + min, exactly as tfjs decodeWeights computes it
        self.assertEqual(back["k"][1234], np.float32(data[1234] * specs[0]["quantization"]["scale"]
                                                     + specs[0]["quantization"]["min"]))

    def test_uint8_per_channel(self):
        # Two output channels (last axis) with different ranges: each gets its own affine, zero exact.
        a = np.stack([np.linspace(-1.0, 3.0, 4096), np.linspace(-0.01, 0.02, 4096)], 1).astype(np.float32)
        stem = np.full((4096, 1), 0.1, np.float32)
        specs, data = encode({"layer3.k": a, "conv1.weight": stem, "bias": np.array([0.25], np.float32)}, "uint8-channel")
        q = specs[0]["quantization"]
        self.assertEqual((q["dtype"], q["axis"]), ("uint8", 1))
        np.testing.assert_allclose(q["scales"], [4.0 / 255, 0.03 / 255], rtol=1e-6)
        self.assertEqual(specs[1]["quantization"], {"dtype": "float16"})  # the stem stays float16
        self.assertNotIn("quantization", specs[2])
        self.assertEqual(len(data), 8192 + 2 * 4096 + 4)
        back = decode(specs, data)
        err = np.abs(back["layer3.k"] - a).max(0)
        self.assertLessEqual(float(err[0]), 4.0 / 255 / 2 + 1e-6)
        self.assertLessEqual(float(err[1]), 0.03 / 255 / 2 + 1e-8)  # 133x finer than one scale for both
        zero = np.zeros((4096, 2), np.float32)
        self.assertEqual(float(np.abs(decode(*encode({"layer4.z": zero}, "uint8-channel"))["layer4.z"]).max()), 0.0)

    def test_write_read_shards(self):
        big = {"w": np.arange(3 * SHARD_BYTES // 4, dtype=np.float32).reshape(-1, 2),
               "b": np.ones(10, np.float32)}
        with tempfile.TemporaryDirectory() as d:
            m = write_model(d, big, "float32", {"note": "test"})
            paths = m["weightsManifest"][0]["paths"]
            self.assertEqual(paths, ["group1-shard1of4.bin", "group1-shard2of4.bin", "group1-shard3of4.bin",
                                     "group1-shard4of4.bin"])
            self.assertEqual([os.path.getsize(os.path.join(d, p)) for p in paths],
                             [SHARD_BYTES] * 3 + [40])
            _, w = read_model(os.path.join(d, "model.json"))
            np.testing.assert_array_equal(w["w"], big["w"])

    def test_exported_model_runs_the_same(self):
        model = randomised_model(2)
        x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(3))
        with torch.no_grad():
            want = model(x)
        with tempfile.TemporaryDirectory() as d:
            for dtype, tol in (("float32", 1e-4), ("float16", 0.5), ("uint8", 5.0), ("uint8-channel", 5.0)):
                write_model(d, torch_to_tfjs(folded_state(model)), dtype, {})
                mj, f = load_folded(os.path.join(d, "model.json"))
                self.assertEqual(mj["meta"]["dtype"], dtype)
                with torch.no_grad():
                    err = float((f(x) - want).abs().max())
                self.assertLess(err, tol, dtype)


if __name__ == "__main__":
    unittest.main()
