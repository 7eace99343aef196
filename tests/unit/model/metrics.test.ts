import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../../src/model/arch';
import { parseMetrics, parseRealValidation, shippedMetrics } from '../../../src/model/metrics';

const label = { positives: 3, negatives: 7, auc: 0.9, atThreshold: { threshold: 0.4, sensitivity: 1, specificity: 0.8 }, calibration: { ece: 0.02 } };
const valid = {
  format: 'ich-metrics/1',
  test: { seedStart: 3_000_000, count: 10 },
  val: { seedStart: 2_000_000, count: 10 },
  labels: Object.fromEntries(LABELS.map((l) => [l, label])),
};
const SHIPPED = fileURLToPath(new URL('../../../models/resnet34/metrics.json', import.meta.url));

describe('parseMetrics', () => {
  it('accepts evaluate.py output with all six labels', () => {
    expect(parseMetrics(valid).labels.subdural.auc).toBe(0.9);
  });
  it('rejects another format, a missing label, or a non-numeric AUC', () => {
    expect(() => parseMetrics({ ...valid, format: 'x' })).toThrow(/format x/);
    const { subdural: _, ...five } = valid.labels;
    expect(() => parseMetrics({ ...valid, labels: five })).toThrow(/subdural/);
    expect(() => parseMetrics({ ...valid, labels: { ...valid.labels, any: { ...label, auc: null } } })).toThrow(/any/);
  });
});

describe('shippedMetrics', () => {
  it('is the file beside the shipped weights, or null when none ships', () => {
    const m = shippedMetrics();
    if (existsSync(SHIPPED)) expect(m).toEqual(JSON.parse(readFileSync(SHIPPED, 'utf8')));
    else expect(m).toBeNull();
  });
});

describe('parseRealValidation', () => {
  const any = { n: 10, positives: 4, auc: 0.8, ci95: [0.7, 0.9], atThreshold: null };
  it('reads summaries of format 1 and 2 (2 added fields, kept the old ones)', () => {
    expect(parseRealValidation({ format: 'ich-real-eval-summary/1', classes: { any } }).classes.any.auc).toBe(0.8);
    expect(parseRealValidation({ format: 'ich-real-eval-summary/2', classes: { any }, scans: null, thirds: null }).classes.any.auc).toBe(0.8);
  });
  it('rejects another format or an AUC that was not measurable', () => {
    expect(() => parseRealValidation({ format: 'ich-real-eval-summary/3', classes: { any } })).toThrow(/expected ich-real-eval-summary\/1 or \/2/);
    expect(() => parseRealValidation({ format: 'ich-real-eval-summary/2', classes: { any: { ...any, auc: null, ci95: null } } })).toThrow(/no usable ROC AUC/);
  });
});
