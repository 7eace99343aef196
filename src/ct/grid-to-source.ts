/**
 * Carry a pixel of the model grid back to the slice's own pixels: the inverse of the input rule's
 * geometry (head-crop.ts: square pixels, then the square crop resampled to the grid). It follows the
 * same nearest-neighbour convention as `cropMasksToGrid` and `squareMask` (pixel centres, floor), so a
 * grid pixel lands on exactly the source pixel whose mask value `cropMasksToGrid` put there: a point
 * inside the mask on the grid is inside it at the source too, and distances can then be measured in
 * source pixels (the pointing game's 15 px, METHODS.md).
 */
import type { CropBox } from './head-crop';

/** Width and height in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The square that `cropToHead` resampled when it found no head (padToSquare: the slice centred, top and
 * left padding floored), as a crop box, so both cases carry back alike.
 */
export function paddedBox(square: Size): CropBox {
  const side = Math.max(square.width, square.height);
  return { top: -Math.floor((side - square.height) / 2), left: -Math.floor((side - square.width) / 2), side };
}

/**
 * @param index row-major index on the size×size model grid
 * @param box the crop the grid came from, in square-pixel coordinates (`ModelGrid.box`, or `paddedBox`)
 * @param square the slice's size once its pixels are square (`squareSize`)
 * @param original the slice's own size (equal to `square` unless DICOM spacings differ)
 * @returns [x, y]: column and row of the source pixel, whole numbers; they may fall outside the image
 *          when the crop reached past its edge (the caller decides: no mask pixel is there)
 */
export function gridToSource(index: number, size: number, box: CropBox, square: Size, original: Size): [number, number] {
  const gy = Math.floor(index / size);
  const gx = index - gy * size;
  const xs = box.left + Math.floor(((gx + 0.5) * box.side) / size);
  const ys = box.top + Math.floor(((gy + 0.5) * box.side) / size);
  if (square.width === original.width && square.height === original.height) return [xs, ys];
  return [Math.floor(((xs + 0.5) * original.width) / square.width), Math.floor(((ys + 0.5) * original.height) / square.height)];
}
