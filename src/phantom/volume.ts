/**
 * A real head-CT volume as the background of composites, and its slices resampled onto the phantom's
 * grid with a random geometry (head size, aspect, an elastic warp, left-right mirror, between-slice
 * position). Pure: the caller reads the file (src/cli/invesalius.ts reads Debian's InVesalius example).
 */
import type { Rng } from './rng';
import { FOV_MM } from './types';

/** int16 HU, [depth][height][width] row-major; anterior at the top of each slice (rows flipped on load if needed). */
export interface CtVolume {
  readonly hu: Int16Array;
  readonly depth: number;
  readonly height: number;
  readonly width: number;
  /** In-plane pixel spacing, mm. */
  readonly pixelMm: number;
  /** The range of slice indices that show the cranial cavity, lowest (skull base) to highest (vertex). */
  readonly cavity: readonly [number, number];
}

/** The random geometry of one background slice. */
export interface SliceGeometry {
  /** Fractional slice index (linear between neighbours). */
  readonly z: number;
  /** Isotropic scale (head size) and extra horizontal stretch (head shape). */
  readonly scale: number;
  readonly aspect: number;
  readonly flip: boolean;
  /** Head centre offset from the image centre, mm. */
  readonly dx: number;
  readonly dy: number;
  /** Elastic displacement: control-point grid (GRID×GRID×2, mm), bilinear between points. */
  readonly warp: Float64Array;
}

const GRID = 5;

/** Draw a slice geometry: heads 0.88-1.14 of this one's size, aspect ±7 %, warp σ 2.5 mm. */
export function drawGeometry(rng: Rng, vol: CtVolume): SliceGeometry {
  const [lo, hi] = vol.cavity;
  const warp = new Float64Array(GRID * GRID * 2);
  for (let i = 0; i < warp.length; i++) warp[i] = rng.normal() * 2.5;
  return {
    z: rng.uniform(lo, hi),
    scale: rng.uniform(0.88, 1.14),
    aspect: rng.uniform(0.93, 1.07),
    flip: rng.chance(0.5),
    dx: rng.uniform(-8, 8),
    dy: rng.uniform(-8, 8),
    warp,
  };
}

/**
 * Bilinear read of a row-major w×h image stored from `offset` in `img`, at fractional pixel (x, y).
 * Outside [0, w-1]×[0, h-1]: `outside` when given, else the nearest edge value.
 */
export function bilinearAt(img: Int16Array | Float32Array, offset: number, w: number, h: number, x: number, y: number, outside: number | null): number {
  if (outside !== null && (x < 0 || y < 0 || x > w - 1 || y > h - 1)) return outside;
  const cx = Math.min(Math.max(x, 0), w - 1);
  const cy = Math.min(Math.max(y, 0), h - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, w - 1);
  const y1 = Math.min(y0 + 1, h - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const a = (img[offset + y0 * w + x0] as number) * (1 - fx) + (img[offset + y0 * w + x1] as number) * fx;
  const b = (img[offset + y1 * w + x0] as number) * (1 - fx) + (img[offset + y1 * w + x1] as number) * fx;
  return a * (1 - fy) + b * fy;
}

/** Slice `k` of the volume at fractional pixel (x, y); outside the volume: air. */
function sample(vol: CtVolume, k: number, x: number, y: number): number {
  return bilinearAt(vol.hu, k * vol.width * vol.height, vol.width, vol.height, x, y, -1000);
}

/** Elastic displacement (mm) at image position (px, py) in [0, 1]², bilinear over the control grid. */
function warpAt(warp: Float64Array, px: number, py: number, c: 0 | 1): number {
  const gx = Math.min(Math.max(px * (GRID - 1), 0), GRID - 1.000001);
  const gy = Math.min(Math.max(py * (GRID - 1), 0), GRID - 1.000001);
  const i = Math.floor(gx);
  const j = Math.floor(gy);
  const fx = gx - i;
  const fy = gy - j;
  const at = (a: number, b: number): number => warp[(b * GRID + a) * 2 + c] as number;
  return (at(i, j) * (1 - fx) + at(i + 1, j) * fx) * (1 - fy) + (at(i, j + 1) * (1 - fx) + at(i + 1, j + 1) * fx) * fy;
}

/**
 * One background slice on the phantom grid: `size`² pixels over FOV_MM (the phantom's field of view),
 * the volume's slice z (linear between slices) scaled, stretched, warped, mirrored and moved by `g`.
 * @returns new Float32Array of HU, row-major, air (-1000) outside the volume
 */
export function resliceVolume(vol: CtVolume, g: SliceGeometry, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const px = FOV_MM / size;
  const k0 = Math.min(Math.max(Math.floor(g.z), 0), vol.depth - 1);
  const k1 = Math.min(k0 + 1, vol.depth - 1);
  const fz = g.z - k0;
  const cx = vol.width / 2;
  const cy = vol.height / 2;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      // Output mm from the image centre, less the head offset; then inverse scale, warp and mirror.
      const X = (j + 0.5) * px - FOV_MM / 2 - g.dx;
      const Y = (i + 0.5) * px - FOV_MM / 2 - g.dy;
      let sx = X / (g.scale * g.aspect) + warpAt(g.warp, j / size, i / size, 0);
      const sy = Y / g.scale + warpAt(g.warp, j / size, i / size, 1);
      if (g.flip) sx = -sx;
      const x = cx + sx / vol.pixelMm - 0.5;
      const y = cy + sy / vol.pixelMm - 0.5;
      const a = sample(vol, k0, x, y);
      out[i * size + j] = fz > 0 && k1 !== k0 ? a * (1 - fz) + sample(vol, k1, x, y) * fz : a;
    }
  }
  return out;
}
