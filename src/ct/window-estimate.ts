/**
 * Estimate the window (level, width in HU) that turned a head CT into an 8-bit image, from the image's
 * grey-level histogram alone.
 *
 * Three facts of head CT carry it:
 * - Brain parenchyma is the largest soft-tissue peak, at about 32 HU (grey matter 35–45, white 20–30;
 *   measured here: PHE-SICH 29–35 read at L40/W80, CT-ICH 36–38, the InVesalius volume 23–25). Its grey
 *   level g_p gives the level once the width is known: L = 32 − W (g_p / 255 − 1/2).
 * - Stored CT values are integers (Rescale Slope 1), so an image windowed at a width W < 255 holds at
 *   most W + 1 distinct grey levels, on the lattice round(a + k · 255/W): the histogram is a comb and its
 *   spacing gives W to about 1 %. A JPEG, a resized image or a width ≥ 255 has no comb; the width then
 *   comes from the parenchyma peak's breadth (about 11.5 HU at half maximum, measured 7–19 HU across
 *   scanners), which is too rough to tell the common brain-range windows apart.
 * - Air (−1000 HU) is clipped to 0 and the skull (300–2000 HU) to 255 in every common head window but
 *   bone, whose top (2000 HU) leaves the skull unclipped; both ends are left out of the peak measures.
 *
 * The estimate snaps to a common head window when close (COMMON_HEAD_WINDOWS) and says whether it is
 * confident; when it is not, `window` is the fallback (brain L40/W80) and the caller should say so.
 */
import { WINDOWS, type Window } from './window';

/** A common head-CT display window with a short name. */
export interface NamedWindow extends Window {
  readonly name: string;
}

/**
 * Windows an 8-bit head-CT export is likely to have used (Radiopaedia "Windowing (CT)"; the RSNA 2019
 * intracranial-haemorrhage challenge's brain/subdural/soft-tissue/bone set): brain L40/W80, stroke
 * L40/W40, subdural L80/W200 (this project's) and L75/W215, soft tissue L40/W380, bone L600/W2800; and
 * L40/W120, a wider brain window: each of the 576 PHE-SICH slices holds exactly 121 grey levels on the
 * lattice round(k · 255/120), the mark of a window 120 HU wide over integer HU.
 */
export const COMMON_HEAD_WINDOWS: readonly NamedWindow[] = [
  { name: 'brain', ...WINDOWS.brain },
  { name: 'stroke', level: 40, width: 40 },
  { name: 'brain-120', level: 40, width: 120 },
  { name: 'subdural', ...WINDOWS.subdural },
  { name: 'subdural-215', level: 75, width: 215 },
  { name: 'soft-tissue', level: 40, width: 380 },
  { name: 'bone', ...WINDOWS.bone },
];

/** Assumed HU of the parenchyma peak (see the file comment for the measurements). */
export const PARENCHYMA_HU = 32;
/** Assumed full width at half maximum of the parenchyma peak, HU (geometric middle of 7–19). */
export const PARENCHYMA_FWHM_HU = 11.5;

/** What the estimate rests on, for display and debugging. Grey levels are 0..255. */
export interface WindowEvidence {
  /** Pixels counted (opaque ones). */
  readonly pixels: number;
  /** Shares of those pixels at grey 0 and at 255 (clipped by the window), 0..1. */
  readonly clippedLow: number;
  readonly clippedHigh: number;
  /** Grey level of the parenchyma peak (largest peak in 8..247), or null when none. */
  readonly peakLevel: number | null;
  /** Breadth of that peak at half its height, grey levels (smoothing taken out), or null. */
  readonly peakWidth: number | null;
  /** Spacing of the integer-HU comb in grey levels (255 / W), or null when there is none. */
  readonly combSpacing: number | null;
  /** Where the width came from: the comb (about 1 %), the peak's breadth (a factor ~1.6), or nowhere. */
  readonly widthFrom: 'comb' | 'peak' | 'none';
  /** The unsnapped estimate (HU, rounded), or null when no parenchyma peak was found. */
  readonly raw: Window | null;
  /** Name of the common window it snapped to, or null. */
  readonly snappedTo: string | null;
  /**
   * Why the estimate is unsure although a comb gave the width: 'level' when the width is a common
   * window's but no peak of the histogram puts parenchyma at that window's level (a skull-base, neck
   * or vertex slice whose largest peak is muscle or scalp); null otherwise.
   */
  readonly doubt?: 'level' | null;
}

export interface WindowEstimate {
  /** The window to use: the estimate when `confident`, else the fallback (default brain L40/W80). */
  readonly window: Window;
  readonly confident: boolean;
  readonly evidence: WindowEvidence;
}

/**
 * Histogram of grey levels: 256 bins, each value rounded to the nearest integer and clamped to 0..255.
 * @param grey grey levels (any length; non-integers from colour luma are rounded)
 * @param alpha optional coverage 0..1 per pixel; pixels with alpha 0 are not counted
 */
export function greyHistogram(grey: ArrayLike<number>, alpha?: ArrayLike<number>): Float64Array {
  const h = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) {
    if (alpha && (alpha[i] as number) <= 0) continue;
    const g = Math.round(grey[i] as number);
    h[g < 0 ? 0 : g > 255 ? 255 : g]! += 1;
  }
  return h;
}

/**
 * Levels searched for the parenchyma peak and the comb. The clipped ends and a few levels beside them
 * are left out: JPEG ringing spreads the huge air (0) and skull (255) bins onto their neighbours, and no
 * common window puts parenchyma there.
 */
const LO = 8;
const HI = 247;

/** Gaussian smoothing of h over LO..HI only (renormalised at the edges); 0 outside. */
function smoothInterior(h: ArrayLike<number>, sigma: number): Float64Array {
  const out = new Float64Array(256);
  const r = Math.ceil(3 * sigma);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  for (let g = LO; g <= HI; g++) {
    let s = 0;
    let wsum = 0;
    for (let d = -r; d <= r; d++) {
      const j = g + d;
      if (j < LO || j > HI) continue;
      s += (h[j] as number) * (k[d + r] as number);
      wsum += k[d + r] as number;
    }
    out[g] = s / wsum;
  }
  return out;
}

/**
 * Integer-HU comb: around the parenchyma peak the populated grey levels lie on the lattice
 * round(a + k · 255/W), k = 0, 1, 2, ..., one level per integer HU.
 * @returns the spacing 255/W (least-squares slope of level against k), or null when the levels are not
 *   such a lattice (JPEG noise, resampling, W ≥ ~235 where every level is used, too few pixels, holes)
 */
function combSpacing(h: ArrayLike<number>, peak: number): number | null {
  // Where the histogram smoothed across the gaps (σ = 4 levels: bridges them for W ≥ 30) holds ≥ 10
  // pixels a level, every lattice point is populated (Poisson: P(empty) < 1e-4), so each gap is real.
  const smooth = smoothInterior(h, 4);
  const floor = Math.max(10, 0.05 * (smooth[peak] as number));
  let from = peak;
  let to = peak;
  while (from > LO && (smooth[from - 1] as number) >= floor) from--;
  while (to < HI && (smooth[to + 1] as number) >= floor) to++;
  const levels: number[] = [];
  for (let g = from; g <= to; g++) if ((h[g] as number) > 0) levels.push(g);
  const n = levels.length;
  if (n < 8) return null;
  if (((levels[n - 1] as number) - (levels[0] as number)) / (n - 1) < 1.08) return null; // every level used
  const kMean = (n - 1) / 2;
  const gMean = levels.reduce((x, y) => x + y, 0) / n;
  let num = 0;
  let den = 0;
  levels.forEach((g, i) => {
    num += (i - kMean) * (g - gMean);
    den += (i - kMean) ** 2;
  });
  const s = num / den;
  // A lattice rounded (or floored) to integers stays within one level of its straight line; a hole in
  // the histogram (missing tissue, not a lattice) pushes every level after it off the line.
  let lo = Infinity;
  let hi = -Infinity;
  levels.forEach((g, i) => {
    const r = g - (gMean + s * (i - kMean));
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  });
  return hi - lo <= 1.2 ? s : null;
}

/**
 * The comb where too few pixels populate each level for combSpacing (a vertex slice with a little brain
 * left): every occupied level between LO and HI must lie on one lattice round(a + k · 255/W), k integer,
 * for an integer width W below 235; the narrowest such W is taken (a wider lattice is denser and holds
 * a narrower one's levels). Needs ≥ 24 occupied levels, so a few scattered levels do not make a comb.
 * @returns the spacing 255/W, or null
 */
export function sparseCombSpacing(h: ArrayLike<number>): number | null {
  const levels: number[] = [];
  for (let g = LO; g <= HI; g++) if ((h[g] as number) > 0) levels.push(g);
  if (levels.length < 24) return null;
  for (let W = 30; W < 235; W++) {
    const sp = 255 / W;
    // The phase a: try steps of 1/20 of a level across one spacing.
    for (let a = 0; a < sp; a += 0.05) {
      const fits = levels.every((g) => {
        // Some k with g − 0.5 ≤ a + k·sp < g + 0.5.
        const k = Math.ceil((g - 0.5 - a) / sp);
        return a + k * sp < g + 0.5;
      });
      if (fits) return sp;
    }
  }
  return null;
}

/** Breadth at half height of the peak at `peak` in a smoothed histogram, linearly interpolated. */
function fwhm(smooth: Float64Array, peak: number): number {
  const half = (smooth[peak] as number) / 2;
  const at = (g: number): number => smooth[g] as number;
  let lo = peak;
  while (lo > LO && at(lo - 1) > half) lo--;
  let hi = peak;
  while (hi < HI && at(hi + 1) > half) hi++;
  const left = lo > LO ? lo - (at(lo) - half) / (at(lo) - at(lo - 1) || 1) : lo;
  const right = hi < HI ? hi + (at(hi) - half) / (at(hi) - at(hi + 1) || 1) : hi;
  return right - left;
}

/** Log-width tolerance for snapping: the comb reads W to about 1 %, the peak's breadth to a factor ~1.6. */
const SNAP_LOG_W = { comb: Math.log(1.04), peak: Math.log(1.6) } as const;
/** Level tolerance for snapping, HU: parenchyma 23–38 HU about the assumed 32, plus two grey levels. */
const snapLevelHU = (w: Window): number => 12 + (2 * w.width) / 255;
/** A peak other than the largest is a parenchyma candidate when at least this share of its height. */
const MIN_OTHER_PEAK = 0.5;
/** Standard deviation of log(W_peak / W), from the 7–19 HU spread of the parenchyma peak's breadth. */
const PEAK_LOG_SD = 0.3;

/**
 * Estimate the window of an 8-bit head-CT image from its histogram.
 * @param hist 256 counts (greyHistogram); their sizes matter (a comb needs ≥ 10 pixels a level)
 * @param fallback window returned when the estimate is not confident (default brain L40/W80)
 * @returns the window to use, whether it was estimated with confidence, and the evidence. Confident:
 *   - the width comes from the integer-HU comb (the level then rests on the parenchyma peak, ±8 HU), or
 *   - bone: the skull is not clipped (< 1 % at 255) while air is (> 10 % at 0), the parenchyma peak is
 *     narrow (W from its breadth > 600) and its level fits L600/W2800; or
 *   - the peak's breadth points to one common window with posterior ≥ 0.95 (log-normal error, sd 0.3).
 * @throws RangeError when hist does not have 256 bins
 */
export function estimateWindowFromHistogram(hist: ArrayLike<number>, fallback: Window = WINDOWS.brain): WindowEstimate {
  if (hist.length !== 256) throw new RangeError(`estimateWindowFromHistogram: expected 256 bins, got ${hist.length}`);
  let pixels = 0;
  for (let g = 0; g < 256; g++) pixels += hist[g] as number;
  const base = {
    pixels,
    clippedLow: pixels > 0 ? (hist[0] as number) / pixels : 0,
    clippedHigh: pixels > 0 ? (hist[255] as number) / pixels : 0,
  };
  const none: WindowEstimate = {
    window: fallback,
    confident: false,
    evidence: { ...base, peakLevel: null, peakWidth: null, combSpacing: null, widthFrom: 'none', raw: null, snappedTo: null },
  };
  let interior = 0;
  for (let g = LO; g <= HI; g++) interior += hist[g] as number;
  if (interior < 64) return none; // too few pixels to show a peak, let alone a comb

  // The peak, on a smoothing wide enough to bridge a comb of spacing up to ~6 (W ≥ 40).
  const coarse = smoothInterior(hist, 3);
  let peak = LO;
  for (let g = LO + 1; g <= HI; g++) if ((coarse[g] as number) > (coarse[peak] as number)) peak = g;
  if ((coarse[peak] as number) <= 0) return none;

  // The exact lattice over every occupied level first (it reads W to the unit); the local fit where it fails.
  const spacing = sparseCombSpacing(hist) ?? combSpacing(hist, peak);
  // Refine the peak and measure its breadth on a smoothing that bridges the comb (σ = 2 without one),
  // then take the smoothing's own breadth (2.355 σ) out in quadrature.
  const sigma = spacing ? Math.max(2, spacing) : 2;
  const smooth = smoothInterior(hist, sigma);
  let top = peak;
  for (let g = Math.max(LO, peak - 8); g <= Math.min(HI, peak + 8); g++) if ((smooth[g] as number) > (smooth[top] as number)) top = g;
  const width = Math.sqrt(Math.max(fwhm(smooth, top) ** 2 - (2.355 * sigma) ** 2, 0.25));

  const widthFrom = spacing ? 'comb' : 'peak';
  const W = spacing ? 255 / spacing : (255 * PARENCHYMA_FWHM_HU) / width;
  const levelFor = (w: number): number => PARENCHYMA_HU - w * (top / 255 - 0.5);
  const L = levelFor(W);

  // Snap to the nearest common window within tolerance (normalised distance in log-width and level).
  let best: NamedWindow | null = null;
  let bestD = Infinity;
  for (const c of COMMON_HEAD_WINDOWS) {
    const dW = Math.abs(Math.log(W / c.width)) / SNAP_LOG_W[widthFrom];
    const dL = Math.abs(L - c.level) / snapLevelHU(c);
    if (dW > 1 || dL > 1) continue;
    if (dW + dL < bestD) {
      bestD = dW + dL;
      best = c;
    }
  }

  let confident = false;
  let doubt: 'level' | null = null;
  let levelPeak = top;
  if (spacing) {
    // The width is read to about 1 %. When it is a common window's, the level must be that window's
    // too (an export at a common width and an odd level is rare): on a slice whose largest peak is not
    // parenchyma (muscle at the skull base, scalp at the vertex), another peak at least half as high
    // may be; when none puts parenchyma at that level, the level is doubtful and the estimate says so.
    const sameWidth = COMMON_HEAD_WINDOWS.filter((c) => Math.abs(Math.log(W / c.width)) <= SNAP_LOG_W.comb);
    if (sameWidth.length > 0 && !best) {
      const candidates: number[] = [];
      for (let g = LO + 1; g < HI; g++) {
        const v = smooth[g] as number;
        if (g !== top && v >= MIN_OTHER_PEAK * (smooth[top] as number) && v >= (smooth[g - 1] as number) && v > (smooth[g + 1] as number)) candidates.push(g);
      }
      candidates.sort((a, b) => (smooth[b] as number) - (smooth[a] as number));
      for (const g of candidates) {
        const lg = PARENCHYMA_HU - W * (g / 255 - 0.5);
        const hit = sameWidth.find((c) => Math.abs(lg - c.level) <= snapLevelHU(c));
        if (hit) {
          best = hit;
          levelPeak = g;
          break;
        }
      }
      if (best) confident = true;
      else {
        doubt = 'level';
        // The best guess is still the common window of that width (the first when several share it).
        best = sameWidth[0] as NamedWindow;
      }
    } else {
      confident = true;
    }
  } else {
    // Bone: the one common window that leaves the skull unclipped. Its parenchyma peak is a level or two
    // wide, too narrow to read a width from, so test the bone window's own level instead.
    const bone = COMMON_HEAD_WINDOWS.find((c) => c.name === 'bone') as NamedWindow;
    if (base.clippedHigh < 0.01 && base.clippedLow > 0.1 && W > 600 && Math.abs(levelFor(bone.width) - bone.level) <= snapLevelHU(bone)) {
      best = bone;
      confident = true;
    } else if (best) {
      const like = COMMON_HEAD_WINDOWS.map((c) => Math.exp(-((Math.log(W / c.width) / PEAK_LOG_SD) ** 2) / 2));
      confident = (like[COMMON_HEAD_WINDOWS.indexOf(best)] as number) / like.reduce((a, b) => a + b, 0) >= 0.95;
    }
  }
  const chosen: Window = best ? { level: best.level, width: best.width } : { level: Math.round(L), width: Math.round(W) };
  return {
    // Unsure of the level only: the common window of the comb's width is a better guess than the fallback.
    window: confident || doubt ? chosen : fallback,
    confident,
    evidence: {
      ...base,
      peakLevel: levelPeak,
      peakWidth: Math.round(width * 10) / 10,
      combSpacing: spacing,
      widthFrom,
      raw: { level: Math.round(L), width: Math.round(W) },
      snappedTo: doubt ? null : (best?.name ?? null),
      doubt,
    },
  };
}

/**
 * Estimate the window of an 8-bit head-CT image from its grey levels.
 * @param grey grey levels 0..255, row-major, one per pixel
 * @param alpha optional coverage 0..1 per pixel; transparent pixels are left out
 * @param fallback window returned when not confident (default brain L40/W80)
 */
export function estimateWindow(grey: ArrayLike<number>, alpha?: ArrayLike<number>, fallback: Window = WINDOWS.brain): WindowEstimate {
  return estimateWindowFromHistogram(greyHistogram(grey, alpha), fallback);
}
