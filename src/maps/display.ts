/**
 * Explanation maps → values ready for a colour map (plain arrays, no tfjs). One labelled convention per
 * kind (METHODS.md, "Display conventions"):
 * - `cam`: non-negative, divided by its maximum → [0, 1].
 * - `signed`, one window channel: divided by its largest magnitude → [-1, 1] (diverging colour map).
 * - `signed`, aggregate: Σ_c |g_c|, clipped at its 99th percentile, divided by it → [0, 1].
 */
import { quantile } from 'd3';
import type { ExplanationMap } from '../explain/run';

/** Which view of a map: the aggregate, or one input channel (0 brain, 1 subdural, 2 bone window). */
export type MapView = 'aggregate' | 0 | 1 | 2;

export interface DisplayMap {
  readonly width: number;
  readonly height: number;
  /** Row-major, one value per pixel. */
  readonly values: Float32Array;
  /** true: values in [-1, 1] for a diverging colour map; false: values in [0, 1]. */
  readonly signed: boolean;
  /** What one unit of the colour scale means, for the legend. */
  readonly scale: string;
}

/** Pixel values of one channel, or Σ_c |v_c|. */
export function pixelValues(map: ExplanationMap, view: MapView): Float32Array {
  const n = map.width * map.height;
  const out = new Float32Array(n);
  const c = map.channels;
  if (view === 'aggregate' || c === 1) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < c; k++) s += Math.abs(map.data[i * c + k] as number);
      out[i] = s;
    }
  } else {
    if (view >= c) throw new Error(`display: channel ${view} out of range for a ${c}-channel map`);
    for (let i = 0; i < n; i++) out[i] = map.data[i * c + view] as number;
  }
  return out;
}

const maxAbs = (v: Float32Array): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** Normalise a map for display; an all-zero map stays zero. */
export function toDisplay(map: ExplanationMap, view: MapView = 'aggregate'): DisplayMap {
  const { width, height } = map;
  if (map.kind === 'cam') {
    const v = pixelValues(map, 'aggregate');
    const m = maxAbs(v);
    return { width, height, values: v.map((x) => (m > 0 ? x / m : 0)), signed: false, scale: 'fraction of the map maximum' };
  }
  if (view === 'aggregate') {
    const v = pixelValues(map, 'aggregate');
    const p99 = quantile(v, 0.99) ?? 0;
    const top = p99 > 0 ? p99 : maxAbs(v);
    return {
      width,
      height,
      values: v.map((x) => (top > 0 ? Math.min(x / top, 1) : 0)),
      signed: false,
      scale: 'sum of |gradient| over the three windows, clipped at the 99th percentile',
    };
  }
  const v = pixelValues(map, view);
  const m = maxAbs(v);
  return { width, height, values: v.map((x) => (m > 0 ? x / m : 0)), signed: true, scale: 'signed, divided by the largest magnitude' };
}
