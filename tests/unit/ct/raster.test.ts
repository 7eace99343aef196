import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { AIR_HU, decodeJpeg, decodePng, isJpeg } from '../../../src/ct/raster';
import { SliceError, type CtSlice, type DecodeOptions, type SliceErrorCode } from '../../../src/ct/slice';
import { byteToHU, WINDOWS } from '../../../src/ct/window';
import { CASES_DIR, HAVE_CASES, jpegOf, tiffOrientation, withExif } from './image-fixtures';
import { writePng } from './png-writer';

const BRAIN = { window8bit: WINDOWS.brain } as const;
const GREY = [0, 51, 128, 255, 10, 200];

async function codeOf(decode: (b: Uint8Array, o?: DecodeOptions) => Promise<CtSlice>, bytes: Uint8Array, opts: DecodeOptions = {}): Promise<SliceErrorCode | null> {
  try {
    await decode(bytes, opts);
    return null;
  } catch (e) {
    if (e instanceof SliceError) return e.code;
    throw e;
  }
}

const round3 = (a: Float32Array): number[] => Array.from(a, (v) => Math.round(v * 1000) / 1000);

describe('PNG, 8-bit windowed', () => {
  it('grey through a given brain window (0 → 0 HU, 51 → 16 HU, 255 → 80 HU); no warnings', async () => {
    const s = await decodePng(encodePng({ width: 3, height: 2, data: Uint8Array.from(GREY), channels: 1, depth: 8 }), BRAIN);
    expect(s.source).toBe('png');
    expect(s.windowUsed).toEqual(WINDOWS.brain);
    expect(s.windowEstimated).toBe(false);
    expect(s.warnings).toEqual([]);
    expect([s.width, s.height]).toEqual([3, 2]);
    expect(s.hu[0]).toBe(0);
    expect(s.hu[1]).toBeCloseTo(16, 5);
    expect(s.hu[3]).toBeCloseTo(80, 5);
    s.hu.forEach((v, i) => expect(v).toBeCloseTo(byteToHU(GREY[i] as number, WINDOWS.brain), 4));
  });

  it('a given window: L40/W120 → 0 is -20 HU, 255 is 100 HU', async () => {
    const s = await decodePng(encodePng({ width: 3, height: 2, data: Uint8Array.from(GREY), channels: 1, depth: 8 }), { window8bit: { level: 40, width: 120 } });
    expect(s.hu[0]).toBeCloseTo(-20, 5);
    expect(s.hu[3]).toBeCloseTo(100, 5);
  });

  it("default 'auto' on a 6-pixel image: no histogram to read → brain L40/W80, estimated, 'window-unsure'", async () => {
    const s = await decodePng(encodePng({ width: 3, height: 2, data: Uint8Array.from(GREY), channels: 1, depth: 8 }));
    expect(s.windowUsed).toEqual(WINDOWS.brain);
    expect(s.windowEstimated).toBe(true);
    expect(s.warnings?.map((w) => [w.code, w.params])).toEqual([['window-unsure', { level: 40, width: 80 }]]);
    expect(s.warnings?.[0]?.message).toMatch(/assumed L40\/W80/);
  });

  it('RGBA: Rec. 601 luma, composited over black; alpha 0 → air (-1024 HU), with the share transparent', async () => {
    // red opaque, green half (128/255) covered, blue transparent, grey 90 opaque
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 90, 90, 90, 255]);
    const s = await decodePng(encodePng({ width: 4, height: 1, data: rgba, channels: 4, depth: 8 }), BRAIN);
    // HU = grey / 255 * 80: red 0.299 * 80 = 23.92; green 0.587 * 128 / 255 * 80 = 23.572; grey 90 → 28.235
    expect(round3(s.hu)).toEqual([23.92, 23.572, AIR_HU, 28.235]);
    // Red and green are coloured pixels (the transparent blue shows nothing): a colour image (#23).
    expect(s.warnings?.map((w) => [w.code, w.params])).toEqual([
      ['alpha-composited', { percent: 25 }],
      ['colour-image', { percent: 50 }],
    ]);
    expect(s.warnings?.[0]?.message).toBe('25 % of the pixels are transparent; they were read as air');
  });

  it('grey+alpha: [51, alpha 0] → air, [255, opaque] → 80 HU', async () => {
    const s = await decodePng(encodePng({ width: 2, height: 1, data: Uint8Array.from([51, 0, 255, 255]), channels: 2, depth: 8 }), BRAIN);
    expect(round3(s.hu)).toEqual([AIR_HU, 80]);
    expect(s.warnings?.[0]?.params).toEqual({ percent: 50 });
  });

  it('palette with tRNS: the index whose alpha is 0 → air; others looked up (grey 128 → 40.157 HU)', async () => {
    const png = writePng({ width: 4, height: 1, samples: [0, 1, 2, 1], depth: 8, colourType: 3, palette: [[0, 0, 0], [255, 255, 255], [128, 128, 128]], trns: Uint8Array.from([255, 0]) });
    const s = await decodePng(png, BRAIN);
    expect(round3(s.hu)).toEqual([0, AIR_HU, 40.157, AIR_HU]);
    expect(s.warnings?.[0]?.params).toEqual({ percent: 50 });
  });

  it('tRNS key colour: grey 255 and RGB (255, 255, 255) are transparent → air', async () => {
    const grey = await decodePng(writePng({ width: 3, height: 1, samples: [255, 0, 255], depth: 8, colourType: 0, trns: Uint8Array.from([0, 255]) }), BRAIN);
    expect(round3(grey.hu)).toEqual([AIR_HU, 0, AIR_HU]);
    // 3 pixels: fast-png 8.0.0 rejects an RGB tRNS (3 values) on an image of fewer than 3 pixels.
    const rgb = await decodePng(writePng({ width: 3, height: 1, samples: [255, 255, 255, 255, 255, 0, 0, 0, 0], depth: 8, colourType: 2, trns: Uint8Array.from([0, 255, 0, 255, 0, 255]) }), BRAIN);
    expect(rgb.hu[0]).toBe(AIR_HU);
    expect(rgb.hu[1]).toBeCloseTo(((0.299 * 255 + 0.587 * 255) / 255) * 80, 4);
    expect(rgb.hu[2]).toBe(0);
  });

  it('palette index past the palette → corrupt', async () => {
    const png = writePng({ width: 2, height: 1, samples: [0, 5], depth: 8, colourType: 3, palette: [[0, 0, 0], [9, 9, 9]] });
    expect(await codeOf(decodePng, png)).toBe('corrupt');
  });
});

describe('PNG, low bit depths: grey scaled to 0..255 (PNG §13.12), then read as windowed', () => {
  it('1-bit [0, 1] → 0, 80 HU; 2-bit [0..3] → 0, 26.667, 53.333, 80; 4-bit [0, 5, 15] → 0, 26.667, 80', async () => {
    const one = await decodePng(writePng({ width: 2, height: 1, samples: [0, 1], depth: 1, colourType: 0 }), BRAIN);
    expect(round3(one.hu)).toEqual([0, 80]);
    const two = await decodePng(writePng({ width: 4, height: 1, samples: [0, 1, 2, 3], depth: 2, colourType: 0 }), BRAIN);
    expect(round3(two.hu)).toEqual([0, 26.667, 53.333, 80]);
    const four = await decodePng(writePng({ width: 3, height: 1, samples: [0, 5, 15], depth: 4, colourType: 0 }), BRAIN);
    expect(round3(four.hu)).toEqual([0, 26.667, 80]);
  });
});

describe('PNG, 16-bit', () => {
  it('grey = stored HU + offset (default -1024), never windowed: [0, 1024, 1064, 65535] → [-1024, 0, 40, 64511]', async () => {
    const png = encodePng({ width: 2, height: 2, data: Uint16Array.from([0, 1024, 1064, 65535]), channels: 1, depth: 16 });
    const s = await decodePng(png);
    expect(Array.from(s.hu)).toEqual([-1024, 0, 40, 64511]);
    expect(s.windowUsed).toBeUndefined();
    expect(s.windowEstimated).toBeUndefined();
    expect(s.warnings).toEqual([]);
    const shifted = await decodePng(png, { huOffset16: -1000 });
    expect(Array.from(shifted.hu)).toEqual([-1000, 24, 64, 64535]);
  });

  it('grey+alpha 16-bit: alpha 0 → air, opaque keeps stored + offset', async () => {
    const s = await decodePng(encodePng({ width: 2, height: 1, data: Uint16Array.from([1064, 0, 1064, 65535]), channels: 2, depth: 16 }));
    expect(Array.from(s.hu)).toEqual([AIR_HU, 40]);
  });

  it('colour 16-bit is reduced to 8 bits (v / 257) and windowed: 65535 → 80 HU, 13107 (51 · 257) → 16 HU', async () => {
    const rgb = Uint16Array.from([65535, 65535, 65535, 13107, 13107, 13107]);
    const s = await decodePng(encodePng({ width: 2, height: 1, data: rgb, channels: 3, depth: 16 }), BRAIN);
    expect(round3(s.hu)).toEqual([80, 16]);
    expect(s.windowUsed).toEqual(WINDOWS.brain);
  });
});

describe('PNG eXIf orientation', () => {
  it('Orientation 6 before IDAT: stored 3×2 [0 51 102 / 153 204 255] shows 2×3 [153 0 / 204 51 / 255 102]', async () => {
    const samples = [0, 51, 102, 153, 204, 255];
    const s = await decodePng(writePng({ width: 3, height: 2, samples, depth: 8, colourType: 0, extra: [['eXIf', tiffOrientation(6)]] }), BRAIN);
    expect([s.width, s.height]).toEqual([2, 3]);
    expect(round3(s.hu)).toEqual([153, 0, 204, 51, 255, 102].map((g) => Math.round((g / 255) * 80 * 1000) / 1000));
    const late = await decodePng(writePng({ width: 3, height: 2, samples, depth: 8, colourType: 0, after: [['eXIf', tiffOrientation(6)]] }), BRAIN);
    expect([late.width, late.height]).toEqual([3, 2]);
  });
});

describe('PNG errors', () => {
  it('a header declaring 5000x5000 → too-large before decoding; maxPixels applies to real sizes; width 0 → bad-size', async () => {
    const png = encodePng({ width: 10, height: 10, data: new Uint8Array(100), channels: 1, depth: 8 });
    expect(await codeOf(decodePng, png, { maxPixels: 99 })).toBe('too-large');
    const huge = png.slice();
    const view = new DataView(huge.buffer);
    view.setUint32(16, 5000);
    view.setUint32(20, 5000);
    expect(await codeOf(decodePng, huge)).toBe('too-large');
    await expect(decodePng(huge)).rejects.toThrow(/PNG image is 5000x5000 pixels, more than the limit/);
    view.setUint32(16, 0);
    expect(await codeOf(decodePng, huge)).toBe('bad-size');
  });

  it('bit depth 3 or 16-bit palette in IHDR → corrupt, saying which', async () => {
    const png = encodePng({ width: 2, height: 2, data: new Uint8Array(4), channels: 1, depth: 8 });
    const bad = png.slice();
    bad[24] = 3;
    expect(await codeOf(decodePng, bad)).toBe('corrupt');
    await expect(decodePng(bad)).rejects.toThrow(/PNG file could not be decoded \(bit depth 3 is not allowed for colour type 0\)/);
    bad[24] = 16;
    bad[25] = 3;
    await expect(decodePng(bad)).rejects.toThrow(/bit depth 16 is not allowed for colour type 3/);
  });

  it('cut short → truncated (data or header)', async () => {
    const png = encodePng({ width: 32, height: 32, data: Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) % 256), channels: 1, depth: 8 });
    expect(await codeOf(decodePng, png)).toBeNull();
    expect(await codeOf(decodePng, png.subarray(0, png.length - 40))).toBe('truncated');
    expect(await codeOf(decodePng, png.subarray(0, 20))).toBe('truncated');
    const interlaced = writePng({ width: 32, height: 32, samples: Array.from({ length: 1024 }, (_, i) => i % 2), depth: 1, colourType: 0, interlace: true });
    expect(await codeOf(decodePng, interlaced.subarray(0, interlaced.length - 30))).toBe('truncated');
  });
});

describe.skipIf(!HAVE_CASES)(`shared case alpha-transparent-background.png (${CASES_DIR}; skipped where absent)`, () => {
  it('the white, fully transparent outside is air (-1024 HU), never white (80 HU, blood in a brain window)', async () => {
    const s = await decodePng(new Uint8Array(readFileSync(join(CASES_DIR, 'alpha-transparent-background.png'))), BRAIN);
    expect([s.width, s.height]).toEqual([512, 512]);
    for (const i of [0, 511, 511 * 512, 512 * 512 - 1]) expect(s.hu[i]).toBe(AIR_HU); // the four corners
    let air = 0;
    for (const v of s.hu) if (v <= -1000) air++;
    expect(air).toBe(118_500); // every transparent pixel (counted from the file's alpha channel)
    expect(s.warnings?.find((w) => w.code === 'alpha-composited')?.params).toEqual({ percent: 45.2 });
    expect(s.hu[256 * 512 + 256]).toBeCloseTo((121 / 255) * 80, 3); // the centre: grey 121, opaque
  });
});

describe('JPEG', () => {
  it('flat grey 128 (quality 100) through the brain window: HU = byteToHU(128) within one grey level', async () => {
    const bytes = jpegOf(16, 16, () => 128);
    expect(isJpeg(bytes)).toBe(true);
    const s = await decodeJpeg(bytes, BRAIN);
    expect(s.source).toBe('jpeg');
    expect([s.width, s.height]).toEqual([16, 16]);
    const oneLevel = 80 / 255;
    for (const v of s.hu) expect(Math.abs(v - byteToHU(128, WINDOWS.brain))).toBeLessThanOrEqual(oneLevel + 1e-6);
  });

  it('a horizontal ramp keeps its values within a few grey levels', async () => {
    const ramp = (x: number): number => x * 8;
    const s = await decodeJpeg(jpegOf(32, 8, ramp), { window8bit: WINDOWS.subdural });
    const level = 200 / 255;
    s.hu.forEach((v, i) => expect(Math.abs(v - byteToHU(ramp(i % 32), WINDOWS.subdural))).toBeLessThanOrEqual(4 * level));
  });

  it('too-large from the frame header, with its size; cut short → truncated or corrupt, never a crash', async () => {
    const img = jpegOf(100, 100, (x, y) => (x + y) % 256);
    expect(await codeOf(decodeJpeg, img, { maxPixels: 5000 })).toBe('too-large');
    await expect(decodeJpeg(img, { maxPixels: 5000 })).rejects.toThrow(/JPEG image is 100x100 pixels, more than the limit of 5000/);
    expect(['truncated', 'corrupt']).toContain(await codeOf(decodeJpeg, img.subarray(0, 300)));
  });

  // Stored 32 wide × 16 high, bright (255) only in the 8×8 block at its top-left corner. Where the block
  // shows once oriented (EXIF 2.3 Orientation; see exif.test.ts for the pixel maps):
  const corner: Record<number, [number, number, string]> = {
    1: [32, 16, 'top-left'],
    2: [32, 16, 'top-right'],
    3: [32, 16, 'bottom-right'],
    4: [32, 16, 'bottom-left'],
    5: [16, 32, 'top-left'],
    6: [16, 32, 'top-right'],
    7: [16, 32, 'bottom-right'],
    8: [16, 32, 'bottom-left'],
  };
  it.each(Object.entries(corner))('EXIF orientation %s → %j', async (o, [w, h, where]) => {
    const stored = jpegOf(32, 16, (x, y) => (x < 8 && y < 8 ? 255 : 0));
    const s = await decodeJpeg(withExif(stored, Number(o)), BRAIN);
    expect([s.width, s.height]).toEqual([w, h]);
    const x0 = where.endsWith('left') ? 0 : w - 8;
    const y0 = where.startsWith('top') ? 0 : h - 8;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const inBlock = x >= x0 && x < x0 + 8 && y >= y0 && y < y0 + 8;
        const v = s.hu[y * w + x] as number;
        if (inBlock) expect(v).toBeGreaterThan(70);
        else expect(v).toBeLessThan(10);
      }
    }
  });

  it.skipIf(!HAVE_CASES)('shared case exif-orientation-6.jpg: 32×16 stored → 16 wide × 32 high, its bright left columns on top', async () => {
    const s = await decodeJpeg(new Uint8Array(readFileSync(join(CASES_DIR, 'exif-orientation-6.jpg'))), BRAIN);
    expect([s.width, s.height]).toEqual([16, 32]);
    // Stored: columns 0-7 bright, 8-31 dark, every row alike. Rotated 90° clockwise, stored column x
    // becomes displayed row x: rows 0-7 bright. Stored (0, 0) lands at displayed (15, 0), top-right.
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 16; x++) {
        const v = s.hu[y * 16 + x] as number;
        if (y < 7) expect(v).toBeGreaterThan(70);
        if (y > 8) expect(v).toBeLessThan(10);
      }
    }
  });
});
