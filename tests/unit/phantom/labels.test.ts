import { describe, expect, it } from 'vitest';
import { generatePhantom, labelsFromMasks, subtypeMask, SUBTYPES } from '../../../src/phantom/index';
import { LABELS } from '../../../src/model/arch';

describe('phantom labels', () => {
  const N = 200;
  const slices = Array.from({ length: N }, (_, i) => generatePhantom(5000 + i, { size: 224 }));

  it('sets every label exactly when its mask is not empty', () => {
    for (const p of slices) {
      expect(p.labels).toHaveLength(LABELS.length);
      expect(p.labels).toEqual(labelsFromMasks(p.masks));
      SUBTYPES.forEach((s, b) => {
        const m = subtypeMask(p.masks, s);
        expect(p.labels[b + 1]).toBe(m.some((v) => v === 1) ? 1 : 0);
      });
      expect(p.labels[0]).toBe(p.masks.some((v) => v !== 0) ? 1 : 0);
    }
  });

  it('uses only the five subtype bits', () => {
    for (const p of slices) expect(p.masks.every((v) => v < 32)).toBe(true);
  });

  it('keeps every positive mask at least 12 mm² (visible at 224)', () => {
    for (const p of slices) p.meta.areasMm2.forEach((a) => expect(a === 0 || a >= 12).toBe(true));
  });

  it('has about half negatives and every subtype represented over 200 seeds', () => {
    const neg = slices.filter((p) => p.labels[0] === 0).length;
    expect(neg / N).toBeGreaterThan(0.4);
    expect(neg / N).toBeLessThan(0.6);
    SUBTYPES.forEach((_, b) => expect(slices.filter((p) => p.labels[b + 1] === 1).length).toBeGreaterThanOrEqual(8));
  });

  it('honours forced subtypes and levels', () => {
    const p = generatePhantom(9, { size: 224, level: 0.5, subtypes: ['intraventricular'] });
    expect(p.labels).toEqual([1, 0, 0, 1, 0, 0]);
    expect(p.meta.levelName).toBe('lateral ventricles');
    expect(generatePhantom(9, { size: 224, subtypes: [] }).labels).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
