import { describe, expect, it } from 'vitest';
import { aucFigures } from '../../../src/metrics/class-figures';

describe('ROC AUC with its interval, or "not measurable"', () => {
  it('by hand: 3 of 4 positive-negative pairs ordered right; operating point at 0.5', () => {
    const r = aucFigures([1, 0, 1, 0], [0.9, 0.1, 0.4, 0.6], ['a', 'a', 'b', 'b'], 0.5, 200);
    expect(r.auc).toBe(0.75);
    expect(r.n).toBe(4);
    expect(r.positives).toBe(2);
    expect(r.positiveGroups).toBe(2);
    expect(r.atThreshold).toEqual({ threshold: 0.5, sensitivity: 0.5, specificity: 0.5 });
    // resamples: a alone → 1, b alone → 0, both → 0.75
    expect(r.ci95![0]).toBeGreaterThanOrEqual(0);
    expect(r.ci95![1]).toBeLessThanOrEqual(1);
    expect(r.notMeasurable).toBeUndefined();
  });

  it('no positives or no negatives: null figures and the reason, never NaN', () => {
    const none = aucFigures([0, 0], [0.2, 0.7], ['a', 'b'], 0.5);
    expect(aucFigures([1, 0, 1, 0], [0.9, 0.1, 0.4, 0.6], ['a', 'a', 'a', 'b'], 0.5).positiveGroups).toBe(1);
    expect(none).toMatchObject({ n: 2, positives: 0, positiveGroups: 0, auc: null, ci95: null, notMeasurable: 'no positives' });
    expect(none.atThreshold?.specificity).toBe(0.5);
    expect(aucFigures([1, 1], [0.2, 0.7], ['a', 'b'], undefined)).toMatchObject({ auc: null, notMeasurable: 'no negatives', atThreshold: null });
    expect(() => aucFigures([1], [0.2, 0.3], ['a'], 0.5)).toThrow(/1 labels, 2 scores/);
  });
});
