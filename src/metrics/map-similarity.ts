/**
 * How much a map changed when the network was randomised (Adebayo et al. 2018, arXiv:1810.03292;
 * METHODS.md "Sanity checks"): Spearman ρ of the per-pixel |map| and of the signed map, and SSIM of the
 * |map|s scaled to [0, 1], against the trained network's map. Plain arrays; shared by the CLI lab and the
 * article's sanity-check island.
 */
import { perPixel, type PlainMap } from './per-pixel';
import { spearman } from './spearman';
import { ssim } from './ssim';

export interface MapSimilarity {
  /** Spearman ρ of Σ|map| per pixel, [-1, 1]; NaN when either map is constant. */
  readonly spearmanAbs: number;
  /** Spearman ρ of Σ map per pixel (signed), [-1, 1]; NaN when either map is constant. */
  readonly spearmanSigned: number;
  /** Mean SSIM of the |map|s, each min-max scaled to [0, 1]. */
  readonly ssim: number;
}

/**
 * @param trained the trained network's map
 * @param randomised the randomised network's map for the same request (same shape)
 * @param withSsim false skips SSIM (NaN), the slowest of the three
 * @throws Error when the two maps differ in size
 */
export function mapSimilarity(trained: PlainMap, randomised: PlainMap, withSsim = true): MapSimilarity {
  if (trained.width !== randomised.width || trained.height !== randomised.height) throw new Error('mapSimilarity: maps differ in size');
  const a = perPixel(trained, true);
  const b = perPixel(randomised, true);
  return {
    spearmanAbs: spearman(a, b),
    spearmanSigned: spearman(perPixel(trained, false), perPixel(randomised, false)),
    ssim: withSsim ? ssim(a, b, trained.width, trained.height) : NaN,
  };
}
