import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cropToHead, cropMasksToGrid, headBox, sliceToModel, squareMask, squarePixels, squareSize } from '../../../src/ct/head-crop';
import { labelComponents, largestLabel } from '../../../src/ct/components';
import { buildHeadCropFixture } from '../../../src/cli/golden-preprocess';

describe('connected components (4-connectivity, raster order, as scipy.ndimage.label)', () => {
  it('labels a hand-drawn 4x4 image', () => {
    // 1 1 0 1
    // 0 1 0 1
    // 1 0 0 0     the diagonal at (1,1)-(2,0) does not connect
    // 1 1 0 1
    const m = Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1]);
    const l = labelComponents(m, 4, 4);
    expect(l.count).toBe(4);
    expect(Array.from(l.labels)).toEqual([1, 1, 0, 2, 0, 1, 0, 2, 3, 0, 0, 0, 3, 3, 0, 4]);
    expect(Array.from(l.sizes)).toEqual([0, 3, 2, 3, 1]);
    expect(largestLabel(l)).toBe(1); // 1 and 3 both have 3 pixels: the first in raster order
  });
});

describe('crop to the head', () => {
  it('boxes a 3x5 head by hand: side ceil(5 * 1.12) = 6, top 0, left 2', () => {
    const hu = new Float32Array(12 * 10).fill(-1000);
    for (let y = 2; y < 5; y++) for (let x = 3; x < 8; x++) hu[y * 12 + x] = 40;
    expect(headBox(hu, 12, 10)).toEqual({ top: 0, left: 2, side: 6 });
  });
  it('ignores a detached table larger in extent but smaller in area, and an 8-bit image whose air is 0 HU', () => {
    const hu = new Float32Array(20 * 20).fill(0); // an 8-bit export: air decoded to the window's lower end
    for (let y = 3; y < 13; y++) for (let x = 5; x < 15; x++) hu[y * 20 + x] = 40;
    for (let x = 0; x < 20; x++) hu[18 * 20 + x] = 80; // table: 20 px wide, 20 px in all
    expect(headBox(hu, 20, 20)).toEqual({ top: 2, left: 4, side: 12 });
  });
  it('pads a blank image to a square instead of cropping', () => {
    const g = cropToHead(new Float32Array(6 * 4).fill(-1000), 6, 4, 6);
    expect(g.box).toBeNull();
    expect(g.hu.length).toBe(36);
  });
  it('carries mask bits through the crop, nearest neighbour, zero outside the image', () => {
    const m = new Uint8Array(4 * 4);
    m[1 * 4 + 1] = 4;
    const out = cropMasksToGrid(m, 4, 4, { top: -1, left: -1, side: 4 }, 4);
    expect(out[2 * 4 + 2]).toBe(4);
    expect(out[0]).toBe(0);
  });
  it('writes the golden fixture the trainer checks (tests/fixtures/golden/head-crop.json) unchanged', () => {
    const file = JSON.parse(readFileSync('tests/fixtures/golden/head-crop.json', 'utf8')) as unknown;
    expect(JSON.parse(JSON.stringify(buildHeadCropFixture()))).toEqual(file);
  });
});

describe('square pixels (DICOM Pixel Spacing)', () => {
  it('stretches the coarser axis: 0.5 mm columns, 1 mm rows, 4x2 pixels become 4x4', () => {
    const slice = { hu: Float32Array.from([0, 10, 20, 30, 40, 50, 60, 70]), width: 4, height: 2, source: 'dicom' as const, pixelSpacing: [1, 0.5] as const };
    expect(squareSize(slice)).toEqual({ width: 4, height: 4 });
    const sq = squarePixels(slice);
    expect([sq.width, sq.height]).toEqual([4, 4]);
    expect(sq.pixelSpacing).toEqual([0.5, 0.5]);
    // Bilinear, half-pixel centres: output rows sample source rows at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (→ 1).
    expect(Array.from(sq.hu.subarray(0, 4))).toEqual([0, 10, 20, 30]);
    expect(Array.from(sq.hu.subarray(4, 8))).toEqual([10, 20, 30, 40]);
    expect(Array.from(sq.hu.subarray(12, 16))).toEqual([40, 50, 60, 70]);
  });
  it('leaves square, nearly square (< 1 %) and unknown spacings alone', () => {
    const base = { hu: new Float32Array(6), width: 3, height: 2, source: 'dicom' as const };
    expect(squarePixels({ ...base, pixelSpacing: [0.5, 0.5] }).width).toBe(3);
    expect(squarePixels({ ...base, pixelSpacing: [0.500, 0.503] }).width).toBe(3);
    expect(squarePixels(base).hu).toBe(base.hu);
  });
  it('carries a mask through the same resampling, nearest neighbour', () => {
    const m = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 2]);
    expect(Array.from(squareMask(m, { width: 4, height: 2 }, { width: 4, height: 4 }))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2]);
  });
  it('keeps a head round: an ellipse 2:1 in pixels at spacing [1, 0.5] crops to a square box', () => {
    const w = 80;
    const h = 40;
    const hu = new Float32Array(w * h).fill(-1000);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (((x - 40) / 30) ** 2 + ((y - 20) / 15) ** 2 < 1) hu[y * w + x] = 40;
    const g = sliceToModel({ hu, width: w, height: h, source: 'dicom', pixelSpacing: [1, 0.5] }, 32);
    // After squaring the head is a circle of radius 30 px: the crop is ceil(59 · 1.12) = 67 on each side.
    expect(g.box?.side).toBe(67);
  });
});
