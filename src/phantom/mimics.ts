/**
 * Hard negatives: things on a head CT that look like blood or like its edges but are not intracranial
 * haemorrhage, painted on every slice level and labelled negative (the masks are never touched):
 * - a scalp haematoma or soft-tissue swelling outside the skull (blood outside the skull is not ICH);
 * - a skull fracture line through the bone;
 * - calcifications (pineal, choroid plexus, basal ganglia, falx): small, far denser than blood;
 * - a dense superior sagittal sinus or falx (60-80 HU at the posterior midline);
 * - beam-hardening streaks, strongest between the dense bones of the skull base.
 * The painter reads the canvas's head frame (u, v, depth, tissue) as the bleed painter does.
 */
import type { Rng } from './rng';
import { angleDiff, clamp, datan2, dcos, dsin } from './detmath';
import type { Canvas } from './render';
import { Tissue, PARENCHYMA } from './tissue';

/** One planned mimic (mm, HU, head-frame radians). */
export type Mimic =
  | { kind: 'scalp'; phi: number; half: number; thick: number; hu: number }
  | { kind: 'fracture'; phi: number; width: number }
  | { kind: 'calcification'; u: number; v: number; r: number; hu: number }
  | { kind: 'sinus'; hu: number; width: number }
  | { kind: 'streaks'; cu: number; cv: number; angles: readonly number[]; amp: readonly number[]; width: number };

/**
 * Plan the mimics of one slice: each kind independently, streaks likelier low in the head.
 * @param z slice level 0 (skull base) .. 1 (vertex); `a`, `b` the cavity's semi-axes (mm)
 */
export function planMimics(rng: Rng, z: number, a: number, b: number): Mimic[] {
  const out: Mimic[] = [];
  if (rng.chance(0.22)) out.push({ kind: 'scalp', phi: rng.uniform(-Math.PI, Math.PI), half: rng.uniform(0.25, 0.9), thick: rng.uniform(3, 14), hu: rng.uniform(35, 75) });
  if (rng.chance(0.15)) out.push({ kind: 'fracture', phi: rng.uniform(-Math.PI, Math.PI), width: rng.uniform(0.6, 1.8) });
  const calcs = rng.chance(0.35) ? rng.int(1, 3) : 0;
  for (let i = 0; i < calcs; i++) {
    const where = rng.next();
    const [u, v] = where < 0.35 ? [rng.uniform(-2, 2), rng.uniform(0.05, 0.25) * b] // pineal
      : where < 0.7 ? [(rng.chance(0.5) ? 1 : -1) * rng.uniform(0.2, 0.35) * a, rng.uniform(0.1, 0.35) * b] // choroid plexus / trigones
      : where < 0.85 ? [(rng.chance(0.5) ? 1 : -1) * rng.uniform(0.15, 0.3) * a, rng.uniform(-0.2, 0.05) * b] // basal ganglia
      : [rng.uniform(-1, 1), rng.uniform(-0.7, 0.6) * b]; // falx
    out.push({ kind: 'calcification', u, v, r: rng.uniform(0.8, 3), hu: rng.uniform(110, 450) });
  }
  if (z > 0.3 && rng.chance(0.25)) out.push({ kind: 'sinus', hu: rng.uniform(58, 80), width: rng.uniform(3, 7) });
  if (rng.chance(z < 0.3 ? 0.6 : 0.15)) {
    const n = rng.int(2, 6);
    const angles: number[] = [];
    const amp: number[] = [];
    for (let i = 0; i < n; i++) {
      angles.push(rng.uniform(-0.6, 0.6) + (rng.chance(0.5) ? 0 : Math.PI / 2));
      amp.push(rng.uniform(-35, 25));
    }
    out.push({ kind: 'streaks', cu: rng.uniform(-0.2, 0.2) * a, cv: rng.uniform(0.1, 0.5) * b, angles, amp, width: rng.uniform(1, 3.5) });
  }
  return out;
}

/** Paint `plan` into cv.hu (in place) outside the bleed masks; streaks (a scanner effect) cross everything. */
export function paintMimics(cv: Canvas, plan: readonly Mimic[], masks: Uint8Array): void {
  for (const m of plan) {
    if (m.kind === 'scalp') paintScalp(cv, m);
    else if (m.kind === 'fracture') paintFracture(cv, m);
    else if (m.kind === 'streaks') paintStreaks(cv, m);
    else paintInside(cv, m, masks);
  }
}

type MimicOf<K extends Mimic['kind']> = Extract<Mimic, { kind: K }>;

/** Outermost non-air radius (mm) per angle, from the canvas centre: where the skin is. */
function skinRadius(cv: Canvas, bins: number): Float64Array {
  const r = new Float64Array(bins);
  for (let k = 0; k < cv.hu.length; k++) {
    if ((cv.hu[k] as number) < -300) continue;
    const u = cv.u[k] as number;
    const v = cv.v[k] as number;
    const bi = Math.floor(((datan2(v, u) + Math.PI) / (2 * Math.PI)) * bins) % bins;
    r[bi] = Math.max(r[bi] as number, Math.sqrt(u * u + v * v));
  }
  return r;
}

function paintScalp(cv: Canvas, m: MimicOf<'scalp'>): void {
  const bins = 180;
  const skin = skinRadius(cv, bins);
  for (let k = 0; k < cv.hu.length; k++) {
    const u = cv.u[k] as number;
    const v = cv.v[k] as number;
    const th = datan2(v, u);
    const t = angleDiff(th, m.phi) / m.half;
    if (t <= -1 || t >= 1) continue;
    const bi = Math.floor(((th + Math.PI) / (2 * Math.PI)) * bins) % bins;
    const r = Math.sqrt(u * u + v * v);
    const out = r - (skin[bi] as number) + 2; // mm beyond the skin surface, 2 mm into the scalp
    const thick = m.thick * Math.sqrt(1 - t * t);
    if (out > 0 && out < thick && (cv.depth[k] as number) < 0 && cv.tissue[k] !== Tissue.bone) cv.hu[k] = m.hu;
  }
}

function paintFracture(cv: Canvas, m: MimicOf<'fracture'>): void {
  for (let k = 0; k < cv.hu.length; k++) {
    if ((cv.hu[k] as number) < 250) continue; // bone only
    const u = cv.u[k] as number;
    const v = cv.v[k] as number;
    const r = Math.sqrt(u * u + v * v);
    if (r < 30) continue;
    const off = Math.abs(angleDiff(datan2(v, u), m.phi)) * r; // mm from the radial fracture line
    if (off < m.width) cv.hu[k] = 20 + (cv.hu[k] as number - 20) * clamp(off / m.width, 0, 1) * 0.3;
  }
}

function paintInside(cv: Canvas, m: MimicOf<'calcification' | 'sinus'>, masks: Uint8Array): void {
  for (let k = 0; k < cv.hu.length; k++) {
    if (masks[k] || (cv.depth[k] as number) <= 0) continue;
    if (m.kind === 'calcification') {
      const du = (cv.ub[k] as number) - m.u;
      const dv = (cv.v[k] as number) - m.v;
      const d = Math.sqrt(du * du + dv * dv);
      if (d < m.r + cv.px) cv.hu[k] = (cv.hu[k] as number) + (m.hu - (cv.hu[k] as number)) * clamp(0.5 + (m.r - d) / cv.px, 0, 1);
    } else {
      // Superior sagittal sinus: a dense triangle at the posterior midline against the inner table.
      const d = cv.depth[k] as number;
      const ub = Math.abs(cv.ub[k] as number);
      if ((cv.v[k] as number) > 0 && d < m.width && ub < (m.width - d) * 0.8 && ((PARENCHYMA >>> (cv.tissue[k] as number)) & 1 || cv.tissue[k] === Tissue.sulcalCsf || cv.tissue[k] === Tissue.falx)) cv.hu[k] = m.hu;
    }
  }
}

function paintStreaks(cv: Canvas, m: MimicOf<'streaks'>): void {
  for (let k = 0; k < cv.hu.length; k++) {
    if ((cv.hu[k] as number) < -300 || (cv.hu[k] as number) > 300) continue;
    const du = (cv.u[k] as number) - m.cu;
    const dv = (cv.v[k] as number) - m.cv;
    let add = 0;
    for (let i = 0; i < m.angles.length; i++) {
      const a = m.angles[i] as number;
      const dist = Math.abs(-dsin(a) * du + dcos(a) * dv); // distance from the line through (cu, cv)
      add += (m.amp[i] as number) * Math.exp(-(dist * dist) / (m.width * m.width));
    }
    cv.hu[k] = (cv.hu[k] as number) + add;
  }
}
