/**
 * Test fixture: the seeded TINY_RESNET (src/model/arch.ts) on the cpu backend and a fixed 64×64×3 input.
 * Call `useTinyResNet()` inside a `describe`: it builds the network in `beforeAll` and frees it in
 * `afterAll`; read it through the returned getters. Its backward kernels are made up front.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';

/** Side of the test input, in pixels. */
export const TINY_SIZE = 64;
/** NHWC float32, TINY_SIZE² × 3, smooth and signed (values in [-1, 1]). */
export const TINY_INPUT = Float32Array.from({ length: TINY_SIZE * TINY_SIZE * 3 }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.011));

export function useTinyResNet(seed = 3): { net: () => ResNet; weights: () => tf.NamedTensorMap } {
  let weights: tf.NamedTensorMap | null = null;
  let net: ResNet | null = null;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    weights = seededWeights(TINY_RESNET, seed);
    net = createResNet(weights, TINY_RESNET);
    // Its backward kernels are made on first use and kept: made now, so tensor counts see only a test's own.
    while (net.prepareBackward());
  });
  afterAll(() => {
    net?.dispose();
    if (weights) tf.dispose(Object.values(weights));
  });
  const need = <T>(v: T | null): T => {
    if (v === null) throw new Error('useTinyResNet: read inside a test, after beforeAll');
    return v;
  };
  return { net: () => need(net), weights: () => need(weights) };
}
