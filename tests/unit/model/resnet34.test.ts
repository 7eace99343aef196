import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, disposeForward } from '../../../src/model/resnet34';
import { RELU_RULES } from '../../../src/model/relu-rules';
import { referenceForward } from '../helpers/reference-resnet';
import { seededWeights } from '../../../src/model/weights';

function maxRelErr(a: tf.Tensor, b: tf.Tensor): number {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
  const m = tf.tidy(() => tf.max(tf.abs(b)).dataSync()[0] as number);
  return d / Math.max(m, 1e-12);
}

describe('ResNet forward/backward against tfjs autodiff (tiny net, cpu)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([33, 40])('predict (the lean forward) gives the logits of forward, per image in a batch, and keeps nothing (input %i px)', (size) => {
    const weights = seededWeights(TINY_RESNET, 7);
    const net = createResNet(weights, TINY_RESNET);
    const x = tf.randomNormal([2, size, size, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const batch = net.predict(x);
    expect(batch.shape).toEqual([2, TINY_RESNET.classes]);
    expect(tf.memory().numTensors).toBe(before + 1);
    for (const i of [0, 1]) {
      const xi = tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
      const state = net.forward(xi);
      const row = tf.reshape(tf.slice(batch, [i, 0], [1, -1]), [-1]);
      // the odd 33 px exercises the max-pool's padding on the lower and right edges
      expect(maxRelErr(row, state.logits)).toBeLessThan(1e-5);
      expect(tf.tidy(() => maxRelErr(row, referenceForward(weights, TINY_RESNET, xi, 'gradient').logits))).toBeLessThan(1e-5);
      disposeForward(state);
      tf.dispose([xi, row]);
    }
    tf.dispose([x, batch, ...Object.values(weights)]);
    net.dispose();
  });

  it('backward kernels made lazily inside a tidy survive it, equal those prepared ahead, and all go on dispose', () => {
    const weights = seededWeights(TINY_RESNET, 7);
    const x = tf.randomNormal([1, 40, 40, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const lazy = createResNet(weights, TINY_RESNET);
    const ahead = createResNet(weights, TINY_RESNET);
    expect(tf.memory().numTensors).toBe(before); // nothing built up front
    let steps = 0;
    while (ahead.prepareBackward()) steps++;
    expect(steps).toBeGreaterThan(0);
    const afterPrepare = tf.memory().numTensors;
    const sa = lazy.forward(x);
    const sb = ahead.forward(x);
    for (let round = 0; round < 2; round++) {
      // the second round reuses the kernels the first one made inside its tidy
      const a = tf.tidy(() => lazy.backward(sa, { rule: 'guided', start: { logit: 1 } }));
      const b = tf.tidy(() => ahead.backward(sb, { rule: 'guided', start: { logit: 1 } }));
      expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
      tf.dispose([a, b]);
    }
    disposeForward(sa);
    disposeForward(sb);
    expect(tf.memory().numTensors).toBe(2 * afterPrepare - before); // the lazy net now holds as many kernels
    lazy.dispose();
    ahead.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, ...Object.values(weights)]);
  });

  it.each([33, 40])('matches logits and input gradients under every ReLU rule (input %i px)', (size) => {
    const weights = seededWeights(TINY_RESNET, 7);
    const net = createResNet(weights, TINY_RESNET);
    const x = tf.randomNormal([1, size, size, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const state = net.forward(x);
    for (const rule of RELU_RULES) {
      const ref = referenceForward(weights, TINY_RESNET, x, rule);
      expect(maxRelErr(state.logits, ref.logits)).toBeLessThan(1e-5);
      for (const label of [0, 3]) {
        const ours = tf.tidy(() => net.backward(state, { rule, start: { logit: label } }));
        const theirs = tf.grad((xx: tf.Tensor) => tf.slice(referenceForward(weights, TINY_RESNET, xx as tf.Tensor4D, rule).logits, [label], [1]))(x);
        expect(ours.shape).toEqual([1, size, size, 3]);
        expect(maxRelErr(ours, theirs)).toBeLessThan(1e-4);
        tf.dispose([ours, theirs]);
      }
    }
    disposeForward(state);
    net.dispose();
    tf.dispose([x, ...Object.values(weights)]);
  });

  it('stops at a stage output with the gradient of the logit there', () => {
    const weights = seededWeights(TINY_RESNET, 11);
    const net = createResNet(weights, TINY_RESNET);
    const x = tf.randomNormal([1, 48, 48, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const state = net.forward(x);
    const ours = tf.tidy(() => net.backward(state, { rule: 'gradient', start: { logit: 2 }, stopAt: 'layer3' }));
    // Reference: d logit / d layer3 output, by autodiff through the rest of the network.
    const a3 = state.stages.layer3;
    expect(ours.shape).toEqual(a3.shape);
    const rest = (a: tf.Tensor): tf.Tensor => {
      // Run only layer4 of the reference on top of layer3's output.
      const spec = TINY_RESNET;
      const blocks = ['layer4.0'];
      let h = a as tf.Tensor4D;
      for (const name of blocks) {
        const cv = (t: tf.Tensor4D, n: string, s: number, p: number): tf.Tensor4D =>
          tf.add(tf.conv2d(t, weights[`${n}.weight`] as tf.Tensor4D, s, [[0, 0], [p, p], [p, p], [0, 0]]), weights[`${n}.bias`] as tf.Tensor1D) as tf.Tensor4D;
        const main = cv(tf.relu(cv(h, `${name}.conv1`, 2, 1)), `${name}.conv2`, 1, 1);
        h = tf.relu(tf.add(main, cv(h, `${name}.downsample.0`, 2, 0))) as tf.Tensor4D;
      }
      const logits = tf.add(tf.matMul(tf.mean(h, [1, 2]) as tf.Tensor2D, weights['fc.weight'] as tf.Tensor2D), weights['fc.bias'] as tf.Tensor1D);
      return tf.slice(tf.reshape(logits, [spec.classes]), [2], [1]);
    };
    const theirs = tf.grad(rest)(a3);
    expect(maxRelErr(ours, theirs)).toBeLessThan(1e-4);
    tf.dispose([ours, theirs]);
    disposeForward(state);
    net.dispose();
    tf.dispose([x, ...Object.values(weights)]);
  });

  it('starts DeconvNet from one channel of a block output', () => {
    const weights = seededWeights(TINY_RESNET, 13);
    const net = createResNet(weights, TINY_RESNET);
    const x = tf.randomNormal([1, 40, 40, 3], 0, 1, 'float32', 9) as tf.Tensor4D;
    const state = net.forward(x);
    const ours = tf.tidy(() => net.backward(state, { rule: 'deconv', start: { block: 'layer2.1', channel: 5 } }));
    // Reference: the gradient of sum(A_k * stopGrad(A_k)) = A_k as the starting signal on channel k.
    const theirs = tf.grad((xx: tf.Tensor) => {
      const a = referenceForward(weights, TINY_RESNET, xx as tf.Tensor4D, 'deconv').outs['layer2.1'] as tf.Tensor4D;
      const fixed = tf.tidy(() => tf.slice(state.blocks[2]!.out, [0, 0, 0, 5], [1, -1, -1, 1]));
      return tf.sum(tf.mul(tf.slice(a, [0, 0, 0, 5], [1, -1, -1, 1]), fixed));
    })(x);
    expect(maxRelErr(ours, theirs)).toBeLessThan(1e-4);
    tf.dispose([ours, theirs]);
    disposeForward(state);
    net.dispose();
    tf.dispose([x, ...Object.values(weights)]);
  });

  it('leaves no tensors behind', () => {
    const weights = seededWeights(TINY_RESNET, 1);
    const before = tf.memory().numTensors;
    const net = createResNet(weights, TINY_RESNET);
    const x = tf.randomNormal([1, 32, 32, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const state = net.forward(x);
    tf.tidy(() => net.backward(state, { rule: 'guided', start: { logit: 1 } })).dispose();
    disposeForward(state);
    net.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
