import { describe, expect, it } from 'vitest';
import { generatePhantom, Tissue, HU_MIN, HU_MAX } from '../../../src/phantom/index';

/** Median HU of pixels of one tissue whose 4 neighbours are the same tissue (no partial volume). */
function medianOf(hu: Int16Array, tissue: Uint8Array, size: number, code: number, bleedFree?: Uint8Array): number {
  const v: number[] = [];
  for (let i = 1; i < size - 1; i++) {
    for (let j = 1; j < size - 1; j++) {
      const k = i * size + j;
      if (tissue[k] !== code || tissue[k - 1] !== code || tissue[k + 1] !== code || tissue[k - size] !== code || tissue[k + size] !== code) continue;
      if (bleedFree && bleedFree[k]) continue;
      v.push(hu[k] as number);
    }
  }
  v.sort((a, b) => a - b);
  return v.length ? (v[Math.floor(v.length / 2)] as number) : NaN;
}

describe('phantom densities', () => {
  const slices = [0.45, 0.55, 0.62].flatMap((level, i) => [generatePhantom(300 + i, { size: 512, level }), generatePhantom(310 + i, { size: 512, level, subtypes: ['intraparenchymal', 'subdural'] })]);

  it('has tissue HU in the textbook ranges', () => {
    expect(slices.some((p) => !Number.isNaN(medianOf(p.hu, p.tissue, 512, Tissue.ventricle, p.masks)))).toBe(true);
    for (const p of slices) {
      const m = (c: number): number => medianOf(p.hu, p.tissue, 512, c, p.masks);
      expect(m(Tissue.air)).toBeGreaterThanOrEqual(-1024);
      expect(m(Tissue.air)).toBeLessThan(-980);
      expect(m(Tissue.grey)).toBeGreaterThanOrEqual(31);
      expect(m(Tissue.grey)).toBeLessThanOrEqual(45);
      expect(m(Tissue.white)).toBeGreaterThanOrEqual(21);
      expect(m(Tissue.white)).toBeLessThanOrEqual(36);
      expect(m(Tissue.grey) - m(Tissue.white)).toBeGreaterThanOrEqual(4);
      const csf = m(Tissue.ventricle);
      if (!Number.isNaN(csf)) {
        expect(csf).toBeGreaterThanOrEqual(-3);
        expect(csf).toBeLessThanOrEqual(16);
      }
      expect(m(Tissue.bone)).toBeGreaterThanOrEqual(600);
      expect(m(Tissue.bone)).toBeLessThanOrEqual(2000);
    }
  });

  it('paints acute blood at 40-95 HU and stays in the stored range', () => {
    for (const p of slices) {
      const blood: number[] = [];
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < p.hu.length; k++) {
        lo = Math.min(lo, p.hu[k] as number);
        hi = Math.max(hi, p.hu[k] as number);
        if (p.masks[k]) blood.push(p.hu[k] as number);
      }
      expect(lo).toBeGreaterThanOrEqual(HU_MIN);
      expect(hi).toBeLessThanOrEqual(HU_MAX);
      if (!blood.length) continue;
      blood.sort((a, b) => a - b);
      const med = blood[Math.floor(blood.length / 2)] as number;
      expect(med).toBeGreaterThanOrEqual(45);
      expect(med).toBeLessThanOrEqual(92);
    }
  });

  it('has correlated noise of a few HU in white matter', () => {
    const p = generatePhantom(42, { size: 512, level: 0.75, subtypes: [] });
    const v: number[] = [];
    for (let k = 0; k < p.hu.length; k++) if (p.tissue[k] === Tissue.white) v.push(p.hu[k] as number);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    expect(sd).toBeGreaterThan(2);
    expect(sd).toBeLessThan(9);
  });
});
