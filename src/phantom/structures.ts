/**
 * The deep anatomy as 3-D ellipsoids and capsules cut by the slice plane: ventricles, basal ganglia,
 * thalami, cisterns, fissures and falx, and at the skull base the posterior fossa, petrous bones, clivus,
 * sinuses and orbits. Positions are for a reference cavity (half-width 65 mm, half-length 82 mm at the
 * ventricles) scaled by ku/kv; z runs 0 (orbits) .. 1 (vertex), about 120 mm in all.
 */
import type { Rng } from './rng';
import type { Densities, Prim } from './types';
import { Tissue, tissueSet, PARENCHYMA, INTRACRANIAL, ANY_TISSUE } from './tissue';

interface Ctx {
  readonly z: number;
  readonly a: number;
  readonly b: number;
  readonly ku: number;
  readonly kv: number;
  readonly hu: Densities;
  readonly ventScale: number;
  readonly atrophy: number;
}

const DEG = Math.PI / 180;
const BRAIN = INTRACRANIAL;
const VENTRICLE_OR_BRAIN = PARENCHYMA | tissueSet(Tissue.ventricle);

/** Build the ordered primitive list for one slice. */
export function buildStructures(rng: Rng, c: Ctx): Prim[] {
  const out: Prim[] = [];
  const { z, ku, kv, hu } = c;
  const vs = c.ventScale;
  /** Ellipsoid centred (cx, cy, zc) with in-plane semi-axes rx, ry and half-height hz (level units). */
  const ell = (
    cx: number, cy: number, zc: number, rx: number, ry: number, hz: number, angleDeg: number,
    huV: number, tissue: number, within: number, frame: 'brain' | 'head' = 'brain', texture = 0,
  ): void => {
    const dz = (z - zc) / hz;
    if (dz <= -1 || dz >= 1) return;
    const f = Math.sqrt(1 - dz * dz);
    if (rx * f < 0.3 || ry * f < 0.3) return;
    out.push({ shape: 'ellipse', cx: cx * ku, cy: cy * kv, x2: 0, y2: 0, rx: rx * f * ku, ry: ry * f * kv, angle: angleDeg * DEG, hu: huV, tissue, within, frame, texture });
  };
  /** Capsule between two in-plane points (already in mm), radius r, present for |z - zc| < hz. */
  const cap = (x1: number, y1: number, x2: number, y2: number, zc: number, hz: number, r: number, huV: number, tissue: number, within: number, frame: 'brain' | 'head' = 'brain', texture = 0): void => {
    const dz = (z - zc) / hz;
    if (dz <= -1 || dz >= 1) return;
    const rr = r * Math.sqrt(1 - dz * dz);
    if (rr < 0.25) return;
    out.push({ shape: 'capsule', cx: x1, cy: y1, x2, y2, rx: rr, ry: rr, angle: 0, hu: huV, tissue, within, frame, texture });
  };
  const csf = hu.csf;
  const wm = hu.white;

  // Posterior fossa and brainstem.
  ell(0, 30, 0.13, 50, 30, 0.13, 0, hu.deepGrey + 1, Tissue.deepGrey, BRAIN, 'brain', 3);
  ell(0, 3, 0.24, 13, 11, 0.16, 0, wm + 3, Tissue.deepGrey, BRAIN);
  ell(0, -9, 0.18, 10, 3.5, 0.08, 0, csf, Tissue.cistern, BRAIN); // prepontine cistern
  ell(0, 19, 0.15, 7 * vs, 4.5, 0.06, 0, csf, Tissue.ventricle, BRAIN); // fourth ventricle
  // Suprasellar and perimesencephalic cisterns around the midbrain.
  ell(0, -14, 0.3, 11, 8, 0.045, 0, csf, Tissue.cistern, BRAIN);
  ell(0, 6, 0.35, 15, 13.5, 0.06, 0, csf, Tissue.cistern, BRAIN);
  ell(0, 5, 0.35, 12.5, 10.5, 0.07, 0, wm + 4, Tissue.deepGrey, BRAIN);
  ell(0, 17, 0.39, 6, 3.5, 0.04, 0, csf, Tissue.cistern, BRAIN); // quadrigeminal cistern
  // Sylvian fissures and insular cortex.
  for (const s of [-1, 1]) {
    const sylW = 1.2 + 2.5 * c.atrophy;
    cap(s * 48 * ku, -22 * kv, s * 32 * ku, -2 * kv, 0.36, 0.12, sylW, csf, Tissue.cistern, BRAIN);
    cap(s * 32 * ku, -2 * kv, s * 33 * ku, 14 * kv, 0.42, 0.09, sylW * 0.8, csf, Tissue.cistern, BRAIN);
    ell(s * 29, 0, 0.44, 3.5, 17, 0.1, s * -8, hu.grey, Tissue.grey, PARENCHYMA);
  }
  // Basal ganglia and thalami.
  for (const s of [-1, 1]) {
    ell(s * 22, -3, 0.45, 6.5, 14, 0.08, s * -18, hu.deepGrey, Tissue.deepGrey, PARENCHYMA); // lentiform
    ell(s * 9, 8, 0.44, 8.5, 11, 0.07, s * -8, hu.deepGrey + 1, Tissue.deepGrey, PARENCHYMA); // thalamus
  }
  // Lateral ventricles: frontal horns, bodies, atria with occipital horns, temporal horns.
  for (const s of [-1, 1]) {
    ell(s * 8 * Math.sqrt(vs), -22, 0.5, 5.5 * vs, 14, 0.1, s * 28, csf, Tissue.ventricle, VENTRICLE_OR_BRAIN);
    ell(s * 11 * Math.sqrt(vs), 2, 0.63, 5.5 * vs, 23, 0.09, s * -6, csf, Tissue.ventricle, VENTRICLE_OR_BRAIN);
    ell(s * 17, 24, 0.5, 7 * vs, 13, 0.085, s * -25, csf, Tissue.ventricle, VENTRICLE_OR_BRAIN);
    ell(s * 31, 2, 0.27, 2.5 * vs, 9, 0.05, s * -12, csf, Tissue.ventricle, VENTRICLE_OR_BRAIN);
  }
  ell(0, -1, 0.42, 2.2 * vs, 11, 0.07, 0, csf, Tissue.ventricle, VENTRICLE_OR_BRAIN); // third ventricle
  ell(0, -20, 0.5, 1.1, 15, 0.09, 0, wm + 2, Tissue.white, tissueSet(Tissue.ventricle)); // septum pellucidum
  for (const s of [-1, 1]) ell(s * 16, -16, 0.49, 5.5, 9, 0.08, s * -22, hu.deepGrey + 1, Tissue.deepGrey, VENTRICLE_OR_BRAIN); // caudate heads
  if (rng.chance(0.55)) {
    const calc = rng.uniform(120, 350);
    for (const s of [-1, 1]) ell(s * 18, 25, 0.5, 2.2, 3, 0.035, 0, calc, Tissue.calcification, tissueSet(Tissue.ventricle));
  }
  if (rng.chance(0.4)) ell(0, 14, 0.42, 2.5, 2.5, 0.03, 0, rng.uniform(150, 400), Tissue.calcification, BRAIN); // pineal
  // Interhemispheric fissure and falx, interrupted by the corpus callosum at mid levels.
  const fw = 0.8 + 1.6 * c.atrophy;
  const falxHu = rng.chance(0.15) ? rng.uniform(80, 160) : hu.grey + rng.uniform(4, 18);
  const genu = z > 0.7 ? 0 : (-30 + 20 * Math.max(0, (z - 0.62) / 0.08)) * kv;
  const splen = z > 0.7 ? 0 : (30 - 20 * Math.max(0, (z - 0.62) / 0.08)) * kv;
  const front = -c.b - 10;
  const back = c.b + 10;
  if (z > 0.28) {
    cap(0, front, 0, genu, 0.65, 0.6, fw, csf, Tissue.cistern, BRAIN);
    cap(0, front, 0, genu, 0.65, 0.6, 0.45, falxHu, Tissue.falx, BRAIN);
    if (z > 0.38) {
      cap(0, splen, 0, back, 0.7, 0.6, fw, csf, Tissue.cistern, BRAIN);
      cap(0, splen, 0, back, 0.7, 0.6, 0.45, falxHu, Tissue.falx, BRAIN);
    }
  }
  // Skull base: sphenoid sinus, clivus, petrous bones with mastoid air, orbits and ethmoid cells.
  if (z < 0.3) {
    const boneHu = hu.cortical;
    const air = tissueSet(Tissue.bone);
    ell(0, -30, 0.12, 15, 11, 0.1, 0, boneHu * 0.8, Tissue.bone, ANY_TISSUE, 'head');
    ell(0, -30, 0.12, 12.5, 9, 0.09, 0, -1000, Tissue.sinusAir, air, 'head');
    ell(0, -13, 0.14, 8, 6.5, 0.08, 0, hu.diploe + 250, Tissue.bone, ANY_TISSUE, 'head', 150);
    for (const s of [-1, 1]) {
      // Petrous pyramid: a broad lateral base tapering anteromedially, mastoid air cells behind it.
      cap(s * 50 * ku, 16 * kv, s * 20 * ku, -2 * kv, 0.16, 0.05, 3.2, boneHu * 1.1, Tissue.bone, ANY_TISSUE, 'head', 120);
      ell(s * 45, 14, 0.16, 8, 5, 0.05, s * 35, boneHu, Tissue.bone, ANY_TISSUE, 'head', 150);
      ell(s * 50, 22, 0.14, 6, 7, 0.05, 0, -750, Tissue.sinusAir, air, 'head', 250);
    }
    // Orbits sit in front of the retracted anterior fossa (anatomy.ts shortens it below z = 0.24).
    const base = Math.max(0, Math.min(1, (0.24 - z) / 0.16));
    const yo = -(c.b * (1 - 0.3 * base) + 3) / kv;
    const front = tissueSet(Tissue.air, Tissue.soft, Tissue.bone);
    ell(0, yo - 4, 0.08, 52, 24, 0.12, 0, hu.muscle - 12, Tissue.soft, tissueSet(Tissue.air), 'head'); // face
    ell(0, yo - 2, 0.08, 11, 17, 0.11, 0, boneHu * 0.45, Tissue.bone, ANY_TISSUE, 'head');
    ell(0, yo - 2, 0.08, 9, 15, 0.1, 0, -850, Tissue.sinusAir, air, 'head', 300);
    for (const s of [-1, 1]) {
      ell(s * 30, yo, 0.09, 17, 17, 0.1, 0, boneHu * 0.7, Tissue.bone, front, 'head');
      ell(s * 30, yo - 2, 0.09, 15.5, 15.5, 0.1, 0, hu.fat, Tissue.soft, front, 'head');
      ell(s * 31, yo - 6, 0.09, 13.5, 13, 0.085, 0, hu.muscle - 10, Tissue.soft, tissueSet(Tissue.air), 'head');
      ell(s * 31, yo - 5, 0.09, 11.5, 11.5, 0.08, 0, rng.uniform(8, 18), Tissue.eye, tissueSet(Tissue.soft), 'head');
      ell(s * 31, yo - 15, 0.09, 3.5, 1.5, 0.03, 0, rng.uniform(90, 130), Tissue.eye, tissueSet(Tissue.eye), 'head');
    }
  }
  // Frontal sinus inside the frontal bone.
  if (rng.chance(0.8)) ell(0, -c.b / kv - 4, 0.3, rng.uniform(8, 16), 4, 0.07, 0, -1000, Tissue.sinusAir, tissueSet(Tissue.bone), 'head');
  return out;
}
