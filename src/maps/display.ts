/**
 * Explanation maps → values ready for a colour map (plain arrays, no tfjs). One labelled convention per
 * kind (METHODS.md, "Display conventions"):
 * - `cam`: non-negative, divided by its maximum → [0, 1].
 * - `signed`, one window channel: divided by the 99th percentile of |g_c|, clipped → [-1, 1] (diverging).
 * - `signed`, aggregate: Σ_c |g_c|, clipped at its 99th percentile, divided by it → [0, 1].
 * Gradients are heavy-tailed (a trained network's are a few sharp pixels), so dividing a gradient by its
 * maximum leaves almost every pixel near 0 and the map looks empty; the percentile keeps it readable.
 * When the 99th percentile is 0 (a map that is zero almost everywhere) the maximum is used instead.
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
    const top = p99OrMax(v);
    return {
      width,
      height,
      values: v.map((x) => (top > 0 ? Math.min(x / top, 1) : 0)),
      signed: false,
      scale: 'sum of |gradient| over the three windows, clipped at the 99th percentile',
    };
  }
  const v = pixelValues(map, view);
  const top = p99OrMax(v.map(Math.abs));
  return {
    width,
    height,
    values: v.map((x) => (top > 0 ? Math.max(-1, Math.min(x / top, 1)) : 0)),
    signed: true,
    scale: 'signed, divided by the 99th percentile of |gradient| and clipped',
  };
}

/** The 99th percentile of non-negative `v`, or its maximum when that percentile is 0. */
function p99OrMax(v: Float32Array): number {
  const p99 = quantile(v, 0.99) ?? 0;
  return p99 > 0 ? p99 : maxAbs(v);
}
