/**
 * The held-out phantom metrics that `models/train/evaluate.py` writes beside the shipped weights
 * (models/resnet34/metrics.json, format "ich-metrics/1"), read at build time so the article quotes the
 * numbers of the model it ships, never numbers typed by hand. Null when no trained model ships.
 */
import { LABELS, type Label, type Stage } from './arch';
import type { LabReport } from './lab-report';

export interface OperatingPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
}

export interface LabelMetrics {
  positives: number;
  negatives: number;
  auc: number;
  atThreshold: OperatingPoint;
  calibration: { ece: number };
}

export interface ModelMetrics {
  test: { seedStart: number; count: number };
  val: { seedStart: number; count: number };
  labels: Record<Label, LabelMetrics>;
}

/** Checks the shape (a malformed file fails the build rather than printing NaN in the article). */
export function parseMetrics(json: unknown): ModelMetrics {
  const m = json as Partial<ModelMetrics> & { format?: string };
  if (m.format !== 'ich-metrics/1') throw new Error(`metrics.json: format ${String(m.format)}, expected ich-metrics/1`);
  for (const label of LABELS) {
    const l = m.labels?.[label];
    if (!l || !Number.isFinite(l.auc) || !Number.isFinite(l.atThreshold?.sensitivity)) {
      throw new Error(`metrics.json: no usable figures for ${label}`);
    }
  }
  return m as ModelMetrics;
}


const files = import.meta.glob<unknown>('../../models/resnet34/metrics.json', { eager: true, import: 'default' });

/** The shipped model's metrics, or null when the site runs the seeded stand-in. */
export function shippedMetrics(): ModelMetrics | null {
  const json = Object.values(files)[0];
  return json === undefined ? null : parseMetrics(json);
}

/** ROC AUC with its interval and operating point (src/metrics/class-figures.ts); null figures when not measurable. */
export interface RealAuc {
  n: number;
  positives: number;
  /** Patients (or scans) with at least one positive; version 1 files lack it. */
  positiveGroups?: number;
  auc: number | null;
  ci95: [number, number] | null;
  atThreshold: OperatingPoint | null;
  notMeasurable?: string;
}

/** One pointing-game variant (src/cli/real-pointing.ts). */
export interface RealPointing {
  hits: number;
  scored: number;
  rate: number;
  ci95: [number, number];
  reachable: number;
  ceiling: number;
}

/** Slices without blood flagged at the UI threshold, in one group of scans (src/metrics/scan-level.ts). */
export interface RealFalseAlarms {
  scans: number;
  negatives: number;
  flagged: number;
  meanPerScan: number;
  scansWithAlarm: number;
}

/** The shipped model's real-CT validation figures (`npm run evaluate -- --real DIR --summary ...`). */
export interface RealValidation {
  set: string;
  source: string;
  date: string;
  window8bit: { level: number; width: number };
  slices: number;
  patients: number;
  /** Version 2: every slice of each scan (then `scans` and `thirds` are filled). */
  wholeScans?: boolean;
  classes: { any: RealAuc & { auc: number; ci95: [number, number] } } & Partial<Record<Label, RealAuc>>;
  /** reachable/ceiling: masks a 7×7 map's upsampled peak can land in (src/metrics/pointing-game-ceiling.ts). */
  pointingGame: { hits: number; scored: number; rate: number; ci95: [number, number]; reachable?: number; ceiling?: number } | null;
  /** Version 2: Grad-CAM of `any` per layer, strict and within `tolerancePx`, each with its ceiling. */
  pointing?: { label: 'any'; tolerancePx: number; layers: Partial<Record<Stage, { cells: number; scored: number; flat: number; strict: RealPointing; tolerant: RealPointing }>> } | null;
  falsePositives: { slices: number; negatives: number; patients: number; patientsWithNegatives: number } | null;
  /** Version 2, whole-scan sets: AUC of the per-scan maximum, false alarms per scan. */
  scans?: { auc: RealAuc; falseAlarms: { threshold: number; withBleed: RealFalseAlarms; withoutBleed: RealFalseAlarms } | null } | null;
  /** Version 2, whole-scan sets: by third of the scan (bootstrap unit: scan). */
  thirds?: Record<'lower' | 'middle' | 'upper', RealAuc> | null;
}

/** Checks the shape of real-val.json (figures only; never per-slice outputs). */
export function parseRealValidation(json: unknown): RealValidation {
  const r = json as Partial<RealValidation> & { format?: string };
  // Version 2 (src/cli/real-report.ts) kept every field read here and added per-layer, scan and thirds figures.
  if (r.format !== 'ich-real-eval-summary/1' && r.format !== 'ich-real-eval-summary/2') throw new Error(`real-val.json: format ${String(r.format)}, expected ich-real-eval-summary/1 or /2`);
  const any = r.classes?.any;
  if (!any || !Number.isFinite(any.auc) || !Array.isArray(any.ci95)) throw new Error('real-val.json: no usable ROC AUC for any');
  return r as RealValidation;
}

/** The summaries `models/train/train.sh` writes: PHE-SICH (real-val.json) and CT-ICH (real-val-ct-ich.json), in that order. */
const realFiles = import.meta.glob<unknown>(['../../models/resnet34/real-val.json', '../../models/resnet34/real-val-ct-ich.json'], { eager: true, import: 'default' });

/** The shipped model's PHE-SICH figures (real-val.json), or null when none were measured. */
export function shippedRealValidation(): RealValidation | null {
  const json = realFiles['../../models/resnet34/real-val.json'];
  return json === undefined ? null : parseRealValidation(json);
}

/** Every real-CT validation summary shipped beside the weights (PHE-SICH first, then CT-ICH; absent ones left out). */
export function shippedRealSets(): RealValidation[] {
  return ['../../models/resnet34/real-val.json', '../../models/resnet34/real-val-ct-ich.json']
    .map((k) => realFiles[k])
    .filter((j) => j !== undefined)
    .map(parseRealValidation);
}

const modelMeta = import.meta.glob<unknown>('../../models/resnet34/model.json', { eager: true, import: 'meta' });

/** `meta` of the shipped model.json (thresholds, thresholdsFrom, ...), or null without trained weights. */
export function shippedModelMeta(): Record<string, unknown> | null {
  const m = Object.values(modelMeta)[0];
  return m && typeof m === 'object' ? (m as Record<string, unknown>) : null;
}

/** The evaluation lab's figures on the shipped model (`npm run evaluate -- --phantoms N --lab-summary ...`). */
export type LabSummary = LabReport & { readonly date: string; readonly weights: string };

const labFiles = import.meta.glob<unknown>('../../models/resnet34/lab.json', { eager: true, import: 'default' });

/** The lab summary shipped beside the model, or null. @throws Error when it is not an ich-lab/1 file */
export function shippedLab(): LabSummary | null {
  const json = Object.values(labFiles)[0] as LabSummary | undefined;
  if (json === undefined) return null;
  if (json.format !== 'ich-lab/1' || typeof json.methods !== 'object') throw new Error('models/resnet34/lab.json: not an ich-lab/1 summary');
  return json;
}
