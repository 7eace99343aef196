import { describe, expect, it } from 'vitest';
import { sliceThirds, thirdsFigures } from '../../../src/metrics/slice-thirds';

describe('thirds of a scan by slice rank', () => {
  it('10 slices: 4 lower, 3 middle, 3 upper, by slice number whatever the row order; 3 slices: one each', () => {
    const order = [7, 2, 10, 1, 5, 3, 9, 4, 6, 8];
    const t = sliceThirds([...order.map((slice) => ({ scan: 'X', slice })), { scan: 'Y', slice: 13 }, { scan: 'Y', slice: 11 }, { scan: 'Y', slice: 12 }]);
    const x = Object.fromEntries(order.map((s, i) => [s, t[i]]));
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => x[s])).toEqual(['lower', 'lower', 'lower', 'lower', 'middle', 'middle', 'middle', 'upper', 'upper', 'upper']);
    expect(t.slice(10)).toEqual(['upper', 'lower', 'middle']);
    expect(() => sliceThirds([{ scan: 'X', slice: Number.NaN }])).toThrow(/slice number/);
  });

  it('AUC and specificity per third, the interval by scan', () => {
    // X (6 slices): 1-2 lower, 3-4 middle, 5-6 upper; Y (3): 11 lower, 12 middle, 13 upper.
    const rows = [
      { scan: 'X', slice: 1, label: 0, probability: 0.2 },
      { scan: 'X', slice: 2, label: 1, probability: 0.6 },
      { scan: 'X', slice: 3, label: 0, probability: 0.5 },
      { scan: 'X', slice: 4, label: 1, probability: 0.4 },
      { scan: 'X', slice: 5, label: 1, probability: 0.9 },
      { scan: 'X', slice: 6, label: 1, probability: 0.8 },
      { scan: 'Y', slice: 11, label: 0, probability: 0.3 },
      { scan: 'Y', slice: 12, label: 0, probability: 0.1 },
      { scan: 'Y', slice: 13, label: 1, probability: 0.3 },
    ];
    const r = thirdsFigures(rows, 0.5, 400);
    // lower: 0.6 above 0.2 and 0.3; no clean slice reaches 0.5
    expect(r.lower).toMatchObject({ n: 3, positives: 1, auc: 1, ci95: [1, 1] });
    expect(r.lower.atThreshold).toEqual({ threshold: 0.5, sensitivity: 1, specificity: 1 });
    // middle: 0.4 below 0.5 (X) and above 0.1 (Y); X alone gives 0, both 0.5, Y alone no AUC
    expect(r.middle).toMatchObject({ n: 3, positives: 1, auc: 0.5, ci95: [0, 0.5] });
    expect(r.middle.atThreshold?.specificity).toBe(0.5);
    expect(r.upper).toMatchObject({ n: 3, positives: 3, auc: null, notMeasurable: 'no negatives' });
  });
});
