/**
 * Localisation of one map against one ground-truth mask, with the lab's conventions (METHODS.md; the CLI
 * `npm run evaluate -- --phantoms N` and the article's live island both use this): the pointing game and
 * the top-5 % IoU rank pixels by Σ|map| over channels; the energy pointing game sums the signed map per
 * pixel (one-channel maps: the map itself) and counts only its positive part.
 */
import { energyPointingGame } from './energy-pointing-game';
import { perPixel, type PlainMap } from './per-pixel';
import { pointingGame } from './pointing-game';
import { topKIoU } from './top-k-iou';

/** Share of the pixels in the top-k region of the IoU. */
export const TOP_K_SHARE = 0.05;

/** Each figure is null when it is undefined on this slice (empty mask; no positive mass for the energy). */
export interface Localisation {
  /** 1 when the map's maximum lies in the mask (ties: any), else 0. */
  readonly pointing: 0 | 1 | null;
  /** Share of the positive map inside the mask, [0, 1]. */
  readonly energy: number | null;
  /** IoU of the top 5 % pixels with the mask, [0, 1]. */
  readonly topIoU: number | null;
  /** Row-major index of the first pixel holding the maximum of Σ|map| (what the pointing game points at). */
  readonly peak: number;
}

/**
 * @param map an explanation map of height·width·channels values
 * @param mask height·width values, non-zero inside the lesion
 * @throws Error when the mask's length differs from the map's pixel count
 */
export function localise(map: PlainMap, mask: ArrayLike<number>): Localisation {
  const sal = perPixel(map, true);
  let peak = 0;
  for (let i = 1; i < sal.length; i++) if ((sal[i] as number) > (sal[peak] as number)) peak = i;
  return {
    pointing: pointingGame(sal, mask),
    energy: energyPointingGame(map.channels === 1 ? sal : perPixel(map, false), mask),
    topIoU: topKIoU(sal, mask, TOP_K_SHARE),
    peak,
  };
}

/** One method's localisation over a set of slices: the shares of the slices that could be scored. */
export interface LocalisationSummary {
  /** Slices with a non-empty mask (the pointing game's denominator). */
  readonly scored: number;
  /** Pointing-game hits among them. */
  readonly hits: number;
  /** Mean energy over the slices where it is defined, [0, 1]; NaN when none. */
  readonly energy: number;
  /** Mean top-5 % IoU over the scored slices, [0, 1]; NaN when none. */
  readonly topIoU: number;
}

const meanOf = (v: readonly number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/** Summarise one method's per-slice figures (slices with nothing to score are left out, as the CLI does). */
export function summariseLocalisation(rows: readonly Localisation[]): LocalisationSummary {
  const pointing = rows.map((r) => r.pointing).filter((p): p is 0 | 1 => p !== null);
  return {
    scored: pointing.length,
    hits: pointing.filter((p) => p === 1).length,
    energy: meanOf(rows.map((r) => r.energy).filter((e): e is number => e !== null)),
    topIoU: meanOf(rows.map((r) => r.topIoU).filter((e): e is number => e !== null)),
  };
}
