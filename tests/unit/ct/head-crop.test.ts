import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cropToHead, cropMasksToGrid, headBox } from '../../../src/ct/head-crop';
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
