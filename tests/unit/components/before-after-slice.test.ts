/**
 * The before-and-after island's slice and pointing game: the grid mask is the source mask carried by
 * the same crop, a peak is scored at the slice's own pixels (inside, within 15 px inclusive, farther),
 * a flat map is flagged, a slice without a bleed is not scored, and the default sample has a bleed.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_SIZE } from '../../../src/ct/window';
import { gridToSource } from '../../../src/ct/grid-to-source';
import { comparisonSlice, comparisonSliceFrom, DEFAULT_BEFORE_AFTER_SEED, pointingOn } from '../../../src/components/before-after-slice';


const N = MODEL_SIZE;
/** A round "head" of 40 HU (radius 70) in air, off-centre, so the crop box is smaller than the slice. */
const head = Float32Array.from({ length: N * N }, (_, i) => (Math.hypot((i % N) - 100, Math.floor(i / N) - 120) < 70 ? 40 : -1000));

/** A one-pixel mask at source (x, y). */
const dot = (x: number, y: number): Uint8Array => {
  const m = new Uint8Array(N * N);
  m[y * N + x] = 1;
  return m;
};

/** A map on the grid whose only maximum is grid pixel `g`. */
const peakAt = (g: number): Float32Array => {
  const cam = new Float32Array(N * N).fill(0.1);
  cam[g] = 1;
  return cam;
};

describe('before-and-after slice and pointing game', () => {
  it('crops to the head, and the grid mask is the source mask through that crop', () => {
    const mask = new Uint8Array(N * N);
    for (let y = 110; y < 130; y++) for (let x = 90; x < 100; x++) mask[y * N + x] = 3; // mask bits, any non-zero
    const s = comparisonSliceFrom('phantom:1', head, mask, N);
    expect(s.box.side).toBeLessThan(N);
    expect(s.hu).toHaveLength(N * N);
    expect(s.sourceMask.every((v) => v === 0 || v === 1)).toBe(true);
    let inside = 0;
    for (let g = 0; g < N * N; g++) {
      const [x, y] = gridToSource(g, N, s.box, s.size, s.size);
      expect(s.gridMask[g]).toBe(s.sourceMask[y * N + x] ?? 0);
      inside += s.gridMask[g] as number;
    }
    expect(inside).toBeGreaterThan(0);
  });

  it('scores a peak at the slice’s own pixels: inside, within 15 px (inclusive), or farther', () => {
    const g = 112 * N + 112;
    const [sx, sy] = gridToSource(g, N, comparisonSliceFrom('k', head, dot(0, 0), N).box, { width: N, height: N }, { width: N, height: N });
    const score = (dx: number) => pointingOn(peakAt(g), comparisonSliceFrom('k', head, dot(sx + dx, sy), N));
    expect(score(0)).toEqual({ peak: g, strict: 1, tolerant: 1, flat: false });
    expect(score(10)).toMatchObject({ strict: 0, tolerant: 1 });
    expect(score(15)).toMatchObject({ strict: 0, tolerant: 1 });
    expect(score(16)).toMatchObject({ strict: 0, tolerant: 0 });
  });

  it('flags a flat map, and does not score a slice without a bleed', () => {
    const s = comparisonSliceFrom('k', head, dot(100, 120), N);
    expect(pointingOn(new Float32Array(N * N), s).flat).toBe(true);
    const none = comparisonSliceFrom('k', head, new Uint8Array(N * N), N);
    expect(pointingOn(peakAt(5), none)).toMatchObject({ strict: null, tolerant: null });
    expect(() => pointingOn(new Float32Array(10), s)).toThrow(/not 224²/);
  });

  it('the default sample is a phantom with a bleed on the model grid', async () => {
    const s = await comparisonSlice(DEFAULT_BEFORE_AFTER_SEED);
    expect(s.key).toBe(`phantom:${DEFAULT_BEFORE_AFTER_SEED}`);
    expect(s.gridMask.some((v) => v === 1)).toBe(true);
    expect(s.sourceMask.some((v) => v === 1)).toBe(true);
  });
});
