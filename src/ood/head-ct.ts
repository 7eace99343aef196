/**
 * Is this a brain-level axial head-CT slice? A check on the slice itself (HU on the model grid, already
 * cropped to the head), independent of the network, for the caution beside the scores: the network's
 * feature distance misses inputs the network happens to map near its training data (a uniform square,
 * a neck slice), and these are easy to see in the pixels.
 *
 * A brain-level axial slice has a cranial cavity: a large region of soft tissue (CSF, brain, blood:
 * about 0–100 HU) inside a ring of bone. The check:
 *   - head: the largest component above the air threshold (the head crop's rule) covers ≥ 15 % of the
 *     grid (the crop makes a head fill most of it; a blank image has none);
 *   - uniform: no more than 85 % of the head within ±1 HU of one value (a drawn or constant picture);
 *   - soft tissue: ≥ 10 % of the head at 0–100 HU; bone: ≥ 1.5 % of the head;
 *   - the ring, seen from the head's centre: along 72 directions, the first bone in the outer half of
 *     the way to the head's edge is the skull (bone nearer the centre, the skull base's ridges or a
 *     calcification, is passed over). At least 60 % of the directions must meet it (an infant's open
 *     sutures and fontanelles, a craniectomy leave gaps; a neck meets the spine and the jaw only in a
 *     few), the space inside it (Σ r_skull² over Σ r_edge²) must be ≥ 30 % of the head (a face,
 *     skull-base or vertex slice falls short), and its median must lie at 0–100 HU (brain and CSF, not
 *     air, fat or bone).
 * Each failed test is one reason, so the caution can say which. For an 8-bit image the thresholds follow
 * its window: bone is what the window clipped at its top (a brain window's top, 100 HU at L40/W120, is
 * below the 200 HU used for real HU), air what it clipped at its bottom. Measured on both real validation
 * sets by src/cli/caution-real.ts.
 */
import { labelComponents, largestLabel } from '../ct/components';
import type { Window } from '../ct/window';

/** Why a slice is not taken for a brain-level axial head-CT slice. */
export type HeadCtReason = 'no-head' | 'uniform' | 'no-soft-tissue' | 'no-bone' | 'no-cavity' | 'small-cavity' | 'cavity-not-brain';

export interface HeadCtCheck {
  /** True when no reason was found. */
  readonly ok: boolean;
  readonly reasons: readonly HeadCtReason[];
  /** The measures, for tests and the measurement script (shares 0..1, HU). */
  readonly measures: {
    readonly headShare: number;
    readonly softShare: number;
    readonly boneShare: number;
    readonly uniformShare: number;
    readonly ringShare: number;
    readonly cavityShare: number;
    readonly cavityMedianHU: number | null;
  };
}

/** Bone above this in real HU (the phantom segmenter's 200 HU). */
export const BONE_HU = 200;
/** Least share of the head that the cranial cavity must cover. */
export const MIN_CAVITY_SHARE = 0.3;
/** Least share of the directions from the head's centre that meet the skull. */
export const MIN_RING_SHARE = 0.6;
const RAYS = 72;
const MIN_HEAD_SHARE = 0.15;
const MIN_SOFT_SHARE = 0.1;
const MIN_BONE_SHARE = 0.015;
/** A picture with more than this share of its head within ±1 HU of one value is uniform. */
const MAX_UNIFORM_SHARE = 0.85;
const SOFT_HU: readonly [number, number] = [0, 100];

/** The air and bone thresholds for a slice: fixed for real HU, the window's clipped ends for an 8-bit image. */
export function thresholds(hu: Float32Array, window?: Window): { air: number; bone: number } {
  let min = Infinity;
  for (let i = 0; i < hu.length; i++) if ((hu[i] as number) < min) min = hu[i] as number;
  // The head crop's air rule: −300 HU, or just above the lowest value (an 8-bit image's clipped air).
  const air = Math.max(-300, min + 2);
  if (!window) return { air, bone: BONE_HU };
  const top = window.level + window.width / 2;
  return { air, bone: Math.min(BONE_HU, top - 0.1 * window.width) };
}

/**
 * Check one slice on the model grid.
 * @param hu size×size HU, row-major (the model grid: cropped to the head, Slice.hu)
 * @param window for an 8-bit image, the window it was read with (FileFacts.windowUsed)
 */
export function checkHeadCt(hu: Float32Array, size: number, window?: Window): HeadCtCheck {
  const n = size * size;
  if (hu.length !== n) throw new Error(`checkHeadCt: expected ${n} values, got ${hu.length}`);
  const { air, bone: boneHU } = thresholds(hu, window);
  const above = new Uint8Array(n);
  for (let k = 0; k < n; k++) above[k] = (hu[k] as number) > air ? 1 : 0;
  const hl = labelComponents(above, size, size);
  const headLabel = largestLabel(hl);
  const headPx = headLabel ? (hl.sizes[headLabel] as number) : 0;
  const reasons: HeadCtReason[] = [];
  const measures = { headShare: headPx / n, softShare: 0, boneShare: 0, uniformShare: 0, ringShare: 0, cavityShare: 0, cavityMedianHU: null as number | null };
  if (headPx < MIN_HEAD_SHARE * n) {
    return { ok: false, reasons: ['no-head'], measures };
  }
  // Tissue, bone and uniformity over the head.
  let soft = 0;
  let boneCount = 0;
  const hist = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    if (hl.labels[k] !== headLabel) continue;
    const v = hu[k] as number;
    if (v >= (SOFT_HU[0] as number) && v <= (SOFT_HU[1] as number) && v < boneHU) soft++;
    if (v > boneHU) boneCount++;
    const b = Math.round(v);
    hist.set(b, (hist.get(b) ?? 0) + 1);
  }
  let uniform = 0;
  for (const [b, c] of hist) uniform = Math.max(uniform, c + (hist.get(b - 1) ?? 0) + (hist.get(b + 1) ?? 0));
  measures.softShare = soft / headPx;
  measures.boneShare = boneCount / headPx;
  measures.uniformShare = uniform / headPx;
  if (measures.uniformShare > MAX_UNIFORM_SHARE) reasons.push('uniform');
  if (measures.softShare < MIN_SOFT_SHARE) reasons.push('no-soft-tissue');
  if (measures.boneShare < MIN_BONE_SHARE) reasons.push('no-bone');

  // The cavity, seen from the head's centre: along RAYS directions, the first bone met in the outer half
  // of the way to the head's edge is the skull; a ray that leaves the head without meeting it crosses a
  // gap (an infant's sutures and fontanelles, a craniectomy, or a neck with no skull at all).
  let cx = 0;
  let cy = 0;
  for (let k = 0; k < n; k++) {
    if (hl.labels[k] !== headLabel) continue;
    cx += k % size;
    cy += Math.floor(k / size);
  }
  cx /= headPx;
  cy /= headPx;
  const inHead = (x: number, y: number): boolean => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    return xi >= 0 && yi >= 0 && xi < size && yi < size && hl.labels[yi * size + xi] === headLabel;
  };
  const at = (x: number, y: number): number => hu[Math.round(y) * size + Math.round(x)] as number;
  let hits = 0;
  let inside = 0;
  let total = 0;
  const interior: number[] = [];
  for (let i = 0; i < RAYS; i++) {
    const th = (2 * Math.PI * i) / RAYS;
    const dx = Math.cos(th) / 2;
    const dy = Math.sin(th) / 2;
    // The head's edge along this ray (the last head pixel before leaving it for good is not needed: the first exit).
    let edge = 0;
    while (inHead(cx + dx * (edge + 1), cy + dy * (edge + 1))) edge++;
    // Bone nearer the centre (the skull base's ridges, a calcification) is passed over.
    let skull = -1;
    for (let t = Math.ceil(0.5 * edge); t <= edge; t++) {
      if (at(cx + dx * t, cy + dy * t) > boneHU) {
        skull = t;
        break;
      }
    }
    total += edge * edge;
    if (skull < 0) continue;
    hits++;
    inside += skull * skull;
    for (let t = 0; t < skull; t += 2) interior.push(at(cx + dx * t, cy + dy * t));
  }
  measures.ringShare = hits / RAYS;
  measures.cavityShare = total > 0 ? inside / total : 0;
  if (hits === 0) {
    reasons.push('no-cavity');
  } else {
    interior.sort((a, b) => a - b);
    const median = interior[Math.floor(interior.length / 2)] as number;
    measures.cavityMedianHU = Math.round(median * 10) / 10;
    if (measures.ringShare < MIN_RING_SHARE || measures.cavityShare < MIN_CAVITY_SHARE) reasons.push('small-cavity');
    if (median < (SOFT_HU[0] as number) || median > (SOFT_HU[1] as number)) reasons.push('cavity-not-brain');
  }
  return { ok: reasons.length === 0, reasons, measures };
}
