import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { HU_QUANTILES, MIN_BLOOD_HU, VOLUME_QUANTILES, drawBloodHu, quantileAt, sideMm } from '../../../src/phantom/bleed-priors';
import { generatePhantom, SUBTYPES, subtypeMask } from '../../../src/phantom/index';
import { generateComposite } from '../../../src/phantom/composite';
import { planMimics } from '../../../src/phantom/mimics';
import { Rng } from '../../../src/phantom/rng';
import { CTHEAD_PATH, LIVING_BRAIN_HU, loadCthead, medianBrainHu } from '../../../src/cli/cthead';

describe('bleed priors (InSilicoICH densities)', () => {
  it('quantileAt interpolates linearly between the 5 % quantiles', () => {
    const q = [0, 10, 20];
    expect(quantileAt(q, 0)).toBe(0);
    expect(quantileAt(q, 0.25)).toBe(5);
    expect(quantileAt(q, 0.75)).toBe(15);
    expect(quantileAt(q, 1)).toBe(20);
    expect(quantileAt(q, 2)).toBe(20);
  });

  it('tables match the README of ../shared/reference/bleed-priors (5 / 50 / 95 %)', () => {
    expect([HU_QUANTILES.intraparenchymal[1], HU_QUANTILES.intraparenchymal[10], HU_QUANTILES.intraparenchymal[19]]).toEqual([32.8, 47.7, 60.8]);
    expect(HU_QUANTILES.subarachnoid[10]).toBeCloseTo(43.1, 1);
    expect(VOLUME_QUANTILES.subarachnoid[10]).toBeCloseTo(0.8, 1);
    expect(VOLUME_QUANTILES.epidural[10]).toBeCloseTo(12.66, 2);
    expect(sideMm(1)).toBeCloseTo(10, 10);
  });

  it('draws follow the prior: the median of 4000 draws is the table median, none below the floor', () => {
    const rng = new Rng(7);
    const xs = Array.from({ length: 4000 }, () => drawBloodHu(rng, 'subdural')).sort((a, b) => a - b);
    expect(xs[2000]).toBeGreaterThan(50.0);
    expect(xs[2000]).toBeLessThan(52.0);
    expect(xs[0]).toBeGreaterThanOrEqual(MIN_BLOOD_HU);
  });
});

/** Mean HU inside a subtype's mask, eroded by one pixel so partial-volume edges do not count. */
function coreMean(hu: Int16Array, mask: Uint8Array, size: number): number | null {
  let s = 0;
  let n = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const k = y * size + x;
      if (mask[k] && mask[k - 1] && mask[k + 1] && mask[k - size] && mask[k + size]) {
        s += hu[k] as number;
        n++;
      }
    }
  }
  return n >= 6 ? s / n : null;
}

describe('realistic phantoms', () => {
  it('paint blood darker than the classic 50-90 HU: the median lesion core is within the priors', () => {
    const means: number[] = [];
    for (let seed = 0; seed < 160 && means.length < 60; seed++) {
      const p = generatePhantom(4_400_000 + seed, { size: 224, realism: true });
      for (const s of SUBTYPES) {
        const m = coreMean(p.hu, subtypeMask(p.masks, s), 224);
        if (m !== null && s !== 'subarachnoid') means.push(m);
      }
    }
    means.sort((a, b) => a - b);
    const median = means[Math.floor(means.length / 2)] as number;
    expect(means.length).toBeGreaterThanOrEqual(40);
    expect(median).toBeGreaterThan(36);
    expect(median).toBeLessThan(62);
    expect(means.filter((m) => m < 50).length / means.length).toBeGreaterThan(0.25); // classic phantoms: none
  });

  it('labels still equal "mask not empty" with the mimics painted (mimics are negatives)', () => {
    for (let seed = 0; seed < 12; seed++) {
      const p = generatePhantom(4_500_000 + seed, { size: 224, realism: true });
      const any = p.masks.some((m) => m !== 0) ? 1 : 0;
      expect(p.labels[0]).toBe(any);
    }
  });

  it('plans every kind of mimic, and streaks more often at the skull base', () => {
    const rng = new Rng(3);
    const kinds = new Set<string>();
    let low = 0;
    let high = 0;
    for (let i = 0; i < 400; i++) {
      for (const m of planMimics(rng, 0.1, 60, 75)) {
        kinds.add(m.kind);
        if (m.kind === 'streaks') low++;
      }
      for (const m of planMimics(rng, 0.6, 60, 75)) {
        kinds.add(m.kind);
        if (m.kind === 'streaks') high++;
      }
    }
    expect([...kinds].sort()).toEqual(['calcification', 'fracture', 'scalp', 'sinus', 'streaks']);
    expect(low).toBeGreaterThan(2 * high);
  });
});

const hasCthead = existsSync(CTHEAD_PATH);
describe.skipIf(!hasCthead)('the UNC cadaver head as a composite background (needs ../shared/data/backgrounds)', () => {
  it('loads base-up with a plausible pixel size, and composites from it keep labels equal to masks', () => {
    const vol = loadCthead();
    expect(vol.depth).toBe(113);
    expect(vol.pixelMm).toBeGreaterThan(0.7);
    expect(vol.pixelMm).toBeLessThan(1.2);
    expect(vol.cavity[0]).toBeLessThan(vol.cavity[1]);
    let negativesBelow = 0;
    for (let seed = 0; seed < 40; seed++) {
      const c = generateComposite(9_900_000 + seed, vol, { size: 224, realism: true });
      expect(c.labels[0]).toBe(c.masks.some((m) => m !== 0) ? 1 : 0);
      if (c.meta.level < 0) negativesBelow++;
    }
    expect(negativesBelow).toBeGreaterThan(0);
  }, 120_000);

  it('livingBrain shifts the cadaver brain (about 50 HU) to a living adult median, bone and air kept in range', () => {
    const raw = loadCthead();
    const living = loadCthead(CTHEAD_PATH, { livingBrain: true });
    expect(medianBrainHu(raw)).toBeGreaterThanOrEqual(45);
    expect(Math.abs(medianBrainHu(living) - LIVING_BRAIN_HU)).toBeLessThanOrEqual(2);
    expect(living.cavity).toEqual(raw.cavity);
    const delta = (living.hu[60 * 256 * 256 + 128 * 256 + 128] as number) - (raw.hu[60 * 256 * 256 + 128 * 256 + 128] as number);
    expect(delta).toBe(LIVING_BRAIN_HU - medianBrainHu(raw));
    expect(Math.min(...living.hu.subarray(0, 65536))).toBeGreaterThanOrEqual(-1024);
  }, 60_000);
});
