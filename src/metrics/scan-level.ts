/**
 * Scan-level figures for sets of whole scans (every slice of each patient's scan): what a reader who
 * opens a scan experiences. A scan is positive when any of its slices is; its score is the maximum `any`
 * probability over its slices. ROC AUC over scans with a 95 % interval from a bootstrap over scans, and
 * false alarms: the slices without blood that reach the UI threshold, counted per scan, for scans with a
 * bleed and scans without one apart.
 */
import { aucFigures, type AucFigures } from './class-figures';

/** One slice: its scan (patient), its 0/1 `any` label and the model's `any` probability. */
export interface ScanSlice {
  readonly scan: string;
  readonly label: number;
  readonly probability: number;
}

/** False alarms in one group of scans. */
export interface FalseAlarms {
  /** Scans in the group. */
  readonly scans: number;
  /** Slices without blood in them. */
  readonly negatives: number;
  /** Those flagged (probability ≥ threshold). */
  readonly flagged: number;
  /** flagged / scans; NaN without scans. */
  readonly meanPerScan: number;
  /** Scans with at least one false alarm. */
  readonly scansWithAlarm: number;
  /** Per scan, in first-seen order: its id, flagged slices, slices without blood. */
  readonly perScan: readonly { readonly scan: string; readonly flagged: number; readonly negatives: number }[];
}

export interface ScanFigures {
  /** AUC over scans of the per-scan maximum probability (n = scans, positives = scans with a bleed). */
  readonly auc: AucFigures;
  /** Null when no threshold was given. */
  readonly falseAlarms: { readonly threshold: number; readonly withBleed: FalseAlarms; readonly withoutBleed: FalseAlarms } | null;
}

/**
 * @param threshold UI threshold of `any` (undefined: no false alarms); @param boot bootstrap resamples
 * @returns figures over the scans met in `rows` (an empty input gives n = 0 and a not-measurable AUC)
 */
export function scanLevel(rows: readonly ScanSlice[], threshold: number | undefined, boot = 2000): ScanFigures {
  const scans = new Map<string, { max: number; positive: boolean; flagged: number; negatives: number }>();
  for (const r of rows) {
    const s = scans.get(r.scan) ?? { max: -Infinity, positive: false, flagged: 0, negatives: 0 };
    scans.set(r.scan, s);
    s.max = Math.max(s.max, r.probability);
    if (r.label === 1) s.positive = true;
    else {
      s.negatives++;
      if (threshold !== undefined && r.probability >= threshold) s.flagged++;
    }
  }
  const ids = [...scans.keys()];
  const list = [...scans.values()];
  const auc = aucFigures(list.map((s) => (s.positive ? 1 : 0)), list.map((s) => s.max), ids, threshold, boot);
  if (threshold === undefined) return { auc, falseAlarms: null };
  const group = (positive: boolean): FalseAlarms => {
    const perScan = ids.flatMap((scan, k) => {
      const s = list[k] as (typeof list)[number];
      return s.positive === positive ? [{ scan, flagged: s.flagged, negatives: s.negatives }] : [];
    });
    const flagged = perScan.reduce((a, s) => a + s.flagged, 0);
    return {
      scans: perScan.length,
      negatives: perScan.reduce((a, s) => a + s.negatives, 0),
      flagged,
      meanPerScan: perScan.length ? flagged / perScan.length : Number.NaN,
      scansWithAlarm: perScan.filter((s) => s.flagged > 0).length,
      perScan,
    };
  };
  return { auc, falseAlarms: { threshold, withBleed: group(true), withoutBleed: group(false) } };
}
