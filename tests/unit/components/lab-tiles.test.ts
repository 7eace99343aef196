/** The lab islands' pictures as bytes: the map scaled like the explorer's, the outline and the peak cross. */
import { describe, expect, it } from 'vitest';
import { localisationRgba, mapRgba } from '../../../src/components/lab-tiles';
import { lookupTable, SEQUENTIAL } from '../../../src/maps/colormap';

const viridis = lookupTable(SEQUENTIAL.viridis);
const px = (rgba: Uint8ClampedArray, i: number): number[] => Array.from(rgba.slice(i * 4, i * 4 + 3));

describe('lab tiles', () => {
  it('a Grad-CAM map is divided by its maximum: 0 → the first viridis colour, the maximum → the last', () => {
    const size = 8;
    const v = new Float32Array(size * size);
    v[9] = 2;
    v[10] = 1;
    const rgba = mapRgba(v, size, true);
    expect(px(rgba, 0)).toEqual(Array.from(viridis.slice(0, 3)));
    expect(px(rgba, 9)).toEqual(Array.from(viridis.slice(255 * 3, 256 * 3)));
    // 1/2 of the maximum → entry round(0.5·255) = 128
    expect(px(rgba, 10)).toEqual(Array.from(viridis.slice(128 * 3, 129 * 3)));
  });

  it('a gradient map is clipped at its 99th percentile: one outlier does not darken the rest', () => {
    // 1024 values: d3's 99th percentile sits between two 1s (rank 1012.77 of 1023), so it is 1
    const size = 32;
    const v = Float32Array.from({ length: size * size }, () => 1);
    v[0] = 1000;
    const rgba = mapRgba(v, size, false);
    expect(px(rgba, 5)).toEqual(Array.from(viridis.slice(255 * 3)));
  });

  it('localisation: the bleed outlined in magenta, a white cross on the peak', () => {
    const size = 32;
    const hu = new Float32Array(size * size).fill(40);
    const mask = new Uint8Array(size * size);
    for (let y = 4; y < 10; y++) for (let x = 4; x < 10; x++) mask[y * size + x] = 1;
    const values = new Float32Array(size * size);
    const peak = 20 * size + 20;
    values[peak] = 1;
    const rgba = localisationRgba(hu, values, mask, peak, size, true);
    expect(px(rgba, 4 * size + 4)).toEqual([255, 0, 220]);
    expect(px(rgba, 6 * size + 6)).not.toEqual([255, 0, 220]); // inside, not on the edge
    expect(px(rgba, peak)).toEqual([255, 255, 255]);
    expect(px(rgba, 20 * size + 29)).toEqual([255, 255, 255]); // arm 9
    expect(px(rgba, 20 * size + 30)).toEqual([0, 0, 0]); // the rim
  });
});
