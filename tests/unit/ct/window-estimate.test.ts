import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode as decodeFastPng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { COMMON_HEAD_WINDOWS, estimateWindow, estimateWindowFromHistogram, greyHistogram } from '../../../src/ct/window-estimate';
import { WINDOWS, type Window } from '../../../src/ct/window';
import { parseRealSample } from '../../../src/phantom/real-samples';

/** 8-bit export of HU through a window: round(clip((HU − (L − W/2)) / W, 0, 1) · 255). */
function windowed(hu: ArrayLike<number>, w: Window): Float32Array {
  const lo = w.level - w.width / 2;
  return Float32Array.from(hu, (v) => Math.round(Math.min(1, Math.max(0, (v - lo) / w.width)) * 255));
}

/**
 * A hand-made head slice in integer HU: 30 000 px air (−1000), parenchyma 2000 · exp(−k²/50) px at
 * 32 + k HU (k = −12..12, a peak at 32 HU, σ 5 HU), CSF 300 px at each of 5..11 HU, blood 50 px at each of
 * 60..90 HU, 3000 px skull at 1000 HU.
 */
function handSlice(jitter = false): number[] {
  const hu: number[] = [];
  const add = (v: number, count: number): void => {
    for (let i = 0; i < count; i++) hu.push(jitter ? v + ((i * 0.618034) % 1) - 0.5 : v);
  };
  add(-1000, 30_000);
  for (let k = -12; k <= 12; k++) add(32 + k, Math.round(2000 * Math.exp(-(k * k) / 50)));
  for (let v = 5; v <= 11; v++) add(v, 300);
  for (let v = 60; v <= 90; v++) add(v, 50);
  add(1000, 3000);
  return hu;
}

const named = (name: string): Window => {
  const w = COMMON_HEAD_WINDOWS.find((c) => c.name === name) as Window;
  return { level: w.level, width: w.width };
};

describe('greyHistogram', () => {
  it('rounds and clamps to 0..255; alpha 0 leaves a pixel out', () => {
    const h = greyHistogram([0, 0.4, 0.6, 254.6, 300, -5], [1, 1, 1, 1, 1, 0]);
    expect(h.length).toBe(256);
    expect([h[0], h[1], h[255], h.reduce((a, b) => a + b, 0)]).toEqual([2, 1, 2, 5]);
  });
});

describe('estimateWindow on a hand-made slice (numbers by hand)', () => {
  it('brain L40/W80: comb spacing 255/80 = 3.1875; parenchyma 32 HU at grey 102 → L = 32 − 80 (102/255 − 1/2) = 40', () => {
    const e = estimateWindow(windowed(handSlice(), WINDOWS.brain));
    expect(e.evidence.combSpacing).toBeCloseTo(3.1875, 2);
    expect(e.evidence.widthFrom).toBe('comb');
    expect(e.evidence.peakLevel).toBe(102);
    expect(e.evidence.raw).toEqual({ level: 40, width: 80 });
    expect(e).toMatchObject({ window: WINDOWS.brain, confident: true, evidence: { snappedTo: 'brain' } });
  });

  it.each([
    ['stroke', 6.375], // 255 / 40
    ['brain-120', 2.125], // 255 / 120
    ['subdural', 1.275], // 255 / 200
    ['subdural-215', 1.186], // 255 / 215
  ])('%s: comb spacing %f (W within 1 %), snapped and confident', (name, spacing) => {
    const e = estimateWindow(windowed(handSlice(), named(name)));
    expect(Math.abs((e.evidence.combSpacing ?? 0) / spacing - 1)).toBeLessThan(0.01);
    expect(e.window).toEqual(named(name));
    expect(e.confident).toBe(true);
  });

  it('bone L600/W2800: no comb (spacing < 1), skull unclipped (0 % at 255), air clipped → bone, confident', () => {
    const e = estimateWindow(windowed(handSlice(), WINDOWS.bone));
    expect(e.evidence.combSpacing).toBeNull();
    expect(e.evidence.clippedHigh).toBe(0);
    expect(e.evidence.clippedLow).toBeCloseTo(30_000 / 61_410, 6); // the air
    expect(e.evidence.peakLevel).toBe(76); // (32 + 800) / 2800 · 255 = 75.8
    expect(e).toMatchObject({ window: WINDOWS.bone, confident: true });
  });

  it('soft tissue L40/W380: the peak breadth points there but cannot rule out the subdural windows → not confident, brain fallback', () => {
    const e = estimateWindow(windowed(handSlice(), named('soft-tissue')));
    expect(e.evidence.snappedTo).toBe('soft-tissue');
    expect(e.confident).toBe(false);
    expect(e.window).toEqual(WINDOWS.brain);
  });

  it('non-integer HU (as after resampling or JPEG): no comb, so a brain window is not told from its neighbours', () => {
    const e = estimateWindow(windowed(handSlice(true), WINDOWS.brain));
    expect(e.evidence.widthFrom).toBe('peak');
    expect(e.confident).toBe(false);
    expect(e.window).toEqual(WINDOWS.brain);
  });

  it('too few pixels, or a flat image → no estimate, the fallback, not confident', () => {
    expect(estimateWindow([10, 20, 30])).toMatchObject({ confident: false, window: WINDOWS.brain, evidence: { widthFrom: 'none' } });
    expect(estimateWindow(new Float32Array(1000).fill(255), undefined, WINDOWS.subdural)).toMatchObject({ confident: false, window: WINDOWS.subdural });
    expect(() => estimateWindowFromHistogram(new Float64Array(10))).toThrow(RangeError);
  });
});

// Real HU: the four built-in real-background samples (InVesalius head CT, parenchyma at 23–25 HU).
const SAMPLES_DIR = fileURLToPath(new URL('../../../public/samples/real-background/', import.meta.url));
const REAL = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => [f, parseRealSample(new Uint8Array(readFileSync(join(SAMPLES_DIR, f)))).hu] as const);

describe('real HU re-windowed (public/samples/real-background)', () => {
  const recoverable = ['brain', 'stroke', 'brain-120', 'subdural', 'subdural-215', 'bone'];
  it.each(REAL.flatMap(([f, hu]) => recoverable.map((w) => [f, w, hu] as const)))('%s at %s: recovered, confident', (_f, w, hu) => {
    const e = estimateWindow(windowed(hu, named(w)));
    expect(e.window).toEqual(named(w));
    expect(e.confident).toBe(true);
  });

  it('soft tissue (W380, no comb): never confident; through JPEG quality 90, never confidently wrong', () => {
    for (const [, hu] of REAL) expect(estimateWindow(windowed(hu, named('soft-tissue'))).confident).toBe(false);
    let confident = 0;
    for (const [, hu] of REAL) {
      for (const c of COMMON_HEAD_WINDOWS) {
        const g = windowed(hu, c);
        const rgba = new Uint8Array(g.length * 4);
        g.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
        const j = jpeg.decode(jpeg.encode({ width: 224, height: 224, data: rgba }, 90).data, { useTArray: true, formatAsRGBA: false });
        const e = estimateWindow(Float32Array.from({ length: 224 * 224 }, (_, i) => j.data[3 * i] as number));
        if (e.confident) {
          confident++;
          expect(e.window).toEqual({ level: c.level, width: c.width });
        }
      }
    }
    expect(confident).toBeGreaterThanOrEqual(4); // at least bone on each sample
  });
});

// PHE-SICH: 576 real 8-bit slices (../shared/data/real-val, read in place, never copied).
const PHE_DIR = process.env['ICH_SHARED_PHE'] ?? join(fileURLToPath(new URL('../../..', import.meta.url)), '..', 'shared', 'data', 'real-val', 'phe-sich', 'images');
const PHE = existsSync(PHE_DIR) ? readdirSync(PHE_DIR).filter((f) => f.endsWith('.png')).sort() : [];

describe.skipIf(PHE.length === 0)(`PHE-SICH slices (${PHE_DIR}; skipped where the folder is absent)`, () => {
  it('every slice is a 121-level comb (W = 120); ≥ 98 % snap to L40/W120 with confidence; level error within ±15 HU', () => {
    let w120 = 0;
    let snapped = 0;
    const levels: number[] = [];
    for (const f of PHE) {
      const png = decodeFastPng(readFileSync(join(PHE_DIR, f)));
      const e = estimateWindow(png.data as Uint8Array);
      if (e.evidence.widthFrom === 'comb' && Math.abs((e.evidence.raw?.width ?? 0) - 120) <= 1) w120++;
      if (e.confident && e.window.level === 40 && e.window.width === 120) snapped++;
      levels.push((e.evidence.raw?.level ?? NaN) - 40);
    }
    levels.sort((a, b) => a - b);
    const q = (p: number): number => levels[Math.floor(p * (levels.length - 1))] as number;
    console.log(`PHE-SICH window estimate: ${snapped}/${PHE.length} confident L40/W120, ${w120} with comb W=120±1; raw level − 40: 5 % ${q(0.05)}, median ${q(0.5)}, 95 % ${q(0.95)}, range ${q(0)}..${q(1)}`);
    expect(w120).toBe(PHE.length);
    expect(snapped / PHE.length).toBeGreaterThanOrEqual(0.98);
    expect(Math.max(-q(0), q(1))).toBeLessThanOrEqual(15);
  });
});
