/**
 * Draws one slice's normal anatomy from a random stream: level, head size/shape/pose, skull and scalp
 * profiles, densities, sulcal pattern, table, noise and streaks. All in mm, independent of output size.
 */
import { Rng } from './rng';
import { dcos, dsin, clamp } from './detmath';
import { ANGLE_BINS, type Anatomy, type Densities } from './types';
import { buildStructures } from './structures';

/** Named level bands, for meta and the contact sheet. */
export function levelName(z: number): string {
  if (z < 0.2) return 'skull base';
  if (z < 0.32) return 'suprasellar';
  if (z < 0.5) return 'basal ganglia';
  if (z < 0.68) return 'lateral ventricles';
  if (z < 0.84) return 'centrum semiovale';
  return 'vertex';
}

/** Cross-section scale of the cranial cavity at level z (an ellipsoid cut, flatter at the base). */
function levelScale(z: number): number {
  if (z <= 0.55) return 1 - 0.1 * ((0.55 - z) / 0.55) * ((0.55 - z) / 0.55);
  const t = (z - 0.55) / 0.5;
  return Math.sqrt(Math.max(0.04, 1 - t * t));
}

/** Sample a slice level: most mass between the suprasellar cistern and the centrum semiovale. */
function sampleLevel(rng: Rng): number {
  const p = rng.next();
  if (p < 0.18) return rng.uniform(0.06, 0.3);
  if (p < 0.84) return rng.uniform(0.3, 0.8);
  return rng.uniform(0.8, 0.95);
}

/**
 * Draw the anatomy of one slice. `forcedLevel` (0..1) pins the level (samples and tests use it).
 * The number and order of draws is fixed, so the result depends only on the stream's seed.
 */
export function sampleAnatomy(rng: Rng, forcedLevel?: number): Anatomy {
  const drawnLevel = sampleLevel(rng);
  const z = forcedLevel ?? drawnLevel;
  const s = levelScale(z);
  const a0 = rng.uniform(60, 70);
  const a = a0 * s;
  const b = Math.min(a0 * rng.uniform(1.15, 1.32), 86) * s;
  const egg = rng.uniform(0.02, 0.08); // posterior (parietal) wider than frontal
  const h2 = rng.uniform(-0.02, 0.02);
  const h3 = rng.uniform(-0.015, 0.015);
  const p3 = rng.uniform(0, 6.283);
  const occ = rng.uniform(0.0, 0.05); // occipital point
  const skull0 = rng.uniform(4.5, 7);
  const scalp0 = rng.uniform(3.5, 6);
  const temporalis = rng.uniform(1.5, 5);
  const base = z < 0.24 ? clamp((0.24 - z) / 0.16, 0, 1) : 0; // frontal cavity gives way to orbits
  const vertexThick = z > 0.85 ? (z - 0.85) * 25 : 0; // tangential cut of the calvarium
  const cp3 = dcos(p3);
  const sp3 = dsin(p3);
  const rIn = new Float64Array(ANGLE_BINS);
  const skullT = new Float64Array(ANGLE_BINS);
  const scalpT = new Float64Array(ANGLE_BINS);
  for (let k = 0; k < ANGLE_BINS; k++) {
    const th = -Math.PI + ((k + 0.5) / ANGLE_BINS) * 2 * Math.PI;
    const c = dcos(th);
    const sn = dsin(th);
    const ell = 1 / Math.sqrt((c * c) / (a * a) + (sn * sn) / (b * b));
    const cos3 = 4 * c * c * c - 3 * c;
    const sin3 = 3 * sn - 4 * sn * sn * sn;
    const sp = sn > 0 ? sn * sn * sn : 0;
    const shape = 1 + egg * sn * (0.5 + 0.5 * c * c) + h2 * (c * c - sn * sn) + h3 * (cos3 * cp3 - sin3 * sp3) + occ * sp * sp;
    const ant = sn < 0 ? 1 - 0.3 * base * sn * sn : 1;
    rIn[k] = ell * shape * ant;
    const lateral = c * c; // temporal squama is thinner, frontal/occipital thicker
    skullT[k] = (skull0 * (1.15 - 0.45 * lateral) + vertexThick) * (1 + 0.6 * base * (sn < 0 ? sn * sn : 0));
    scalpT[k] = scalp0 + temporalis * lateral * lateral * (z < 0.6 ? 1 : 0.2) * (sn < 0.3 ? 1 : 0.3);
  }
  const grey = rng.uniform(36, 41);
  const hu: Densities = {
    grey,
    white: grey - rng.uniform(6, 9),
    deepGrey: grey - rng.uniform(1, 4),
    csf: rng.uniform(2, 12),
    cortical: rng.uniform(1300, 1750),
    diploe: rng.uniform(650, 1000),
    skin: rng.uniform(35, 55),
    fat: rng.uniform(-110, -70),
    muscle: rng.uniform(40, 55),
  };
  const atrophy = rng.next() ** 3; // most heads young, some old
  const sulci = {
    count: Math.round(rng.uniform(22, 30) * Math.sqrt(s)),
    width: 0.6 + 2 * atrophy,
    depth: rng.uniform(6, 14),
    wiggle: rng.uniform(0.25, 0.45),
    sas: 0.3 + 1.4 * atrophy,
  };
  const cor = rng.uniform(0.9, 1.15);
  const lam = rng.uniform(0.55, 0.8);
  const sutures = [-Math.PI / 2 - cor, -Math.PI / 2 + cor];
  if (z > 0.2 && z < 0.75) sutures.push(Math.PI / 2 - lam, Math.PI / 2 + lam);
  const rot = rng.uniform(-0.2, 0.2);
  const cx = rng.uniform(-10, 10);
  const cy = rng.uniform(-14, 4);
  const ventScale = 0.75 + 0.9 * atrophy + rng.uniform(-0.1, 0.15);
  const seed = rng.fork();
  const prims = buildStructures(new Rng(rng.fork()), { z, a, b, ku: a / s / 65, kv: b / s / 82, hu, ventScale, atrophy });
  const headBottom = cy + (b + skull0 + scalp0) * 1.02;
  const table = {
    y: headBottom + rng.uniform(6, 25),
    radius: rng.uniform(180, 320),
    hu: rng.uniform(150, 450),
    halfWidth: rng.uniform(90, 130),
  };
  const noiseSd = rng.uniform(2.5, 4.8);
  const streaks = [];
  const nStreak = z < 0.25 ? rng.int(1, 3) : rng.chance(0.25) ? 1 : 0;
  for (let i = 0; i < nStreak; i++) {
    streaks.push({
      angle: rng.uniform(-0.5, 0.5) + (z < 0.25 ? 0 : rng.uniform(0, 3.14)),
      offset: rng.uniform(-30, 30) + (z < 0.25 ? 15 : 0),
      amp: (rng.chance(0.6) ? -1 : 1) * rng.uniform(3, z < 0.25 ? 14 : 7),
      width: rng.uniform(1, 4),
    });
  }
  return {
    z,
    levelName: levelName(z),
    cx,
    cy,
    rot,
    rIn,
    skullT,
    scalpT,
    fatT: rng.uniform(0.8, 2.5),
    a,
    b,
    hu,
    sulci,
    sutures,
    prims,
    table,
    noiseSd,
    streaks,
    seed,
  };
}
