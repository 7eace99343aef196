/**
 * HU slice → the model's square MODEL_SIZE grid, by a rule a PyTorch trainer can mirror exactly:
 *
 *   1. Pad to a square of side S = max(width, height) with air (-1000 HU), centred: top = floor((S-h)/2),
 *      left = floor((S-w)/2), the odd pixel going to the bottom/right. Nothing is cropped.
 *   2. Resample S → size:
 *      - shrinking (S > size): box filter over integer bins, i.e. PyTorch
 *        `F.interpolate(x, size, mode='area')` (= `adaptive_avg_pool2d`): output i averages input rows
 *        floor(i*S/size) .. ceil((i+1)*S/size)-1 (and the same for columns). This is the antialiasing.
 *      - enlarging (S < size): bilinear, `F.interpolate(x, size, mode='bilinear', align_corners=False)`.
 *      - equal: copy.
 *
 *   PyTorch: x = F.pad(hu[None, None], (left, right, top, bottom), value=-1000.0), then the call above.
 *
 * Memory: a square is made only while its side² stays within MAX_SQUARE_PIXELS; beyond it (a 20000×4
 * picture would need a 20000² square, 1.6 GB) `resampleBoxArea` averages the same bins straight from
 * the source, the padding counted as fill, so memory follows the input's real size.
 */
import type { CtSlice } from './slice';
import { MODEL_SIZE } from './window';

/** HU of the padding: air. */
export const PAD_HU = -1000;

/** Largest square (side²) that padding or cropping may allocate before resampling; larger ones are resampled in place. */
export const MAX_SQUARE_PIXELS = 4096 * 4096;

/** A square region of a source image, in source pixels; it may reach outside the image (filled). */
export interface SquareBox {
  readonly top: number;
  readonly left: number;
  readonly side: number;
}

/** A square row-major HU image. */
export interface SquareHu {
  readonly data: Float32Array;
  readonly size: number;
}

/** Pad (never crop) a w×h image to a centred S×S square, S = max(w, h), filling with `fill`. */
export function padToSquare(src: Float32Array, width: number, height: number, fill = PAD_HU): SquareHu {
  const size = Math.max(width, height);
  if (size === width && size === height) return { data: src, size };
  const top = Math.floor((size - height) / 2);
  const left = Math.floor((size - width) / 2);
  const data = new Float32Array(size * size).fill(fill);
  for (let y = 0; y < height; y++) data.set(src.subarray(y * width, (y + 1) * width), (y + top) * size + left);
  return { data, size };
}

/** PyTorch adaptive-pool bins along one axis: [start, end) for each of `out` outputs over `inp` inputs. */
function areaBins(inp: number, out: number): Array<[number, number]> {
  const bins: Array<[number, number]> = [];
  for (let i = 0; i < out; i++) bins.push([Math.floor((i * inp) / out), Math.ceil(((i + 1) * inp) / out)]);
  return bins;
}

/**
 * Box-filter (area) resampling, PyTorch `mode='area'`: each output is the mean of its integer bin.
 * @param src row-major sw×sh; @returns new row-major dw×dh float32
 */
export function resampleArea(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const cols = areaBins(sw, dw);
  const rows = areaBins(sh, dh);
  const out = new Float32Array(dw * dh);
  for (let y = 0; y < dh; y++) {
    const [y0, y1] = rows[y] as [number, number];
    for (let x = 0; x < dw; x++) {
      const [x0, x1] = cols[x] as [number, number];
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += src[yy * sw + xx] as number;
      out[y * dw + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/** Source index pair and weight for bilinear with align_corners=False along one axis. */
function bilinearTaps(inp: number, out: number): Array<[number, number, number]> {
  const scale = inp / out;
  const taps: Array<[number, number, number]> = [];
  for (let i = 0; i < out; i++) {
    const s = Math.max((i + 0.5) * scale - 0.5, 0);
    const i0 = Math.min(Math.floor(s), inp - 1);
    const i1 = Math.min(i0 + 1, inp - 1);
    taps.push([i0, i1, s - i0]);
  }
  return taps;
}

/**
 * Bilinear resampling, PyTorch `mode='bilinear', align_corners=False` (no antialias: for enlarging).
 * @param src row-major sw×sh; @returns new row-major dw×dh float32
 */
export function resampleBilinear(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const cols = bilinearTaps(sw, dw);
  const rows = bilinearTaps(sh, dh);
  const out = new Float32Array(dw * dh);
  for (let y = 0; y < dh; y++) {
    const [y0, y1, fy] = rows[y] as [number, number, number];
    for (let x = 0; x < dw; x++) {
      const [x0, x1, fx] = cols[x] as [number, number, number];
      const top = (src[y0 * sw + x0] as number) * (1 - fx) + (src[y0 * sw + x1] as number) * fx;
      const bottom = (src[y1 * sw + x0] as number) * (1 - fx) + (src[y1 * sw + x1] as number) * fx;
      out[y * dw + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/**
 * `resampleArea` of the square `box` of a width×height image whose pixels outside the image are `fill`,
 * without making the square: each bin sums the source pixels it covers and counts the rest as fill.
 * Time and memory follow the source and the output, not box.side² (equal to resampleArea on the
 * made square up to the order of the additions).
 */
export function resampleBoxArea(src: Float32Array, width: number, height: number, box: SquareBox, fill: number, size: number): Float32Array {
  const bins = areaBins(box.side, size);
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const [a, b] = bins[y] as [number, number];
    const y0 = Math.max(box.top + a, 0);
    const y1 = Math.min(box.top + b, height);
    for (let x = 0; x < size; x++) {
      const [c, d] = bins[x] as [number, number];
      const x0 = Math.max(box.left + c, 0);
      const x1 = Math.min(box.left + d, width);
      let sum = 0;
      let inside = 0;
      if (y1 > y0 && x1 > x0) {
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += src[yy * width + xx] as number;
        inside = (y1 - y0) * (x1 - x0);
      }
      const area = (b - a) * (d - c);
      out[y * size + x] = (sum + fill * (area - inside)) / area;
    }
  }
  return out;
}

/** The centred square `padToSquare` makes, as a box in source pixels. */
export function padBox(width: number, height: number): SquareBox {
  const side = Math.max(width, height);
  return { top: -Math.floor((side - height) / 2), left: -Math.floor((side - width) / 2), side };
}

/**
 * A slice's HU on the model grid: pad to square with air, then area-shrink or bilinear-enlarge.
 * @returns new Float32Array of size² HU, row-major (feed to `huToModelInput(hu, size)`)
 */
export function resizeToModel(slice: Pick<CtSlice, 'hu' | 'width' | 'height'>, size = MODEL_SIZE): Float32Array {
  const box = padBox(slice.width, slice.height);
  if (box.side * box.side > MAX_SQUARE_PIXELS) return resampleBoxArea(slice.hu, slice.width, slice.height, box, PAD_HU, size);
  const sq = padToSquare(slice.hu, slice.width, slice.height);
  if (sq.size === size) return sq.data === slice.hu ? sq.data.slice() : sq.data;
  const resample = sq.size > size ? resampleArea : resampleBilinear;
  return resample(sq.data, sq.size, sq.size, size, size);
}
