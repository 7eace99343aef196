import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src/metrics/roc-auc';
import { bootstrapByGroup } from '../../../src/metrics/bootstrap';
import { pointingGame } from '../../../src/metrics/pointing-game';
import { operatingPoint } from '../../../src/metrics/operating-point';

describe('ROC AUC', () => {
  it('counts ordered pairs by hand: 3 positives, 2 negatives', () => {
    // Pairs (pos, neg): 0.9 beats both, 0.4 beats 0.3 only and ties 0.4 (half), 0.2 beats none: (2 + 1.5 + 0) / 6.
    expect(rocAuc([1, 1, 1, 0, 0], [0.9, 0.4, 0.2, 0.4, 0.3])).toBeCloseTo(3.5 / 6, 12);
  });
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when all tie', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });
  it('is NaN with one class, and refuses different lengths', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(() => rocAuc([1, 0], [0.2])).toThrow(/2 labels but 1 scores/);
  });
});

describe('bootstrap by patient', () => {
  it('gives a degenerate interval when every patient has the same value', () => {
    const groups = ['a', 'a', 'b', 'c', 'c'];
    const values = [2, 2, 2, 2, 2];
    expect(bootstrapByGroup(groups, (idx) => idx.reduce((s, i) => s + (values[i] as number), 0) / idx.length, 200)).toEqual([2, 2]);
  });
  it('resamples whole patients: a mean over two patients of 0 and 1 stays within [0, 1] and is seeded', () => {
    const groups = ['a', 'a', 'a', 'b'];
    const values = [0, 0, 0, 1];
    const mean = (idx: number[]): number => idx.reduce((s, i) => s + (values[i] as number), 0) / idx.length;
    const ci = bootstrapByGroup(groups, mean, 500, 7);
    // Resamples are {a,a}: 0, {b,b}: 1, {a,b}: 1/4 (four slices, one positive); so 2.5 % = 0 and 97.5 % = 1.
    expect(ci).toEqual([0, 1]);
    expect(bootstrapByGroup(groups, mean, 500, 7)).toEqual(ci);
  });
});

describe('pointing game', () => {
  it('hits when the maximum is inside the mask, misses otherwise, and skips an empty mask', () => {
    expect(pointingGame([0, 3, 1, 2], [0, 1, 0, 0])).toBe(1);
    expect(pointingGame([0, 3, 1, 2], [0, 0, 1, 1])).toBe(0);
    expect(pointingGame([0, 3, 1, 2], [0, 0, 0, 0])).toBeNull();
  });
  it('counts a tie as a hit when any tied maximum is inside', () => {
    expect(pointingGame([5, 1, 5], [0, 0, 1])).toBe(1);
  });
});

describe('operating point', () => {
  it('gives sensitivity and specificity at a threshold (≥ is positive)', () => {
    const op = operatingPoint([1, 1, 0, 0, 0], [0.9, 0.5, 0.5, 0.2, 0.1], 0.5);
    expect(op).toEqual({ threshold: 0.5, sensitivity: 1, specificity: 2 / 3 });
  });
});
