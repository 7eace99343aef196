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
 */
import type { CtSlice } from './slice';
import { MODEL_SIZE } from './window';

/** HU of the padding: air. */
export const PAD_HU = -1000;

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
 * A slice's HU on the model grid: pad to square with air, then area-shrink or bilinear-enlarge.
 * @returns new Float32Array of size² HU, row-major (feed to `huToModelInput(hu, size)`)
 */
export function resizeToModel(slice: Pick<CtSlice, 'hu' | 'width' | 'height'>, size = MODEL_SIZE): Float32Array {
  const sq = padToSquare(slice.hu, slice.width, slice.height);
  if (sq.size === size) return sq.data === slice.hu ? sq.data.slice() : sq.data;
  const resample = sq.size > size ? resampleArea : resampleBilinear;
  return resample(sq.data, sq.size, sq.size, size, size);
}
