/**
 * Engine-independent trigonometry. Math.sin/cos/atan2/exp are not required to be correctly rounded, so
 * browsers may differ in the last bit; these use only + - * / and Math.floor/abs/sqrt (exact by IEEE 754),
 * which makes the phantom's bytes identical in Node and every browser. Accuracy is about 1e-7.
 */

const TWO_PI = 6.283185307179586;
const HALF_PI = 1.5707963267948966;

/** sin(x) for any finite x (range reduction to [-pi, pi], then a 0..pi/2 odd polynomial). */
export function dsin(x: number): number {
  let t = x - TWO_PI * Math.floor(x / TWO_PI + 0.5); // [-pi, pi]
  if (t > HALF_PI) t = Math.PI - t;
  else if (t < -HALF_PI) t = -Math.PI - t;
  const t2 = t * t;
  // Taylor to t^13: error < 1e-9 on [-pi/2, pi/2]
  return t * (1 + t2 * (-1 / 6 + t2 * (1 / 120 + t2 * (-1 / 5040 + t2 * (1 / 362880 + t2 * (-1 / 39916800 + t2 / 6227020800))))));
}

/** cos(x) = sin(x + pi/2). */
export function dcos(x: number): number {
  return dsin(x + HALF_PI);
}

/** atan on [-1, 1] by a minimax-style polynomial (max error about 1e-5 rad, ample for geometry). */
function atanUnit(z: number): number {
  const z2 = z * z;
  return z * (0.99997726 + z2 * (-0.33262347 + z2 * (0.19354346 + z2 * (-0.11643287 + z2 * (0.05265332 + z2 * -0.0117212)))));
}

/** atan2(y, x) in (-pi, pi], same conventions as Math.atan2 (0 for (0, 0)). */
export function datan2(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax === 0 && ay === 0) return 0;
  let a = ax >= ay ? atanUnit(ay / ax) : HALF_PI - atanUnit(ax / ay);
  if (x < 0) a = Math.PI - a;
  return y < 0 ? -a : a;
}

/** Clamp v to [lo, hi]. */
export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Smooth 0→1 step between e0 and e1 (cubic Hermite). */
export function smoothstep(e0: number, e1: number, v: number): number {
  const t = clamp((v - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
}

/** Angle difference a - b wrapped to [-pi, pi). */
export function angleDiff(a: number, b: number): number {
  const d = a - b;
  return d - TWO_PI * Math.floor(d / TWO_PI + 0.5);
}

/** x^p for x in (0, 1] without Math.pow (Newton on a table-free log2 would be overkill: bisection). */
export function powPos(x: number, p: number): number {
  // x^p = exp2(p*log2 x); computed by repeated square roots: exact enough for shapes (error < 1e-4).
  let result = 1;
  let base = x;
  let frac = p;
  for (let i = 0; i < 16; i++) {
    base = Math.sqrt(base);
    frac *= 2;
    if (frac >= 1) {
      result *= base;
      frac -= 1;
    }
  }
  return result;
}
