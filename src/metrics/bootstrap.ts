/**
 * Cluster bootstrap: a 95 % percentile interval of a statistic over items grouped by patient,
 * resampling whole patients with replacement (slices of one patient are not independent; Field & Welsh
 * 2007). Seeded (mulberry32), so an interval is reproducible.
 */
import { Rng } from '../phantom/rng';

/**
 * @param groups patient id per item
 * @param stat the statistic on a resample, given item indices; NaN results (one class absent) are skipped
 * @param reps resamples (default 2000); @param seed RNG seed (default 0)
 * @returns [2.5th, 97.5th] percentile, NaN when no resample gave a number
 */
export function bootstrapByGroup(groups: readonly string[], stat: (idx: number[]) => number, reps = 2000, seed = 0): [number, number] {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = byGroup.get(g);
    if (list) list.push(i);
    else byGroup.set(g, [i]);
  });
  const clusters = [...byGroup.values()];
  const rng = new Rng(seed);
  const values: number[] = [];
  for (let r = 0; r < reps; r++) {
    const idx: number[] = [];
    for (let c = 0; c < clusters.length; c++) idx.push(...(clusters[Math.floor(rng.next() * clusters.length)] as number[]));
    const v = stat(idx);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return [Number.NaN, Number.NaN];
  values.sort((a, b) => a - b);
  const q = (p: number): number => {
    const pos = p * (values.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, values.length - 1);
    return (values[lo] as number) + ((values[hi] as number) - (values[lo] as number)) * (pos - lo);
  };
  return [q(0.025), q(0.975)];
}
