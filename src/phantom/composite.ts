/**
 * Real-background composites: a slice of a real head CT (Debian's InVesalius example, GPL-2) with
 * the phantom's bleeds painted into its segmented anatomy, by the same planner, painter, mass effect and
 * size rule as generatePhantom. The same real anatomy is thus seen with and without blood, and the
 * masks stay exact ground truth. One head only, so each composite redraws its geometry (volume.ts).
 */
import { LABELS } from '../labels';
import { Rng } from './rng';
import { planBleeds, deformFor, paintBleeds, subtypeOf, SUBTYPES, MIN_AREA_MM2, type Bleed, type BleedAnatomy, type Subtype } from './bleeds';
import { countSubtypes } from './generate';
import { roundHalfUp, HU_MIN, HU_MAX } from './finish';
import { COMPRESS_DEPTH, shiftAt, type Deform } from './render';
import { segmentSlice, type Segmented } from './segment';
import { bilinearAt, drawGeometry, resliceVolume, type CtVolume, type SliceGeometry } from './volume';
import { FOV_MM } from './types';
import { planMimics, paintMimics } from './mimics';

/**
 * Share of realistic composites that are negatives from any level (mostly skull base, face and neck).
 * One in four, up from one in eight: on CT-ICH the lowest third of each scan still separated below chance
 * (AUC 0.15) after the first right-for-the-right-reasons run, the skull base being where false alarms sit.
 */
export const ANY_LEVEL_NEGATIVE_SHARE = 0.25;

/** One composite: the fields of a Phantom that training and the site read. */
export interface Composite {
  /** HU, Int16Array size², in [-1024, 3071]. */
  readonly hu: Int16Array;
  /** Bit k set where SUBTYPES[k] is painted, Uint8Array size². */
  readonly masks: Uint8Array;
  /** Six 0/1 labels, LABELS order; each equals "its mask is not empty". */
  readonly labels: readonly number[];
  readonly meta: { readonly seed: number; readonly level: number; readonly levelName: string; readonly geometry: SliceGeometry; readonly bleeds: readonly Bleed[] };
}

/**
 * Mass effect on a real slice, the phantom renderer's model (render.ts): extra-axial blood of thickness
 * t compresses the outer 50 mm of brain into 50 − t, and the midline shifts by `deform.shift` with the
 * same compact bump. Only cavity pixels move. @returns new HU
 */
export function massEffect(hu: Float32Array, seg: Segmented, deform: Deform): Float32Array {
  const { size, px, u, v, bin } = seg.canvas;
  const [cx, cy] = seg.centre;
  const out = hu.slice();
  for (let k = 0; k < out.length; k++) {
    if ((seg.canvas.depth[k] as number) < 0) continue; // only the cranial cavity moves
    const uu = u[k] as number;
    const vv = v[k] as number;
    const r = Math.sqrt(uu * uu + vv * vv);
    const rin = seg.rIn[bin[k] as number] as number;
    const t = deform.compress[bin[k] as number] as number;
    const d = rin - r;
    let ratio = 1;
    if (t > 0 && d < COMPRESS_DEPTH && r > 0) {
      const dOld = d < t ? 0 : ((d - t) * COMPRESS_DEPTH) / (COMPRESS_DEPTH - t);
      ratio = (rin - dOld) / r;
    }
    const su = uu * ratio - shiftAt(deform.shift, uu, vv, seg.a, seg.b);
    const sv = vv * ratio;
    out[k] = bilinearAt(hu, 0, size, size, cx + su / px, cy + sv / px, null);
  }
  return out;
}

/** Suture angles (head frame) as the phantom draws them: coronal always, lambdoid mid-head. */
function sutures(rng: Rng, z: number): number[] {
  const cor = rng.uniform(0.9, 1.15);
  const lam = rng.uniform(0.55, 0.8);
  const s = [-Math.PI / 2 - cor, -Math.PI / 2 + cor];
  if (z > 0.2 && z < 0.75) s.push(Math.PI / 2 - lam, Math.PI / 2 + lam);
  return s;
}

/** Level names as the phantom's captions use them. */
function levelName(z: number): string {
  return z < 0.2 ? 'posterior fossa' : z < 0.36 ? 'suprasellar' : z < 0.56 ? 'ventricles' : z < 0.75 ? 'centrum semiovale' : 'vertex';
}

export interface CompositeOptions {
  readonly size: 224;
  /** Exactly these subtypes (an empty array: a normal slice); default drawn from the seed (half negative). */
  readonly subtypes?: readonly Subtype[];
  /**
   * Bleeds from measured real densities and volumes, hard negatives painted (mimics.ts), and one
   * negative in four taken from anywhere in the volume, face, skull base and neck included. Default false.
   */
  readonly realism?: boolean;
}

/**
 * Generate composite `seed` on the real volume `vol`: deterministic for a seed and a volume.
 * @throws Error when 32 geometries in a row give no cranial cavity (a volume that is not a head)
 */
export function generateComposite(seed: number, vol: CtVolume, opts: CompositeOptions = { size: 224 }): Composite {
  const size = opts.size;
  const px = FOV_MM / size;
  const rng = new Rng(seed);
  const geoRng = new Rng(rng.fork());
  const bleedRng = new Rng(rng.fork());
  const noiseRng = new Rng(rng.fork());
  // Drawn after the other streams, so a classic composite's bytes do not depend on this option existing.
  const mimicRng = opts.realism ? new Rng(rng.fork()) : null;
  if (mimicRng && !opts.subtypes && mimicRng.chance(ANY_LEVEL_NEGATIVE_SHARE)) return anyLevelNegative(seed, vol, mimicRng, size);
  let bg: Float32Array | null = null;
  let seg: Segmented | null = null;
  let g: SliceGeometry | null = null;
  for (let tries = 0; tries < 32 && !seg; tries++) {
    // A geometry whose slice shows too little cavity (the skull base, the vertex, a small scale) is redrawn.
    g = drawGeometry(geoRng, vol);
    bg = resliceVolume(vol, g, size);
    seg = segmentSlice(bg.slice(), size, px);
  }
  if (!seg || !bg || !g) throw new Error(`generateComposite(${seed}): 32 geometries showed no cranial cavity of 1500 mm² (is the volume a head CT?)`);
  const [lo, hi] = vol.cavity;
  const z = Math.min(1, Math.max(0, (g.z - lo) / Math.max(1, hi - lo)));
  const anat: BleedAnatomy = { z, a: seg.a, b: seg.b, rIn: seg.rIn, sutures: sutures(bleedRng, z), seed };
  let plan = planBleeds(bleedRng, anat, opts.subtypes, opts.realism === true);
  const pxArea = px * px;
  for (;;) {
    const deform = deformFor(plan, anat);
    const moved = plan.length ? massEffect(bg, seg, deform) : bg.slice();
    const seg2 = (plan.length ? segmentSlice(moved.slice(), size, px) : null) ?? { ...seg, canvas: { ...seg.canvas, hu: moved } };
    const before = seg2.canvas.hu.slice();
    const masks = paintBleeds(seg2.canvas, plan, anat, deform);
    const counts = countSubtypes(masks);
    const kept = plan.filter((b) => (counts[SUBTYPES.indexOf(subtypeOf(b))] as number) * pxArea >= MIN_AREA_MM2);
    if (kept.length < plan.length) {
      plan = kept;
      continue;
    }
    if (mimicRng) paintMimics(seg2.canvas, planMimics(mimicRng, z, seg.a, seg.b), masks);
    // Painted blood is smooth: give it the scan's quantum noise, in proportion to how much blood covers a pixel.
    const sigma = noiseRng.uniform(3, 7);
    const out = seg2.canvas.hu;
    const hu = new Int16Array(size * size);
    for (let k = 0; k < hu.length; k++) {
      let h = out[k] as number;
      const changed = h - (before[k] as number);
      if (changed !== 0) h += noiseRng.normal() * sigma * Math.min(1, Math.abs(changed) / 30);
      hu[k] = Math.min(HU_MAX, Math.max(HU_MIN, roundHalfUp(h)));
    }
    const present = counts.map((c) => (c > 0 ? 1 : 0));
    const labels = [present.some((p) => p === 1) ? 1 : 0, ...present];
    if (labels.length !== LABELS.length) throw new Error('label count mismatch');
    return { hu, masks, labels, meta: { seed, level: z, levelName: levelName(z), geometry: g, bleeds: plan } };
  }
}

/**
 * A negative slice from anywhere in the volume (neck, face, skull base, vertex): the levels where real
 * scans raise false alarms. Mimics are painted where the slice shows a cranial cavity.
 */
function anyLevelNegative(seed: number, vol: CtVolume, rng: Rng, size: 224): Composite {
  const px = FOV_MM / size;
  const g0 = drawGeometry(rng, vol);
  const lowest = Math.max(0, vol.cavity[0] - 25);
  const g: SliceGeometry = { ...g0, z: rng.chance(0.8) ? rng.uniform(lowest, vol.cavity[0] + 12) : rng.uniform(lowest, vol.depth - 1) };
  const bg = resliceVolume(vol, g, size);
  const masks = new Uint8Array(size * size);
  const seg = segmentSlice(bg.slice(), size, px);
  const [lo, hi] = vol.cavity;
  const z = (g.z - lo) / Math.max(1, hi - lo);
  if (seg) paintMimics(seg.canvas, planMimics(rng, Math.max(0, z), seg.a, seg.b), masks);
  const src = seg ? seg.canvas.hu : bg;
  const hu = new Int16Array(size * size);
  for (let k = 0; k < hu.length; k++) hu[k] = Math.min(HU_MAX, Math.max(HU_MIN, roundHalfUp(src[k] as number)));
  return { hu, masks, labels: LABELS.map(() => 0), meta: { seed, level: z, levelName: z < 0 ? 'below the cranial cavity' : levelName(Math.min(1, z)), geometry: g, bleeds: [] } };
}
