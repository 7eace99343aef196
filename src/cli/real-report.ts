/**
 * The shape of the real-CT harness's report (real-eval.ts). `reportSummary` writes it without `items`
 * and `dir` as `ich-real-eval-summary/2` (models/resnet34/real-val.json; readers: src/model/metrics.ts,
 * models/train/card.py). Version 2 kept every field of version 1 (`classes.*.auc` and `ci95` now null
 * when not measurable) and added `wholeScans`, `pointing`, `scans` and `thirds`.
 */
import type { Window } from '../ct/window';
import type { Label, Stage } from '../model/arch';
import type { AucFigures } from '../metrics/class-figures';
import type { ScanFigures } from '../metrics/scan-level';
import type { Third } from '../metrics/slice-thirds';
import type { LayerFigures, LayerPointing } from './real-pointing';

export const REAL_FORMAT = 'ich-real-eval/2';

/** One row of labels.csv. */
export interface RealItem {
  readonly id: string;
  readonly patient: string;
  /** The `slice` column when present: larger = higher in the head (ct-ich: numbered from the bottom). */
  readonly slice?: number;
  /** Labelled classes only. */
  readonly labels: Partial<Record<Label, number>>;
}

/** Per slice (the --json report only, never the summary). */
export interface SliceOutput {
  readonly id: string;
  readonly patient: string;
  readonly slice?: number;
  /** LABELS order, [0, 1]. */
  readonly probabilities: number[];
  /** Strict layer4 pointing-game hit, as in version 1 (null: not scored). */
  readonly hit: 0 | 1 | null;
  /** Per layer, on masked positive slices only. */
  readonly pointing: Partial<Record<Stage, LayerPointing>>;
  /** Third of its scan (whole-scan sets), else null. */
  readonly third: Third | null;
}

export interface RealReport {
  readonly format: typeof REAL_FORMAT;
  readonly dir: string;
  readonly window8bit: Window;
  readonly slices: number;
  readonly patients: number;
  /** Every slice of each scan (isWholeScanSet): `scans` and `thirds` are then filled. */
  readonly wholeScans: boolean;
  /** Per labelled class; bootstrap unit: patient. */
  readonly classes: Partial<Record<Label, AucFigures>>;
  /** Version 1's figure, kept for its readers: strict pointing game of Grad-CAM layer4 (= pointing.layers.layer4.strict). */
  readonly pointingGame: { readonly hits: number; readonly scored: number; readonly rate: number; readonly ci95: readonly [number, number]; readonly reachable: number; readonly ceiling: number } | null;
  /** Grad-CAM of `any` per layer, at the slice's own resolution; null when no masked positive slice. */
  readonly pointing: { readonly label: 'any'; readonly tolerancePx: number; readonly layers: Partial<Record<Stage, LayerFigures>> } | null;
  /** `any` at its UI threshold on the negative slices: false-positive slices, and patients with at least one. */
  readonly falsePositives: { readonly slices: number; readonly negatives: number; readonly patients: number; readonly patientsWithNegatives: number } | null;
  /** Over scans (whole-scan sets only): AUC of the per-scan maximum, false alarms per scan. */
  readonly scans: ScanFigures | null;
  /** By third of the scan (whole-scan sets only); bootstrap unit: scan. */
  readonly thirds: Record<Third, AucFigures> | null;
  readonly items: readonly SliceOutput[];
}
