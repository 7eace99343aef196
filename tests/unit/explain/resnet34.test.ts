/**
 * The full ResNet34 (seeded random weights, wasm): Grad-CAM at layer4 equals CAM from the dense
 * weights, Guided Grad-CAM equals the product of its parts, and no method leaks tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS, RESNET34 } from '../../../src/model/arch';
import { createResNet, disposeForward, type ResNet } from '../../../src/model/resnet34';
import { disposeWeights, seededWeights } from '../../../src/model/weights';
import { METHOD_NAMES } from '../../../src/explain/method';
import { openSession, type ExplainSession } from '../../../src/explain/run';
import { useBackend } from '../helpers/tf';

const SIZE = 224;
let weights: tf.NamedTensorMap;
let net: ResNet;
let session: ExplainSession;
const input = Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => Math.tanh(Math.sin(i * 0.0007) * 2 + ((i % 3) - 1) * 0.4));

/** CAM (Zhou et al. 2016) from the dense weights for every label: ReLU(Σ_k w_ck A_k / (h·w)), same upsampling. */
function camsFromDenseWeights(): Float32Array[] {
  const state = net.forward(tf.tensor4d(input, [1, SIZE, SIZE, 3]));
  const cams = LABELS.map((_, label) =>
    tf.tidy(() => {
      const a = state.stages.layer4;
      const [, h, w, c] = a.shape;
      const wc = tf.reshape(tf.slice(weights['fc.weight'] as tf.Tensor2D, [0, label], [c, 1]), [1, 1, 1, c]);
      const raw = tf.relu(tf.div(tf.sum(tf.mul(a, wc), 3), h * w));
      return tf.image.resizeBilinear(tf.reshape(raw, [h, w, 1]) as tf.Tensor3D, [SIZE, SIZE], false, true).dataSync() as Float32Array;
    }),
  );
  disposeForward(state);
  return cams;
}

describe('seeded ResNet34 on wasm', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    weights = seededWeights(RESNET34, 0);
    net = createResNet(weights, RESNET34);
    session = await openSession(net, input, SIZE);
  });
  afterAll(() => {
    session.dispose();
    net.dispose();
    disposeWeights(weights);
  });

  it('gives six finite logits', () => {
    expect(session.logits).toHaveLength(LABELS.length);
    expect(Array.from(session.logits).every(Number.isFinite)).toBe(true);
  });

  it('Grad-CAM at layer4 equals CAM from the dense weights (relative error ≤ 1e-5) for every label', async () => {
    let nonZero = 0;
    const refs = camsFromDenseWeights();
    for (let label = 0; label < LABELS.length; label++) {
      const ours = (await session.explain({ method: 'gradcam', label, layer: 'layer4' })).data;
      const ref = refs[label] as Float32Array;
      let err = 0;
      let top = 0;
      ref.forEach((v, i) => {
        err = Math.max(err, Math.abs(v - (ours[i] as number)));
        top = Math.max(top, Math.abs(v));
      });
      if (top > 0) nonZero++;
      expect(err / Math.max(top, 1e-30), LABELS[label]).toBeLessThanOrEqual(1e-5);
    }
    expect(nonZero).toBeGreaterThan(0);
  });

  it('Guided Grad-CAM equals Guided Backprop times the upsampled Grad-CAM', async () => {
    // Random weights leave some labels' CAM empty; take the first label whose layer3 CAM is not.
    let label = 0;
    while ((await session.explain({ method: 'gradcam', label, layer: 'layer3' })).data.every((v) => v === 0)) label++;
    const gb = (await session.explain({ method: 'guided-backprop', label })).data;
    const gc = (await session.explain({ method: 'gradcam', label, layer: 'layer3' })).data;
    const ggc = (await session.explain({ method: 'guided-gradcam', label, layer: 'layer3' })).data;
    let err = 0;
    let top = 0;
    ggc.forEach((v, i) => {
      const want = (gb[i] as number) * (gc[Math.floor(i / 3)] as number);
      err = Math.max(err, Math.abs(v - want));
      top = Math.max(top, Math.abs(want));
    });
    expect(top).toBeGreaterThan(0);
    expect(err / top).toBeLessThan(1e-6);
  });

  it('leaves tf.memory().numTensors unchanged after every method', async () => {
    for (const method of METHOD_NAMES) {
      const before = tf.memory().numTensors;
      const s = await openSession(net, input, SIZE);
      await s.explain({ method, label: 0 });
      s.dispose();
      expect(tf.memory().numTensors, method).toBe(before);
    }
  });
});
