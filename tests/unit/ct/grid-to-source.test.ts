import { describe, expect, it } from 'vitest';
import { cropMasksToGrid } from '../../../src/ct/head-crop';
import { gridToSource, paddedBox } from '../../../src/ct/grid-to-source';

describe('carrying a model-grid pixel back to the slice', () => {
  it('by hand: a 448 px crop from (10, 20) onto a 224 grid takes every second pixel from the box corner', () => {
    const box = { top: 10, left: 20, side: 448 };
    const same = { width: 512, height: 512 };
    // x = 20 + floor((0 + 0.5)·2) = 21, y = 10 + floor(0.5·2) = 11
    expect(gridToSource(0, 224, box, same, same)).toEqual([21, 11]);
    // grid (x 5, y 3): 20 + floor(5.5·2) = 31, 10 + floor(3.5·2) = 17
    expect(gridToSource(3 * 224 + 5, 224, box, same, same)).toEqual([31, 17]);
  });

  it('a crop reaching past the edge gives coordinates outside the image', () => {
    expect(gridToSource(0, 4, { top: -8, left: -8, side: 16 }, { width: 8, height: 8 }, { width: 8, height: 8 })).toEqual([-6, -6]);
  });

  it('lands on the very source pixel whose mask value cropMasksToGrid put on the grid', () => {
    const w = 37;
    const h = 29;
    const mask = Uint8Array.from({ length: w * h }, (_, k) => (k * 7919) % 5 === 0 ? 1 : 0);
    const box = { top: -3, left: 2, side: 31 };
    const grid = cropMasksToGrid(mask, w, h, box, 12);
    for (let i = 0; i < 144; i++) {
      const [x, y] = gridToSource(i, 12, box, { width: w, height: h }, { width: w, height: h });
      const inside = x >= 0 && y >= 0 && x < w && y < h ? mask[y * w + x] : 0;
      expect(grid[i]).toBe(inside);
    }
  });

  it('non-square pixels: back through the square-pixel resampling by pixel centres', () => {
    // a 100×50 slice squared to 100×100 (rows doubled); square row 41 → original floor(41.5/2) = 20
    const [x, y] = gridToSource(0, 1, { top: 41, left: 7, side: 1 }, { width: 100, height: 100 }, { width: 100, height: 50 });
    expect([x, y]).toEqual([7, 20]);
  });

  it('the padded square of a head-less slice: centred, padding floored', () => {
    expect(paddedBox({ width: 10, height: 7 })).toEqual({ top: -1, left: -0, side: 10 });
    expect(paddedBox({ width: 8, height: 8 })).toEqual({ top: -0, left: -0, side: 8 });
  });
});
