/**
 * The evaluation lab over held-out phantoms (issue #12, METHODS.md "Evaluation of explanations"), for
 * `npm run evaluate -- --phantoms N`: per method, for the `any` label on bleeding phantoms,
 *   - sanity check: cascading randomisation from fc down to conv1 (Adebayo et al. 2018), Spearman ρ of the
 *     signed and absolute per-pixel map and SSIM against the trained model's map, at each depth;
 *   - localisation: pointing game, energy pointing game, IoU of the top 5 % with the bleed mask;
 *   - faithfulness: deletion and insertion areas (Petsiuk et al. 2018), baseline the blurred slice.
 * One forward pass per perturbed input (the engine runs batch 1), so the curves dominate the time.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { cropMasksToGrid, cropToHead } from '../ct/head-crop';
import { huToModelInput, MODEL_SIZE } from '../ct/window';
import { METHOD_NAMES, type ExplainRequest, type MethodName } from '../explain/method';
import { explainAll, type ExplanationMap } from '../explain/run';
import type { ResNetSpec } from '../model/arch';
import { cascadeSteps, CASCADE, disposeRandomised, randomisedWeights, type Block } from '../model/randomise';
import { createResNet, type ResNet } from '../model/resnet34';
import { generatePhantom } from '../phantom/generate';
import { BLUR_BASELINE_TEXT, blurInput } from '../metrics/blur-baseline';
import { localise } from '../metrics/localisation';
import { mapSimilarity } from '../metrics/map-similarity';
import { faithfulness } from '../lab/faithfulness';
import type { LabMethodRow, LabReport } from '../metrics/lab-report';

export type { LabMethodRow, LabReport } from '../metrics/lab-report';

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

/**
 * Run the lab over the first `n` bleeding phantoms from `seedStart`.
 * @param trained the trained weights (not disposed) and their spec
 */
export async function evaluateLab(net: ResNet, trained: tf.NamedTensorMap, spec: ResNetSpec, n: number, opts: LabOptions = {}): Promise<LabReport> {
  const methods = opts.methods ?? METHOD_NAMES;
  const steps = opts.steps ?? 10;
  const requests: ExplainRequest[] = methods.map((method) => ({ method, label: 0 }));
  const randomised = (blocks: Block[], kind: 'cascade' | 'independent') => {
    const weights = randomisedWeights(trained, spec, blocks, opts.randomSeed ?? 12345);
    return { kind, block: blocks[blocks.length - 1] as Block, weights, net: createResNet(weights, spec) };
  };
  const cascade = [
    ...cascadeSteps().map((blocks) => randomised(blocks, 'cascade')),
    ...(opts.independent ? CASCADE.map((b) => randomised([b], 'independent')) : []),
  ];
  const acc = new Map<string, { pg: number[]; epg: number[]; iou: number[]; del: number[]; ins: number[]; rho: Record<string, number[]>; rhoS: Record<string, number[]>; ss: Record<string, number[]>; ind: Record<string, number[]> }>();
  for (const m of methods) acc.set(m, { pg: [], epg: [], iou: [], del: [], ins: [], rho: {}, rhoS: {}, ss: {}, ind: {} });
  const seeds: number[] = [];
  try {
    for (let seed = opts.seedStart ?? 2_000_000; seeds.length < n; seed++) {
      const p = generatePhantom(seed, { size: MODEL_SIZE });
      if (!p.labels[0]) continue; // localisation and the `any` evidence need a bleed
      const grid = cropToHead(Float32Array.from(p.hu), MODEL_SIZE, MODEL_SIZE);
      const mask = grid.box ? cropMasksToGrid(p.masks, MODEL_SIZE, MODEL_SIZE, grid.box) : p.masks;
      const input = huToModelInput(grid.hu, MODEL_SIZE);
      const trainedMaps = (await explainAll(net, input, MODEL_SIZE, requests)).maps;
      const baseline = blurInput(input, MODEL_SIZE, spec.inChannels);
      for (const [i, m] of methods.entries()) {
        const map = trainedMaps[i] as ExplanationMap;
        const a = acc.get(m)!;
        const loc = localise(map, mask);
        if (loc.pointing !== null) a.pg.push(loc.pointing);
        if (loc.energy !== null) a.epg.push(loc.energy);
        if (loc.topIoU !== null) a.iou.push(loc.topIoU);
        const curves = await faithfulness(net, input, baseline, map, steps, 0);
        a.del.push(curves.deletionArea);
        a.ins.push(curves.insertionArea);
      }
      for (const step of cascade) {
        const maps = (await explainAll(step.net, input, MODEL_SIZE, requests)).maps;
        for (const [i, m] of methods.entries()) {
          const a = acc.get(m)!;
          const t = trainedMaps[i] as ExplanationMap;
          const r = maps[i] as ExplanationMap;
          if (step.kind === 'independent') {
            (a.ind[step.block] ??= []).push(mapSimilarity(t, r, false).spearmanAbs);
            continue;
          }
          const sim = mapSimilarity(t, r);
          (a.rho[step.block] ??= []).push(sim.spearmanAbs);
          (a.rhoS[step.block] ??= []).push(sim.spearmanSigned);
          (a.ss[step.block] ??= []).push(sim.ssim);
        }
      }
      seeds.push(seed);
      opts.onProgress?.(seeds.length, n);
    }
  } finally {
    for (const step of cascade) {
      step.net.dispose();
      disposeRandomised(step.weights, trained);
    }
  }
  const byBlock = (rec: Record<string, number[]>): Record<Block, number> => Object.fromEntries(CASCADE.map((b) => [b, mean((rec[b] ?? []).filter(Number.isFinite))])) as Record<Block, number>;
  const rows: Record<string, LabMethodRow> = {};
  for (const [m, a] of acc) {
    rows[m] = {
      pointing_game: mean(a.pg),
      energy_pointing_game: mean(a.epg),
      top5_iou: mean(a.iou),
      deletion_auc: mean(a.del),
      insertion_auc: mean(a.ins),
      randomisation_spearman: byBlock(a.rho),
      randomisation_spearman_signed: byBlock(a.rhoS),
      randomisation_ssim: byBlock(a.ss),
      ...(opts.independent ? { randomisation_spearman_independent: byBlock(a.ind) } : {}),
    };
  }
  return { format: 'ich-lab/1', slices: seeds.length, seeds, label: 'any', steps, baseline: BLUR_BASELINE_TEXT, methods: rows };
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
