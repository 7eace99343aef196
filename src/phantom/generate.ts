/**
 * generatePhantom: one seeded head-CT slice in HU with per-subtype bleed masks and the six labels.
 * Pure and deterministic: the same seed and options give the same bytes in Node and the browser.
 */
import { LABELS } from '../labels';
import { Rng } from './rng';
import { sampleAnatomy } from './anatomy';
import { renderAnatomy } from './render';
import { planBleeds, deformFor, paintBleeds, subtypeOf, SUBTYPES, MIN_AREA_MM2, type Bleed, type Subtype } from './bleeds';
import { finishSlice } from './finish';
import { planMimics, paintMimics } from './mimics';
import { FOV_MM } from './types';

/** Output sizes: 512 (0.45 mm pixels) or 224 (the model input, 1.03 mm pixels), same field of view. */
export type PhantomSize = 224 | 512;

export interface PhantomOptions {
  readonly size: PhantomSize;
  /** Pin the slice level, 0 (skull base) .. 1 (vertex); default drawn from the seed. */
  readonly level?: number;
  /** Exactly these subtypes (an empty array: a normal slice); default drawn from the seed. */
  readonly subtypes?: readonly Subtype[];
  /** Bleeds drawn from measured real densities and volumes (bleed-priors.ts) and hard negatives painted (mimics.ts). Default false: the classic phantom. */
  readonly realism?: boolean;
}

export interface PhantomMeta {
  readonly seed: number;
  readonly size: PhantomSize;
  /** Pixel spacing, mm. */
  readonly pixelMm: number;
  /** Slice level 0..1 and its name. */
  readonly level: number;
  readonly levelName: string;
  /** Midline shift, mm (+: towards the image right). */
  readonly midlineShiftMm: number;
  /** Suture angles (head frame, radians) in the skull at this level. */
  readonly sutures: readonly number[];
  /** Head rotation (radians) and centre offset (mm) in the image. */
  readonly pose: { readonly rot: number; readonly cx: number; readonly cy: number };
  /** The bleeds actually painted (too-small ones are dropped before labelling). */
  readonly bleeds: readonly Bleed[];
  /** Mask area per subtype, mm², in SUBTYPES order. */
  readonly areasMm2: readonly number[];
}

export interface Phantom {
  /** HU, Int16Array size*size row-major, in [-1024, 3071]. */
  readonly hu: Int16Array;
  /** Uint8Array size*size: bit k set where SUBTYPES[k] (= LABELS[k+1]) is present. */
  readonly masks: Uint8Array;
  /** Pre-bleed tissue class per pixel (tissue.ts), Uint8Array size*size. */
  readonly tissue: Uint8Array;
  /** Six 0/1 labels in LABELS order; each equals "its mask is not empty", any = any subtype. */
  readonly labels: readonly number[];
  readonly meta: PhantomMeta;
}

/** Generate one slice from `seed` (any integer; low 32 bits used). */
export function generatePhantom(seed: number, opts: PhantomOptions): Phantom {
  const size = opts.size;
  const rng = new Rng(seed);
  const anatRng = new Rng(rng.fork());
  const bleedRng = new Rng(rng.fork());
  const noiseSeed = rng.fork();
  const anat = sampleAnatomy(anatRng, opts.level);
  // Drawn after the other streams, so a classic phantom's bytes do not depend on this option existing.
  const mimicRng = opts.realism ? new Rng(rng.fork()) : null;
  let plan = planBleeds(bleedRng, anat, opts.subtypes, opts.realism === true);
  const pxArea = (FOV_MM / size) ** 2;
  // Paint, then drop any subtype too small to see and paint again without it.
  for (;;) {
    const deform = deformFor(plan, anat);
    const cv = renderAnatomy(anat, size, deform);
    const masks = paintBleeds(cv, plan, anat, deform);
    const counts = countSubtypes(masks);
    const small = (s: Subtype): boolean => (counts[SUBTYPES.indexOf(s)] as number) * pxArea < MIN_AREA_MM2;
    const kept = plan.filter((b) => !small(subtypeOf(b)));
    if (kept.length < plan.length) {
      plan = kept;
      continue;
    }
    if (mimicRng) paintMimics(cv, planMimics(mimicRng, anat.z, anat.a, anat.b), masks);
    const hu = finishSlice(cv.hu, size, anat, noiseSeed);
    const present = counts.map((c) => (c > 0 ? 1 : 0));
    const labels = [present.some((p) => p === 1) ? 1 : 0, ...present];
    if (labels.length !== LABELS.length) throw new Error('label count mismatch');
    return {
      hu,
      masks,
      tissue: cv.tissue,
      labels,
      meta: {
        seed,
        size,
        pixelMm: FOV_MM / size,
        level: anat.z,
        levelName: anat.levelName,
        midlineShiftMm: deform.shift,
        sutures: anat.sutures,
        pose: { rot: anat.rot, cx: anat.cx, cy: anat.cy },
        bleeds: plan,
        areasMm2: counts.map((c) => c * pxArea),
      },
    };
  }
}

/** Pixels per subtype (SUBTYPES order). Its own small function, so V8 optimises the loop at once. */
export function countSubtypes(masks: Uint8Array): number[] {
  const counts = new Int32Array(SUBTYPES.length);
  for (let k = 0; k < masks.length; k++) {
    const m = masks[k] as number;
    if (m === 0) continue;
    for (let b = 0; b < counts.length; b++) if (m & (1 << b)) counts[b] = (counts[b] as number) + 1;
  }
  return Array.from(counts);
}

/** One subtype's mask as 0/1 bytes (size*size). */
export function subtypeMask(masks: Uint8Array, subtype: Subtype): Uint8Array {
  const bit = 1 << SUBTYPES.indexOf(subtype);
  const out = new Uint8Array(masks.length);
  for (let k = 0; k < masks.length; k++) out[k] = (masks[k] as number) & bit ? 1 : 0;
  return out;
}

/** Six 0/1 labels from mask bytes: label k+1 = any pixel has bit k; any = any bit. */
export function labelsFromMasks(masks: Uint8Array): number[] {
  let or = 0;
  for (let k = 0; k < masks.length; k++) or |= masks[k] as number;
  const sub = SUBTYPES.map((_, b) => ((or >> b) & 1 ? 1 : 0));
  return [or ? 1 : 0, ...sub];
}
