/**
 * One saliency value per pixel from an explanation map, as every lab metric reads it (METHODS.md,
 * "Evaluation of explanations"): the value itself for a one-channel map (Grad-CAM), otherwise the sum over
 * the three CT-window channels, signed or of absolute values.
 */

/** The parts of an explanation map (src/explain/run.ts ExplanationMap) the metrics read. */
export interface PlainMap {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Row-major [height][width][channels]. */
  readonly data: ArrayLike<number>;
}

/**
 * @param abs true: Σ|v| over channels (≥ 0); false: Σ v (signed)
 * @returns height·width values, row-major
 */
export function perPixel(map: PlainMap, abs: boolean): Float32Array {
  const n = map.width * map.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < map.channels; c++) {
      const v = map.data[i * map.channels + c] as number;
      s += abs ? Math.abs(v) : v;
    }
    out[i] = s;
  }
  return out;
}
