/**
 * Standard normal numbers from a seeded uniform stream by the Box–Muller transform (Box & Muller 1958):
 * for u1 in (0, 1] and u2 in [0, 1), r = √(−2 ln u1), z0 = r cos 2πu2, z1 = r sin 2πu2 are two
 * independent N(0, 1) draws. A true normal, unlike a sum of uniforms (whose tails stop at a few σ).
 */

/**
 * `length` standard normal draws, both of each Box–Muller pair used in turn.
 * @param uniform a seeded stream of uniforms in [0, 1) (e.g. `() => rng.next()`)
 */
export function standardNormals(uniform: () => number, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − u lies in (0, 1]: log never sees 0
    const t = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(t);
    if (i + 1 < length) out[i + 1] = r * Math.sin(t);
  }
  return out;
}
