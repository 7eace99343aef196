/**
 * Measured priors for painted bleeds: the mean attenuation (HU) and the volume (mL) of real lesions per
 * subtype, as 21 quantiles (0 %, 5 %, …, 100 %; the ends are the 0.5 % and 99.5 % points) of the
 * densities in U.S. FDA InSilicoICH (github.com/DIDSR/InSilicoICH, src/insilicoICH/distributions/,
 * CC0 1.0), estimated there from the BHSD segmentation dataset; copied in ../shared/reference/bleed-priors.
 * A draw is the inverse CDF at a uniform number, linear between quantiles.
 */
import type { Rng } from './rng';
import type { Subtype } from '../labels';

type Quantiles = readonly number[];

/** Lesion mean HU, quantiles 0..100 % in steps of 5 %. */
export const HU_QUANTILES: Readonly<Record<Subtype, Quantiles>> = {
  intraparenchymal: [23.6, 32.8, 36.1, 38.2, 39.9, 41.4, 42.8, 44.1, 45.3, 46.5, 47.7, 48.9, 50.1, 51.3, 52.4, 53.6, 54.9, 56.4, 58.1, 60.8, 69.2],
  intraventricular: [16.9, 25.4, 28.5, 30.5, 32.1, 33.5, 34.7, 35.9, 37.0, 38.2, 39.3, 40.4, 41.6, 42.8, 44.2, 45.7, 47.4, 49.4, 51.7, 55.3, 65.1],
  subdural: [0.3, 26.7, 33.5, 37.5, 40.5, 42.9, 44.8, 46.6, 48.1, 49.6, 51.0, 52.5, 54.0, 55.5, 57.1, 58.7, 60.6, 62.7, 65.2, 68.9, 82.0],
  subarachnoid: [22.4, 31.2, 34.0, 35.8, 37.2, 38.4, 39.4, 40.4, 41.3, 42.2, 43.1, 44.1, 45.1, 46.1, 47.3, 48.6, 50.1, 51.8, 54.0, 57.7, 69.1],
  epidural: [29.9, 37.2, 41.4, 44.7, 47.2, 49.1, 50.7, 52.2, 53.6, 54.9, 56.2, 57.5, 58.8, 60.1, 61.4, 62.8, 64.4, 66.2, 68.5, 72.4, 84.0],
};

/** Lesion volume in mL, quantiles 0..100 % in steps of 5 %. */
export const VOLUME_QUANTILES: Readonly<Record<Subtype, Quantiles>> = {
  intraparenchymal: [0.45, 0.45, 0.85, 1.64, 2.43, 3.24, 4.06, 4.92, 5.82, 6.77, 7.8, 8.95, 10.26, 11.83, 13.8, 16.69, 21.89, 31.1, 42.49, 58.9, 93.91],
  intraventricular: [0.21, 0.21, 0.33, 0.58, 0.84, 1.1, 1.36, 1.64, 1.92, 2.22, 2.54, 2.89, 3.27, 3.71, 4.23, 4.9, 5.85, 7.55, 11.07, 18.62, 60.39],
  subdural: [0.6, 0.6, 0.8, 1.38, 1.97, 2.56, 3.17, 3.8, 4.45, 5.16, 5.91, 6.72, 7.63, 8.68, 9.92, 11.54, 13.85, 18.15, 27.33, 55.76, 85.5],
  subarachnoid: [0.27, 0.27, 0.27, 0.27, 0.27, 0.34, 0.43, 0.51, 0.6, 0.7, 0.8, 0.91, 1.03, 1.16, 1.3, 1.49, 1.71, 2.03, 2.61, 4.64, 32.21],
  epidural: [1.01, 1.21, 2.44, 3.66, 4.88, 6.1, 7.33, 8.6, 9.9, 11.24, 12.66, 14.16, 15.76, 17.53, 19.49, 21.75, 24.44, 27.83, 32.47, 39.89, 57.92],
};

/** Painted blood stays above this: below it a lesion is CSF to the eye and to any window (chronic collections are out of scope). */
export const MIN_BLOOD_HU = 24;

/** Inverse CDF of a quantile table at u ∈ [0, 1]. */
export function quantileAt(q: Quantiles, u: number): number {
  const x = Math.min(Math.max(u, 0), 1) * (q.length - 1);
  const i = Math.min(Math.floor(x), q.length - 2);
  const f = x - i;
  return (q[i] as number) * (1 - f) + (q[i + 1] as number) * f;
}

/** A lesion's mean HU for `s`, from the measured prior, at least MIN_BLOOD_HU. */
export function drawBloodHu(rng: Rng, s: Subtype): number {
  return Math.max(MIN_BLOOD_HU, quantileAt(HU_QUANTILES[s], rng.next()));
}

/** A lesion's volume in mL for `s`, from the measured prior. */
export function drawVolumeMl(rng: Rng, s: Subtype): number {
  return quantileAt(VOLUME_QUANTILES[s], rng.next());
}

/** Cube root of a volume in mL, in mm: the side of a cube of that volume (1 mL → 10 mm). */
export function sideMm(ml: number): number {
  return Math.cbrt(ml * 1000);
}
