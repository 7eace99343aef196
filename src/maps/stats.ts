/** Summary numbers of an explanation map, for the CLI's JSON and the page's text summary. */
import { quantile } from 'd3';
import type { ExplanationMap } from '../explain/run';
import { pixelValues } from './display';

export interface MapStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly meanAbs: number;
  /** 99th percentile of the per-pixel magnitude (Σ_c |v_c|). */
  readonly p99Abs: number;
  /** Share of values > 0. */
  readonly positiveFraction: number;
  /** Where the per-pixel magnitude peaks (column x, row y, from the top-left), and its value. */
  readonly peak: { readonly x: number; readonly y: number; readonly value: number };
  /** Share of the total magnitude inside the top 5% of pixels: how concentrated the map is. */
  readonly top5Share: number;
}

export function mapStats(map: ExplanationMap): MapStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumAbs = 0;
  let positive = 0;
  for (const v of map.data) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumAbs += Math.abs(v);
    if (v > 0) positive++;
  }
  const mag = pixelValues(map, 'aggregate');
  let peakIndex = 0;
  mag.forEach((v, i) => {
    if (v > (mag[peakIndex] as number)) peakIndex = i;
  });
  const sorted = Float32Array.from(mag).sort().reverse();
  const k = Math.max(1, Math.round(sorted.length * 0.05));
  const total = sorted.reduce((a, b) => a + b, 0);
  const top = sorted.subarray(0, k).reduce((a, b) => a + b, 0);
  const n = map.data.length;
  return {
    min,
    max,
    mean: sum / n,
    meanAbs: sumAbs / n,
    p99Abs: quantile(mag, 0.99) ?? 0,
    positiveFraction: positive / n,
    peak: { x: peakIndex % map.width, y: Math.floor(peakIndex / map.width), value: mag[peakIndex] as number },
    top5Share: total > 0 ? top / total : 0,
  };
}
