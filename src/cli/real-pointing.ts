/**
 * The real-CT harness's pointing game (METHODS.md): Grad-CAM of `any` at every layer, its peak carried
 * from the model grid back through the head crop to the slice's own pixels (src/ct/grid-to-source.ts),
 * scored against the lesion mask at that resolution, strict (the peak inside the mask) and tolerant
 * (within 15 px, Zhang et al.), each beside its ceiling: whether any position where that layer's coarse
 * map can peak once upsampled (pointing-game-ceiling.ts) would score.
 */
import { gridToSource, type Size } from '../ct/grid-to-source';
import type { CropBox } from '../ct/head-crop';
import { MODEL_SIZE } from '../ct/window';
import { STAGES, type Stage } from '../model/arch';
import { bootstrapByGroup } from '../metrics/bootstrap';
import { peakIndices } from '../metrics/pointing-game';
import { peakCandidates } from '../metrics/pointing-game-ceiling';
import { POINTING_TOLERANCE_PX, pointingGameTolerant } from '../metrics/pointing-game-tolerant';

/** Total stride of each stage's output: stem 2, max-pool 2, then 1, 2, 2, 2. */
const STRIDE: Record<Stage, number> = { layer1: 4, layer2: 8, layer3: 16, layer4: 32 };
/** Cells per side of each stage's Grad-CAM at the model size (56, 28, 14, 7 at 224 px). */
export const LAYER_CELLS: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, Math.ceil(MODEL_SIZE / STRIDE[s])])) as Record<Stage, number>;

/** Where a grid came from: the crop box (square-pixel coordinates), the square and the original size. */
export interface GridGeometry {
  readonly box: CropBox;
  readonly square: Size;
  readonly original: Size;
}

/** One slice, one layer: hits and reachability, strict and tolerant (all 0/1). */
export interface LayerPointing {
  readonly strict: 0 | 1;
  readonly tolerant: 0 | 1;
  readonly strictReachable: 0 | 1;
  readonly tolerantReachable: 0 | 1;
  /** Every pixel of the map ties at its maximum (all zero after the ReLU): "ties: any" makes it a hit. */
  readonly flat: boolean;
}

const candidateCache = new Map<number, number[]>();

/**
 * @param cam Grad-CAM upsampled to the MODEL_SIZE² grid (row-major) @param mask original-size, non-zero = lesion
 * @returns null when the mask is empty (not scored)
 */
export function scoreLayer(cam: ArrayLike<number>, cells: number, geom: GridGeometry, mask: ArrayLike<number>): LayerPointing | null {
  const { width, height } = geom.original;
  const carry = (idx: readonly number[]): [number, number][] => idx.map((i) => gridToSource(i, MODEL_SIZE, geom.box, geom.square, geom.original));
  const peaks = peakIndices(cam);
  const at = carry(peaks);
  const tolerant = pointingGameTolerant(at, mask, width, height, POINTING_TOLERANCE_PX);
  if (tolerant === null) return null;
  let cand = candidateCache.get(cells);
  if (!cand) candidateCache.set(cells, (cand = peakCandidates(cells, cells, MODEL_SIZE, MODEL_SIZE)));
  const reach = carry(cand);
  return {
    strict: pointingGameTolerant(at, mask, width, height, 0) as 0 | 1,
    tolerant,
    strictReachable: pointingGameTolerant(reach, mask, width, height, 0) as 0 | 1,
    tolerantReachable: pointingGameTolerant(reach, mask, width, height, POINTING_TOLERANCE_PX) as 0 | 1,
    flat: peaks.length === cam.length,
  };
}

/** One variant over the scored slices. */
export interface PointingFigures {
  readonly hits: number;
  readonly scored: number;
  /** hits / scored, [0, 1]. */
  readonly rate: number;
  /** 95 % interval from a bootstrap over patients. */
  readonly ci95: readonly [number, number];
  /** Scored slices where some peak position of this layer's map would score. */
  readonly reachable: number;
  /** reachable / scored: the most any Grad-CAM at this layer could score here. */
  readonly ceiling: number;
}

export interface LayerFigures {
  readonly cells: number;
  readonly scored: number;
  /** Flat maps among the scored (each a hit by "ties: any"). */
  readonly flat: number;
  readonly strict: PointingFigures;
  readonly tolerant: PointingFigures;
}

/**
 * @param rows per scored slice: its patient and its layer's result
 * @returns null when nothing was scored
 */
export function summarisePointing(rows: readonly { patient: string; p: LayerPointing }[], cells: number, boot = 2000): LayerFigures | null {
  if (rows.length === 0) return null;
  const patients = rows.map((r) => r.patient);
  const variant = (hit: (p: LayerPointing) => 0 | 1, reach: (p: LayerPointing) => 0 | 1): PointingFigures => {
    const h = rows.map((r) => hit(r.p));
    const hits = h.reduce<number>((a, b) => a + b, 0);
    const reachable = rows.reduce((a, r) => a + reach(r.p), 0);
    return {
      hits,
      scored: rows.length,
      rate: hits / rows.length,
      ci95: bootstrapByGroup(patients, (idx) => idx.reduce((s, i) => s + (h[i] as number), 0) / idx.length, boot),
      reachable,
      ceiling: reachable / rows.length,
    };
  };
  return {
    cells,
    scored: rows.length,
    flat: rows.filter((r) => r.p.flat).length,
    strict: variant((p) => p.strict, (p) => p.strictReachable),
    tolerant: variant((p) => p.tolerant, (p) => p.tolerantReachable),
  };
}
