/**
 * Method conventions (issue #24, METHODS.md): Grad-CAM++ by the paper's formula with a zero guard,
 * checked against a float64 computation written out here, and where pytorch-grad-cam's 1e-6 departs
 * from it; SmoothGrad's noise is a true seeded normal (its moments, its tails).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { gradcamPlusPlusCam } from '../../../src/explain/gradcam-plus-plus';
import { upsampleCam } from '../../../src/explain/gradcam';
import { standardNormals } from '../../../src/explain/gaussian';
import { SMOOTHGRAD, smoothGradNoise } from '../../../src/explain/smoothgrad';
import { openSession } from '../../../src/explain/run';
import { TINY_INPUT, TINY_SIZE, useTinyResNet } from '../helpers/tiny-resnet';

/** Grad-CAM++ at feature-map size in float64, NHWC [h, w, c] arrays; eps 0 is the paper with the guard. */
function referenceCam(a: ArrayLike<number>, g: ArrayLike<number>, h: number, w: number, c: number, eps = 0): Float64Array {
  const sumA = new Float64Array(c);
  for (let i = 0; i < h * w; i++) for (let k = 0; k < c; k++) sumA[k] = (sumA[k] as number) + (a[i * c + k] as number);
  const weight = new Float64Array(c);
  for (let i = 0; i < h * w; i++) {
    for (let k = 0; k < c; k++) {
      const gi = g[i * c + k] as number;
      const den = 2 * gi * gi + (sumA[k] as number) * gi ** 3 + eps;
      const alpha = gi === 0 || den === 0 ? 0 : (gi * gi) / den;
      weight[k] = (weight[k] as number) + alpha * Math.max(gi, 0);
    }
  }
  const cam = new Float64Array(h * w);
  for (let i = 0; i < h * w; i++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += (weight[k] as number) * (a[i * c + k] as number);
    cam[i] = Math.max(s, 0);
  }
  return cam;
}
const relMax = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
  let d = 0;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    d = Math.max(d, Math.abs((x[i] as number) - (y[i] as number)));
    m = Math.max(m, Math.abs(y[i] as number));
  }
  return d / m;
};

describe('Grad-CAM++: the paper with a zero guard', () => {
  it('equals the float64 formula on gradients of 1e-4 (denominator ~1e-8), where pytorch-grad-cam\'s 1e-6 would not', async () => {
    await tf.setBackend('cpu');
    const [h, w, c] = [5, 6, 4];
    const a = Float32Array.from({ length: h * w * c }, (_, i) => Math.abs(Math.sin(i * 1.3)) * 2);
    const g = Float32Array.from({ length: h * w * c }, (_, i) => (i % 7 === 0 ? 0 : 1e-4 * Math.cos(i * 0.7)));
    const ours = tf.tidy(() => gradcamPlusPlusCam(tf.tensor4d(a, [1, h, w, c]), tf.tensor4d(g, [1, h, w, c])).dataSync());
    const paper = referenceCam(a, g, h, w, c);
    expect(relMax(ours, paper)).toBeLessThan(1e-5);
    // The library's epsilon is larger than the denominators here: its map is not the paper's.
    expect(relMax(referenceCam(a, g, h, w, c, 1e-6), paper)).toBeGreaterThan(0.5);
  });

  it('all-zero gradients give a zero map, not NaN', async () => {
    const out = tf.tidy(() => gradcamPlusPlusCam(tf.ones([1, 2, 2, 3]), tf.zeros([1, 2, 2, 3])).dataSync());
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});

describe('Grad-CAM++ on a tiny seeded ResNet = the float64 formula on its own activations and gradients', () => {
  const tiny = useTinyResNet();
  it.each(['layer1', 'layer3'] as const)('%s', async (layer) => {
    const s = await openSession(tiny.net(), TINY_INPUT, TINY_SIZE);
    const map = await s.explain({ method: 'gradcam-plus-plus', label: 1, layer });
    s.dispose();
    const expected = tf.tidy(() => {
      const state = tiny.net().forward(tf.tensor4d(TINY_INPUT, [1, TINY_SIZE, TINY_SIZE, 3]));
      const a = state.stages[layer];
      const g = tiny.net().backward(state, { rule: 'gradient', start: { logit: 1 }, stopAt: layer });
      const [, h, w, c] = a.shape;
      const cam = referenceCam(a.dataSync(), g.dataSync(), h, w, c);
      return upsampleCam(tf.tensor2d(Float32Array.from(cam), [h, w]), TINY_SIZE, TINY_SIZE).dataSync();
    });
    expect(relMax(map.data, expected)).toBeLessThan(1e-4);
  });
});

describe('SmoothGrad noise is a seeded normal', () => {
  it('moments of N(0, 1): mean 0, variance 1, skewness 0, excess kurtosis 0 (a sum of four uniforms has −0.3)', () => {
    let state = 12345;
    const uniform = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
    const z = standardNormals(uniform, 200_001);
    const n = z.length;
    const mean = z.reduce((s, v) => s + v, 0) / n;
    const m = (p: number): number => z.reduce((s, v) => s + (v - mean) ** p, 0) / n;
    const v = m(2);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.01);
    expect(Math.abs(m(3) / v ** 1.5)).toBeLessThan(0.03);
    expect(Math.abs(m(4) / v ** 2 - 3)).toBeLessThan(0.06);
    // Tails: P(|z| > 3) = 0.27 % for a normal; a sum of four uniforms gives about 0.04 %.
    const tail = z.filter((x) => Math.abs(x) > 3).length / n;
    expect(tail).toBeGreaterThan(0.002);
    expect(tail).toBeLessThan(0.0035);
  });

  it('the noise SmoothGrad adds has σ = 15 % of the input range (2) and is the same for the same seed', () => {
    const all = smoothGradNoise(4000, 5);
    const flat = all.flatMap((x) => Array.from(x));
    const sd = Math.sqrt(flat.reduce((s, v) => s + v * v, 0) / flat.length);
    expect(sd).toBeCloseTo(SMOOTHGRAD.noiseShare * 2, 2);
    expect(smoothGradNoise(16, 2, 9)).toEqual(smoothGradNoise(16, 2, 9));
    expect(smoothGradNoise(16, 2, 9)).not.toEqual(smoothGradNoise(16, 2, 10));
  });
});
