/**
 * Image Orientation (Patient) (0020,0037; PS3.3 C.7.6.2.1.1) → the flips and transpose that show an
 * axial slice in radiological convention: anterior at the top, the patient's right on the image's
 * left. DICOM's patient axes (LPS): +x towards the patient's left, +y towards posterior, +z towards head.
 */

export type Plane = 'axial' | 'coronal' | 'sagittal';

export interface DisplayTransform {
  /** Swap rows and columns first. */
  readonly transpose: boolean;
  /** Then mirror left-right. */
  readonly flipX: boolean;
  /** Then mirror top-bottom. */
  readonly flipY: boolean;
  readonly plane: Plane;
}

const IDENTITY: DisplayTransform = { transpose: false, flipX: false, flipY: false, plane: 'axial' };

function dominant(v: readonly number[]): number {
  const a = v.map(Math.abs);
  return a.indexOf(Math.max(...a));
}

/**
 * The transform for direction cosines `iop` (row direction then column direction, 6 numbers).
 * Missing or malformed cosines give the identity (stored order is the display order).
 * Non-axial slices are left as stored and reported by `plane`.
 */
export function displayTransform(iop: readonly number[]): DisplayTransform {
  if (iop.length !== 6 || !iop.every(Number.isFinite)) return IDENTITY;
  const r = iop.slice(0, 3);
  const c = iop.slice(3, 6);
  const normal = [(r[1] as number) * (c[2] as number) - (r[2] as number) * (c[1] as number), (r[2] as number) * (c[0] as number) - (r[0] as number) * (c[2] as number), (r[0] as number) * (c[1] as number) - (r[1] as number) * (c[0] as number)];
  const n = dominant(normal);
  if (n !== 2) return { ...IDENTITY, plane: n === 1 ? 'coronal' : 'sagittal' };
  const transpose = dominant(r) === 1; // columns run antero-posterior: swap so they run left-right
  const across = transpose ? c : r; // after the transpose, the direction of increasing column index
  const down = transpose ? r : c;
  return { transpose, flipX: (across[0] as number) < 0, flipY: (down[1] as number) < 0, plane: 'axial' };
}

/** Apply `t` to a row-major `width`×`height` image; returns a new array and the new size. */
export function applyTransform(values: Float32Array, width: number, height: number, t: DisplayTransform): { values: Float32Array; width: number; height: number } {
  if (!t.transpose && !t.flipX && !t.flipY) return { values, width, height };
  const w = t.transpose ? height : width;
  const h = t.transpose ? width : height;
  const out = new Float32Array(values.length);
  for (let y = 0; y < h; y++) {
    const sy = t.flipY ? h - 1 - y : y;
    for (let x = 0; x < w; x++) {
      const sx = t.flipX ? w - 1 - x : x;
      // (sx, sy) in the transposed frame is (sy, sx) in the stored one.
      out[y * w + x] = t.transpose ? (values[sx * width + sy] as number) : (values[sy * width + sx] as number);
    }
  }
  return { values: out, width: w, height: h };
}
