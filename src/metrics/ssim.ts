/**
 * Structural similarity (Wang et al. 2004, IEEE TIP 13(4)) between two maps, as the sanity checks use it
 * (Adebayo et al. 2018): each map min-max scaled to [0, 1] first, then mean SSIM over every 7×7 window
 * that fits (uniform window, sample covariance, K1 = 0.01, K2 = 0.03, data range 1: the defaults of
 * scikit-image's structural_similarity).
 */

const K1 = 0.01;
const K2 = 0.03;
const WIN = 7;

/** Min-max scale to [0, 1]; a constant map becomes all zeros. */
export function scaleUnit(v: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i] as number);
    hi = Math.max(hi, v[i] as number);
  }
  const out = new Float64Array(v.length);
  if (hi > lo) for (let i = 0; i < v.length; i++) out[i] = ((v[i] as number) - lo) / (hi - lo);
  return out;
}

/**
 * Mean SSIM of two `width`×`height` maps, in [-1, 1] (1 when identical after scaling).
 * @throws Error on lengths that do not match the size, or a side shorter than 7
 */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, width: number, height: number): number {
  if (a.length !== width * height || b.length !== width * height) throw new Error(`ssim: expected ${width * height} values`);
  if (width < WIN || height < WIN) throw new Error(`ssim: maps must be at least ${WIN}×${WIN}`);
  const x = scaleUnit(a);
  const y = scaleUnit(b);
  const c1 = K1 * K1;
  const c2 = K2 * K2;
  const np = WIN * WIN;
  const cov = np / (np - 1);
  let total = 0;
  let count = 0;
  for (let r = 0; r + WIN <= height; r++) {
    for (let c = 0; c + WIN <= width; c++) {
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let i = 0; i < WIN; i++) {
        const o = (r + i) * width + c;
        for (let j = 0; j < WIN; j++) {
          const u = x[o + j] as number;
          const v = y[o + j] as number;
          sx += u;
          sy += v;
          sxx += u * u;
          syy += v * v;
          sxy += u * v;
        }
      }
      const mx = sx / np;
      const my = sy / np;
      const vx = cov * (sxx / np - mx * mx);
      const vy = cov * (syy / np - my * my);
      const vxy = cov * (sxy / np - mx * my);
      total += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      count++;
    }
  }
  return total / count;
}
