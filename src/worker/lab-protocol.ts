/**
 * The evaluation lab's messages between the page and the compute worker (issue #12's live islands):
 * long jobs that report progress, run beside the explorer's requests (not behind them), and can be
 * cancelled. Plain data and ArrayBuffers only. A job carries its own slices (HU), so it never depends on
 * the worker's current explorer slice.
 */
import type { MethodName } from '../explain/method';
import type { Localisation, LocalisationSummary } from '../metrics/localisation';
import type { MapSimilarity } from '../metrics/map-similarity';
import type { PerturbationCurves } from '../metrics/deletion-insertion';
import type { Block } from '../model/randomise';

/** One slice of a job: HU, row-major size×size (size = √length), and for localisation its ground-truth mask. */
export interface LabSlice {
  readonly hu: Float32Array;
  /** size² values, non-zero inside the lesion. */
  readonly mask?: Uint8Array;
}

/** What to compute. */
export type LabJob =
  /** On the first slice: cascading randomisation from fc down to conv1 (seeded), each method's map after each step. */
  | { readonly kind: 'sanity'; readonly methods: readonly MethodName[]; readonly seed: number }
  /** On every slice (each with a mask): pointing game, energy and top-5 % IoU of each method's map, and their summary. */
  | { readonly kind: 'localisation'; readonly methods: readonly MethodName[] }
  /** On the first slice: deletion and insertion curves toward the blurred slice, `steps` equal steps per curve. */
  | { readonly kind: 'faithfulness'; readonly methods: readonly MethodName[]; readonly steps: number };

/** Page → worker. */
export type LabRequest =
  /**
   * Run `job` on `slices` (at least one; moved to the worker), explaining output `label` (0..5, LABELS
   * order). Answered by `lab-progress`* then `lab-result`, or `error` ('stale' when cancelled,
   * 'not-ready' before the model is loaded).
   */
  | { readonly type: 'lab'; readonly id: number; readonly label: number; readonly job: LabJob; readonly slices: readonly LabSlice[] }
  /** Stop the lab job `target` at its next step (queued jobs never start). Answered by nothing. */
  | { readonly type: 'lab-cancel'; readonly id: number; readonly target: number };

/** One cascade step: the maps with `block` and everything above it random. */
export interface SanityStep {
  readonly block: Block;
  /** Per method (job order): Σ|map| per pixel, size² values ≥ 0. */
  readonly maps: readonly Float32Array[];
  /** Per method: similarity with the trained network's map. */
  readonly similarity: readonly MapSimilarity[];
}

export type LabResult =
  | {
      readonly kind: 'sanity';
      readonly methods: readonly MethodName[];
      readonly size: number;
      /** Per method: the trained network's Σ|map| per pixel, size² values ≥ 0. */
      readonly trained: readonly Float32Array[];
      /** fc, layer4, …, conv1, in cascade order. */
      readonly steps: readonly SanityStep[];
      readonly seed: number;
      /** Wall time of the whole job in the worker, ms. */
      readonly ms: number;
    }
  | {
      readonly kind: 'localisation';
      readonly methods: readonly MethodName[];
      /** Per slice (job order), per method (job order). */
      readonly rows: readonly (readonly Localisation[])[];
      /** Per method, over every slice. */
      readonly summary: readonly LocalisationSummary[];
      /** Per method: Σ|map| per pixel on the first slice, size² values ≥ 0 (for the pictures). */
      readonly maps: readonly Float32Array[];
      /** The label's probability on each slice, [0, 1]. */
      readonly probabilities: readonly number[];
      readonly ms: number;
    }
  | {
      readonly kind: 'faithfulness';
      readonly methods: readonly MethodName[];
      readonly steps: number;
      /** Per method: the label's probability along deletion and insertion, with the areas. */
      readonly curves: readonly PerturbationCurves[];
      /** The label's probability on the slice itself and on the blurred baseline, [0, 1]. */
      readonly original: number;
      readonly baseline: number;
      readonly ms: number;
    };

/** Worker → page. */
export type LabResponse =
  /** `done` of `total` units of work (explanations and forward passes) of lab job `id`. */
  | { readonly type: 'lab-progress'; readonly id: number; readonly done: number; readonly total: number }
  /**
   * A sanity check's strip column as soon as it is computed: column 0 the trained network's maps, column
   * k the maps after randomising down to CASCADE[k - 1]; per method (job order) Σ|map| per pixel. The
   * result repeats them.
   */
  | { readonly type: 'lab-column'; readonly id: number; readonly column: number; readonly maps: readonly Float32Array[] }
  | { readonly type: 'lab-result'; readonly id: number; readonly result: LabResult };
