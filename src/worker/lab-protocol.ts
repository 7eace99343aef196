/**
 * The evaluation lab's messages between the page and the compute worker (issue #12's live islands):
 * long jobs that report progress, run beside the explorer's requests (not behind them), and can be
 * cancelled. Plain data and ArrayBuffers only. A job carries its own slices (HU), so it never depends on
 * the worker's current explorer slice.
 */
import type { LabJob, LabResult, LabSlice } from '../lab/job-types';

/** The job and result shapes are the lab's (src/lab/job-types.ts); re-exported for the page's side. */
export type { LabJob, LabResult, LabSlice, SanityStep } from '../lab/job-types';

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
