/**
 * The evaluation lab over held-out phantoms (issue #12, METHODS.md "Evaluation of explanations"), for
 * `npm run evaluate -- --phantoms N`: per method, for the `any` label on bleeding phantoms,
 *   - sanity check: cascading randomisation from fc down to conv1 (Adebayo et al. 2018), Spearman ρ of the
 *     signed and absolute per-pixel map and SSIM against the trained model's map, at each depth;
 *   - localisation: pointing game, energy pointing game, IoU of the top 5 % with the bleed mask;
 *   - faithfulness: deletion and insertion areas (Petsiuk et al. 2018), baseline the blurred slice.
 * One forward pass per perturbed input (the engine runs batch 1), so the curves dominate the time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cropMasksToGrid, cropToHead } from '../ct/head-crop';
import { huToModelInput, MODEL_SIZE } from '../ct/window';
import { METHOD_NAMES, type ExplainRequest, type MethodName } from '../explain/method';
import { explainAll, sigmoid, type ExplanationMap } from '../explain/run';
import type { ResNetSpec } from '../model/arch';
import { cascadeSteps, CASCADE, disposeRandomised, randomisedWeights, type Block } from '../model/randomise';
import { createResNet, disposeForward, type ResNet } from '../model/resnet34';
import { generatePhantom } from '../phantom/generate';
import { perturbationCurves, saliencyOrder } from '../metrics/deletion-insertion';
import { energyPointingGame } from '../metrics/energy-pointing-game';
import { pointingGame } from '../metrics/pointing-game';
import { spearman } from '../metrics/spearman';
import { ssim } from '../metrics/ssim';
import { topKIoU } from '../metrics/top-k-iou';
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

/** Per-pixel saliency: the value for one-channel maps; Σ over channels (signed) or Σ|·| (abs) otherwise. */
function perPixel(map: ExplanationMap, abs: boolean): Float32Array {
  const n = map.width * map.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < map.channels; c++) {
      const v = map.data[i * map.channels + c] as number;
      s += abs ? Math.abs(v) : v;
    }
    out[i] = s;
  }
  return out;
}

/** Separable box blur, radius r, three passes (≈ Gaussian σ ≈ r), per channel of an NHWC image. */
export function blurInput(x: Float32Array, size: number, channels: number, r = 6): Float32Array {
  let a = x.slice();
  const tmp = new Float32Array(x.length);
  for (let pass = 0; pass < 3; pass++) {
    for (const horizontal of [true, false]) {
      for (let y = 0; y < size; y++) {
        for (let xx = 0; xx < size; xx++) {
          for (let c = 0; c < channels; c++) {
            let s = 0;
            let k = 0;
            for (let d = -r; d <= r; d++) {
              const px = horizontal ? xx + d : xx;
              const py = horizontal ? y : y + d;
              if (px < 0 || py < 0 || px >= size || py >= size) continue;
              s += a[(py * size + px) * channels + c] as number;
              k++;
            }
            tmp[(y * size + xx) * channels + c] = s / k;
          }
        }
      }
      a = tmp.slice();
    }
  }
  return a;
}

/** The `any` probability of each input, one forward pass each (nothing kept). */
async function anyProbabilities(net: ResNet, inputs: readonly Float32Array[]): Promise<number[]> {
  const out: number[] = [];
  for (const input of inputs) {
    const x = tf.tensor4d(input, [1, MODEL_SIZE, MODEL_SIZE, net.spec.inChannels]);
    const state = net.forward(x);
    x.dispose();
    out.push(sigmoid(((await state.logits.data()) as Float32Array)[0] as number));
    disposeForward(state);
  }
  return out;
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
        const sal = perPixel(map, true);
        const a = acc.get(m)!;
        const hit = pointingGame(sal, mask);
        if (hit !== null) a.pg.push(hit);
        const e = energyPointingGame(map.channels === 1 ? sal : perPixel(map, false), mask);
        if (e !== null) a.epg.push(e);
        const iou = topKIoU(sal, mask, 0.05);
        if (iou !== null) a.iou.push(iou);
        const curves = await perturbationCurves(input, baseline, saliencyOrder(sal), steps, (xs) => anyProbabilities(net, xs));
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
            (a.ind[step.block] ??= []).push(spearman(perPixel(t, true), perPixel(r, true)));
            continue;
          }
          (a.rho[step.block] ??= []).push(spearman(perPixel(t, true), perPixel(r, true)));
          (a.rhoS[step.block] ??= []).push(spearman(perPixel(t, false), perPixel(r, false)));
          (a.ss[step.block] ??= []).push(ssim(perPixel(t, true), perPixel(r, true), MODEL_SIZE, MODEL_SIZE));
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
  return { format: 'ich-lab/1', slices: seeds.length, seeds, label: 'any', steps, baseline: 'the slice blurred (box radius 6, 3 passes, per window channel)', methods: rows };
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
