import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { backwardKernels, conv, convInputGrad, maxPoolBackward, maxPoolWithSwitches } from '../../../src/model/ops';
import type { ConvSpec } from '../../../src/model/arch';

describe('max-pool switches (3x3, stride 2, pad 1)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('sends each output to the first maximum of its window, like PyTorch', () => {
    // 4x4 input, all zero but two tied maxima (value 5) in the first window at (0,1) and (1,0).
    const x = tf.tensor4d([0, 5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 4, 4, 1]);
    const { y, switches } = maxPoolWithSwitches(x);
    // Output 2x2: window (0,0) covers rows -1..1, cols -1..1 → max 5, first in row-major order at (0,1).
    expect(Array.from(y.dataSync())).toEqual([5, 5, 5, 0]);
    const dx = maxPoolBackward(tf.tensor4d([1, 10, 100, 1000], [1, 2, 2, 1]), switches);
    // (0,1) wins windows (0,0) and (0,1) [1 + 10]; (1,0) wins window (1,0) [100];
    // window (1,1) is all zeros: its first element in row-major order is (1,1) [1000].
    expect(Array.from(dx.dataSync())).toEqual([0, 11, 0, 0, 100, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    tf.dispose([x, y, dx, ...switches.masks]);
  });

  it('agrees with the cpu backend MaxPoolGrad on random input', () => {
    const x = tf.randomNormal([1, 9, 7, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const dy = tf.randomNormal([1, 5, 4, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const { y, switches } = maxPoolWithSwitches(x);
    const ref = tf.maxPool(x, 3, 2, 1);
    expect(Array.from(y.dataSync())).toEqual(Array.from(ref.dataSync()));
    const ours = maxPoolBackward(dy, switches);
    const theirs = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 3, 2, 1), dy)))(x);
    // +0 folds -0 (a lone dy·0 in a phase grid of the routing): equal values.
    expect(Array.from(ours.dataSync(), (v) => v + 0)).toEqual(Array.from(theirs.dataSync(), (v) => v + 0));
    tf.dispose([x, dy, y, ref, ours, theirs, ...switches.masks]);
  });

  it('routes a batch of signals through the same switches, each as it would alone', () => {
    const x = tf.randomNormal([1, 10, 8, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
    const { switches } = maxPoolWithSwitches(x);
    const dy = tf.randomNormal([3, 5, 4, 2], 0, 1, 'float32', 7) as tf.Tensor4D;
    const batch = maxPoolBackward(dy, switches);
    expect(batch.shape).toEqual([3, 10, 8, 2]);
    for (let k = 0; k < 3; k++) {
      const alone = maxPoolBackward(tf.slice(dy, [k, 0, 0, 0], [1, -1, -1, -1]), switches);
      expect(Array.from(tf.slice(batch, [k, 0, 0, 0], [1, -1, -1, -1]).dataSync())).toEqual(Array.from(alone.dataSync()));
    }
  });
});

describe('convolution input gradient from forward convolutions', () => {
  const cases: [string, ConvSpec, number, number][] = [
    ['7x7/2 pad 3, even input', { name: 'c', kernel: 7, stride: 2, pad: 3, inC: 3, outC: 4 }, 16, 16],
    ['7x7/2 pad 3, odd input', { name: 'c', kernel: 7, stride: 2, pad: 3, inC: 3, outC: 4 }, 15, 13],
    ['3x3/1 pad 1', { name: 'c', kernel: 3, stride: 1, pad: 1, inC: 5, outC: 2 }, 6, 5],
    ['3x3/2 pad 1, odd input', { name: 'c', kernel: 3, stride: 2, pad: 1, inC: 2, outC: 3 }, 7, 9],
    ['1x1/2 pad 0, odd input', { name: 'c', kernel: 1, stride: 2, pad: 0, inC: 4, outC: 3 }, 7, 7],
  ];
  it.each(cases)('%s equals autodiff', (_name, spec, h, w) => {
    const x = tf.randomNormal([1, h, w, spec.inC], 0, 1, 'float32', 1) as tf.Tensor4D;
    const k = tf.randomNormal([spec.kernel, spec.kernel, spec.inC, spec.outC], 0, 1, 'float32', 2) as tf.Tensor4D;
    const bias = tf.zeros([spec.outC]) as tf.Tensor1D;
    const y = conv(x, spec, k, bias);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
    const ours = tf.tidy(() => convInputGrad(dy, spec, backwardKernels(k, spec), h, w));
    const theirs = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(conv(t as tf.Tensor4D, spec, k, bias), dy)))(x);
    expect(ours.shape).toEqual(x.shape);
    const err = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0] as number);
    expect(err).toBeLessThan(1e-4);
    // A batch of two signals: each element as it would be alone.
    const dy2 = tf.concat([dy, tf.neg(dy)], 0) as tf.Tensor4D;
    const both = tf.tidy(() => convInputGrad(dy2, spec, backwardKernels(k, spec), h, w));
    expect(both.shape).toEqual([2, h, w, spec.inC]);
    expect(Array.from(tf.slice(both, [0, 0, 0, 0], [1, -1, -1, -1]).dataSync())).toEqual(Array.from(ours.dataSync()));
    expect(Array.from(tf.slice(both, [1, 0, 0, 0], [1, -1, -1, -1]).dataSync(), (v) => v + 0)).toEqual(Array.from(ours.dataSync(), (v) => -v + 0));
    tf.dispose([x, k, bias, y, dy, ours, theirs, dy2, both]);
  });
});

describe('backward kernels: the copy loop and the tensor ops agree exactly', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [1, 1],
    [1, 2],
    [3, 1],
    [3, 2],
    [7, 2],
  ])('kernel %i, stride %i', (kernel, stride) => {
    const spec: ConvSpec = { name: 'c', kernel, stride, pad: Math.floor(kernel / 2), inC: 3, outC: 5 };
    const w = tf.randomNormal([kernel, kernel, 3, 5], 0, 1, 'float32', kernel * 10 + stride) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const a = backwardKernels(w, spec, 'copy');
    // the ops' intermediates (gathers) belong to a tidy, as in createResNet
    const b = tf.tidy(() => backwardKernels(w, spec, 'ops') as unknown as tf.TensorContainer) as unknown as (tf.Tensor4D | null)[];
    expect(a.map((t) => t?.shape ?? null)).toEqual(b.map((t) => t?.shape ?? null));
    a.forEach((t, i) => {
      if (t) expect(Array.from(t.dataSync())).toEqual(Array.from((b[i] as tf.Tensor4D).dataSync()));
    });
    tf.dispose([...a, ...b].filter((t): t is tf.Tensor4D => t !== null));
    expect(tf.memory().numTensors).toBe(before); // the copy loop makes its results only
    w.dispose();
  });
});
