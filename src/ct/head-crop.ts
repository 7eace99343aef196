/**
 * Crop to the head: the step that makes inputs comparable whatever their field of view. A CT slice
 * (DICOM, an 8-bit export, a phantom) is cut to a square around the head with a fixed margin before it
 * is resampled to the model grid, so the head fills the same share of the input in training and in use
 * (an 8-bit image carries no pixel spacing, and fields of view run from about 180 to 460 mm).
 *
 * The rule, mirrored exactly by models/train/head_crop.py (golden fixture tests/fixtures/golden/head-crop.json):
 *   1. threshold T = max(-300 HU, min(slice) + 2 HU): air is below it in a DICOM in HU, and in an 8-bit
 *      export, whose air is clipped to the window's lower end, everything at that end is below it;
 *   2. the head = the largest 4-connected component of HU > T (the table and its pad are apart from it);
 *   3. its bounding box rows r0..r1, columns c0..c1 (inclusive); side = ceil(max(h, w) · (1 + 2·0.06));
 *      top = floor((r0 + r1 + 1 − side) / 2), left = floor((c0 + c1 + 1 − side) / 2);
 *   4. the side×side square from (top, left), pixels outside the image filled with min(slice);
 *   5. resampled to the model grid by resize.ts's rule (area when shrinking, bilinear when enlarging).
 * A slice with no pixel above T is only padded to a square (resize.ts), as before this step existed.
 */
import { labelComponents, largestLabel } from './components';
import type { CtSlice } from './slice';
import { MAX_SQUARE_PIXELS, padBox, PAD_HU, resampleArea, resampleBilinear, resampleBoxArea, padToSquare, type SquareBox } from './resize';
import { MODEL_SIZE } from './window';

/** Share of the head's larger side added on each side of the crop. */
export const HEAD_MARGIN = 0.06;
/** Upper bound of the air threshold (HU). */
export const HEAD_THRESHOLD_HU = -300;

/** A square crop in source pixels; it may reach outside the image. */
export type CropBox = SquareBox;

function minOf(a: Float32Array): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}

/**
 * The head's crop box in a row-major HU image, or null when nothing is above the air threshold.
 * @param hu width×height HU (any real values; 8-bit exports as recovered by `byteToHU`)
 */
export function headBox(hu: Float32Array, width: number, height: number): CropBox | null {
  const t = Math.max(HEAD_THRESHOLD_HU, minOf(hu) + 2);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = (hu[i] as number) > t ? 1 : 0;
  const l = labelComponents(mask, width, height);
  const best = largestLabel(l);
  if (best === 0) return null;
  let r0 = height;
  let r1 = -1;
  let c0 = width;
  let c1 = -1;
  for (let k = 0; k < l.labels.length; k++) {
    if (l.labels[k] !== best) continue;
    const y = Math.floor(k / width);
    const x = k - y * width;
    if (y < r0) r0 = y;
    if (y > r1) r1 = y;
    if (x < c0) c0 = x;
    if (x > c1) c1 = x;
  }
  const side = Math.ceil(Math.max(r1 - r0 + 1, c1 - c0 + 1) * (1 + 2 * HEAD_MARGIN));
  return { top: Math.floor((r0 + r1 + 1 - side) / 2), left: Math.floor((c0 + c1 + 1 - side) / 2), side };
}

/** Cut `box` out of a row-major image, filling what lies outside it with `fill`. @returns side² values */
export function cropSquare<T extends Float32Array | Uint8Array>(src: T, width: number, height: number, box: CropBox, fill: number): T {
  const out = (src instanceof Uint8Array ? new Uint8Array(box.side * box.side) : new Float32Array(box.side * box.side)) as T;
  out.fill(fill);
  for (let y = 0; y < box.side; y++) {
    const sy = box.top + y;
    if (sy < 0 || sy >= height) continue;
    const x0 = Math.max(0, -box.left);
    const x1 = Math.min(box.side, width - box.left);
    if (x1 > x0) out.set(src.subarray(sy * width + box.left + x0, sy * width + box.left + x1), y * box.side + x0);
  }
  return out;
}

/** Resample a square image to `size` by resize.ts's rule (area shrink, bilinear enlarge, copy). */
function resampleSquare(src: Float32Array, side: number, size: number): Float32Array {
  if (side === size) return src.slice();
  return (side > size ? resampleArea : resampleBilinear)(src, side, side, size, size);
}

/** A slice on the model grid and the crop that put it there (null: padded only). */
export interface ModelGrid {
  /** HU, size² row-major float32. */
  readonly hu: Float32Array;
  readonly box: CropBox | null;
}

/**
 * A row-major HU image cropped to the head and resampled to `size`² (the model input grid).
 * @returns new arrays; throws only on a wrong length
 */
export function cropToHead(hu: Float32Array, width: number, height: number, size = MODEL_SIZE): ModelGrid {
  if (hu.length !== width * height) throw new Error(`cropToHead: expected ${width * height} values, got ${hu.length}`);
  const box = headBox(hu, width, height);
  // An extreme aspect ratio (a 20000×4 picture) would make a square of gigabytes: resample it in place.
  const side = box?.side ?? Math.max(width, height);
  if (side * side > MAX_SQUARE_PIXELS) {
    return { hu: resampleBoxArea(hu, width, height, box ?? padBox(width, height), box ? minOf(hu) : PAD_HU, size), box };
  }
  if (!box) {
    const sq = padToSquare(hu, width, height);
    return { hu: resampleSquare(sq.data, sq.size, size), box: null };
  }
  return { hu: resampleSquare(cropSquare(hu, width, height, box, minOf(hu)), box.side, size), box };
}

/**
 * Phantom mask bytes through the same crop, nearest neighbour (bits are not averaged): output pixel i
 * takes source pixel floor((i + 0.5) · side / size) of the box; outside the image, 0.
 */
export function cropMasksToGrid(masks: Uint8Array, width: number, height: number, box: CropBox, size = MODEL_SIZE): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    const sy = box.top + Math.floor(((y + 0.5) * box.side) / size);
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < size; x++) {
      const sx = box.left + Math.floor(((x + 0.5) * box.side) / size);
      if (sx >= 0 && sx < width) out[y * size + x] = masks[sy * width + sx] as number;
    }
  }
  return out;
}

/** Pixel spacings that differ by less than this share count as square (rounding in DICOM headers). */
const SQUARE_TOLERANCE = 0.01;

/** Spacing (mm) and size of a slice once its pixels are made square, or null when they already are (or are unknown). */
function squareGrid(slice: Pick<CtSlice, 'width' | 'height' | 'pixelSpacing'>): { mm: number; width: number; height: number } | null {
  const sp = slice.pixelSpacing;
  if (!sp || !(sp[0] > 0 && sp[1] > 0) || Math.abs(sp[0] - sp[1]) <= SQUARE_TOLERANCE * Math.max(sp[0], sp[1])) return null;
  const at = (mm: number) => ({ mm, width: Math.max(1, Math.round((slice.width * sp[1]) / mm)), height: Math.max(1, Math.round((slice.height * sp[0]) / mm)) });
  const fine = at(Math.min(sp[0], sp[1]));
  // Spacings far apart would enlarge to gigabytes: square them at the coarser spacing instead (a shrink).
  return fine.width * fine.height <= MAX_SQUARE_PIXELS ? fine : at(Math.max(sp[0], sp[1]));
}

/** Size of a slice once its pixels are made square at the finer of its two spacings (same size if square or unknown). */
export function squareSize(slice: Pick<CtSlice, 'width' | 'height' | 'pixelSpacing'>): { width: number; height: number } {
  const g = squareGrid(slice);
  return g ? { width: g.width, height: g.height } : { width: slice.width, height: slice.height };
}

/**
 * A slice with non-square pixels (DICOM Pixel Spacing (0028,0030) = [row spacing, column spacing] that
 * differ) resampled bilinearly to square pixels at the finer spacing (the coarser one where the finer
 * would pass MAX_SQUARE_PIXELS), so the head keeps its shape; other slices come back as they are.
 * Then `cropToHead` finds the head.
 */
export function squarePixels(slice: CtSlice): CtSlice {
  const g = squareGrid(slice);
  if (!g || (g.width === slice.width && g.height === slice.height)) return slice;
  const { width, height, mm } = g;
  return { ...slice, hu: resampleBilinear(slice.hu, slice.width, slice.height, width, height), width, height, pixelSpacing: [mm, mm] };
}

/** Mask bytes through `squarePixels`' resampling, nearest neighbour (pixel centres). */
export function squareMask(mask: Uint8Array, from: { width: number; height: number }, to: { width: number; height: number }): Uint8Array {
  if (from.width === to.width && from.height === to.height) return mask;
  const out = new Uint8Array(to.width * to.height);
  for (let y = 0; y < to.height; y++) {
    const sy = Math.min(from.height - 1, Math.floor(((y + 0.5) * from.height) / to.height));
    for (let x = 0; x < to.width; x++) out[y * to.width + x] = mask[sy * from.width + Math.min(from.width - 1, Math.floor(((x + 0.5) * from.width) / to.width))] as number;
  }
  return out;
}

/** The whole input rule for a decoded slice: square pixels, then the crop to the head on the model grid. */
export function sliceToModel(slice: CtSlice, size = MODEL_SIZE): ModelGrid {
  const sq = squarePixels(slice);
  return cropToHead(sq.hu, sq.width, sq.height, size);
}
