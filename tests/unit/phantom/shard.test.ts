import { describe, expect, it } from 'vitest';
import { generatePhantom } from '../../../src/phantom/index';
import { roundHalfUp } from '../../../src/phantom/finish';
import { generateRange } from '../../../src/phantom/shard';

describe('phantom shard runs', () => {
  it('rounds exactly like Math.round, including the 0.49999999999999994 trap of floor(x + 0.5)', () => {
    for (const x of [0.49999999999999994, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 2.4999999999999996, -1024.5, 3070.5, 12.25, -7.75]) {
      expect(roundHalfUp(x) + 0).toBe(Math.round(x) + 0); // + 0 folds -0 into 0 (int16 storage does too)
    }
    expect(roundHalfUp(0.49999999999999994)).toBe(0);
  });

  it('lays out slices first..first+count-1 as little-endian int16 HU and mask bytes', () => {
    const part = generateRange({ seedStart: 500, first: 3, count: 2, size: 224 });
    const n = 224 * 224;
    expect(part.first).toBe(3);
    expect(part.hu.byteLength).toBe(2 * n * 2);
    expect(part.masks.byteLength).toBe(2 * n);
    const view = new DataView(part.hu.buffer, part.hu.byteOffset, part.hu.byteLength);
    for (let i = 0; i < 2; i++) {
      const p = generatePhantom(503 + i, { size: 224 });
      expect(part.labels[i]).toEqual(p.labels);
      expect(part.levels[i]).toBe(p.meta.levelName);
      for (const k of [0, 1234, n >> 1, n - 1]) expect(view.getInt16((i * n + k) * 2, true)).toBe(p.hu[k]);
      expect(Buffer.from(part.masks.subarray(i * n, (i + 1) * n)).equals(Buffer.from(p.masks))).toBe(true);
    }
  });
});
