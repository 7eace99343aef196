/**
 * Display normalisation (src/maps/display.ts) on hand-checkable maps. d3.quantile interpolates
 * the 99th percentile of 100 sorted values s[0..99] is s[98] + 0.01 · (s[99] − s[98]).
 */
import { describe, expect, it } from 'vitest';
import { toDisplay } from '../../../src/maps/display';
import type { ExplanationMap } from '../../../src/explain/run';
import type { MapKind } from '../../../src/explain/method';

function map(kind: MapKind, channels: number, data: number[]): ExplanationMap {
  const n = data.length / channels;
  return { request: { method: 'gradient', label: 0 } as ExplanationMap['request'], kind, height: 1, width: n, channels, data: Float32Array.from(data), ms: 0 };
}

/** 1, 2, …, 99 and one outlier: a heavy tail like a trained network's gradient. */
const TAILED = [...Array.from({ length: 99 }, (_, i) => i + 1), -1000];
const TAILED_P99 = 99 + 0.01 * (1000 - 99); // 108.01

describe('toDisplay', () => {
  it('divides a CAM by its maximum', () => {
    const d = toDisplay(map('cam', 1, [0, 1, 2, 4]));
    expect([...d.values]).toEqual([0, 0.25, 0.5, 1]);
    expect(d.signed).toBe(false);
  });

  it('clips the aggregate Σ|g| at its 99th percentile', () => {
    // Three channels per pixel; Σ|g| of pixel i is |TAILED[i]| (the value split over the channels).
    const data = TAILED.flatMap((v) => [v / 2, -v / 4, v / 4]);
    const d = toDisplay(map('signed', 3, data), 'aggregate');
    expect(d.signed).toBe(false);
    expect(d.values[0]).toBeCloseTo(1 / TAILED_P99, 6);
    expect(d.values[98]).toBeCloseTo(99 / TAILED_P99, 6);
    expect(d.values[99]).toBe(1); // the outlier, clipped
  });

  it('divides one signed channel by the 99th percentile of its magnitude and clips at ±1', () => {
    const data = TAILED.flatMap((v) => [0, v, 7]);
    const d = toDisplay(map('signed', 3, data), 1);
    expect(d.signed).toBe(true);
    expect(d.values[49]).toBeCloseTo(50 / TAILED_P99, 6);
    expect(d.values[99]).toBe(-1); // −1000, clipped
    // Divided by the maximum instead, pixel 50 would read 0.05 and the map would look empty.
    expect(d.values[49]).toBeGreaterThan(0.4);
  });

  it('falls back to the maximum when the 99th percentile is 0, and keeps an all-zero map at 0', () => {
    const sparse = Array.from({ length: 200 }, (_, i) => [i === 7 ? -3 : 0, 0, 0]).flat();
    const d = toDisplay(map('signed', 3, sparse), 0);
    expect(d.values[7]).toBe(-1);
    expect(d.values.filter((v) => v !== 0)).toHaveLength(1);
    const zero = toDisplay(map('signed', 3, new Array(30).fill(0)), 'aggregate');
    expect([...zero.values]).toEqual(new Array(10).fill(0));
  });
});
