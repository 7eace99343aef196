/**
 * The before-and-after island's slice and its pointing game (no tfjs, no DOM): a built-in sample with a
 * bleed on the model grid, kept together with the crop that put it there and its mask at the slice's
 * own resolution, so a Grad-CAM peak can be carried back and scored as the project scores it
 * (METHODS.md, Zhang et al.): a hit when a peak lies within 15 px of the painted bleed at the slice's
 * own pixels, and the strict variant (the peak inside the bleed) beside it.
 */
import { MODEL_SIZE } from '../ct/window';
import { cropMasksToGrid, cropToHead, type CropBox } from '../ct/head-crop';
import { gridToSource, paddedBox, type Size } from '../ct/grid-to-source';
import { generatePhantom } from '../phantom/generate';
import { parseRealSample, realSample, realSampleFile, REAL_SAMPLE_SIZE } from '../phantom/real-samples';
import { peakIndices } from '../metrics/pointing-game';
import { POINTING_TOLERANCE_PX, pointingGameTolerant } from '../metrics/pointing-game-tolerant';

/** The slice shown first: the subdural haematoma phantom, the explorer's default, with a bleed to point at. */
export const DEFAULT_BEFORE_AFTER_SEED = 1004;

/** A slice for the comparison: the model input and what the pointing game needs. */
export interface ComparisonSlice {
  /** `phantom:<seed>` or `real:<seed>`, as the explorer names them. */
  readonly key: string;
  /** HU on the MODEL_SIZE² grid (what both networks see). */
  readonly hu: Float32Array;
  /** Every bleed on the same grid, 1 inside (for the outline). */
  readonly gridMask: Uint8Array;
  /** Every bleed at the slice's own pixels, 1 inside (for the score). */
  readonly sourceMask: Uint8Array;
  /** The slice's own size and the crop to the model grid (its pixels are square). */
  readonly size: Size;
  readonly box: CropBox;
}

/** One map's pointing game on a comparison slice. */
export interface Pointing {
  /** Row-major grid index of the first peak (for the cross on the picture). */
  readonly peak: number;
  /** A peak within 15 px of the bleed, at the slice's own pixels (null: no bleed on this slice). */
  readonly tolerant: 0 | 1 | null;
  /** A peak inside the bleed. */
  readonly strict: 0 | 1 | null;
  /** The map is equal everywhere (zero after the ReLU): it points nowhere, so neither variant is read as a hit. */
  readonly flat: boolean;
}

/** A square HU slice and its mask bits (any bleed), cropped to the head as every model input is. */
export function comparisonSliceFrom(key: string, hu: Float32Array, masks: Uint8Array, side: number): ComparisonSlice {
  if (hu.length !== side * side || masks.length !== side * side) throw new Error(`comparisonSliceFrom: expected ${side}² values`);
  const g = cropToHead(hu, side, side);
  const size = { width: side, height: side };
  const box = g.box ?? paddedBox(size);
  const sourceMask = Uint8Array.from(masks, (b) => (b ? 1 : 0));
  return { key, hu: g.hu, gridMask: cropMasksToGrid(sourceMask, side, side, box), sourceMask, size, box };
}

/**
 * A built-in sample by seed: a phantom generated at the model size (as the explorer does), or a
 * real-background composite fetched from public/samples/real-background/.
 * @throws Error when a composite's file cannot be fetched
 */
export async function comparisonSlice(seed: number): Promise<ComparisonSlice> {
  const real = realSample(seed);
  if (!real) {
    const p = generatePhantom(seed, { size: MODEL_SIZE });
    return comparisonSliceFrom(`phantom:${seed}`, Float32Array.from(p.hu), p.masks, MODEL_SIZE);
  }
  const url = new URL(`${import.meta.env.BASE_URL}samples/real-background/${realSampleFile(real)}`, location.href);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  const s = parseRealSample(new Uint8Array(await res.arrayBuffer()));
  return comparisonSliceFrom(`real:${seed}`, Float32Array.from(s.hu), s.masks, REAL_SAMPLE_SIZE);
}

/**
 * @param cam a Grad-CAM on the MODEL_SIZE² grid (row-major, one channel)
 * @param tolerance pixels at the slice's own resolution (default Zhang et al.'s 15)
 */
export function pointingOn(cam: ArrayLike<number>, slice: ComparisonSlice, tolerance = POINTING_TOLERANCE_PX): Pointing {
  if (cam.length !== MODEL_SIZE * MODEL_SIZE) throw new Error(`pointingOn: the map has ${cam.length} values, not ${MODEL_SIZE}²`);
  const peaks = peakIndices(cam);
  const at = peaks.map((i) => gridToSource(i, MODEL_SIZE, slice.box, slice.size, slice.size));
  const { width, height } = slice.size;
  return {
    peak: peaks[0] ?? 0,
    tolerant: pointingGameTolerant(at, slice.sourceMask, width, height, tolerance),
    strict: pointingGameTolerant(at, slice.sourceMask, width, height, 0),
    flat: peaks.length === cam.length,
  };
}
