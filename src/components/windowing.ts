/**
 * The windowing island's numbers: the HU histogram under the current window, the window's grey ramp
 * over it, and the bounds of the level and width controls. Pure functions of plain arrays.
 */
import { windowValue, type Window } from '../ct/window';

/** Bounds of the level and width controls, HU (the bone preset, L600/W2800, fits inside). */
export const LEVEL_RANGE = { min: -1000, max: 3000 } as const;
export const WIDTH_RANGE = { min: 1, max: 4000 } as const;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** A window with level and width rounded to whole HU and clamped to the control ranges (NaN → the low end). */
export function clampWindow(w: Window): Window {
  const r = (v: number, lo: number, hi: number): number => (Number.isFinite(v) ? clamp(Math.round(v), lo, hi) : lo);
  return { level: r(w.level, LEVEL_RANGE.min, LEVEL_RANGE.max), width: r(w.width, WIDTH_RANGE.min, WIDTH_RANGE.max) };
}

/** The HU span a chart shows for a window: the window plus half its width on each side, within [min, max]. */
export function histogramDomain(w: Window, min = -1024, max = 3071): { lo: number; hi: number } {
  const lo = Math.max(min, Math.floor(w.level - w.width));
  const hi = Math.min(max, Math.ceil(w.level + w.width));
  return hi > lo ? { lo, hi } : { lo, hi: lo + 1 };
}

/** Pixel counts of an HU image in equal bins. */
export interface Histogram {
  /** Left edge of bin 0, HU (integer). */
  readonly lo: number;
  /** Bin width, HU (a whole number, so integer HU never alias into uneven bins). */
  readonly binWidth: number;
  /** counts[i] = pixels with lo + i·binWidth ≤ HU < lo + (i+1)·binWidth. */
  readonly counts: Uint32Array;
  /** Pixels left of the first bin and at or right of the last bin's end. */
  readonly below: number;
  readonly above: number;
}

/**
 * Histogram of `hu` over [lo, hi) in at most `maxBins` bins of a whole number of HU each
 * (the bins may end a little past `hi`, never before it).
 */
export function huHistogram(hu: ArrayLike<number>, lo: number, hi: number, maxBins = 120): Histogram {
  const start = Math.floor(lo);
  const binWidth = Math.max(1, Math.ceil((hi - start) / maxBins));
  const bins = Math.max(1, Math.ceil((hi - start) / binWidth));
  const counts = new Uint32Array(bins);
  let below = 0;
  let above = 0;
  for (let i = 0; i < hu.length; i++) {
    const b = Math.floor(((hu[i] as number) - start) / binWidth);
    if (b < 0) below++;
    else if (b >= bins) above++;
    else counts[b] = (counts[b] as number) + 1;
  }
  return { lo: start, binWidth, counts, below, above };
}

/**
 * The grey a window gives each HU across [lo, hi], as the polyline's corners [HU, grey 0..1]:
 * flat at 0 up to L - W/2, linear to 1 at L + W/2, flat after; corners outside [lo, hi] are dropped.
 */
export function windowRamp(w: Window, lo: number, hi: number): [number, number][] {
  const xs = [lo, w.level - w.width / 2, w.level + w.width / 2, hi].filter((x) => x >= lo && x <= hi);
  return xs.map((x) => [x, windowValue(x, w)]);
}

/**
 * The windowing island's slice: a thin subdural haematoma against the left frontal inner table
 * (about 440 mm², basal ganglia level) that merges with the bone's white in the brain window and
 * separates from it in the subdural window. Found by scanning seeds 1000..1600 for single thin subdurals.
 */
export const WINDOWING_SEED = 1422;
