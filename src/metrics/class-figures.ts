/**
 * ROC AUC with its 95 % bootstrap interval and the operating point at a fixed threshold, for one 0/1
 * label over scored items, reported as not measurable (null figures and a reason) instead of NaN when
 * one class is absent. The real-CT harness uses it per labelled class, per third of the scan and, with
 * one group per scan, over scans.
 */
import { bootstrapByGroup } from './bootstrap';
import { operatingPoint, type OperatingPoint } from './operating-point';
import { rocAuc } from './roc-auc';

export interface AucFigures {
  /** Items scored. */
  readonly n: number;
  /** Items labelled 1. */
  readonly positives: number;
  /** Groups (patients, scans) holding at least one positive: with one, the interval only resamples the
   *  negatives (resamples without that group have no AUC and are skipped), so read it as conditional. */
  readonly positiveGroups: number;
  /** ROC AUC in [0, 1]; null when not measurable. */
  readonly auc: number | null;
  /** 95 % percentile interval over groups resampled with replacement; null when not measurable. */
  readonly ci95: readonly [number, number] | null;
  /** Sensitivity and specificity at the threshold (NaN/null for the absent class); null without a threshold. */
  readonly atThreshold: OperatingPoint | null;
  /** Why the AUC is missing ('no positives', 'no negatives'); absent when it was measured. */
  readonly notMeasurable?: string;
}

/**
 * @param labels 0/1 per item; @param scores probability per item; @param groups the bootstrap's unit per
 * item (patient, or scan); @param threshold the UI threshold (undefined: no operating point)
 * @param boot resamples (0: the interval is [NaN, NaN] → null)
 * @throws Error when the arrays differ in length
 */
export function aucFigures(labels: readonly number[], scores: readonly number[], groups: readonly string[], threshold: number | undefined, boot = 2000): AucFigures {
  if (scores.length !== labels.length || groups.length !== labels.length) throw new Error(`aucFigures: ${labels.length} labels, ${scores.length} scores, ${groups.length} groups`);
  const positives = labels.filter((v) => v === 1).length;
  const n = labels.length;
  const positiveGroups = new Set(groups.filter((_, i) => labels[i] === 1)).size;
  const atThreshold = threshold === undefined ? null : operatingPoint(labels, scores, threshold);
  if (positives === 0 || positives === n) return { n, positives, positiveGroups, auc: null, ci95: null, atThreshold, notMeasurable: positives === 0 ? 'no positives' : 'no negatives' };
  const ci = bootstrapByGroup(groups, (idx) => rocAuc(idx.map((i) => labels[i] as number), idx.map((i) => scores[i] as number)), boot);
  return { n, positives, positiveGroups, auc: rocAuc(labels, scores), ci95: Number.isFinite(ci[0]) ? ci : null, atThreshold };
}
