import { describe, expect, it } from 'vitest';
import { peakIndices } from '../../../src/metrics/pointing-game';
import { POINTING_TOLERANCE_PX, pointingGameStrict, pointingGameTolerant } from '../../../src/metrics/pointing-game-tolerant';

/** A 64×64 mask with one lesion pixel at (40, 30). */
function onePixel(): Uint8Array {
  const m = new Uint8Array(64 * 64);
  m[30 * 64 + 40] = 1;
  return m;
}

describe('the pointing game with Zhang et al.’s 15 px tolerance', () => {
  it('Euclidean, inclusive: 15 px away hits, 15.03 px (a 9-12 triangle plus one) misses', () => {
    const m = onePixel();
    expect(POINTING_TOLERANCE_PX).toBe(15);
    expect(pointingGameTolerant([[25, 30]], m, 64, 64)).toBe(1); // 15 px to the left
    expect(pointingGameTolerant([[31, 18]], m, 64, 64)).toBe(1); // dx 9, dy 12: exactly 15
    expect(pointingGameTolerant([[31, 17]], m, 64, 64)).toBe(0); // dx 9, dy 13: 15.8
    expect(pointingGameTolerant([[24, 30]], m, 64, 64)).toBe(0); // 16 px
    expect(pointingGameTolerant([[29, 19]], m, 64, 64)).toBe(0); // dx 11, dy 11: 15.56
  });

  it('strict = the peak on a mask pixel; ties: any peak counts', () => {
    const m = onePixel();
    expect(pointingGameStrict([[40, 30]], m, 64, 64)).toBe(1);
    expect(pointingGameStrict([[41, 30]], m, 64, 64)).toBe(0);
    expect(pointingGameStrict([[0, 0], [40, 30]], m, 64, 64)).toBe(1);
    expect(pointingGameTolerant([[0, 0], [41, 30]], m, 64, 64, 1)).toBe(1);
  });

  it('a peak outside the image can still be within tolerance of a mask pixel at the edge', () => {
    const m = new Uint8Array(64 * 64);
    m[0] = 1;
    expect(pointingGameTolerant([[-10, -10]], m, 64, 64)).toBe(1); // 14.1 px
    expect(pointingGameStrict([[-1, 0]], m, 64, 64)).toBe(0);
  });

  it('an empty mask is not scored; bad input throws', () => {
    expect(pointingGameTolerant([[1, 1]], new Uint8Array(16), 4, 4)).toBeNull();
    expect(() => pointingGameTolerant([[1, 1]], new Uint8Array(15), 4, 4)).toThrow(/not 4×4/);
    expect(() => pointingGameTolerant([[1, 1]], new Uint8Array(16), 4, 4, -1)).toThrow(/not a distance/);
  });

  it('peakIndices keeps every tied maximum; a flat map is all peaks', () => {
    expect(peakIndices([0, 3, 1, 3])).toEqual([1, 3]);
    expect(peakIndices([0, 0, 0])).toEqual([0, 1, 2]);
    expect(peakIndices([])).toEqual([]);
  });
});
