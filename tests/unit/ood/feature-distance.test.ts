/** The OOD score: principal directions and variances recovered on hand-made data, a mean of 1 on the fitting set, a calibrated threshold. */
import { describe, expect, it } from 'vitest';
import { fitSpace, matchesWeights, oodScore, quantile } from '../../../src/ood/feature-distance';

/** A seeded normal sampler (Box–Muller over a small LCG). */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Rows in 6 dimensions: standard deviations 5, 3 on the first two axes, 0.5 elsewhere, mean (10, 0, …). */
function rows(n: number, seed: number): number[][] {
  const g = normals(seed);
  return Array.from({ length: n }, () => [10 + 5 * g(), 3 * g(), 0.5 * g(), 0.5 * g(), 0.5 * g(), 0.5 * g()]);
}

describe('quantile', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([3, 1, 2, 4], 0)).toBe(1);
    expect(quantile([3, 1, 2, 4], 1)).toBe(4);
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.975)).toBeCloseTo(9.75, 12);
  });
});

describe('fitSpace and oodScore', () => {
  const fit = rows(4000, 1);
  const space = fitSpace(fit, 2);

  it('finds the two high-variance axes, their variances and the residual energy', () => {
    expect(Math.abs(space.components[0]?.[0] ?? 0)).toBeGreaterThan(0.99);
    expect(Math.abs(space.components[1]?.[1] ?? 0)).toBeGreaterThan(0.99);
    expect(space.eigenvalues[0]).toBeGreaterThan(25 * 0.9);
    expect(space.eigenvalues[0]).toBeLessThan(25 * 1.1);
    expect(space.eigenvalues[1]).toBeGreaterThan(9 * 0.9);
    expect(space.eigenvalues[1]).toBeLessThan(9 * 1.1);
    // Four axes of variance 0.25 are left: ‖r‖² averages 1.
    expect(space.residualScale).toBeGreaterThan(0.9);
    expect(space.residualScale).toBeLessThan(1.1);
    expect(space.mean[0]).toBeCloseTo(10, 0);
  });

  it('scores the fitting set about 1 on average, the mean itself 0, and a point off the data far', () => {
    const mean = fit.reduce((s, r) => s + oodScore(space, r), 0) / fit.length;
    expect(mean).toBeGreaterThan(0.95);
    expect(mean).toBeLessThan(1.05);
    expect(oodScore(space, space.mean)).toBeCloseTo(0, 10);
    // 3 standard deviations along the first axis: ½ · (9/2 + 0) = 2.25.
    const along = [...space.mean];
    along[0] = (along[0] ?? 0) + 3 * Math.sqrt(space.eigenvalues[0] ?? 0) * Math.sign(space.components[0]?.[0] ?? 1);
    expect(oodScore(space, along)).toBeCloseTo(2.25, 1);
    // Off the data's subspace: 4 units on a low-variance axis is ‖r‖² = 16, ½ · 16 / ρ ≈ 8.
    const off = [...space.mean];
    off[3] = (off[3] ?? 0) + 4;
    expect(oodScore(space, off)).toBeGreaterThan(7);
  });

  it('a threshold at the 97.5th percentile of calibration scores passes at least 95 % of fresh held-out rows', () => {
    const threshold = quantile(rows(1000, 2).map((r) => oodScore(space, r)), 0.975);
    const held = rows(2000, 3).map((r) => oodScore(space, r));
    expect(held.filter((s) => s <= threshold).length / held.length).toBeGreaterThanOrEqual(0.95);
    // …and flags rows drawn from a shifted distribution.
    const shifted = rows(200, 4).map((r) => r.map((v, j) => (j === 4 ? v + 3 : v)));
    expect(shifted.filter((r) => oodScore(space, r) > threshold).length).toBeGreaterThan(190);
  });

  it('refuses too few rows and checks the feature count and the weights', () => {
    expect(() => fitSpace(rows(3, 5), 2)).toThrow(/3 rows for 2 components/);
    expect(() => oodScore(space, [1, 2])).toThrow(/2 features, expected 6/);
    expect(matchesWeights({ weightsSha256: '083eb98dd59ddd9d4242' }, '083eb98dd59d')).toBe(true);
    expect(matchesWeights({ weightsSha256: '083eb98dd59ddd9d4242' }, '083e')).toBe(false);
    expect(matchesWeights({ weightsSha256: '083eb98dd59ddd9d4242' }, 'ffffffffffff')).toBe(false);
  });
});
