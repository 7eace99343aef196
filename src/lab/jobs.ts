/**
 * The evaluation lab's three jobs (localisation on one slice or many, the others on one), as the
 * article's live islands run them in the compute worker (src/worker/lab-handler.ts): the same per-slice
 * figures as `npm run evaluate -- --phantoms N` (src/cli/lab-eval.ts), from the same modules. Each job
 * calls `tick` after every unit of work (one explanation or one forward pass): the worker reports
 * progress there, yields to its message queue, and stops a cancelled job by throwing from it. Plain data
 * out; every tensor made here is released, also when a job stops early.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { huToModelInput } from '../ct/window';
import type { ExplainRequest, MethodName } from '../explain/method';
import { openSession, type ExplanationMap } from '../explain/run';
import type { ResNetSpec } from '../model/arch';
import { cascadeSteps, CASCADE } from '../model/randomise';
import type { ResNet } from '../model/resnet34';
import { blurInput } from '../metrics/blur-baseline';
import { localise, summariseLocalisation, type Localisation } from '../metrics/localisation';
import { mapSimilarity } from '../metrics/map-similarity';
import { perPixel } from '../metrics/per-pixel';
import type { LabJob, LabResult, LabSlice, SanityStep } from './job-types';
import { faithfulness, slicePasses } from './faithfulness';
import { labelProbabilities } from './label-probability';
import { withRandomisedNet } from './randomised-net';

/** The trained network and its weights (never disposed here). */
export interface LabModel {
  readonly net: ResNet;
  readonly weights: tf.NamedTensorMap;
  readonly spec: ResNetSpec;
}

/** After each unit of work: `done` of `total`. May throw to stop the job. */
export type Tick = (done: number, total: number) => Promise<void>;

/** A sanity check's strip column once computed (0: trained; k: randomised down to CASCADE[k - 1]), per method Σ|map|. */
export type OnColumn = (column: number, maps: readonly Float32Array[]) => void;

/** Units of work a job on `slices` slices takes (for the progress bar). */
export function jobUnits(job: LabJob, slices = 1): number {
  const m = job.methods.length;
  if (job.kind === 'sanity') return m * (1 + CASCADE.length);
  if (job.kind === 'localisation') return m * slices;
  return m + slicePasses(m, job.steps);
}

const request = (method: MethodName, label: number): ExplainRequest => ({ method, label });

/** Every method's map of `input` on `net` (one forward pass, `onMap` after each map) and the label's probability. */
async function mapsOf(net: ResNet, input: Float32Array, size: number, methods: readonly MethodName[], label: number, onMap: () => Promise<void>): Promise<{ maps: ExplanationMap[]; probability: number }> {
  const session = await openSession(net, input, size);
  try {
    // The gradient-type maps in one batched backward pass where the methods allow it (src/explain/batched.ts).
    await session.prefetch(methods.map((m) => request(m, label)));
    const maps: ExplanationMap[] = [];
    for (const m of methods) {
      maps.push(await session.explain(request(m, label)));
      await onMap();
    }
    return { maps, probability: session.probabilities[label] as number };
  } finally {
    session.dispose();
  }
}

/** Side of a square slice of `n` values. @throws Error when `n` is not a square */
function sideOf(n: number): number {
  const size = Math.round(Math.sqrt(n));
  if (size * size !== n || size === 0) throw new Error(`lab: a slice of ${n} values is not square`);
  return size;
}

/**
 * Run one job.
 * @param slices at least one; `sanity` and `faithfulness` use the first, `localisation` every one (each with a mask)
 * @param label output index explained (0..5, LABELS order)
 * @param onColumn sanity check only: each strip column as soon as it is computed
 */
export async function runLabJob(model: LabModel, label: number, job: LabJob, slices: readonly LabSlice[], tick: Tick, onColumn?: OnColumn): Promise<LabResult> {
  const t0 = performance.now();
  const first = slices[0];
  if (!first) throw new Error('lab: a job needs at least one slice');
  const total = jobUnits(job, slices.length);
  let done = 0;
  const step = (): Promise<void> => tick(++done, total);

  if (job.kind === 'localisation') {
    const rows: Localisation[][] = [];
    const probabilities: number[] = [];
    let maps: Float32Array[] = [];
    for (const [k, s] of slices.entries()) {
      const size = sideOf(s.hu.length);
      if (s.mask?.length !== s.hu.length) throw new Error(`localisation: slice ${k} has no mask of ${s.hu.length} values`);
      const mask = s.mask;
      const r = await mapsOf(model.net, huToModelInput(s.hu, size), size, job.methods, label, step);
      rows.push(r.maps.map((m) => localise(m, mask)));
      probabilities.push(r.probability);
      if (k === 0) maps = r.maps.map((m) => perPixel(m, true));
    }
    const summary = job.methods.map((_, i) => summariseLocalisation(rows.map((r) => r[i] as Localisation)));
    return { kind: 'localisation', methods: job.methods, rows, summary, maps, probabilities, ms: performance.now() - t0 };
  }

  const size = sideOf(first.hu.length);
  const input = huToModelInput(first.hu, size);
  const { maps: trained } = await mapsOf(model.net, input, size, job.methods, label, step);

  if (job.kind === 'sanity') {
    const trainedAbs = trained.map((m) => perPixel(m, true));
    onColumn?.(0, trainedAbs);
    const steps: SanityStep[] = [];
    for (const blocks of cascadeSteps()) {
      const { maps } = await withRandomisedNet(model.weights, model.spec, blocks, job.seed, (net) => mapsOf(net, input, size, job.methods, label, step));
      steps.push({
        block: blocks[blocks.length - 1] as SanityStep['block'],
        maps: maps.map((m) => perPixel(m, true)),
        similarity: maps.map((m, i) => mapSimilarity(trained[i] as ExplanationMap, m)),
      });
      onColumn?.(steps.length, (steps[steps.length - 1] as SanityStep).maps);
    }
    return { kind: 'sanity', methods: job.methods, size, trained: trainedAbs, steps, seed: job.seed, ms: performance.now() - t0 };
  }

  const baseline = blurInput(input, size, model.spec.inChannels);
  const curves = [];
  const [pInput, pBaseline] = await labelProbabilities(model.net, [input, baseline], label, step);
  const endpoints = { input: pInput as number, baseline: pBaseline as number };
  for (const map of trained) curves.push(await faithfulness(model.net, input, baseline, map, job.steps, label, step, endpoints));
  const c0 = curves[0];
  return {
    kind: 'faithfulness',
    methods: job.methods,
    steps: job.steps,
    curves,
    original: c0?.deletion[0] ?? NaN,
    baseline: c0?.insertion[0] ?? NaN,
    ms: performance.now() - t0,
  };
}
