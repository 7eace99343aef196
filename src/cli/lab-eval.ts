/**
 * The evaluation lab over held-out phantoms (issue #12, METHODS.md "Evaluation of explanations"), for
 * `npm run evaluate -- --phantoms N`: per method, for the `any` label on bleeding phantoms,
 *   - sanity check: cascading randomisation from fc down to conv1 (Adebayo et al. 2018), Spearman ρ of the
 *     signed and absolute per-pixel map and SSIM against the trained model's map, at each depth;
 *   - localisation: pointing game, energy pointing game, IoU of the top 5 % with the bleed mask;
 *   - faithfulness: deletion and insertion areas (Petsiuk et al. 2018), baseline the blurred slice.
 * One lean forward pass per perturbed input (the curves' end points shared by the maps of a slice), so the
 * curves dominate the time. Each phantom is one `LabSliceRecord`; the report summarises them, with 95 %
 * bootstrap intervals of the means.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cropMasksToGrid, cropToHead } from '../ct/head-crop';
import { huToModelInput, MODEL_SIZE } from '../ct/window';
import { METHOD_NAMES, type ExplainRequest, type MethodName } from '../explain/method';
import { explainAll, type ExplanationMap } from '../explain/run';
import type { ResNetSpec } from '../model/arch';
import { cascadeSteps, CASCADE, mixWeights, type Block } from '../model/randomise';
import { seededWeights } from '../model/weights-seeded';
import { createResNet, type ResNet } from '../model/resnet34';
import { generatePhantom } from '../phantom/generate';
import { BLUR_BASELINE_TEXT, blurInput } from '../metrics/blur-baseline';
import { localise } from '../metrics/localisation';
import { mapSimilarity } from '../metrics/map-similarity';
import { faithfulness } from '../lab/faithfulness';
import type { LabMethodRow, LabReport } from '../model/lab-report';
import { bootstrapByGroup } from '../metrics/bootstrap';
import { labelProbabilities } from '../lab/label-probability';

export type { LabMethodRow, LabReport } from '../model/lab-report';

export interface LabOptions {
  readonly methods?: readonly MethodName[];
  /** First phantom seed (held out: the model card's test seeds start at 2,000,000). */
  readonly seedStart?: number;
  /** Equal steps of the deletion and insertion curves. */
  readonly steps?: number;
  /** Seed of the randomised weights. */
  readonly randomSeed?: number;
  /** Also the independent variant: each block randomised alone (six more passes of every method per slice). */
  readonly independent?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

const mean = (v: readonly number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/** One phantom's figures per method (null where the slice could not be scored, e.g. no positive mass). */
export interface LabSliceMethod {
  pg: number | null;
  epg: number | null;
  iou: number | null;
  del: number;
  ins: number;
  /** Per randomised block (cascading): Spearman ρ of |map|, signed ρ, SSIM; `ind`: the block alone. */
  rho: Partial<Record<Block, number>>;
  rhoS: Partial<Record<Block, number>>;
  ss: Partial<Record<Block, number>>;
  ind: Partial<Record<Block, number>>;
}

/** What one phantom contributes: the unit a worker sends back and `--records` keeps (one JSON line each). */
export interface LabSliceRecord {
  readonly seed: number;
  readonly methods: Record<string, LabSliceMethod>;
}

/** The first `n` bleeding phantoms' seeds from `seedStart` (localisation and the `any` evidence need a bleed). */
export function bleedingSeeds(n: number, seedStart = 2_000_000): number[] {
  const seeds: number[] = [];
  for (let seed = seedStart; seeds.length < n; seed++) if (generatePhantom(seed, { size: MODEL_SIZE }).labels[0]) seeds.push(seed);
  return seeds;
}

/**
 * The lab over one slice at a time. Its memory stays flat over any number of slices: one seeded random
 * weight set is made once and shared by every randomised network (each step's weights are the trained
 * and random tensors mixed, nothing copied); each randomised network lives only while its step's maps
 * are made, so its backward kernels (as large as the weights) are freed before the next is built; every
 * method runs its passes one input at a time. At most the trained weights and kernels, the random set,
 * one step's kernels and one forward state are held at once.
 */
export interface LabRunner {
  slice(seed: number): Promise<LabSliceRecord>;
  dispose(): void;
}

/**
 * @param net the trained network (not disposed; its backward kernels are made here, up front, and kept)
 * @param trained the trained weights (not disposed) and their spec
 */
export function labRunner(net: ResNet, trained: tf.NamedTensorMap, spec: ResNetSpec, opts: LabOptions = {}): LabRunner {
  const methods = opts.methods ?? METHOD_NAMES;
  const steps = opts.steps ?? 10;
  const size = MODEL_SIZE;
  const requests: ExplainRequest[] = methods.map((method) => ({ method, label: 0 }));
  // The trained network's kernels are needed by every slice: made once now, so nothing grows later.
  while (net.prepareBackward());
  const random = seededWeights(spec, opts.randomSeed ?? 12345);
  const cascade: { kind: 'cascade' | 'independent'; blocks: readonly Block[] }[] = [
    ...cascadeSteps().map((blocks) => ({ kind: 'cascade' as const, blocks })),
    ...(opts.independent ? CASCADE.map((b) => ({ kind: 'independent' as const, blocks: [b] })) : []),
  ];
  /** The maps of `input` on the network with `blocks` randomised, built for this call only. */
  async function randomisedMaps(blocks: readonly Block[], input: Float32Array): Promise<ExplanationMap[]> {
    const randomNet = createResNet(mixWeights(trained, random, blocks), spec);
    try {
      return (await explainAll(randomNet, input, size, requests)).maps;
    } finally {
      randomNet.dispose(); // its backward kernels; the weights are the trained and random sets'
    }
  }
  async function slice(seed: number): Promise<LabSliceRecord> {
    const p = generatePhantom(seed, { size });
    const grid = cropToHead(Float32Array.from(p.hu), size, size);
    const mask = grid.box ? cropMasksToGrid(p.masks, size, size, grid.box) : p.masks;
    const input = huToModelInput(grid.hu, size);
    const trainedMaps = (await explainAll(net, input, size, requests)).maps;
    const baseline = blurInput(input, size, spec.inChannels);
    // Both curves of every map start and end on these two: scored once per slice.
    const [pInput, pBaseline] = await labelProbabilities(net, [input, baseline], 0);
    const endpoints = { input: pInput as number, baseline: pBaseline as number };
    const out: Record<string, LabSliceMethod> = {};
    for (const [i, m] of methods.entries()) {
      const map = trainedMaps[i] as ExplanationMap;
      const loc = localise(map, mask);
      const curves = await faithfulness(net, input, baseline, map, steps, 0, undefined, endpoints);
      out[m] = { pg: loc.pointing, epg: loc.energy, iou: loc.topIoU, del: curves.deletionArea, ins: curves.insertionArea, rho: {}, rhoS: {}, ss: {}, ind: {} };
    }
    for (const step of cascade) {
      const maps = await randomisedMaps(step.blocks, input);
      const block = step.blocks[step.blocks.length - 1] as Block;
      for (const [i, m] of methods.entries()) {
        const a = out[m] as LabSliceMethod;
        const t = trainedMaps[i] as ExplanationMap;
        const r = maps[i] as ExplanationMap;
        if (step.kind === 'independent') {
          a.ind[block] = mapSimilarity(t, r, false).spearmanAbs;
          continue;
        }
        const sim = mapSimilarity(t, r);
        a.rho[block] = sim.spearmanAbs;
        a.rhoS[block] = sim.spearmanSigned;
        a.ss[block] = sim.ssim;
      }
    }
    return { seed, methods: out };
  }
  return {
    slice,
    dispose() {
      tf.dispose(Object.values(random));
    },
  };
}

/** 95 % percentile bootstrap interval of a mean over slices (phantoms are independent: one per group), seeded. */
function meanInterval(v: readonly number[]): [number, number] {
  if (v.length < 2) return [NaN, NaN];
  return bootstrapByGroup(v.map((_, i) => String(i)), (idx) => mean(idx.map((i) => v[i] as number)), 2000, 0);
}

/**
 * The report over per-slice records (in any order; the report lists seeds ascending).
 * NaN (JSON null) where no slice could be scored.
 */
export function summariseLab(records: readonly LabSliceRecord[], opts: LabOptions = {}): LabReport {
  const sorted = [...records].sort((a, b) => a.seed - b.seed);
  const methods = opts.methods ?? Object.keys(sorted[0]?.methods ?? {});
  const finite = (xs: readonly (number | null | undefined)[]): number[] => xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  const rows: Record<string, LabMethodRow> = {};
  for (const m of methods) {
    const per = sorted.map((r) => r.methods[m]).filter((x): x is LabSliceMethod => x !== undefined);
    const byBlock = (key: 'rho' | 'rhoS' | 'ss' | 'ind'): Record<Block, number> => Object.fromEntries(CASCADE.map((b) => [b, mean(finite(per.map((x) => x[key][b])))])) as Record<Block, number>;
    const col = { pg: finite(per.map((x) => x.pg)), epg: finite(per.map((x) => x.epg)), iou: finite(per.map((x) => x.iou)), del: finite(per.map((x) => x.del)), ins: finite(per.map((x) => x.ins)) };
    rows[m] = {
      pointing_game: mean(col.pg),
      energy_pointing_game: mean(col.epg),
      top5_iou: mean(col.iou),
      deletion_auc: mean(col.del),
      insertion_auc: mean(col.ins),
      randomisation_spearman: byBlock('rho'),
      randomisation_spearman_signed: byBlock('rhoS'),
      randomisation_ssim: byBlock('ss'),
      ...(opts.independent ? { randomisation_spearman_independent: byBlock('ind') } : {}),
      intervals: {
        pointing_game: meanInterval(col.pg),
        energy_pointing_game: meanInterval(col.epg),
        deletion_auc: meanInterval(col.del),
        insertion_auc: meanInterval(col.ins),
        randomisation_spearman_conv1: meanInterval(finite(per.map((x) => x.rho.conv1))),
      },
    };
  }
  return { format: 'ich-lab/1', slices: sorted.length, seeds: sorted.map((r) => r.seed), label: 'any', steps: opts.steps ?? 10, baseline: BLUR_BASELINE_TEXT, methods: rows };
}

/**
 * Run the lab in this thread over the first `n` bleeding phantoms from `seedStart`
 * (`npm run evaluate -- --workers K` spreads the same per-slice work over K threads: lab-workers.ts).
 * @param trained the trained weights (not disposed) and their spec
 */
export async function evaluateLab(net: ResNet, trained: tf.NamedTensorMap, spec: ResNetSpec, n: number, opts: LabOptions = {}): Promise<LabReport> {
  const runner = labRunner(net, trained, spec, opts);
  const records: LabSliceRecord[] = [];
  try {
    for (const seed of bleedingSeeds(n, opts.seedStart)) {
      records.push(await runner.slice(seed));
      opts.onProgress?.(records.length, n);
    }
  } finally {
    runner.dispose();
  }
  return summariseLab(records, opts);
}

/** The report as a text table per method (what `npm run evaluate -- --phantoms N` prints). */
export function formatLab(r: LabReport): string {
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');
  const lines = [
    `evaluation lab: ${r.slices} bleeding phantoms (seeds ${r.seeds[0]}…${r.seeds[r.seeds.length - 1]}), label ${r.label}, ${r.steps}-step curves, baseline ${r.baseline}`,
    '| method | pointing game | energy PG | top-5 % IoU | deletion AUC ↓ | insertion AUC ↑ | Spearman |map| after randomising fc → conv1 (cascading) | SSIM at conv1 |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [m, row] of Object.entries(r.methods)) {
    const rho = CASCADE.map((b) => `${b} ${f(row.randomisation_spearman[b])}`).join(', ');
    lines.push(`| ${m} | ${f(row.pointing_game)} | ${f(row.energy_pointing_game)} | ${f(row.top5_iou)} | ${f(row.deletion_auc)} | ${f(row.insertion_auc)} | ${rho} | ${f(row.randomisation_ssim.conv1)} |`);
  }
  return lines.join('\n');
}
