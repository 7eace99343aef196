/**
 * Segment a real HU slice into the phantom's tissue classes and head frame, so the phantom's bleed
 * planner and painter (bleeds.ts) can paint into real anatomy. Thresholds on a 3×3-smoothed slice:
 * bone > 200 HU; the cranial cavity = what the skull ring encloses (gaps up to 6 px closed), without air;
 * inside it CSF < 18 HU (ventricles: deep components of CSF, sulcal CSF near the inner table, cisterns
 * the rest), grey matter 34-80, white 18-34, calcification (choroid plexus, pineal, falx) 80-200.
 */
import { labelComponents, largestLabel } from '../ct/components';
import { datan2 } from './detmath';
import type { Canvas } from './render';
import { Tissue } from './tissue';
import { ANGLE_BINS } from './types';

/** A real slice seen as the painter sees a phantom's: the canvas, the cavity and its measures. */
export interface Segmented {
  readonly canvas: Canvas;
  /** Pixels of the cranial cavity. */
  readonly cavityPx: number;
  /** Inner-table radius per angle bin (mm), cavity semi-axes (mm), centre (pixels). */
  readonly rIn: Float64Array;
  readonly a: number;
  readonly b: number;
  readonly centre: readonly [number, number];
}

const BONE_HU = 200;
const CLOSE_PX = 3;
const DEEP_MM = 12;

function box3(hu: Float32Array, size: number): Float32Array {
  const out = new Float32Array(hu.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let s = 0;
      let c = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= size) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= size) continue;
          s += hu[yy * size + xx] as number;
          c++;
        }
      }
      out[y * size + x] = s / c;
    }
  }
  return out;
}

/** Chamfer (3-4) distance, in pixels, from every `inside` pixel to the nearest outside pixel; 0 outside. */
export function distanceInside(inside: Uint8Array, size: number): Float32Array {
  const big = 1e9;
  const d = new Float32Array(inside.length);
  for (let k = 0; k < d.length; k++) d[k] = inside[k] ? big : 0;
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= size || y >= size ? 0 : (d[y * size + x] as number));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const k = y * size + x;
      if (!inside[k]) continue;
      d[k] = Math.min(d[k] as number, at(x - 1, y) + 3, at(x, y - 1) + 3, at(x - 1, y - 1) + 4, at(x + 1, y - 1) + 4);
    }
  }
  for (let y = size - 1; y >= 0; y--) {
    for (let x = size - 1; x >= 0; x--) {
      const k = y * size + x;
      if (!inside[k]) continue;
      d[k] = Math.min(d[k] as number, at(x + 1, y) + 3, at(x, y + 1) + 3, at(x + 1, y + 1) + 4, at(x - 1, y + 1) + 4);
    }
  }
  for (let k = 0; k < d.length; k++) d[k] = (d[k] as number) / 3;
  return d;
}

/** Grow `mask` by `r` pixels (chessboard), within `allowed` when given. */
function dilate(mask: Uint8Array, size: number, r: number, allowed?: Uint8Array): Uint8Array {
  let cur = mask;
  for (let it = 0; it < r; it++) {
    const next = cur.slice();
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const k = y * size + x;
        if (cur[k] || (allowed && !allowed[k])) continue;
        for (let dy = -1; dy <= 1 && !next[k]; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < size && yy < size && cur[yy * size + xx]) {
              next[k] = 1;
              break;
            }
          }
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** The cranial cavity: not reachable from the border without crossing the (closed) skull, not air. */
function cavityOf(s: Float32Array, size: number): Uint8Array {
  const bone = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) bone[k] = (s[k] as number) > BONE_HU ? 1 : 0;
  const closed = dilate(bone, size, CLOSE_PX);
  const open = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) open[k] = closed[k] ? 0 : 1;
  const l = labelComponents(open, size, size);
  const outside = new Set<number>();
  for (let i = 0; i < size; i++) {
    for (const k of [i, (size - 1) * size + i, i * size, i * size + size - 1]) if (l.labels[k]) outside.add(l.labels[k] as number);
  }
  const core = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) core[k] = l.labels[k] && !outside.has(l.labels[k] as number) && (s[k] as number) > -50 ? 1 : 0;
  // Undo the closing: grow back into the non-bone, non-air pixels the dilated skull covered.
  const allowed = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) allowed[k] = !bone[k] && (s[k] as number) > -50 ? 1 : 0;
  const grown = dilate(core, size, CLOSE_PX + 1, allowed);
  const lc = labelComponents(grown, size, size);
  const best = largestLabel(lc);
  const cavity = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) cavity[k] = best && lc.labels[k] === best ? 1 : 0;
  return cavity;
}

/**
 * Segment one real slice. `hu` is size×size HU on the phantom grid (pixel spacing `px` mm); it becomes
 * the canvas's hu (not copied). Returns null when the slice holds no cranial cavity of at least 1500 mm².
 */
export function segmentSlice(hu: Float32Array, size: number, px: number): Segmented | null {
  const s = box3(hu, size);
  const cavity = cavityOf(s, size);
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < cavity.length; k++) {
    if (!cavity[k]) continue;
    n++;
    sx += k % size;
    sy += Math.floor(k / size);
  }
  if (n * px * px < 1500) return null;
  const cx = sx / n;
  const cy = sy / n;
  const depthPx = distanceInside(cavity, size);
  const tissue = new Uint8Array(size * size);
  const u = new Float32Array(size * size);
  const v = new Float32Array(size * size);
  const depth = new Float32Array(size * size);
  const bin = new Uint16Array(size * size);
  const rIn = new Float64Array(ANGLE_BINS);
  let a = 0;
  let b = 0;
  const csf = new Uint8Array(size * size);
  for (let k = 0; k < tissue.length; k++) {
    const x = k % size;
    const y = Math.floor(k / size);
    const uu = (x - cx) * px;
    const vv = (y - cy) * px;
    u[k] = uu;
    v[k] = vv;
    const th = datan2(vv, uu);
    const bi = Math.min(ANGLE_BINS - 1, Math.max(0, Math.floor(((th + Math.PI) / (2 * Math.PI)) * ANGLE_BINS)));
    bin[k] = bi;
    const h = s[k] as number;
    if (cavity[k]) {
      depth[k] = (depthPx[k] as number) * px;
      const r = Math.sqrt(uu * uu + vv * vv) + px / 2;
      if (r > (rIn[bi] as number)) rIn[bi] = r;
      a = Math.max(a, Math.abs(uu));
      b = Math.max(b, Math.abs(vv));
      if (h < 18) {
        tissue[k] = Tissue.sulcalCsf;
        csf[k] = 1;
      } else if (h < 34) tissue[k] = Tissue.white;
      else if (h < 80) tissue[k] = Tissue.grey;
      else tissue[k] = Tissue.calcification;
    } else {
      depth[k] = -1 - px; // outside the cavity: negative, as in the phantom
      tissue[k] = h > BONE_HU ? Tissue.bone : h < -300 ? Tissue.air : Tissue.soft;
    }
  }
  // CSF deep in the brain: ventricles where the component is large, cisterns otherwise.
  const l = labelComponents(csf, size, size);
  const deepCount = new Int32Array(l.count + 1);
  for (let k = 0; k < csf.length; k++) if (csf[k] && (depth[k] as number) > DEEP_MM) deepCount[l.labels[k] as number] = (deepCount[l.labels[k] as number] as number) + 1;
  const minVentricle = 40 / (px * px);
  for (let k = 0; k < csf.length; k++) {
    if (!csf[k]) continue;
    const c = deepCount[l.labels[k] as number] as number;
    if (c >= minVentricle && (depth[k] as number) > DEEP_MM / 2) tissue[k] = Tissue.ventricle;
    else if ((depth[k] as number) > DEEP_MM) tissue[k] = Tissue.cistern;
  }
  // Bins the cavity never reached take their neighbours' radius.
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < ANGLE_BINS; k++) {
      if ((rIn[k] as number) > 0) continue;
      rIn[k] = Math.max(rIn[(k + ANGLE_BINS - 1) % ANGLE_BINS] as number, rIn[(k + 1) % ANGLE_BINS] as number);
    }
  }
  return {
    canvas: { size, px, hu, tissue, u, v, ub: u, depth, bin },
    cavityPx: n,
    rIn,
    a,
    b,
    centre: [cx, cy],
  };
}
