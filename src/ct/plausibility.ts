/**
 * Can these HU be a head CT? A decoder that read the numbers wrong (no rescale, wrapped sign, a photo)
 * still yields a slice, and the model then answers confidently on nonsense; these checks say so instead.
 *
 * A head CT slice has (Hounsfield scale: air −1000, water 0, brain 20–45, bone 300–2000, metal beyond):
 * - air: some pixels below −500 HU (outside the head, sinuses, mastoids);
 * - brain: the most common value above −500 HU lies between 15 and 50 HU (parenchyma; measured here:
 *   InVesalius 23–25, phantoms 28–37 at every level from skull base to vertex, CT-ICH 36–38);
 * - nothing beyond 4000 HU (12-bit CT stops at 3071; only metal passes 4000, in extended-range scans).
 *
 * Each failed check gives a warning with the likely cause when the numbers point to one:
 * - 'missing-rescale': no air, no value below −100, and a tissue peak at 1034–1084 (brain + 1024): the
 *   stored values without the −1024 intercept;
 * - 'wrap-12bit': no air and ≥ 10 % of pixels at 2800–4200: negative 12-bit values read as unsigned
 *   (−1000 → 3096), a known fault of some public data sets;
 * - 'wrap-16bit': ≥ 1 % of pixels beyond 30 000: negative 16-bit values (or a Pixel Padding Value)
 *   read as unsigned (−1000 → 64 536);
 * - 'windowed-image': an 8-bit image whose window is assumed; only the brain check applies (air and the
 *   top are clipped by the window), and a failure there means the window is wrong;
 * - 'not-ct': when neither air nor brain is there and no pattern above explains it;
 * - no cause when the rest of the slice looks like CT (e.g. metal beyond 4000 HU in a plausible slice).
 * A 16-bit PNG gets 'png-offset' / 'png-wrap' instead of the DICOM causes: its HU come from the offset.
 */
import { sliceWarning, type SliceSource, type SliceWarning } from './slice';
import type { HuCause } from '../i18n/slice-messages';
import type { Window } from './window';

/** The same faults as a 16-bit PNG shows them (HU = stored + offset): the DICOM causes name DICOM attributes. */
const PNG_CAUSE: Partial<Record<HuCause, HuCause>> = { 'missing-rescale': 'png-offset', 'wrap-12bit': 'png-wrap', 'wrap-16bit': 'png-wrap' };

/** Air is below this, HU. */
export const AIR_BELOW_HU = -500;
/** The brain-like mode lies in this range, HU (inclusive). */
export const BRAIN_MODE_HU: readonly [number, number] = [15, 50];
/** Nothing in a head CT is above this, HU. */
export const MAX_HEAD_HU = 4000;
/** Share of pixels needed to count air as present, or values as too high (ignores a few odd pixels). */
export const MIN_SHARE = 0.0005;

/** Values above −500 HU, binned at 1 HU from −500 up to this; higher ones go in the last bin. */
const TOP_BIN_HU = 66_000;

interface Features {
  readonly n: number;
  readonly min: number;
  readonly max: number;
  readonly air: number;
  readonly over: number;
  /** Mode of the values above −500 HU (1 HU bins, triangular 5-bin weights), or null when there are none. */
  readonly mode: number | null;
  /** Mode of the values in 500..1500 HU (where brain lands without the intercept), or null. */
  readonly mode1000: number | null;
  readonly band1000: number;
  readonly band12bit: number;
  readonly above30000: number;
}

/** Index of the largest triangular-weighted (1 2 3 2 1) sum of 1-HU bins: a noisy peak's centre. */
function argmaxSmoothed(h: Int32Array, from: number, to: number): number | null {
  let best = -1;
  let bestSum = 0;
  for (let i = from; i <= to; i++) {
    let s = 0;
    for (let d = -2; d <= 2; d++) s += (3 - Math.abs(d)) * (h[i + d] ?? 0);
    if (s > bestSum) {
      bestSum = s;
      best = i;
    }
  }
  return best < 0 ? null : best;
}

/**
 * @param clip for a windowed image, the window's ends in HU: values there were clipped (air at the
 *   bottom, skull at the top) and would swamp the mode, so they are left out of it
 */
function features(hu: ArrayLike<number>, clip: readonly [number, number] | null): Features {
  const n = hu.length;
  const h = new Int32Array(TOP_BIN_HU + 501);
  let min = Infinity;
  let max = -Infinity;
  let air = 0;
  let over = 0;
  let band1000 = 0;
  let band12bit = 0;
  let above30000 = 0;
  for (let i = 0; i < n; i++) {
    const v = hu[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < AIR_BELOW_HU) {
      air++;
      continue;
    }
    if (v > MAX_HEAD_HU) over++;
    if (v >= 950 && v <= 1150) band1000++;
    if (v >= 2800 && v <= 4200) band12bit++;
    if (v > 30_000) above30000++;
    if (clip && (v <= clip[0] || v >= clip[1])) continue;
    const b = Math.round(v) + 500;
    h[b > TOP_BIN_HU + 500 ? TOP_BIN_HU + 500 : b]! += 1;
  }
  const mode = argmaxSmoothed(h, 0, TOP_BIN_HU + 500);
  const mode1000 = argmaxSmoothed(h, 1000, 2000);
  return {
    n,
    min,
    max,
    air,
    over,
    mode: mode === null ? null : mode - 500,
    mode1000: mode1000 === null ? null : mode1000 - 500,
    band1000,
    band12bit,
    above30000,
  };
}

/**
 * Warnings for HU that cannot be a head CT, each with its likely cause (see the file comment).
 * @param hu HU values of one slice, row-major, any length ≥ 1
 * @param source where the slice came from (informational; the checks depend on `windowUsed`)
 * @param windowUsed for an 8-bit image, the window that was assumed or estimated to read it: then only
 *   the brain check runs (air is clipped unless the window's bottom is below −500 HU), with cause
 *   'windowed-image'
 * @returns 'hu-no-air' {min}, 'hu-no-brain' {mode}, 'hu-too-high' {max} (HU, rounded), each with
 *   `cause` when one is likely; empty for a plausible head CT
 */
export function huWarnings(hu: ArrayLike<number>, source: SliceSource, windowUsed?: Window): SliceWarning[] {
  if (hu.length === 0) return [];
  const windowed = windowUsed !== undefined && source !== 'dicom';
  // Half a grey level inside each end of the window counts as clipped.
  const half = windowed ? windowUsed.width / 510 : 0;
  const f = features(hu, windowed ? [windowUsed.level - windowUsed.width / 2 + half, windowUsed.level + windowUsed.width / 2 - half] : null);
  const minCount = Math.max(1, Math.ceil(MIN_SHARE * f.n));
  const airClipped = windowed && windowUsed.level - windowUsed.width / 2 > AIR_BELOW_HU;
  const noAir = !airClipped && f.air < minCount;
  const noBrain = f.mode === null || f.mode < BRAIN_MODE_HU[0] || f.mode > BRAIN_MODE_HU[1];
  const tooHigh = !windowed && f.over >= minCount;

  let cause: HuCause | null = null;
  if (windowed) cause = 'windowed-image';
  else if (f.above30000 >= 0.01 * f.n) cause = 'wrap-16bit';
  else if (noAir && f.band12bit >= 0.1 * f.n) cause = 'wrap-12bit';
  else if (noAir && f.min >= -100 && f.mode1000 !== null && f.mode1000 >= 1024 + 10 && f.mode1000 <= 1024 + 60 && f.band1000 >= 0.02 * f.n) {
    cause = 'missing-rescale';
  } else if (noAir && noBrain) cause = 'not-ct';
  // A 16-bit PNG has no Rescale or Pixel Representation: its number is the HU offset the reader gives.
  if (source === 'png' && !windowed && cause !== null) cause = PNG_CAUSE[cause] ?? cause;
  const withCause = (p: Record<string, number>): Record<string, string | number> => (cause ? { ...p, cause } : p);

  const out: SliceWarning[] = [];
  if (noAir) out.push(sliceWarning('hu-no-air', withCause({ min: Math.round(f.min) })));
  if (noBrain) out.push(sliceWarning('hu-no-brain', withCause({ mode: f.mode ?? Math.round(f.min) })));
  if (tooHigh) out.push(sliceWarning('hu-too-high', withCause({ max: Math.round(f.max) })));
  return out;
}
