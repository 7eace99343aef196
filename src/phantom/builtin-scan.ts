/**
 * The explorer's built-in whole scan: every slice of one real head CT, from the neck and skull base to
 * the vertex, with ONE subdural haematoma painted consistently through neighbouring slices. The head is
 * the "CT study of a cadaver head" (University of North Carolina, Chapel Hill Volume Rendering Test Data
 * Set; public domain, credit UNC), read by src/cli/cthead.ts; `npm run builtin-scan` renders it once into
 * public/samples/builtin-scan/ (format below) and tests/unit/phantom/builtin-scan.test.ts checks the
 * committed file is what the code makes.
 *
 * The bleed is one 3-D shape: a convexity crescent whose thickness and arc length rise and fall smoothly
 * along the head (a cosine-like bump over BLEED.from..BLEED.to, thickest at the middle), so each slice's
 * painter parameters (bleeds.ts `subdural`: angle, half-width, thickness) come from that shape at the
 * slice's height. Per slice, as in composite.ts: segment (segment.ts), mass effect, re-segment, paint
 * (paintBleeds), quantum noise on the blood by coverage; a slice whose blood covers < 12 mm² keeps none,
 * so every mask is exact ground truth and each slice's labels are "mask not empty".
 *
 * Pure (no `node:` imports): the site decodes the asset with `parseBuiltinScan`.
 *
 * Asset (gzip of): 16-byte header — ASCII "ICHSCAN1", uint16 LE slice count, uint16 LE side, uint16 LE
 * index in the volume (base-up) of the first slice, uint16 LE spacing in 0.1 mm (0 = not known) — then
 * the HU of every slice as int16 LE split into two byte planes (all low bytes, then all high bytes: this
 * compresses to about two thirds of interleaved int16), then every slice's mask bytes (bit k = SUBTYPES[k]).
 */
import { Rng } from './rng';
import { deformFor, paintBleeds, MIN_AREA_MM2, type Bleed, type BleedAnatomy } from './bleeds';
import { massEffect } from './composite';
import { roundHalfUp, HU_MIN, HU_MAX } from './finish';
import { segmentSlice } from './segment';
import { resliceVolume, type CtVolume, type SliceGeometry } from './volume';
import { ANGLE_BINS, FOV_MM } from './types';

export const BUILTIN_SCAN_SIZE = 224;
export const BUILTIN_SCAN_MAGIC = 'ICHSCAN1';
const HEADER = 16;

/** Where the asset lives under public/ (and under the site's base URL). */
export const BUILTIN_SCAN_FILE = 'samples/builtin-scan/cthead-subdural.bin.gz';

/**
 * The painted bleed as one 3-D shape, in the volume's base-up slice indices: a subdural over the
 * right-of-image frontoparietal convexity, painted on slices 70-101. It starts above slice 69 because
 * below it the segmenter finds no closed cranial cavity on several slices (orbits, sinuses and the skull
 * base open the skull ring), and a bleed there would show with gaps.
 */
export const BLEED = {
  /** First and last slice the shape reaches (thickness 0 there). */
  from: 69,
  to: 103,
  /** Greatest thickness (mm) and arc length (mm), at the middle of the range. */
  thickMm: 9,
  arcMm: 130,
  /** Shortest arc (mm), at the ends of the range. */
  arcEndMm: 45,
  /** Centre angle (head frame: 0 = image right, -pi/2 = anterior) at the bottom and top of the range. */
  phiLow: -0.1,
  phiHigh: -0.5,
  /**
   * Blood density (HU) and the depth of its slight heterogeneity (HU below it, by value noise). The brain
   * of this cadaver scan reads 50-60 HU (an older scanner, post mortem), some 20 HU above a living
   * patient's 30-40; acute subdural blood measures about 50 HU on a living patient's scan (median of the
   * measured priors, bleed-priors.ts), some 15-20 HU above the brain. Painted at 50 HU here it would be
   * the brain's own density and invisible, so it keeps that contrast instead: about 70 HU.
   */
  hu: 74,
  mix: 6,
  /** Below this thickness (mm) a slice is left unpainted. */
  minThickMm: 1,
  seed: 22_004,
} as const;

/** Axial slice spacing of the volume (the archive's 1:1:2 voxel aspect; not recorded exactly). */
export const CTHEAD_SPACING_MM = 2;

/** The shape's per-slice parameters at base-up slice `k`, or null outside it. */
export function bleedAt(k: number): { phi: number; thick: number; arc: number } | null {
  const s = (2 * (k - BLEED.from)) / (BLEED.to - BLEED.from) - 1; // -1 .. 1 over the range
  if (s <= -1 || s >= 1) return null;
  const bump = 1 - s * s;
  const thick = BLEED.thickMm * Math.pow(bump, 0.75);
  if (thick < BLEED.minThickMm) return null;
  const arc = BLEED.arcEndMm + (BLEED.arcMm - BLEED.arcEndMm) * Math.sqrt(bump);
  const t = (s + 1) / 2;
  return { phi: BLEED.phiLow + (BLEED.phiHigh - BLEED.phiLow) * t, thick, arc };
}

export interface BuiltinScan {
  readonly count: number;
  readonly size: number;
  /** Base-up index in the volume of slice 0. */
  readonly first: number;
  /** Slice spacing (mm), or null when not known. */
  readonly spacingMm: number | null;
  /** Per slice: HU (size² int16) and mask bits (size² uint8), base first. */
  readonly hu: readonly Int16Array[];
  readonly masks: readonly Uint8Array[];
}

/** The still geometry: the volume's own size and orientation, centred. */
function still(z: number): SliceGeometry {
  return { z, scale: 1, aspect: 1, flip: false, dx: 0, dy: 0, warp: new Float64Array(50) };
}

/** Inner-table radius (mm) at angle phi. */
function rInAt(rIn: Float64Array, phi: number): number {
  let k = Math.floor(((phi + Math.PI) / (2 * Math.PI)) * ANGLE_BINS);
  k = ((k % ANGLE_BINS) + ANGLE_BINS) % ANGLE_BINS;
  return rIn[k] as number;
}

/** One slice (base-up index k of the volume) with the shape's bleed where it reaches. */
export function renderBuiltinSlice(vol: CtVolume, k: number, size = BUILTIN_SCAN_SIZE): { hu: Int16Array; masks: Uint8Array } {
  const px = FOV_MM / size;
  const bg = resliceVolume(vol, still(k), size);
  const blank = (src: Float32Array): { hu: Int16Array; masks: Uint8Array } => {
    const hu = new Int16Array(size * size);
    for (let i = 0; i < hu.length; i++) hu[i] = Math.min(HU_MAX, Math.max(HU_MIN, roundHalfUp(src[i] as number)));
    return { hu, masks: new Uint8Array(size * size) };
  };
  const shape = bleedAt(k);
  const seg = shape ? segmentSlice(bg.slice(), size, px) : null;
  if (!shape || !seg) return blank(bg);
  const [lo, hi] = vol.cavity;
  const z = Math.min(1, Math.max(0, (k - lo) / Math.max(1, hi - lo)));
  const anat: BleedAnatomy = { z, a: seg.a, b: seg.b, rIn: seg.rIn, sutures: [], seed: BLEED.seed };
  const r = rInAt(seg.rIn, shape.phi);
  const bleed: Bleed = { kind: 'subdural', phi: shape.phi, half: Math.min(shape.arc / 2 / Math.max(r, 1), 1.6), thick: shape.thick, hu: BLEED.hu, mix: BLEED.mix, power: 0.35 };
  const deform = deformFor([bleed], anat);
  const moved = massEffect(bg, seg, deform);
  const seg2 = segmentSlice(moved.slice(), size, px) ?? { ...seg, canvas: { ...seg.canvas, hu: moved } };
  const before = seg2.canvas.hu.slice();
  const masks = paintBleeds(seg2.canvas, [bleed], anat, deform);
  let area = 0;
  for (let i = 0; i < masks.length; i++) if (masks[i]) area++;
  if (area * px * px < MIN_AREA_MM2) return blank(bg);
  // Painted blood is smooth: the scan's quantum noise on it, in proportion to how much blood covers a pixel.
  const noise = new Rng(BLEED.seed * 1000 + k);
  const out = seg2.canvas.hu;
  const hu = new Int16Array(size * size);
  for (let i = 0; i < hu.length; i++) {
    let h = out[i] as number;
    const changed = h - (before[i] as number);
    if (changed !== 0) h += noise.normal() * 6 * Math.min(1, Math.abs(changed) / 30);
    hu[i] = Math.min(HU_MAX, Math.max(HU_MIN, roundHalfUp(h)));
  }
  return { hu, masks };
}

/** Slices `first` to `last` (base-up indices, inclusive), base first. */
export function renderBuiltinScan(vol: CtVolume, first: number, last: number, size = BUILTIN_SCAN_SIZE): BuiltinScan {
  const hu: Int16Array[] = [];
  const masks: Uint8Array[] = [];
  for (let k = first; k <= Math.min(last, vol.depth - 1); k++) {
    const s = renderBuiltinSlice(vol, k, size);
    hu.push(s.hu);
    masks.push(s.masks);
  }
  return { count: hu.length, size, first, spacingMm: CTHEAD_SPACING_MM, hu, masks };
}

/** The uncompressed bytes of the asset (see the file comment). */
export function encodeBuiltinScan(s: BuiltinScan): Uint8Array {
  const n = s.size * s.size;
  const out = new Uint8Array(HEADER + s.count * n * 3);
  for (let i = 0; i < 8; i++) out[i] = BUILTIN_SCAN_MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint16(8, s.count, true);
  view.setUint16(10, s.size, true);
  view.setUint16(12, s.first, true);
  view.setUint16(14, s.spacingMm === null ? 0 : Math.round(s.spacingMm * 10), true);
  const total = s.count * n;
  s.hu.forEach((h, j) => {
    for (let i = 0; i < n; i++) {
      const v = (h[i] as number) & 0xffff;
      out[HEADER + j * n + i] = v & 0xff;
      out[HEADER + total + j * n + i] = v >>> 8;
    }
  });
  s.masks.forEach((m, j) => out.set(m, HEADER + 2 * total + j * n));
  return out;
}

/**
 * Read the uncompressed asset.
 * @throws Error on a wrong magic or length
 */
export function parseBuiltinScan(bytes: Uint8Array): BuiltinScan {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (bytes.length < HEADER || magic !== BUILTIN_SCAN_MAGIC) throw new Error(`built-in scan: not an ${BUILTIN_SCAN_MAGIC} file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(8, true);
  const size = view.getUint16(10, true);
  const first = view.getUint16(12, true);
  const spacing = view.getUint16(14, true);
  const n = size * size;
  if (bytes.length !== HEADER + count * n * 3) throw new Error(`built-in scan: ${bytes.length} bytes, expected ${HEADER + count * n * 3}`);
  const total = count * n;
  const hu: Int16Array[] = [];
  const masks: Uint8Array[] = [];
  for (let j = 0; j < count; j++) {
    const h = new Int16Array(n);
    const lo = HEADER + j * n;
    const hiOff = HEADER + total + j * n;
    for (let i = 0; i < n; i++) h[i] = ((bytes[hiOff + i] as number) << 24) >> 16 | (bytes[lo + i] as number);
    hu.push(h);
    masks.push(bytes.slice(HEADER + 2 * total + j * n, HEADER + 2 * total + (j + 1) * n));
  }
  return { count, size, first, spacingMm: spacing === 0 ? null : spacing / 10, hu, masks };
}
