/**
 * The evaluation lab's jobs and their results as plain data (issue #12's live islands): what
 * `runLabJob` (./jobs.ts) takes and returns. The lab owns these shapes; the compute worker's messages
 * (src/worker/lab-protocol.ts) carry them, so the lab never imports the worker.
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
