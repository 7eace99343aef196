/**
 * The methods that came after (SmoothGrad, Integrated Gradients, Grad-CAM++, occlusion) on a tiny seeded
 * ResNet (cpu), each against its definition computed another way, and leak-free.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { openSession } from '../../../src/explain/run';
import { LAB_METHOD_NAMES } from '../../../src/explain/method';
import { SMOOTHGRAD, smoothGradNoise } from '../../../src/explain/smoothgrad';
import { INTEGRATED_GRADIENTS } from '../../../src/explain/integrated-gradients';
import { OCCLUSION, patchOrigins } from '../../../src/explain/occlusion';

import { TINY_INPUT as input, TINY_SIZE as SIZE, useTinyResNet } from '../helpers/tiny-resnet';

const N = SIZE * SIZE * 3;
const tiny = useTinyResNet();

async function gradientAt(x: Float32Array, label: number): Promise<Float32Array> {
  const s = await openSession(tiny.net(), x, SIZE);
  try {
    return (await s.explain({ method: 'gradient', label })).data;
  } finally {
    s.dispose();
  }
}
async function logitAt(x: Float32Array, label: number): Promise<number> {
  const s = await openSession(tiny.net(), x, SIZE);
  const y = s.logits[label] as number;
  s.dispose();
  return y;
}
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
};
const maxAbs = (a: ArrayLike<number>): number => maxAbsDiff(a, new Float32Array(a.length));

describe('lab methods on a tiny seeded ResNet (cpu)', () => {

  it('SmoothGrad = mean of the gradient at input + the seeded noise (Smilkov et al. 2017)', async () => {
    const s = await openSession(tiny.net(), input, SIZE);
    const map = await s.explain({ method: 'smoothgrad', label: 2 });
    s.dispose();
    const mean = new Float32Array(N);
    for (const noise of smoothGradNoise(N)) {
      const g = await gradientAt(input.map((v, i) => v + (noise[i] as number)), 2);
      for (let i = 0; i < N; i++) mean[i] = (mean[i] as number) + (g[i] as number) / SMOOTHGRAD.samples;
    }
    expect(maxAbsDiff(map.data, mean)).toBeLessThan(1e-5 * Math.max(1e-6, maxAbs(mean)) + 1e-7);
    expect(smoothGradNoise(4, 2, 9)).toEqual(smoothGradNoise(4, 2, 9)); // seeded
  }, 60_000);

  it('Integrated Gradients = (x − x′) ⊙ the right Riemann mean of the gradient on the path; completeness within 10 %', async () => {
    const s = await openSession(tiny.net(), input, SIZE);
    const map = await s.explain({ method: 'integrated-gradients', label: 0 });
    s.dispose();
    const { steps, baseline } = INTEGRATED_GRADIENTS;
    const mean = new Float32Array(N);
    for (let k = 1; k <= steps; k++) {
      const g = await gradientAt(input.map((v) => baseline + (k / steps) * (v - baseline)), 0);
      for (let i = 0; i < N; i++) mean[i] = (mean[i] as number) + (g[i] as number) / steps;
    }
    const expected = mean.map((g, i) => g * ((input[i] as number) - baseline));
    expect(maxAbsDiff(map.data, expected)).toBeLessThan(1e-5 * maxAbs(expected) + 1e-8);
    // Completeness (Sundararajan et al.): Σ attributions → y(x) − y(x′) as steps grow; 32 right-Riemann steps
    // through ReLU kinks leave a gap, measured 8 % on this random net.
    const total = map.data.reduce((a, b) => a + b, 0);
    const gap = (await logitAt(input, 0)) - (await logitAt(new Float32Array(N).fill(baseline), 0));
    expect(Math.abs(total - gap)).toBeLessThan(0.1 * Math.abs(gap));
  }, 60_000);

  it('Grad-CAM++ is non-negative, one channel at input size, at the layer asked', async () => {
    const s = await openSession(tiny.net(), input, SIZE);
    const pp = await s.explain({ method: 'gradcam-plus-plus', label: 1, layer: 'layer3' });
    s.dispose();
    expect([pp.height, pp.width, pp.channels]).toEqual([SIZE, SIZE, 1]);
    expect(Math.min(...pp.data)).toBeGreaterThanOrEqual(0);
    expect(pp.request.layer).toBe('layer3');
  });

  it('occlusion: each pixel holds the mean logit drop of the patches covering it (Zeiler & Fergus 2014)', async () => {
    const s = await openSession(tiny.net(), input, SIZE);
    const map = await s.explain({ method: 'occlusion', label: 0 });
    const y0 = s.logits[0] as number;
    s.dispose();
    const origins = patchOrigins(SIZE, OCCLUSION.patch, OCCLUSION.stride);
    expect(origins).toEqual([0, 16, 32]);
    const drop = async (top: number, left: number): Promise<number> => {
      const x = input.slice();
      for (let r = top; r < top + OCCLUSION.patch; r++) for (let q = left; q < left + OCCLUSION.patch; q++) x.fill(-1, (r * SIZE + q) * 3, (r * SIZE + q) * 3 + 3);
      return y0 - (await logitAt(x, 0));
    };
    // pixel (0,0): only patch (0,0); pixel (20,20): patches at (0|16, 0|16)
    expect(map.data[0]).toBeCloseTo(await drop(0, 0), 5);
    const four = ((await drop(0, 0)) + (await drop(0, 16)) + (await drop(16, 0)) + (await drop(16, 16))) / 4;
    expect(map.data[(20 * SIZE + 20) * 3 + 2]).toBeCloseTo(four, 5);
  }, 60_000);

  it('leave no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const s = await openSession(tiny.net(), input, SIZE);
    for (const method of LAB_METHOD_NAMES) await s.explain({ method, label: 0 });
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
