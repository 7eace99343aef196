/**
 * The most a coarse map can score in the pointing game (METHODS.md) once it is upsampled bilinearly.
 *
 * A bilinear interpolant is a convex combination of its grid values, so the maximum of an h×w map
 * upsampled to H×W (half-pixel centres, edges clamped: `upsampleCam` in src/explain/gradcam.ts, PyTorch's
 * `align_corners=False`) is always reached on the output pixels that sit on a cell centre, or on the
 * clamped border strip for edge cells. Whatever the network does, the peak of a 7×7 Grad-CAM at 224 px
 * can only be one of those 49 spots; a small mask that covers none of them cannot be hit. This gives the
 * ceiling against which a pointing game at that resolution should be read.
 */

/**
 * Output pixels (0..out-1) where an upsampled one-hot cell `i` of `cells` takes its maximum value 1:
 * the pixels whose source coordinate, (p + 0.5)·cells/out − 0.5 clamped to [0, cells − 1], is `i`,
 * or, when none is exactly (a cell centre between two pixels), the nearest pixels (a tie of two).
 */
export function peakPixels(i: number, cells: number, out: number): number[] {
  const src = (p: number): number => Math.min(cells - 1, Math.max(0, ((p + 0.5) * cells) / out - 0.5));
  let best = Infinity;
  const dist: number[] = [];
  for (let p = 0; p < out; p++) {
    const d = Math.abs(src(p) - i);
    dist.push(d);
    if (d < best) best = d;
  }
  const tol = 1e-9 + best;
  return dist.flatMap((d, p) => (d <= tol ? [p] : []));
}

/**
 * Every output pixel where an h×w map upsampled to height×width can take its maximum (each cell's
 * `peakPixels` rows × columns), as row-major indices: the candidate peaks of a coarse map.
 */
export function peakCandidates(cellsY: number, cellsX: number, height: number, width: number): number[] {
  const rows = Array.from({ length: cellsY }, (_, i) => peakPixels(i, cellsY, height)).flat();
  const cols = Array.from({ length: cellsX }, (_, j) => peakPixels(j, cellsX, width)).flat();
  return rows.flatMap((r) => cols.map((c) => r * width + c));
}

/**
 * Whether some cell of an h×w map, upsampled to the mask's size, can put its peak inside the mask.
 * @param mask row-major height×width, non-zero inside the lesion
 * @returns 1 (a hit is possible), 0 (no peak position lies in the mask), or null for an empty mask
 *          (the pointing game does not score it either)
 * @throws Error when the mask's length is not height×width
 */
export function pointingReachable(mask: ArrayLike<number>, height: number, width: number, cellsY: number, cellsX: number): 0 | 1 | null {
  if (mask.length !== height * width) throw new Error(`pointingReachable: mask has ${mask.length} values, not ${height}×${width}`);
  let any = false;
  for (let k = 0; k < mask.length; k++) if (mask[k]) { any = true; break; }
  if (!any) return null;
  const rows = Array.from({ length: cellsY }, (_, i) => peakPixels(i, cellsY, height));
  const cols = Array.from({ length: cellsX }, (_, j) => peakPixels(j, cellsX, width));
  for (const rs of rows) for (const cs of cols) for (const r of rs) for (const c of cs) if (mask[r * width + c]) return 1;
  return 0;
}
