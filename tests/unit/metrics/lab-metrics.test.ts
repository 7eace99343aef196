/** The evaluation lab's metrics on inputs small enough to check by hand (METHODS.md definitions). */
import { describe, expect, it } from 'vitest';
import { pearson, ranks, spearman } from '../../../src/metrics/spearman';
import { scaleUnit, ssim } from '../../../src/metrics/ssim';
import { energyPointingGame } from '../../../src/metrics/energy-pointing-game';
import { topKIoU } from '../../../src/metrics/top-k-iou';
import { curveArea, perturbationCurves, saliencyOrder } from '../../../src/metrics/deletion-insertion';

describe('Spearman rank correlation', () => {
  it('ranks average their ties', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });
  it('monotone maps give 1, reversed -1; a hand case: ρ = 1 - 6Σd²/(n(n²-1)) = 1 - 6·2/60 = 0.8', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // ranks (1,2,3,4) vs (2,1,3,4): d = (-1, 1, 0, 0), Σd² = 2
    expect(spearman([1, 2, 3, 4], [2, 1, 3, 4])).toBeCloseTo(0.8, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

describe('SSIM (7×7 uniform window, sample covariance, K1 0.01, K2 0.03)', () => {
  const n = 9;
  const ramp = Float64Array.from({ length: n * n }, (_, i) => i);
  it('is 1 for a map and any positive affine copy of it (both are min-max scaled first)', () => {
    expect(ssim(ramp, ramp, n, n)).toBeCloseTo(1, 12);
    expect(ssim(ramp, ramp.map((v) => 3 * v + 7), n, n)).toBeCloseTo(1, 12);
  });
  it('is lower for the inverted map than for itself', () => {
    expect(ssim(ramp, ramp.map((v) => -v), n, n)).toBeLessThan(0);
  });
  it('a constant map scales to zeros; both constant → 1', () => {
    expect(Array.from(scaleUnit([5, 5]))).toEqual([0, 0]);
    expect(ssim(new Float64Array(49).fill(2), new Float64Array(49).fill(9), 7, 7)).toBeCloseTo(1, 12);
  });
  it('refuses maps smaller than the window', () => {
    expect(() => ssim([1], [1], 1, 1)).toThrow(/at least 7×7/);
  });
});

describe('localisation on a 4×4 map and mask', () => {
  // map (row-major):      mask:
  //  0 1 0 0              0 0 0 0
  //  0 4 2 0              0 1 1 0
  //  0 0 -3 0             0 0 0 0
  //  1 0 0 0              0 0 0 0
  const map = [0, 1, 0, 0, 0, 4, 2, 0, 0, 0, -3, 0, 1, 0, 0, 0];
  const mask = [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  it('energy pointing game: positive mass inside / all positive mass = (4 + 2) / (1 + 4 + 2 + 1) = 0.75', () => {
    expect(energyPointingGame(map, mask)).toBe(0.75);
    expect(energyPointingGame(map, new Array(16).fill(0))).toBeNull();
    expect(energyPointingGame(new Array(16).fill(-1), mask)).toBeNull();
  });
  it('top-k IoU: top 2 of 16 pixels = {4, 2} = the mask → 1; top 4 = {4, 2, 1, 1} → 2/4', () => {
    expect(topKIoU(map, mask, 2 / 16)).toBe(1);
    expect(topKIoU(map, mask, 4 / 16)).toBe(0.5);
    expect(topKIoU(map, mask, 1 / 16)).toBe(0.5);
    expect(() => topKIoU(map, mask, 0)).toThrow();
  });
});

describe('deletion and insertion (a model whose output is the mean of its input)', () => {
  it('curves and areas by hand on four pixels', async () => {
    // Input 1 everywhere, baseline 0; the map ranks pixels 2, 0, 3, 1.
    const input = Float32Array.from([1, 1, 1, 1]);
    const baseline = new Float32Array(4);
    const order = saliencyOrder([0.5, 0.1, 0.9, 0.2]);
    expect(Array.from(order)).toEqual([2, 0, 3, 1]);
    const mean = async (xs: readonly Float32Array[]): Promise<number[]> => xs.map((x) => x.reduce((a, b) => a + b, 0) / x.length);
    const c = await perturbationCurves(input, baseline, order, 4, mean);
    expect(c.deletion).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(c.insertion).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // trapezoids over [0, 1]: a straight line from 1 to 0 has area 1/2
    expect(c.deletionArea).toBeCloseTo(0.5, 12);
    expect(c.insertionArea).toBeCloseTo(0.5, 12);
  });
  it('only the ranked pixels move, all channels of a pixel together', async () => {
    const input = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2 pixels × 3 channels
    const seen: Float32Array[] = [];
    await perturbationCurves(input, new Float32Array(6), Uint32Array.from([1, 0]), 2, async (xs) => {
      seen.push(...xs);
      return xs.map(() => 0);
    });
    // scored: the input and the baseline once each, then the deletion and the insertion interior points
    expect(seen).toHaveLength(4);
    expect(Array.from(seen[0] as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(seen[1] as Float32Array)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(seen[2] as Float32Array)).toEqual([1, 2, 3, 0, 0, 0]); // deletion, step 1: pixel 1 gone
    expect(Array.from(seen[3] as Float32Array)).toEqual([0, 0, 0, 4, 5, 6]); // insertion, step 1: pixel 1 back
    expect(curveArea([0, 1])).toBe(0.5);
  });
  it('end points given: only the 2·(steps − 1) interior inputs are scored, and the curves start and end on them', async () => {
    const input = Float32Array.from([1, 1, 1, 1]);
    const mean = async (xs: readonly Float32Array[]): Promise<number[]> => xs.map((x) => x.reduce((a, b) => a + b, 0) / x.length);
    let scored = 0;
    const c = await perturbationCurves(input, new Float32Array(4), Uint32Array.from([0, 1, 2, 3]), 4, async (xs) => {
      scored += xs.length;
      return mean(xs);
    }, { input: 0.9, baseline: 0.1 });
    expect(scored).toBe(6);
    expect(c.deletion).toEqual([0.9, 0.75, 0.5, 0.25, 0.1]);
    expect(c.insertion).toEqual([0.1, 0.25, 0.5, 0.75, 0.9]);
  });
});
