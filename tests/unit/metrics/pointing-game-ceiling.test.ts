import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsampleCam } from '../../../src/explain/gradcam';
import { peakPixels, pointingReachable } from '../../../src/metrics/pointing-game-ceiling';
import { pointingGame } from '../../../src/metrics/pointing-game';

describe('pointing-game ceiling of an upsampled coarse map', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('peak pixels by hand: 2 cells to 4 pixels, 7 cells to 224 (cell centre between two pixels, clamped border strip)', () => {
    // source coordinate (p + 0.5)/2 − 0.5: −0.25→0, 0.25, 0.75, 1.25→1
    expect(peakPixels(0, 2, 4)).toEqual([0]);
    expect(peakPixels(1, 2, 4)).toEqual([3]);
    expect(peakPixels(3, 7, 224)).toEqual([111, 112]); // 32·3 + 15.5
    expect(peakPixels(0, 7, 224)).toEqual(Array.from({ length: 16 }, (_, p) => p));
    expect(peakPixels(6, 7, 224)).toEqual(Array.from({ length: 16 }, (_, p) => 208 + p));
  });

  it('a 20×20 mask between cell centres is out of reach; one over a centre is reachable; empty is not scored', () => {
    const mask = new Uint8Array(224 * 224);
    for (let y = 118; y < 138; y++) for (let x = 118; x < 138; x++) mask[y * 224 + x] = 1; // between 112 and 143
    expect(pointingReachable(mask, 224, 224, 7, 7)).toBe(0);
    mask[143 * 224 + 143] = 1; // the centre of cell (4, 4)
    expect(pointingReachable(mask, 224, 224, 7, 7)).toBe(1);
    expect(pointingReachable(new Uint8Array(224 * 224), 224, 224, 7, 7)).toBeNull();
    expect(() => pointingReachable(mask, 100, 100, 7, 7)).toThrow(/not 100×100/);
  });

  it('agrees with the real upsampling: no random 7×7 map hits a mask the ceiling calls out of reach, and reachable masks are hit by some map', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 20; trial++) {
      const mask = new Uint8Array(56 * 56);
      const cy = Math.floor(rand() * 50), cx = Math.floor(rand() * 50), r = 1 + Math.floor(rand() * 4);
      for (let y = cy; y < Math.min(56, cy + r); y++) for (let x = cx; x < Math.min(56, cx + r); x++) mask[y * 56 + x] = 1;
      const reach = pointingReachable(mask, 56, 56, 7, 7);
      const hits = (cam: Float32Array): boolean =>
        pointingGame(tf.tidy(() => upsampleCam(tf.tensor2d(cam, [7, 7]), 56, 56).dataSync()), mask) === 1;
      let hitAny = 0;
      for (let cell = 0; cell < 49; cell++) {
        const oneHot = new Float32Array(49);
        oneHot[cell] = 1; // its peak is exactly the cell's peak pixels (ties count)
        if (hits(oneHot)) hitAny = 1;
        const noisy = new Float32Array(49).map(() => rand() * 0.5);
        noisy[cell] = 1; // any map: it may only hit where the ceiling says a hit is possible
        if (reach === 0) expect(hits(noisy), `trial ${trial} cell ${cell}`).toBe(false);
      }
      expect(hitAny, `trial ${trial}`).toBe(reach);
    }
  });
});

describe('candidate peaks of a coarse map', () => {
  it('2×2 cells on a 4×4 grid: the four corners (row-major indices)', async () => {
    const { peakCandidates } = await import('../../../src/metrics/pointing-game-ceiling');
    expect(peakCandidates(2, 2, 4, 4)).toEqual([0, 3, 12, 15]);
    // 7×7 at 224: 16 + 5·2 + 16 = 42 pixels per axis
    expect(peakCandidates(7, 7, 224, 224)).toHaveLength(42 * 42);
  });
});
