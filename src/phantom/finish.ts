/**
 * Scanner effects applied last: a slight point-spread blur at fine pixels, streaks, spatially
 * correlated quantum noise, a calibration offset, then rounding and clipping to int16 HU.
 */
import { Rng } from './rng';
import { dcos, dsin, powPos } from './detmath';
import { FOV_MM, type Anatomy } from './types';

/** Lowest and highest stored HU (12-bit CT range). */
export const HU_MIN = -1024;
export const HU_MAX = 3071;

/**
 * Math.round(x) for |x| < 2^52 (up to the sign of zero): V8 lowers Math.round to a slow path on some
 * CPUs (about 15 ns), floor is fast. floor(x + 0.5) is one too high only where x + 0.5 rounds up to an
 * integer (x = 0.49999999999999994); comparing with v - 0.5 (exact) catches it.
 */
export function roundHalfUp(x: number): number {
  const v = Math.floor(x + 0.5);
  return v - 0.5 > x ? v - 1 : v;
}

/** Separable 3-tap blur [w, 1-2w, w] in place (w = 0.25: binomial). */
function blur3(img: Float32Array, size: number, w: number): void {
  const tmp = new Float32Array(img.length);
  const c = 1 - 2 * w;
  for (let i = 0; i < size; i++) {
    const row = i * size;
    tmp[row] = img[row] as number;
    tmp[row + size - 1] = img[row + size - 1] as number;
    for (let j = 1; j < size - 1; j++) tmp[row + j] = c * (img[row + j] as number) + w * ((img[row + j - 1] as number) + (img[row + j + 1] as number));
  }
  for (let j = 0; j < size; j++) {
    img[j] = tmp[j] as number;
    img[(size - 1) * size + j] = tmp[(size - 1) * size + j] as number;
  }
  for (let i = 1; i < size - 1; i++) {
    const row = i * size;
    for (let j = 0; j < size; j++) img[row + j] = c * (tmp[row + j] as number) + w * ((tmp[row - size + j] as number) + (tmp[row + size + j] as number));
  }
}

const POOL = 1024;
let cachedPool: { field: Float32Array; sd: number } | null = null;

/**
 * A 1024x1024 field of spatially correlated noise (white, binomially blurred), made once per process
 * from a fixed seed, so every engine holds the same field. Slices crop it at a seeded offset.
 */
function noisePool(): { field: Float32Array; sd: number } {
  if (cachedPool) return cachedPool;
  const rng = new Rng(0x5eed);
  const field = new Float32Array(POOL * POOL);
  for (let k = 0; k < field.length; k++) {
    const w = rng.nextU32(); // two 16-bit uniforms from one draw
    field[k] = ((w & 0xffff) + (w >>> 16)) / 65536 - 1;
  }
  blur3(field, POOL, 0.25);
  blur3(field, POOL, 0.25); // twice: grain of about 1 mm at 0.45 mm pixels, as in real scans
  let ss = 0;
  for (let k = 0; k < field.length; k++) ss += (field[k] as number) * (field[k] as number);
  cachedPool = { field, sd: Math.sqrt(ss / field.length) };
  return cachedPool;
}

/**
 * Turn the float HU canvas into stored int16 HU. `hu` is modified in place. Noise is scaled so that
 * its standard deviation is `anat.noiseSd` at 0.45 mm pixels and lower at coarser pixels (averaging).
 */
export function finishSlice(hu: Float32Array, size: number, anat: Anatomy, seed: number): Int16Array {
  const px = FOV_MM / size;
  if (px < 0.6) blur3(hu, size, 0.18);
  // Streaks: thin bright/dark lines through the head (beam hardening, photon starvation).
  for (const s of anat.streaks) addStreak(hu, size, anat, s);
  // Correlated noise: a random crop (and flip) of a fixed pre-blurred noise field, scaled.
  const pool = noisePool();
  const rng = new Rng(seed);
  const ox = rng.int(0, POOL - size);
  const oy = rng.int(0, POOL - size);
  const flip = rng.chance(0.5);
  // powPos, not **: Math.pow is not required to round the same in every engine.
  const sd = anat.noiseSd * powPos(Math.min(1, 0.45 / px), 0.9);
  const gain = sd / pool.sd;
  const offset = (anat.seed % 7) - 3; // calibration offset, -3..3 HU
  return quantise(hu, size, pool.field, ox, oy, flip, gain, offset);
}

// The loops below are separate small functions so that V8 optimises each on its own: a streak seen for
// the first time then deoptimises only addStreak, never the per-pixel quantise loop.

/** Add one streak to `hu` in place (head pixels only). */
function addStreak(hu: Float32Array, size: number, anat: Anatomy, s: Anatomy['streaks'][number]): void {
  const px = FOV_MM / size;
  const c = dcos(s.angle);
  const sn = dsin(s.angle);
  for (let i = 0; i < size; i++) {
    const y = (i + 0.5) * px - FOV_MM / 2 - anat.cy;
    for (let j = 0; j < size; j++) {
      const k = i * size + j;
      if ((hu[k] as number) < -300) continue;
      const x = (j + 0.5) * px - FOV_MM / 2 - anat.cx;
      const dist = Math.abs(-sn * x + c * y - s.offset);
      if (dist < s.width) hu[k] = (hu[k] as number) + s.amp * (1 - dist / s.width);
    }
  }
}

/** hu + gain * (a size×size crop of the noise field at (ox, oy), mirrored if `flip`) + offset, rounded and clipped. */
function quantise(hu: Float32Array, size: number, field: Float32Array, ox: number, oy: number, flip: boolean, gain: number, offset: number): Int16Array {
  const out = new Int16Array(size * size);
  const step = flip ? -1 : 1;
  for (let i = 0; i < size; i++) {
    const row = i * size;
    let q = (oy + i) * POOL + ox + (flip ? size - 1 : 0);
    for (let j = 0; j < size; j++, q += step) {
      const k = row + j;
      const x = (hu[k] as number) + gain * (field[q] as number) + offset;
      // Clamping to the integer bounds first gives the same result as rounding first.
      out[k] = roundHalfUp(x < HU_MIN ? HU_MIN : x > HU_MAX ? HU_MAX : x);
    }
  }
  return out;
}
