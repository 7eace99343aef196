/**
 * The pointing game as Zhang et al. define it (2018, "Top-down neural attention by excitation backprop",
 * IJCV; METHODS.md): a hit when the map's arg-max lies within 15 pixels of the ground-truth mask,
 * measured at the image's own resolution. Distances are Euclidean between pixel centres and inclusive
 * (a mask pixel exactly 15 px away counts). Tolerance 0 is the strict variant (the peak inside the mask).
 * Tied maxima: a hit when any of them is (METHODS.md, "ties: any"); the peaks come as source pixels,
 * already carried back from the map's grid (src/ct/grid-to-source.ts).
 */

/** Zhang et al.'s tolerance, in pixels of the slice's own resolution. */
export const POINTING_TOLERANCE_PX = 15;

/**
 * @param peaks [x, y] source pixels where the map peaks (whole numbers; outside the image allowed)
 * @param mask row-major height×width, non-zero inside the lesion
 * @param tolerance pixels, ≥ 0 (0: strict); default 15
 * @returns 1 (some peak lies within `tolerance` of a mask pixel), 0 (none does), null for an empty mask
 * @throws Error when the mask is not height×width or the tolerance is negative or not finite
 */
export function pointingGameTolerant(peaks: readonly (readonly [number, number])[], mask: ArrayLike<number>, width: number, height: number, tolerance = POINTING_TOLERANCE_PX): 0 | 1 | null {
  if (mask.length !== width * height) throw new Error(`pointingGameTolerant: mask has ${mask.length} values, not ${height}×${width}`);
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new Error(`pointingGameTolerant: tolerance ${tolerance} is not a distance`);
  let any = false;
  for (let k = 0; k < mask.length; k++) if (mask[k]) { any = true; break; }
  if (!any) return null;
  const t = Math.floor(tolerance);
  const t2 = tolerance * tolerance;
  for (const [x, y] of peaks) {
    for (let dy = -t; dy <= t; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= height) continue;
      const reach = Math.floor(Math.sqrt(t2 - dy * dy) + 1e-9);
      const x0 = Math.max(0, x - reach);
      const x1 = Math.min(width - 1, x + reach);
      for (let xx = x0; xx <= x1; xx++) if (mask[yy * width + xx]) return 1;
    }
  }
  return 0;
}

/** The strict variant at the source resolution: a peak inside the mask (`pointingGameTolerant` at 0 px). */
export function pointingGameStrict(peaks: readonly (readonly [number, number])[], mask: ArrayLike<number>, width: number, height: number): 0 | 1 | null {
  return pointingGameTolerant(peaks, mask, width, height, 0);
}
