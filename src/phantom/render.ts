/**
 * Renders one slice's normal anatomy into a float HU canvas with a tissue map: a per-pixel polar pass
 * (air, table, scalp, skull, cortex with sulci, white matter), then the ordered structure primitives.
 * Edges are anti-aliased over one pixel, which is the partial-volume effect of a pixel-sized voxel.
 */
import { datan2, dcos, dsin } from './detmath';
import { hash2 } from './rng';
import { valueNoise } from './noise';
import { ANGLE_BINS, FOV_MM, type Anatomy, type Prim } from './types';
import { Tissue } from './tissue';

/** Mass effect applied while rendering: midline shift and extra-axial compression. */
export interface Deform {
  /** Shift of midline structures along +u (mm), largest mid-brain, zero at the skull. */
  readonly shift: number;
  /** Thickness (mm) of extra-axial blood per angle bin: the brain surface starts this far in. */
  readonly compress: Float64Array;
}

/** A rendered slice before bleeds and noise. Arrays are row-major size×size. */
export interface Canvas {
  readonly size: number;
  /** Pixel spacing, mm. */
  readonly px: number;
  /** HU, float. */
  readonly hu: Float32Array;
  /** Tissue code per pixel (see tissue.ts). */
  readonly tissue: Uint8Array;
  /** Head-frame coordinates (mm) and the midline-shift-warped u. */
  readonly u: Float32Array;
  readonly v: Float32Array;
  readonly ub: Float32Array;
  /** Depth inside the inner table (mm; negative outside the cranial cavity). */
  readonly depth: Float32Array;
  /** Angle bin (0..ANGLE_BINS-1) of each pixel around the head centre. */
  readonly bin: Uint16Array;
}

const GM_THICK = 3.2;
/** Depth (mm) over which extra-axial blood compresses the brain (render.ts and composite.ts). */
export const COMPRESS_DEPTH = 50;

/** No deformation. */
export function noDeform(): Deform {
  return { shift: 0, compress: new Float64Array(ANGLE_BINS) };
}

/** Midline-shift displacement (mm along u) at head-frame (u, v): a compact bump, zero at the skull. */
export function shiftAt(shift: number, u: number, v: number, a: number, b: number): number {
  if (shift === 0) return 0;
  const tu = u / (0.85 * a);
  const tv = v / (0.8 * b);
  const q = tu * tu + tv * tv * 0.6;
  if (q >= 1) return 0;
  const w = 1 - q;
  return shift * w * w;
}

type Scratch = Pick<Canvas, 'hu' | 'u' | 'v' | 'ub' | 'depth' | 'bin'>;
const scratch = new Map<number, Scratch>();

/** Per-size work buffers, reused by every render: a canvas lives only until the next renderAnatomy call. */
function scratchFor(size: number): Scratch {
  let s = scratch.get(size);
  if (!s) {
    const n = size * size;
    s = { hu: new Float32Array(n), u: new Float32Array(n), v: new Float32Array(n), ub: new Float32Array(n), depth: new Float32Array(n), bin: new Uint16Array(n) };
    scratch.set(size, s);
  }
  return s;
}

/**
 * Render anatomy at `size` pixels over the fixed 230.4 mm field of view. Only `tissue` is freshly
 * allocated: hu, u, v, ub, depth and bin are per-size buffers that the next call overwrites, so take
 * what you keep (generatePhantom turns hu into a new Int16Array at once) before rendering again.
 */
export function renderAnatomy(anat: Anatomy, size: number, deform: Deform): Canvas {
  const px = FOV_MM / size;
  const { hu, u: U, v: V, ub: UB, depth, bin: bins } = scratchFor(size);
  bins.fill(0);
  const tissue = new Uint8Array(size * size);
  const cr = cosSin(anat.rot);
  const { rIn, skullT, scalpT } = anat;
  const H = anat.hu;
  const S = anat.sulci;
  const inv = 1 / px;
  const ramp = (t: number): number => {
    const r = 0.5 + t * inv;
    return r <= 0 ? 0 : r >= 1 ? 1 : r;
  };
  const seed = anat.seed;
  const sulcusArc = (2 * Math.PI) / S.count;
  const binScale = ANGLE_BINS / (2 * Math.PI);
  const sutures = anat.sutures;
  // Per-sulcus depths and a coarse wiggle field (4 mm lattice, bilinear): cheaper than noise per pixel.
  const sulcDepth = new Float64Array(S.count);
  const sulcHalf = new Float64Array(S.count);
  for (let q = 0; q < S.count; q++) {
    const h = hash2(q, 0, seed + 9);
    sulcDepth[q] = S.depth * (h < 0.2 ? 0.25 + h : 0.45 + 1.1 * h); // some shallow, some deep
    sulcHalf[q] = (S.width / 2) * (0.5 + hash2(q, 1, seed + 9));
  }
  const wig = wiggleField(seed + 7, S.wiggle * 2.2);
  let maxR = 0;
  for (let k = 0; k < ANGLE_BINS; k++) maxR = Math.max(maxR, (rIn[k] as number) + (skullT[k] as number) + (scalpT[k] as number));
  const airR2 = (maxR + 2 * px) * (maxR + 2 * px);
  const c0 = cr[0];
  const s0 = cr[1];
  const hcx = anat.cx;
  const hcy = anat.cy;
  const compress = deform.compress;
  const dShift = deform.shift;
  const fatT = anat.fatT;
  const { skin, fat, muscle, cortical, diploe, white, grey, csf } = H;
  // Per-column rotated terms: u = c0 x + s0 y and v = -s0 x + c0 y, the products computed once.
  const cX = new Float64Array(size);
  const nsX = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    const x = (j + 0.5) * px - FOV_MM / 2 - hcx;
    cX[j] = c0 * x;
    nsX[j] = -s0 * x;
  }
  const maxD = S.depth * 1.6 + GM_THICK + 2;
  const nSulci = S.count;
  const sas = S.sas;
  for (let i = 0; i < size; i++) {
    const y = (i + 0.5) * px - FOV_MM / 2 - hcy;
    const s0y = s0 * y;
    const c0y = c0 * y;
    for (let j = 0; j < size; j++) {
      const k = i * size + j;
      const u = (cX[j] as number) + s0y;
      const v = (nsX[j] as number) + c0y;
      U[k] = u;
      V[k] = v;
      const r2 = u * u + v * v;
      if (r2 > airR2) {
        // Far outside the head: air, no angle needed (bin 0 is never read for air).
        UB[k] = u;
        depth[k] = -1000;
        hu[k] = -1000;
        continue;
      }
      const r = Math.sqrt(r2);
      const th = datan2(v, u);
      let bi = Math.floor((th + Math.PI) * binScale);
      if (bi >= ANGLE_BINS) bi = ANGLE_BINS - 1;
      bins[k] = bi;
      const d = (rIn[bi] as number) - r;
      depth[k] = d;
      const ubv = u - shiftAt(dShift, u, v, anat.a, anat.b); // u - 0 is u: no branch to deoptimise on
      UB[k] = ubv;
      // Where the cavity covers the whole pixel, brain hides scalp and skull: skip them.
      const inside = 0.5 + d * inv >= 1;
      let val = -1000;
      let t: number = Tissue.air;
      if (!inside) {
        const rout = (rIn[bi] as number) + (skullT[bi] as number);
        const e = rout + (scalpT[bi] as number) - r;
        if (e < -px) {
          hu[k] = -1000;
          tissue[k] = Tissue.air;
          continue;
        }
        // Scalp: skin, subcutaneous fat, galea and temporalis.
        val = skin + (fat - skin) * ramp(e - 1.2) + (muscle - fat) * ramp(e - 1.2 - fatT);
        let cov = ramp(e);
        val = -1000 + (val + 1000) * cov;
        t = cov >= 0.5 ? Tissue.soft : Tissue.air;
        const db = rout - r;
        if (db > -px) {
          const T = skullT[bi] as number;
          const tOut = 1.3 + 0.25 * T * 0.1;
          const tIn = 1.1;
          let bone = cortical;
          if (T > tOut + tIn + 0.5) {
            const marrow = diploe + 360 * (hash2(i, j, seed + 11) - 0.5);
            const inDip = ramp(db - tOut) * ramp(T - tIn - db);
            bone += (marrow - bone) * inDip;
          }
          for (let s = 0; s < sutures.length; s++) {
            const ds0 = Math.abs(th - (sutures[s] as number)) * r;
            if (ds0 > 1) continue;
            const ds = ds0 + 0.35 * valueNoise(r * 0.8, s, seed + 5);
            if (ds < 0.6) bone = 250 + (bone - 250) * ds * 1.6;
          }
          cov = ramp(db);
          val += (bone - val) * cov;
          if (cov >= 0.5) t = Tissue.bone;
        }
      }
      if (d > -px) {
        const comp = compress[bi] as number;
        let de = d;
        if (comp > 0) {
          de = d < COMPRESS_DEPTH ? ((d - comp) * COMPRESS_DEPTH) / (COMPRESS_DEPTH - comp) : d;
        }
        let brain = white;
        let isCsf = false;
        let isGrey = false;
        if (de < maxD) {
          const phase = (th + Math.PI) / sulcusArc + sampleField(wig, ubv, v);
          const idx = Math.floor(phase);
          const fr = phase - idx;
          const rr = r > 5 ? r : 5;
          const wDist = (fr < 0.5 ? fr : 1 - fr) * sulcusArc * rr;
          const nearIdx = fr < 0.5 ? idx : idx + 1;
          // Wrap to 0..count-1 (nearIdx is within a few counts of the range; float % is slow).
          let q = nearIdx;
          while (q < 0) q += nSulci;
          while (q >= nSulci) q -= nSulci;
          const depthS = sulcDepth[q] as number;
          const over = de - depthS;
          const dd = over < 0 ? wDist : Math.sqrt(wDist * wDist + over * over);
          const half = sulcHalf[q] as number;
          const gm = Math.max(ramp(half + GM_THICK - dd), ramp(sas + GM_THICK - de));
          brain += (grey - brain) * gm;
          isGrey = gm >= 0.5;
          const c = Math.max(ramp(half - dd), ramp(sas - de));
          brain += (csf - brain) * c;
          isCsf = c >= 0.5;
        }
        const tb = isCsf ? Tissue.sulcalCsf : isGrey ? Tissue.grey : Tissue.white;
        if (inside) {
          val = brain;
          t = tb;
        } else {
          const cov = ramp(d);
          val += (brain - val) * cov;
          if (cov >= 0.5) t = tb;
        }
      }
      hu[k] = val;
      tissue[k] = t;
    }
  }
  const canvas: Canvas = { size, px, hu, tissue, u: U, v: V, ub: UB, depth, bin: bins };
  paintTable(anat, canvas);
  for (const p of anat.prims) paintPrim(canvas, p, anat, deform);
  return canvas;
}

/** [cos, sin] of the head rotation by the engine-independent polynomials. */
function cosSin(rot: number): [number, number] {
  // The rotation is small (|rot| < 0.25): Taylor series to the 10th power is exact to 1e-12.
  const r2 = rot * rot;
  const c = 1 - (r2 / 2) * (1 - (r2 / 12) * (1 - (r2 / 30) * (1 - (r2 / 56) * (1 - r2 / 90))));
  const s = rot * (1 - (r2 / 6) * (1 - (r2 / 20) * (1 - (r2 / 42) * (1 - (r2 / 72) * (1 - r2 / 110)))));
  return [c, s];
}

/** Map head-frame (u, v) mm to image (col, row) pixel coordinates. */
function toImage(anat: Anatomy, size: number, u: number, v: number): [number, number] {
  const [c, s] = cosSin(anat.rot);
  const x = c * u - s * v + anat.cx;
  const y = s * u + c * v + anat.cy;
  const px = FOV_MM / size;
  return [(x + FOV_MM / 2) / px - 0.5, (y + FOV_MM / 2) / px - 0.5];
}

/** Scanner table: two curved shells (cradle) under the head, in the scanner frame (not rotated). */
function paintTable(anat: Anatomy, cv: Canvas): void {
  const { size, px, hu, tissue } = cv;
  const T = anat.table;
  const cy = T.y - T.radius; // centre of the cradle's curvature, above the table
  // Per column, only the rows the shells can reach (dr in [-px, 15.4 + px]).
  const rLo = T.radius - px;
  const rHi = T.radius + 15.4 + px;
  for (let j = 0; j < size; j++) {
    const x = (j + 0.5) * px - FOV_MM / 2 - anat.cx;
    if (Math.abs(x) > T.halfWidth) continue;
    const yLo = cy + Math.sqrt(rLo * rLo - x * x);
    const yHi = cy + Math.sqrt(rHi * rHi - x * x);
    const i0 = Math.max(0, Math.floor((yLo + FOV_MM / 2) / px - 1));
    const i1 = Math.min(size - 1, Math.ceil((yHi + FOV_MM / 2) / px + 1));
    for (let i = i0; i <= i1; i++) {
      const y = (i + 0.5) * px - FOV_MM / 2;
      const k = i * size + j;
      if (tissue[k] !== Tissue.air) continue;
      const dr = Math.sqrt(x * x + (y - cy) * (y - cy)) - T.radius;
      const top = shell(dr, 0, 1.8, px);
      const bottom = shell(dr, 14, 1.4, px);
      const foam = shell(dr, 1.8, 12.2, px);
      const val = -1000 + (T.hu + 1000) * top + (T.hu * 0.7 + 1000) * bottom + 120 * foam;
      if (val > -999) {
        hu[k] = val;
        if (top + bottom >= 0.5) tissue[k] = Tissue.table;
      }
    }
  }
}

const FIELD_STEP = 4;
const FIELD_N = Math.ceil(260 / FIELD_STEP) + 2;

/** A smooth noise field on a 4 mm lattice covering +-130 mm, amplitude `amp`. */
function wiggleField(seed: number, amp: number): Float64Array {
  const f = new Float64Array(FIELD_N * FIELD_N);
  for (let i = 0; i < FIELD_N; i++) {
    for (let j = 0; j < FIELD_N; j++) {
      const x = j * FIELD_STEP - 130;
      const y = i * FIELD_STEP - 130;
      f[i * FIELD_N + j] = amp * (0.65 * valueNoise(x * 0.06, y * 0.06, seed) + 0.35 * valueNoise(x * 0.13, y * 0.13, seed + 1));
    }
  }
  return f;
}

/** Bilinear sample of a wiggle field at (u, v) mm. */
function sampleField(f: Float64Array, u: number, v: number): number {
  let x = (u + 130) / FIELD_STEP;
  let y = (v + 130) / FIELD_STEP;
  x = x < 0 ? 0 : x > FIELD_N - 1.001 ? FIELD_N - 1.001 : x;
  y = y < 0 ? 0 : y > FIELD_N - 1.001 ? FIELD_N - 1.001 : y;
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const o = iy * FIELD_N + ix;
  const a = f[o] as number;
  const b = f[o + 1] as number;
  const c = f[o + FIELD_N] as number;
  const d = f[o + FIELD_N + 1] as number;
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/** Coverage of a shell [t0, t0 + w] at radial offset dr, anti-aliased over one pixel. */
function shell(dr: number, t0: number, w: number, px: number): number {
  const a = 0.5 + (dr - t0) / px;
  const b = 0.5 + (t0 + w - dr) / px;
  return Math.max(0, Math.min(1, a, b));
}

/** Paint one primitive over its bounding box, anti-aliased, only over tissues in `p.within`. */
export function paintPrim(cv: Canvas, p: Prim, anat: Anatomy, deform: Deform): void {
  const { size, px, hu, tissue } = cv;
  const useBrain = p.frame === 'brain';
  const Uarr = useBrain ? cv.ub : cv.u;
  const Varr = cv.v;
  const isCap = p.shape === 'capsule';
  // Bounding box in the image: around both end points of a capsule (a long thin falx covers few pixels
  // of its square), around the centre of an ellipse; the midline shift moves brain pixels by at most |shift|.
  const reach = (isCap ? p.rx : Math.max(p.rx, p.ry)) + (useBrain ? Math.abs(deform.shift) : 0) + 2 * px;
  const [ai, aj] = toImage(anat, size, p.cx, p.cy);
  const [bi, bj] = isCap ? toImage(anat, size, p.x2, p.y2) : [ai, aj];
  const rp = reach / px;
  const j0 = Math.max(0, Math.floor(Math.min(ai, bi) - rp));
  const j1 = Math.min(size - 1, Math.ceil(Math.max(ai, bi) + rp));
  const i0 = Math.max(0, Math.floor(Math.min(aj, bj) - rp));
  const i1 = Math.min(size - 1, Math.ceil(Math.max(aj, bj) + rp));
  const cosA = dcos(p.angle);
  const sinA = dsin(p.angle);
  const dx = p.x2 - p.cx;
  const dy = p.y2 - p.cy;
  const len2 = dx * dx + dy * dy || 1;
  const irx2 = 1 / (p.rx * p.rx);
  const iry2 = 1 / (p.ry * p.ry);
  const inv = 1 / px;
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const k = i * size + j;
      if (((p.within >>> (tissue[k] as number)) & 1) === 0) continue;
      const qu = (Uarr[k] as number) - p.cx;
      const qv = (Varr[k] as number) - p.cy;
      let sd: number;
      if (isCap) {
        let t = (qu * dx + qv * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = qu - t * dx;
        const ey = qv - t * dy;
        sd = p.rx - Math.sqrt(ex * ex + ey * ey);
      } else {
        const lu = cosA * qu + sinA * qv;
        const lv = -sinA * qu + cosA * qv;
        const q = lu * lu * irx2 + lv * lv * iry2;
        const g = 2 * Math.sqrt(lu * lu * irx2 * irx2 + lv * lv * iry2 * iry2);
        sd = g > 1e-9 ? (1 - q) / g : p.rx;
      }
      let cov = 0.5 + sd * inv;
      if (cov <= 0) continue;
      if (cov > 1) cov = 1;
      let target = p.hu;
      if (p.texture > 0) target += p.texture * valueNoise((Uarr[k] as number) * 0.9, (Varr[k] as number) * 0.9, anat.seed + 21);
      hu[k] = (hu[k] as number) + (target - (hu[k] as number)) * cov;
      if (cov >= 0.5) tissue[k] = p.tissue;
    }
  }
}

export { toImage, cosSin };
