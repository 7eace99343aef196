import { describe, expect, it } from 'vitest';
import { LAYER_CELLS, scoreLayer, summarisePointing } from '../../../src/cli/real-pointing';

// A 448 px slice cropped whole (box at 0, 0, side 448) onto the 224 grid: grid g → source 2g + 1.
const size = { width: 448, height: 448 };
const geom = { box: { top: 0, left: 0, side: 448 }, square: size, original: size };
/** One lesion pixel at source (107, 95), i.e. grid (53, 47). */
const mask = new Uint8Array(448 * 448);
mask[95 * 448 + 107] = 1;

describe('the real harness’s pointing game per layer', () => {
  it('cells per layer at 224 px', () => {
    expect(LAYER_CELLS).toEqual({ layer1: 56, layer2: 28, layer3: 14, layer4: 7 });
  });

  it('a peak at grid (48, 47) = source (97, 95), 10 px from the lesion: strict miss, tolerant hit', () => {
    const cam = new Float32Array(224 * 224);
    cam[47 * 224 + 48] = 1;
    // layer4 peaks can fall on grid rows/columns 0-15, 47-48, 79-80, ...: row 47 yes, column 53 no,
    // so the lesion pixel itself is out of reach, but column 48 (source 97) is within 15 px.
    expect(scoreLayer(cam, 7, geom, mask)).toEqual({ strict: 0, tolerant: 1, strictReachable: 0, tolerantReachable: 1, flat: false });
    // layer1 peaks fall on grid 4i + 1 and 4i + 2: column 53 yes, row 47 no; row 50 yes
    expect(scoreLayer(cam, 56, geom, mask)).toMatchObject({ strictReachable: 0, tolerantReachable: 1 });
    const lower = new Uint8Array(448 * 448);
    lower[101 * 448 + 107] = 1; // grid (53, 50)
    expect(scoreLayer(cam, 56, geom, lower)).toMatchObject({ strict: 0, strictReachable: 1 });
  });

  it('a flat map ties everywhere (a hit by "ties: any", and counted as flat); an empty mask is not scored', () => {
    expect(scoreLayer(new Float32Array(224 * 224), 7, geom, mask)).toMatchObject({ strict: 1, tolerant: 1, flat: true });
    expect(scoreLayer(new Float32Array(224 * 224), 7, geom, new Uint8Array(448 * 448))).toBeNull();
  });

  it('summary: rates, ceilings and intervals by patient', () => {
    const p = (strict: 0 | 1, tolerant: 0 | 1, sr: 0 | 1) => ({ strict, tolerant, strictReachable: sr, tolerantReachable: 1 as const, flat: false });
    const rows = [
      { patient: 'a', p: p(1, 1, 1) },
      { patient: 'a', p: p(0, 1, 1) },
      { patient: 'b', p: p(0, 0, 0) },
      { patient: 'c', p: p(0, 1, 0) },
    ];
    const s = summarisePointing(rows, 7, 300)!;
    expect(s).toMatchObject({ cells: 7, scored: 4, flat: 0 });
    expect(s.strict).toMatchObject({ hits: 1, scored: 4, rate: 0.25, reachable: 2, ceiling: 0.5 });
    expect(s.tolerant).toMatchObject({ hits: 3, rate: 0.75, reachable: 4, ceiling: 1 });
    expect(s.strict.ci95[0]).toBe(0); // b and c alone: no hit
    expect(s.tolerant.ci95[1]).toBe(1); // a and c alone: all hits
    expect(summarisePointing([], 7)).toBeNull();
  });
});
