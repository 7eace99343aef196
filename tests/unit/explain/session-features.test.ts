/** ExplainSession.features: the penultimate features of the session's own forward pass, with no second pass and no leak. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, disposeForward, type ResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { openSession } from '../../../src/explain/run';

const SIZE = 64;
const input = Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => Math.sin(i * 0.21));
let weights: tf.NamedTensorMap;
let net: ResNet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  weights = seededWeights(TINY_RESNET, 5);
  net = createResNet(weights, TINY_RESNET);
});
afterAll(() => {
  net.dispose();
  tf.dispose(Object.values(weights));
});

it('equals layer4 averaged over space, one value per channel, and leaves no tensor behind', async () => {
  const state = net.forward(tf.tensor4d(input, [1, SIZE, SIZE, 3]));
  const [, h, w, c] = state.stages.layer4.shape;
  const a = state.stages.layer4.dataSync();
  const expected = new Float32Array(c);
  for (let i = 0; i < h * w; i++) for (let k = 0; k < c; k++) expected[k] = (expected[k] as number) + (a[i * c + k] as number) / (h * w);
  disposeForward(state);
  const before = tf.memory().numTensors;
  const s = await openSession(net, input, SIZE);
  const f = await s.features();
  s.dispose();
  expect(tf.memory().numTensors).toBe(before);
  expect(f).toHaveLength(c);
  for (let k = 0; k < c; k++) expect(f[k]).toBeCloseTo(expected[k] as number, 5);
  await expect(s.features()).rejects.toThrow(/disposed/);
});
