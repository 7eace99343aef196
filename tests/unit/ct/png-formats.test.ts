/**
 * Every valid PNG decodes (PNG 3rd edition: colour types 0, 2, 3, 4, 6 at each allowed bit depth, plain
 * and Adam7), checked pixel by pixel against pngjs, an independent decoder tested on PngSuite. fast-png
 * 8.0.0 alone fails every interlaced image below 8 bits ("Unsupported filter"); src/ct/png-pixels.ts
 * decodes those pass by pass.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { AIR_HU, decodePng } from '../../../src/ct/raster';
import { byteToHU, WINDOWS } from '../../../src/ct/window';
import { writePng, type PngSpec } from './png-writer';

const W = 11; // odd sizes leave Adam7 passes partly empty
const H = 9;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, readonly (1 | 2 | 4 | 8 | 16)[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Deterministic samples (a small LCG), with alpha 0, partial and full where there is an alpha channel. */
function spec(colourType: 0 | 2 | 3 | 4 | 6, depth: 1 | 2 | 4 | 8 | 16, interlace: boolean): PngSpec {
  const ch = CHANNELS[colourType] as number;
  const max = colourType === 3 ? Math.min(2 ** depth, 16) - 1 : 2 ** depth - 1;
  let seed = 12345 + colourType * 97 + depth;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const samples: number[] = [];
  for (let i = 0; i < W * H; i++) {
    for (let c = 0; c < ch; c++) {
      const isAlpha = (colourType === 4 && c === 1) || (colourType === 6 && c === 3);
      if (isAlpha) samples.push(i % 5 === 0 ? 0 : i % 5 === 1 ? Math.round(max / 3) : max);
      else samples.push(Math.floor(rand() * (max + 1)));
    }
  }
  const base = { width: W, height: H, samples, depth, colourType, interlace };
  if (colourType !== 3) return base;
  const n = max + 1;
  const palette = Array.from({ length: n }, (_, i) => [(i * 37) % 256, (i * 91) % 256, (i * 53) % 256] as const);
  return { ...base, palette, trns: Uint8Array.from({ length: Math.min(n, 3) }, (_, i) => [0, 100, 255][i] as number) };
}

const combos = Object.entries(DEPTHS).flatMap(([t, ds]) => ds.flatMap((d) => [false, true].map((i) => [Number(t) as 0 | 2 | 3 | 4 | 6, d, i] as const)));

describe('every colour type × bit depth × interlace, against pngjs', () => {
  it.each(combos)('colour type %i, %i-bit, Adam7 %s', async (colourType, depth, interlace) => {
    const s = spec(colourType, depth, interlace);
    const bytes = writePng(s);
    const slice = await decodePng(bytes, { window8bit: WINDOWS.brain });
    expect([slice.width, slice.height]).toEqual([W, H]);
    const ch = CHANNELS[colourType] as number;
    if (depth === 16 && (colourType === 0 || colourType === 4)) {
      // Stored HU + 1024: exact, straight from the samples written.
      for (let i = 0; i < W * H; i++) {
        const v = (s.samples[i * ch] as number) - 1024;
        const a = colourType === 4 ? (s.samples[i * ch + 1] as number) / 65535 : 1;
        expect(slice.hu[i]).toBeCloseTo(a === 0 ? AIR_HU : a * v + (1 - a) * AIR_HU, 2);
      }
      return;
    }
    // pngjs gives 8-bit RGBA (low depths scaled by 255 / (2^d − 1), palettes looked up, tRNS applied).
    const ref = PNG.sync.read(Buffer.from(bytes));
    const tol = depth === 16 ? 80 / 255 + 1e-3 : 1e-3; // pngjs rounds 16 → 8 bits; we keep v / 257
    for (let i = 0; i < W * H; i++) {
      const [r, g, b, a8] = [0, 1, 2, 3].map((k) => ref.data[i * 4 + k] as number) as [number, number, number, number];
      const a = a8 / 255;
      const grey = r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
      const expected = a === 0 ? AIR_HU : byteToHU(grey * a, WINDOWS.brain);
      expect(Math.abs((slice.hu[i] as number) - expected)).toBeLessThanOrEqual(tol);
    }
  });

  it.each(combos.filter(([, , i]) => i))('Adam7 equals the plain image exactly: colour type %i, %i-bit', async (colourType, depth) => {
    const plain = await decodePng(writePng(spec(colourType, depth, false)), { window8bit: WINDOWS.brain });
    const adam7 = await decodePng(writePng(spec(colourType, depth, true)), { window8bit: WINDOWS.brain });
    expect(Array.from(adam7.hu)).toEqual(Array.from(plain.hu));
  });

  it('a 1×1 and a 1-bit 9×1 Adam7 image (passes 2-7 partly empty) decode', async () => {
    const one = await decodePng(writePng({ width: 1, height: 1, samples: [1], depth: 1, colourType: 0, interlace: true }), { window8bit: WINDOWS.brain });
    expect(Array.from(one.hu)).toEqual([80]);
    const row = [1, 0, 1, 1, 0, 0, 1, 0, 1];
    const nine = await decodePng(writePng({ width: 9, height: 1, samples: row, depth: 1, colourType: 0, interlace: true }), { window8bit: WINDOWS.brain });
    expect(Array.from(nine.hu)).toEqual(row.map((v) => v * 80));
  });
});
