/**
 * Haemorrhages: a plan drawn from the seed (which subtypes, where, how big) and a painter that writes
 * blood into a rendered canvas together with the per-subtype mask bits. Classic plans paint acute blood at
 * 50-90 HU; with `priors` each lesion's mean HU and volume are drawn from measured real lesions
 * (bleed-priors.ts): darker, smaller and thinner bleeds, as real scans have them.
 */
import { LABELS, type Subtype } from '../labels';
import type { Rng } from './rng';
import { angleDiff, clamp, datan2, dcos, dsin, powPos } from './detmath';
import { valueNoise } from './noise';
import { drawBloodHu, drawVolumeMl, sideMm } from './bleed-priors';
import { ANGLE_BINS, FOV_MM, type Anatomy } from './types';

/** What the planner and painter read of a slice's anatomy: a phantom's, or one measured on a real slice (composite.ts). */
export type BleedAnatomy = Pick<Anatomy, 'z' | 'a' | 'b' | 'rIn' | 'sutures' | 'seed'>;
import { type Canvas, type Deform } from './render';
import { Tissue, PARENCHYMA, SUBARACHNOID, INTRACRANIAL, tissueSet } from './tissue';

/** The five subtypes in mask-bit order: bit k of a mask byte is SUBTYPES[k] (= LABELS[k + 1]). */
export const SUBTYPES = LABELS.slice(1) as readonly Subtype[];
/** Defined once, in the leaf src/labels.ts; re-exported for the phantom's modules. */
export type { Subtype } from '../labels';

/** Bit index of a subtype in the mask bytes. */
export function subtypeBit(s: Subtype): number {
  return SUBTYPES.indexOf(s);
}

/** One planned bleed (mm, HU, head-frame radians). */
export type Bleed =
  | { kind: 'epidural' | 'subdural'; phi: number; half: number; thick: number; hu: number; mix: number; power: number }
  | { kind: 'falcine'; side: number; v0: number; v1: number; thick: number; hu: number }
  | { kind: 'subarachnoid'; region: 'convexity' | 'basal' | 'interhemispheric'; phi: number; half: number; hu: number; depth?: number; reach?: number }
  | { kind: 'intraparenchymal'; u: number; v: number; r: number; h2: number; p2: number; h3: number; p3: number; rim: number; edema: number; hu: number; mix: number }
  | { kind: 'intraventricular'; mode: 'layer' | 'cast'; layer: number; side: number; hu: number };

/** Subtype a planned bleed belongs to. */
export function subtypeOf(b: Bleed): Subtype {
  return b.kind === 'falcine' ? 'subdural' : b.kind;
}

/** Ventricles are cut at this level (lateral, third or fourth). */
function hasVentricles(z: number): boolean {
  return (z > 0.36 && z < 0.7) || (z > 0.1 && z < 0.2);
}

/**
 * Plan the bleeds of one slice. `force`: exactly these subtypes (samples); otherwise about half of
 * slices are negative and positives have one to three subtypes.
 */
export function planBleeds(rng: Rng, anat: BleedAnatomy, force?: readonly Subtype[], priors = false): Bleed[] {
  let kinds: Subtype[];
  if (force) kinds = [...force];
  else {
    if (rng.next() < 0.5) return [];
    const p = rng.next();
    const count = p < 0.62 ? 1 : p < 0.9 ? 2 : 3;
    // Intraventricular blood needs ventricles in the slice: weight it up where they are, for balance.
    const pool: [Subtype, number][] = SUBTYPES.filter((s) => s !== 'intraventricular' || hasVentricles(anat.z)).map((s) => [s, s === 'intraventricular' ? 2.2 : 1]);
    kinds = [];
    for (let i = 0; i < count && pool.length > 0; i++) {
      const total = pool.reduce((t, p) => t + p[1], 0);
      let x = rng.next() * total;
      let k = 0;
      while (k < pool.length - 1 && x >= (pool[k] as [Subtype, number])[1]) x -= (pool[k++] as [Subtype, number])[1];
      kinds.push((pool.splice(k, 1)[0] as [Subtype, number])[0]);
    }
  }
  const out: Bleed[] = [];
  for (const kind of kinds) {
    const b = priors ? planFromPriors(rng, anat, kind) : planOne(rng, anat, kind);
    if (b) out.push(b);
  }
  return out;
}

function rInAt(anat: BleedAnatomy, phi: number): number {
  let k = Math.floor(((phi + Math.PI) / (2 * Math.PI)) * ANGLE_BINS);
  k = ((k % ANGLE_BINS) + ANGLE_BINS) % ANGLE_BINS;
  return anat.rIn[k] as number;
}

/** Convexity angles only (avoid the face and skull-base midline at low levels). */
function convexityAngle(rng: Rng, anat: BleedAnatomy): number {
  if (anat.z < 0.25) return rng.chance(0.5) ? rng.uniform(-0.4, 0.9) : rng.uniform(2.25, 3.54) - (rng.chance(0.5) ? 0 : 0);
  return rng.uniform(-Math.PI, Math.PI);
}

function planOne(rng: Rng, anat: BleedAnatomy, kind: Subtype): Bleed | null {
  const blood = (): number => rng.uniform(58, 88);
  switch (kind) {
    case 'epidural': {
      const sut = [...anat.sutures].sort((x, y) => x - y);
      for (let tries = 0; tries < 6; tries++) {
        const phi = convexityAngle(rng, anat);
        // The bone segment holding phi: the nearest suture on each side (an EDH stops at both).
        let lo = -Infinity;
        let hi = Infinity;
        for (const s of sut) {
          const d = angleDiff(s, phi);
          if (d < 0 && d > lo) lo = d;
          if (d > 0 && d < hi) hi = d;
        }
        const r = rInAt(anat, phi);
        const room = Math.min(-lo, hi) - 0.06;
        const half = Math.min(rng.uniform(16, 38) / r, room);
        if (half * r < 12) continue;
        return { kind, phi, half, thick: rng.uniform(6, 20), hu: blood(), mix: rng.chance(0.3) ? rng.uniform(8, 22) : 0, power: rng.uniform(0.6, 0.9) };
      }
      return null;
    }
    case 'subdural': {
      if (anat.z > 0.4 && rng.chance(0.2)) {
        // Along the falx: anywhere above the corpus callosum, else behind the splenium.
        const v0 = (anat.z > 0.68 ? rng.uniform(-0.8, 0.2) : rng.uniform(0.42, 0.55)) * anat.b;
        const v1 = Math.min(v0 + rng.uniform(25, 60), 0.95 * anat.b);
        return { kind: 'falcine', side: rng.chance(0.5) ? 1 : -1, v0, v1, thick: rng.uniform(2.5, 5), hu: blood() };
      }
      const phi = convexityAngle(rng, anat);
      const r = rInAt(anat, phi);
      return { kind, phi, half: Math.min(rng.uniform(35, 95) / r, 1.6), thick: rng.uniform(4, 16), hu: blood(), mix: rng.chance(0.35) ? rng.uniform(8, 25) : 0, power: rng.uniform(0.2, 0.45) };
    }
    case 'subarachnoid': {
      const p = rng.next();
      const region = anat.z < 0.42 && p < 0.45 ? 'basal' : p < 0.6 && anat.z > 0.3 ? 'interhemispheric' : 'convexity';
      return { kind, region, phi: rng.uniform(-Math.PI, Math.PI), half: rng.uniform(0.5, 1.3), hu: rng.uniform(50, 75) };
    }
    case 'intraparenchymal': {
      const r = rng.uniform(5, 19) * Math.min(1, anat.a / 55);
      const side = rng.chance(0.5) ? 1 : -1;
      let u: number;
      let v: number;
      const where = rng.next();
      if (anat.z > 0.36 && anat.z < 0.56 && where < 0.45) {
        u = side * rng.uniform(16, 24) * (anat.a / 65);
        v = rng.uniform(-10, 10);
      } else if (anat.z < 0.22 && where < 0.5) {
        u = side * rng.uniform(15, 28);
        v = rng.uniform(22, 38);
      } else {
        const phi = convexityAngle(rng, anat);
        const depth = Math.min(r + rng.uniform(6, 22), rInAt(anat, phi) * 0.55);
        const rr = rInAt(anat, phi) - depth;
        u = rr * dcos(phi);
        v = rr * dsin(phi);
      }
      return {
        kind, u, v, r, h2: rng.uniform(0, 0.25), p2: rng.uniform(0, 6.28), h3: rng.uniform(0, 0.15), p3: rng.uniform(0, 6.28),
        rim: rng.uniform(2, 7), edema: rng.uniform(6, 12), hu: blood(), mix: rng.chance(0.3) ? rng.uniform(5, 15) : 0,
      };
    }
    case 'intraventricular':
      return { kind, mode: rng.chance(0.7) ? 'layer' : 'cast', layer: rng.uniform(3, 12), side: rng.pick([-1, 0, 1]), hu: rng.uniform(52, 80) };
  }
}

/**
 * One bleed whose mean HU and volume come from the measured priors (bleed-priors.ts); the placement
 * rules are planOne's. Volume → slice geometry: an intraparenchymal clot is a sphere of that volume cut at
 * a random height; extra-axial thickness and extent grow with the cube root of the volume (0.6 mL: a
 * 2 mm subdural film; 56 mL: a 12 mm collection); subarachnoid blood is confined to a few sulci or cisterns.
 */
function planFromPriors(rng: Rng, anat: BleedAnatomy, kind: Subtype): Bleed | null {
  const base = planOne(rng, anat, kind);
  if (!base) return null;
  const side = sideMm(drawVolumeMl(rng, kind));
  const hu = drawBloodHu(rng, kind);
  switch (base.kind) {
    case 'epidural': {
      const r = rInAt(anat, base.phi);
      const half = Math.min(clamp(1.1 * side, 12, 42) / r, base.half);
      return { ...base, hu, half, thick: clamp(0.42 * side * rng.uniform(0.8, 1.2), 3, 22), mix: Math.min(base.mix, Math.max(0, hu - 28)) };
    }
    case 'subdural': {
      const r = rInAt(anat, base.phi);
      return { ...base, hu, half: Math.min(clamp(2.6 * side * rng.uniform(0.7, 1.3), 18, 100) / r, 1.6), thick: clamp(0.3 * side * rng.uniform(0.7, 1.3), 1.6, 18), mix: Math.min(base.mix, Math.max(0, hu - 28)) };
    }
    case 'falcine':
      return { ...base, hu, thick: clamp(0.16 * side, 1.6, 5), v1: Math.min(base.v0 + clamp(2.5 * side, 12, 60), base.v1 + 20) };
    case 'subarachnoid':
      return { ...base, hu, half: clamp(0.035 * side, 0.1, 1.3), depth: clamp(0.9 * side, 5, 30), reach: clamp(2.2 * side, 10, 55) };
    case 'intraparenchymal': {
      const t = rng.uniform(0, 0.75);
      const r = clamp(0.62 * side * Math.sqrt(1 - t * t), 2.5, 26) * Math.min(1, anat.a / 55);
      return { ...base, hu, r, edema: rng.uniform(0, 10), rim: rng.uniform(1, 6), mix: Math.min(base.mix, 10) };
    }
    case 'intraventricular':
      return { ...base, hu, layer: clamp(0.35 * side * rng.uniform(0.7, 1.3), 1.2, 12), mode: side > 17 && rng.chance(0.5) ? 'cast' : 'layer' };
  }
}

/** Mass effect of a plan: extra-axial thickness per angle bin and a midline shift. */
export function deformFor(plan: readonly Bleed[], anat: BleedAnatomy): Deform {
  const compress = new Float64Array(ANGLE_BINS);
  let shift = 0;
  for (const b of plan) {
    if (b.kind === 'epidural' || b.kind === 'subdural') {
      const lut = extraAxialLut(b);
      for (let k = 0; k < ANGLE_BINS; k++) compress[k] = (compress[k] as number) + (lut[k] as number);
      if (b.thick > 8) shift -= Math.sign(dcos(b.phi)) * 0.45 * (b.thick - 6) * Math.abs(dcos(b.phi));
    } else if (b.kind === 'intraparenchymal' && b.r > 11) {
      shift -= Math.sign(b.u || 1) * 0.4 * (b.r - 9);
    }
  }
  void anat;
  return { shift: clamp(shift, -14, 14), compress };
}

/** Thickness (mm) of one epidural/subdural bleed per angle bin. */
function extraAxialLut(b: { phi: number; half: number; thick: number; power: number }): Float64Array {
  const lut = new Float64Array(ANGLE_BINS);
  for (let k = 0; k < ANGLE_BINS; k++) {
    const th = -Math.PI + ((k + 0.5) / ANGLE_BINS) * 2 * Math.PI;
    const t = angleDiff(th, b.phi) / b.half;
    if (t > -1 && t < 1) lut[k] = b.thick * powPos(1 - t * t, b.power);
  }
  return lut;
}


/** Bleed area (mm²) below which a subtype is dropped: it must stay visible at 224 pixels. */
export const MIN_AREA_MM2 = 12;

/**
 * Paint the planned bleeds into `cv` (HU changed in place) and return the mask bytes
 * (Uint8Array size×size, bit k = SUBTYPES[k]). The tissue map keeps the pre-bleed anatomy.
 * A pixel belongs to a mask where blood covers at least half of it; later bleeds clear earlier bits.
 */
export function paintBleeds(cv: Canvas, plan: readonly Bleed[], anat: BleedAnatomy, deform: Deform): Uint8Array {
  const masks = new Uint8Array(cv.size * cv.size);
  const order: Bleed['kind'][] = ['intraparenchymal', 'intraventricular', 'subarachnoid', 'falcine', 'subdural', 'epidural'];
  const sorted = [...plan].sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
  let edhLut: Float64Array | null = null;
  for (const b of plan) if (b.kind === 'epidural') edhLut = extraAxialLut(b);
  // One painter per kind: each sees one object shape, so V8 keeps every loop optimised.
  for (const b of sorted) {
    const bit = subtypeBit(subtypeOf(b));
    if (b.kind === 'intraparenchymal') paintIph(cv, masks, bit, b, anat.seed);
    else if (b.kind === 'intraventricular') paintIvh(cv, masks, bit, b);
    else if (b.kind === 'subarachnoid') paintSah(cv, masks, bit, b);
    else if (b.kind === 'falcine') paintFalcine(cv, masks, bit, b);
    else paintExtraAxial(cv, masks, bit, b, b.kind === 'subdural' ? edhLut : null, anat.seed);
  }
  void deform;
  void FOV_MM;
  return masks;
}

type BleedOf<K extends Bleed['kind']> = Extract<Bleed, { kind: K }>;

/** Coverage of a pixel by an edge `t` mm inside it: 0.5 + t / px, clamped to [0, 1]. */
function ramp(t: number, inv: number): number {
  return clamp(0.5 + t * inv, 0, 1);
}

/** Blend blood into pixel k with coverage `cov`; at half coverage the pixel's mask becomes this bit alone. */
function put(hu: Float32Array, masks: Uint8Array, k: number, bit: number, value: number, cov: number): void {
  hu[k] = (hu[k] as number) + (value - (hu[k] as number)) * cov;
  if (cov >= 0.5) masks[k] = 1 << bit;
}

function paintIph(cv: Canvas, masks: Uint8Array, bit: number, b: BleedOf<'intraparenchymal'>, seed: number): void {
  const { size, px, hu, tissue } = cv;
  const n = size * size;
  const inv = 1 / px;
  for (let k = 0; k < n; k++) {
    if (((PARENCHYMA >>> (tissue[k] as number)) & 1) === 0) continue;
    const du = (cv.ub[k] as number) - b.u;
    const dv = (cv.v[k] as number) - b.v;
    const dist = Math.sqrt(du * du + dv * dv);
    if (dist > b.r * 1.5 + b.rim + 2) continue;
    const ang = datan2(dv, du);
    const edge = b.r * (1 + b.h2 * dcos(2 * (ang - b.p2)) + b.h3 * dcos(3 * (ang - b.p3)) + 0.12 * valueNoise(ang * 2.5, b.r, seed + 31));
    const rim = ramp(edge + b.rim - dist, inv);
    hu[k] = (hu[k] as number) - b.edema * rim;
    const c = ramp(edge - dist, inv);
    if (c > 0) put(hu, masks, k, bit, b.hu + b.mix * valueNoise((cv.u[k] as number) * 0.3, (cv.v[k] as number) * 0.3, seed + 33), c);
  }
}

function paintIvh(cv: Canvas, masks: Uint8Array, bit: number, b: BleedOf<'intraventricular'>): void {
  const { size, px, hu, tissue } = cv;
  const n = size * size;
  const inv = 1 / px;
  let yMax = -Infinity;
  for (let k = 0; k < n; k++) {
    if (tissue[k] === Tissue.ventricle && sideOk(b.side, cv.ub[k] as number)) yMax = Math.max(yMax, Math.floor(k / size));
  }
  if (yMax === -Infinity) return;
  const level = (yMax + 0.5) * px - b.layer; // fluid level, mm from the top of the image
  for (let k = 0; k < n; k++) {
    if (tissue[k] !== Tissue.ventricle || !sideOk(b.side, cv.ub[k] as number)) continue;
    const y = (Math.floor(k / size) + 0.5) * px;
    const c = b.mode === 'cast' ? 1 : ramp(y - level, inv);
    if (c > 0) put(hu, masks, k, bit, b.hu, c);
  }
}

function paintSah(cv: Canvas, masks: Uint8Array, bit: number, b: BleedOf<'subarachnoid'>): void {
  const { size, hu, tissue } = cv;
  const n = size * size;
  for (let k = 0; k < n; k++) {
    if (((SUBARACHNOID >>> (tissue[k] as number)) & 1) === 0) continue;
    let inside: boolean;
    if (b.region === 'convexity') {
      const th = -Math.PI + (((cv.bin[k] as number) + 0.5) / ANGLE_BINS) * 2 * Math.PI;
      inside = Math.abs(angleDiff(th, b.phi)) < b.half && (cv.depth[k] as number) < (b.depth ?? 30);
    } else if (b.region === 'basal') {
      inside = tissue[k] === Tissue.cistern && Math.abs(cv.ub[k] as number) < (b.reach ?? 55);
    } else {
      inside = tissue[k] === Tissue.cistern && Math.abs(cv.ub[k] as number) < 5;
    }
    if (inside) put(hu, masks, k, bit, b.hu, 1);
  }
}

function paintFalcine(cv: Canvas, masks: Uint8Array, bit: number, b: BleedOf<'falcine'>): void {
  const { size, px, hu, tissue } = cv;
  const n = size * size;
  const inv = 1 / px;
  const allowed = PARENCHYMA | SUBARACHNOID | tissueSet(Tissue.falx);
  for (let k = 0; k < n; k++) {
    if (((allowed >>> (tissue[k] as number)) & 1) === 0) continue;
    const v = cv.v[k] as number;
    if (v < b.v0 - 2 || v > b.v1 + 2) continue;
    const off = (cv.ub[k] as number) * b.side; // distance from the falx towards `side`
    const taper = clamp(Math.min(v - b.v0, b.v1 - v) / 8, 0, 1);
    const t = b.thick * taper;
    const c = Math.min(ramp(off - 0.4, inv), ramp(t + 0.4 - off, inv));
    if (c > 0 && (cv.depth[k] as number) > 0) put(hu, masks, k, bit, b.hu, c);
  }
}

/** Epidural or subdural; a subdural starts inside the epidural of `edhLut` at the same angle. */
function paintExtraAxial(cv: Canvas, masks: Uint8Array, bit: number, b: BleedOf<'epidural' | 'subdural'>, edhLut: Float64Array | null, seed: number): void {
  const { size, px, hu, tissue } = cv;
  const n = size * size;
  const inv = 1 / px;
  const lut = extraAxialLut(b);
  const allowed = INTRACRANIAL | tissueSet(Tissue.bone);
  for (let k = 0; k < n; k++) {
    const bi = cv.bin[k] as number;
    const t = lut[bi] as number;
    if (t <= 0) continue;
    const d = cv.depth[k] as number;
    if (d < -px || d > 25) continue;
    const tk = tissue[k] as number;
    if (((allowed >>> tk) & 1) === 0 || (tk === Tissue.bone && d > px)) continue;
    const start = edhLut ? (edhLut[bi] as number) : 0;
    const c = Math.min(ramp(d - start, inv), ramp(start + t - d, inv));
    if (c <= 0) continue;
    const value = b.hu - b.mix * (0.5 + 0.5 * valueNoise((cv.u[k] as number) * 0.12, (cv.v[k] as number) * 0.12, seed + 41));
    put(hu, masks, k, bit, value, c);
  }
}

function sideOk(side: number, ub: number): boolean {
  return side === 0 || ub * side > 0;
}
