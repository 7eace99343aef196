/**
 * Read the "CT study of a cadaver head" (University of North Carolina, Chapel Hill Volume Rendering Test
 * Data Set, redistributed by the Stanford Volume Data Archive; public domain, credit UNC) as a CtVolume
 * for composites: one gzip file of 113 slices × 256 × 256 unsigned 16-bit big-endian values, slice 0 at
 * the vertex, HU = value − 1024, anterior up. Read in place from ../shared/data/backgrounds/cthead, never
 * committed or bundled into the site. No pixel spacing is published: it is set from the head's breadth.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CtVolume } from '../phantom/volume';
import { withCavityRange } from '../phantom/cavity-range';

/** Where the project's shared data keep it (beside the checkout). */
export const CTHEAD_PATH = '../shared/data/backgrounds/cthead/CThead.u16be.gz';

/** A typical adult head's greatest breadth over the scalp, mm (about 150 mm of skull plus the scalp). */
const HEAD_BREADTH_MM = 155;

/** Median brain attenuation of a living adult's unenhanced head CT, HU (grey and white matter pooled). */
export const LIVING_BRAIN_HU = 35;

export interface CtheadOptions {
  /**
   * Shift every voxel so that the median brain (cavity voxels of 10–80 HU in the middle ten cavity slices)
   * reads LIVING_BRAIN_HU. The cadaver brain reads about 50 HU, so blood painted at measured real
   * densities (26–72 HU) would be near-isodense to it, unlike in a living patient. Composites for
   * training use it; the built-in scan shows the cadaver as it was scanned. Default false.
   */
  readonly livingBrain?: boolean;
}

/**
 * Load the volume, slices reordered from the skull base up (the CtVolume convention), and find the slices
 * whose cranial cavity the segmenter accepts.
 * @throws Error when the file is missing, has the wrong size, or shows too few cranial slices
 */
export function loadCthead(path = CTHEAD_PATH, opts: CtheadOptions = {}): CtVolume {
  const raw = gunzipSync(readFileSync(path));
  const width = 256;
  const height = 256;
  const depth = raw.length / (width * height * 2);
  if (!Number.isInteger(depth) || depth < 20) throw new Error(`${path}: ${raw.length} bytes is not a stack of 256×256 uint16 slices`);
  const hu = new Int16Array(depth * width * height);
  let breadth = 0;
  for (let k = 0; k < depth; k++) {
    const src = (depth - 1 - k) * width * height; // file slice 0 is the vertex
    for (let y = 0; y < height; y++) {
      let x0 = -1;
      let x1 = -1;
      for (let x = 0; x < width; x++) {
        const i = src + y * width + x;
        const h = raw.readUInt16BE(i * 2) - 1024;
        hu[(k * height + y) * width + x] = h;
        if (h > -300) {
          if (x0 < 0) x0 = x;
          x1 = x;
        }
      }
      if (x0 >= 0) breadth = Math.max(breadth, x1 - x0 + 1);
    }
  }
  const pixelMm = HEAD_BREADTH_MM / Math.max(1, breadth);
  const probe: CtVolume = { hu, depth, height, width, pixelMm, cavity: [0, depth - 1] };
  const vol = withCavityRange(probe, path);
  if (opts.livingBrain) shiftHu(vol.hu, LIVING_BRAIN_HU - medianBrainHu(vol));
  return vol;
}

/** Median of voxels in 10–80 HU over the ten slices around the middle of the cranial cavity, HU. */
export function medianBrainHu(vol: CtVolume): number {
  const n = vol.width * vol.height;
  const mid = Math.round((vol.cavity[0] + vol.cavity[1]) / 2);
  const hist = new Uint32Array(71);
  let count = 0;
  for (let k = Math.max(0, mid - 5); k < Math.min(vol.depth, mid + 5); k++) {
    for (let i = 0; i < n; i++) {
      const h = vol.hu[k * n + i] as number;
      if (h >= 10 && h <= 80) {
        hist[h - 10]! += 1;
        count++;
      }
    }
  }
  if (count === 0) throw new Error('medianBrainHu: no voxel of 10–80 HU in the middle of the cranial cavity');
  let seen = 0;
  for (let b = 0; b < hist.length; b++) {
    seen += hist[b] as number;
    if (seen * 2 >= count) return b + 10;
  }
  return 80;
}

/** Add `delta` HU to every voxel in place, clamped to the CT range [-1024, 3071]. */
function shiftHu(hu: Int16Array, delta: number): void {
  for (let i = 0; i < hu.length; i++) hu[i] = Math.min(3071, Math.max(-1024, (hu[i] as number) + delta));
}
