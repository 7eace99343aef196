/** The per-slice lab figures shared by the CLI and the article's islands, on hand-checkable maps. */
import { describe, expect, it } from 'vitest';
import { perPixel } from '../../../src/metrics/per-pixel';
import { localise, summariseLocalisation } from '../../../src/metrics/localisation';
import { mapSimilarity } from '../../../src/metrics/map-similarity';
import { blurInput } from '../../../src/metrics/blur-baseline';

describe('per-pixel saliency', () => {
  it('sums channels signed or absolute; a one-channel map passes through', () => {
    const m = { height: 1, width: 2, channels: 3, data: [1, -2, 3, -1, -1, -1] };
    expect(Array.from(perPixel(m, false))).toEqual([2, -3]);
    expect(Array.from(perPixel(m, true))).toEqual([6, 3]);
    expect(Array.from(perPixel({ height: 1, width: 3, channels: 1, data: [0.5, 2, 0] }, true))).toEqual([0.5, 2, 0]);
  });
});

describe('localisation of one map on one mask', () => {
  // 4×4 one-channel map, mask = the top-left 2×2 block.
  const mask = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  it('a peak inside the mask: hit; energy = mass inside / total; top 5 % of 16 = 1 pixel, IoU 1/4', () => {
    // inside: 4 + 1 + 1 + 0 = 6, outside: 1 + 1 = 2 → energy 6/8
    const data = [4, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const r = localise({ height: 4, width: 4, channels: 1, data }, mask);
    expect(r).toEqual({ pointing: 1, energy: 0.75, topIoU: 0.25, peak: 0 });
  });
  it('a peak outside: miss, and the peak index says where it points', () => {
    const data = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
    const r = localise({ height: 4, width: 4, channels: 1, data }, mask);
    expect(r.pointing).toBe(0);
    expect(r.energy).toBeCloseTo(0.25, 12);
    expect(r.topIoU).toBe(0);
    expect(r.peak).toBe(15);
  });
  it('multi-channel: the peak by Σ|v|, the energy by the signed sum (negative mass counts as none)', () => {
    // pixel 0: (-3, 0) → |·| 3, signed -3; pixel 1 (outside in a 1×2 mask [1, 0]): (1, 1) → 2, 2
    const r = localise({ height: 1, width: 2, channels: 2, data: [-3, 0, 1, 1] }, [1, 0]);
    expect(r.pointing).toBe(1);
    expect(r.energy).toBe(0);
    expect(r.peak).toBe(0);
  });
  it('an empty mask scores nothing', () => {
    const r = localise({ height: 1, width: 2, channels: 1, data: [1, 2] }, [0, 0]);
    expect([r.pointing, r.energy, r.topIoU]).toEqual([null, null, null]);
  });
});

describe('localisation over a set of slices', () => {
  it('counts hits among the slices with a mask, averages energy and IoU where defined', () => {
    const s = summariseLocalisation([
      { pointing: 1, energy: 0.5, topIoU: 0.2, peak: 0 },
      { pointing: 0, energy: null, topIoU: 0.4, peak: 3 },
      { pointing: null, energy: null, topIoU: null, peak: 1 },
      { pointing: 1, energy: 0.25, topIoU: 0, peak: 2 },
    ]);
    expect([s.scored, s.hits, s.energy]).toEqual([3, 2, 0.375]);
    expect(s.topIoU).toBeCloseTo(0.2, 12); // (0.2 + 0.4 + 0) / 3
    expect(summariseLocalisation([]).energy).toBeNaN();
  });
});

describe('map similarity after randomisation', () => {
  const n = 8;
  const ramp = Float32Array.from({ length: n * n }, (_, i) => i);
  const map = (data: Float32Array) => ({ height: n, width: n, channels: 1, data });
  it('is 1 for a monotone copy, -1 reversed (Spearman), SSIM only when asked', () => {
    const same = mapSimilarity(map(ramp), map(ramp.map((v) => v * v)));
    expect(same.spearmanAbs).toBeCloseTo(1, 12);
    expect(same.spearmanSigned).toBeCloseTo(1, 12);
    // SSIM compares the scaled values, not ranks: 1 for an affine copy, below 1 for the squares
    expect(same.ssim).toBeLessThan(0.95);
    expect(mapSimilarity(map(ramp), map(ramp.map((v) => 3 * v + 7))).ssim).toBeCloseTo(1, 9);
    const rev = mapSimilarity(map(ramp), map(ramp.map((v) => 100 - v)), false);
    expect(rev.spearmanAbs).toBeCloseTo(-1, 12);
    expect(rev.ssim).toBeNaN();
  });
  it('signed and absolute differ: a sign flip keeps |map| and reverses the signed ranks', () => {
    const s = Float32Array.from({ length: n * n }, (_, i) => i + 1);
    const r = mapSimilarity({ height: n, width: n, channels: 1, data: s }, { height: n, width: n, channels: 1, data: s.map((v) => -v) }, false);
    expect(r.spearmanAbs).toBeCloseTo(1, 12);
    expect(r.spearmanSigned).toBeCloseTo(-1, 12);
  });
});

describe('the blurred baseline', () => {
  it('keeps a constant image, smooths a single spike to a spread that sums to about the spike', () => {
    const flat = new Float32Array(16 * 16 * 2).fill(0.3);
    for (const v of blurInput(flat, 16, 2, 2)) expect(v).toBeCloseTo(0.3, 6);
    const spike = new Float32Array(32 * 32);
    spike[16 * 32 + 16] = 1;
    const b = blurInput(spike, 32, 1, 2);
    expect(b[16 * 32 + 16]).toBeLessThan(0.1);
    expect(b.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 4);
  });
});
