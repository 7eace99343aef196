/**
 * Connected components of a binary image (4-connectivity), labelled in raster order like SciPy's
 * `scipy.ndimage.label` with its default cross structure, so the trainer (models/train/head_crop.py)
 * finds the same components.
 */

/** Labels of a binary image: 0 = background, 1..count in raster order of each component's first pixel. */
export interface Labelled {
  readonly labels: Int32Array;
  readonly count: number;
  /** Pixel count per label; sizes[0] is unused (0). */
  readonly sizes: Int32Array;
}

/**
 * Label the 4-connected components of `mask` (row-major width×height, non-zero = foreground).
 * Breadth-first with one preallocated queue: O(width·height), no recursion.
 */
export function labelComponents(mask: Uint8Array, width: number, height: number): Labelled {
  const n = width * height;
  if (mask.length !== n) throw new Error(`labelComponents: expected ${n} pixels, got ${mask.length}`);
  const labels = new Int32Array(n);
  const queue = new Int32Array(n);
  const sizes: number[] = [0];
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (mask[start] === 0 || labels[start] !== 0) continue;
    count++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = count;
    while (head < tail) {
      const k = queue[head++] as number;
      const x = k % width;
      const push = (q: number): void => {
        if (mask[q] !== 0 && labels[q] === 0) {
          labels[q] = count;
          queue[tail++] = q;
        }
      };
      if (x > 0) push(k - 1);
      if (x < width - 1) push(k + 1);
      if (k >= width) push(k - width);
      if (k < n - width) push(k + width);
    }
    sizes.push(tail);
  }
  return { labels, count, sizes: Int32Array.from(sizes) };
}

/** The label of the largest component (the first in raster order on a tie), or 0 when there is none. */
export function largestLabel(l: Labelled): number {
  let best = 0;
  for (let c = 1; c <= l.count; c++) if ((l.sizes[c] as number) > (l.sizes[best] as number)) best = c;
  return best;
}
