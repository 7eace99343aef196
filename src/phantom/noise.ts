/**
 * Smooth 2-D value noise from an integer lattice hash (deterministic everywhere). Used for sulcal
 * wiggle, bone marrow texture and slow HU drifts; pixel noise lives in finish.ts.
 */
import { hash2 } from './rng';

/** Value noise in [-1, 1] at (x, y) in lattice units, C1-smooth (cubic Hermite between lattice points). */
export function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(ix, iy, seed);
  const b = hash2(ix + 1, iy, seed);
  const c = hash2(ix, iy + 1, seed);
  const d = hash2(ix + 1, iy + 1, seed);
  const top = a + (b - a) * sx;
  const bot = c + (d - c) * sx;
  return 2 * (top + (bot - top) * sy) - 1;
}

/** Two-octave value noise in about [-1, 1]. */
export function fbm2(x: number, y: number, seed: number): number {
  return 0.67 * valueNoise(x, y, seed) + 0.33 * valueNoise(2.03 * x + 17.1, 2.03 * y - 9.7, seed + 1);
}
