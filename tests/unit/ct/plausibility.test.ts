import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { huWarnings } from '../../../src/ct/plausibility';
import { byteToHU, WINDOWS } from '../../../src/ct/window';
import { parseRealSample } from '../../../src/phantom/real-samples';

/** Real HU: the normal built-in real-background sample (InVesalius head CT, 224², −1024..1587 HU). */
const REAL = parseRealSample(new Uint8Array(readFileSync(new URL('../../../public/samples/real-background/7000502.bin', import.meta.url)))).hu;
const summary = (ws: ReturnType<typeof huWarnings>): [string, unknown][] => ws.map((w) => [w.code, w.params]);

describe('huWarnings: plausible head CT', () => {
  it('the real sample as decoded (air −1024, parenchyma mode 23 HU, max 1587) → no warnings', () => {
    expect(huWarnings(REAL, 'dicom')).toEqual([]);
  });

  it('the same read through a brain window (8-bit): clipped ends left out, mode still 23 → no warnings', () => {
    const grey = Float32Array.from(REAL, (v) => byteToHU(Math.round(Math.min(1, Math.max(0, v / 80)) * 255), WINDOWS.brain));
    expect(huWarnings(grey, 'png', WINDOWS.brain)).toEqual([]);
  });

  it('metal: 200 pixels (0.4 %) at 8000 HU in a plausible slice → hu-too-high with no cause; 10 (0.02 %) → none', () => {
    const metal = Float32Array.from(REAL);
    metal.fill(8000, 20_000, 20_200);
    expect(summary(huWarnings(metal, 'dicom'))).toEqual([['hu-too-high', { max: 8000 }]]);
    const speck = Float32Array.from(REAL);
    speck.fill(8000, 20_000, 20_010);
    expect(huWarnings(speck, 'dicom')).toEqual([]);
  });

  it('empty input → no warnings', () => {
    expect(huWarnings(new Float32Array(0), 'dicom')).toEqual([]);
  });
});

describe('huWarnings: implausible HU and their likely causes', () => {
  it('missing rescale (stored = HU + 1024): min 0, brain peak at 1047 → hu-no-air, missing-rescale', () => {
    // The air, now 0..24, is the commonest value above −500 and sits inside 15..50: no hu-no-brain.
    const stored = Float32Array.from(REAL, (v) => v + 1024);
    const ws = huWarnings(stored, 'dicom');
    expect(summary(ws)).toEqual([['hu-no-air', { min: 0, cause: 'missing-rescale' }]]);
    expect(ws[0]?.message).toBe(
      'no air in this slice (lowest value 0 HU, a head CT has some below −500 HU); likely cause: the Rescale Slope/Intercept is missing or wrong, so stored values are not HU',
    );
  });

  it('12-bit wrap (negative values + 4096): air −1000 → 3096 is the mode → wrap-12bit', () => {
    const wrapped = Float32Array.from(REAL, (v) => (v < 0 ? v + 4096 : v));
    // The lowest value left is 0 HU; −1000, the sample's commonest value, becomes 3096; the 1339 pixels
    // at −95..−1 HU (fat, partial volume; 2.7 %) become 4001..4095, beyond 4000.
    expect(summary(huWarnings(wrapped, 'dicom'))).toEqual([
      ['hu-no-air', { min: 0, cause: 'wrap-12bit' }],
      ['hu-no-brain', { mode: 3096, cause: 'wrap-12bit' }],
      ['hu-too-high', { max: 4095, cause: 'wrap-12bit' }],
    ]);
  });

  it('16-bit wrap (negative values + 65536): air → 64512, ≥ 1 % beyond 30000 → wrap-16bit on all three', () => {
    const wrapped = Float32Array.from(REAL, (v) => (v < 0 ? v + 65536 : v));
    expect(summary(huWarnings(wrapped, 'dicom')).map(([c, p]) => [c, (p as { cause: string }).cause])).toEqual([
      ['hu-no-air', 'wrap-16bit'],
      ['hu-no-brain', 'wrap-16bit'],
      ['hu-too-high', 'wrap-16bit'],
    ]);
  });

  it('a photo-like uniform image: 500 HU everywhere → no air, mode 500 → not-ct', () => {
    expect(summary(huWarnings(new Float32Array(10_000).fill(500), 'png'))).toEqual([
      ['hu-no-air', { min: 500, cause: 'not-ct' }],
      ['hu-no-brain', { mode: 500, cause: 'not-ct' }],
    ]);
  });

  it('an 8-bit image, uniform grey 200 read at brain L40/W80 (62.7 HU): only the brain check → windowed-image', () => {
    const flat = new Float32Array(10_000).fill(byteToHU(200, WINDOWS.brain));
    expect(summary(huWarnings(flat, 'jpeg', WINDOWS.brain))).toEqual([['hu-no-brain', { mode: 63, cause: 'windowed-image' }]]);
  });

  it('an 8-bit bone-window image keeps the air check (its bottom, −800 HU, is below −500)', () => {
    const noAir = new Float32Array(10_000).fill(30);
    expect(summary(huWarnings(noAir, 'png', WINDOWS.bone))).toEqual([['hu-no-air', { min: 30, cause: 'windowed-image' }]]);
  });
});
