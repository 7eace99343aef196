import { describe, expect, it } from 'vitest';
import { scanLevel } from '../../../src/metrics/scan-level';

const slices = (scan: string, labels: number[], probs: number[]) => labels.map((label, i) => ({ scan, label, probability: probs[i] as number }));

// A: bleed, max 0.9, 1 of 2 clean slices ≥ 0.5. B: none, max 0.7, 2 of 2 flagged. C: none, max 0.3.
// D: bleed, max 0.65 (its clean slice), 1 of 1 flagged.
const rows = [
  ...slices('A', [0, 1, 0], [0.6, 0.9, 0.2]),
  ...slices('B', [0, 0], [0.7, 0.55]),
  ...slices('C', [0, 0, 0], [0.1, 0.3, 0.2]),
  ...slices('D', [1, 0], [0.4, 0.65]),
];

describe('scan-level figures', () => {
  it('AUC of the per-scan maximum: A (0.9) and D (0.65) against B (0.7) and C (0.3): 3 of 4 pairs', () => {
    const r = scanLevel(rows, 0.5, 200);
    expect(r.auc).toMatchObject({ n: 4, positives: 2, auc: 0.75 });
    expect(r.auc.atThreshold).toEqual({ threshold: 0.5, sensitivity: 1, specificity: 0.5 });
    expect(r.auc.ci95![0]).toBeLessThanOrEqual(0.75);
    expect(r.auc.ci95![1]).toBeGreaterThanOrEqual(0.75);
  });

  it('false alarms per scan, scans with and without a bleed apart', () => {
    const fa = scanLevel(rows, 0.5, 0).falseAlarms!;
    expect(fa.threshold).toBe(0.5);
    expect(fa.withBleed).toEqual({ scans: 2, negatives: 3, flagged: 2, meanPerScan: 1, scansWithAlarm: 2, perScan: [{ scan: 'A', flagged: 1, negatives: 2 }, { scan: 'D', flagged: 1, negatives: 1 }] });
    expect(fa.withoutBleed).toEqual({ scans: 2, negatives: 5, flagged: 2, meanPerScan: 1, scansWithAlarm: 1, perScan: [{ scan: 'B', flagged: 2, negatives: 2 }, { scan: 'C', flagged: 0, negatives: 3 }] });
  });

  it('no threshold: no false alarms; only one kind of scan: AUC not measurable, mean NaN for the empty group', () => {
    expect(scanLevel(rows, undefined, 0).falseAlarms).toBeNull();
    const one = scanLevel(slices('A', [0, 1], [0.6, 0.9]), 0.5, 0);
    expect(one.auc).toMatchObject({ auc: null, notMeasurable: 'no negatives' });
    expect(one.falseAlarms!.withoutBleed.meanPerScan).toBeNaN();
    expect(one.falseAlarms!.withBleed.meanPerScan).toBe(1);
  });
});
