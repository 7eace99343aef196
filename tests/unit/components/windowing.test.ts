/** The windowing island's numbers: histogram bins, the window ramp, control bounds. */
import { describe, expect, it } from 'vitest';
import { clampWindow, histogramDomain, huHistogram, windowRamp, WINDOWING_SEED } from '../../../src/components/windowing';
import { generatePhantom } from '../../../src/phantom/index';

describe('huHistogram', () => {
  it('counts integer HU into whole-HU bins, with the rest below and above', () => {
    // [0, 10) in at most 5 bins: width 2 → bins [0,2) [2,4) [4,6) [6,8) [8,10).
    const h = huHistogram(Int16Array.from([-5, 0, 1, 2, 3, 3, 9, 10, 40]), 0, 10, 5);
    expect(h.binWidth).toBe(2);
    expect(h.lo).toBe(0);
    expect([...h.counts]).toEqual([2, 3, 0, 0, 1]);
    expect(h.below).toBe(1);
    expect(h.above).toBe(2);
  });

  it('rounds the bin width up to a whole HU so no bin holds more integers than another', () => {
    // 160 HU in at most 120 bins: 1.33 HU would alias, so width 2 and 80 bins.
    const h = huHistogram(Int16Array.from([-40, -39, 119]), -40, 120, 120);
    expect(h.binWidth).toBe(2);
    expect(h.counts.length).toBe(80);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[79]).toBe(1);
  });
});

describe('windowRamp', () => {
  it('has corners at the window ends inside the domain', () => {
    // Brain L40/W80 over [-40, 120]: black to 0 HU, white from 80 HU.
    expect(windowRamp({ level: 40, width: 80 }, -40, 120)).toEqual([[-40, 0], [0, 0], [80, 1], [120, 1]]);
  });

  it('drops corners outside the domain and starts mid-ramp when the domain does', () => {
    // L40/W80 over [20, 60]: the whole span is on the ramp, 0.25 to 0.75.
    expect(windowRamp({ level: 40, width: 80 }, 20, 60)).toEqual([[20, 0.25], [60, 0.75]]);
  });
});

describe('histogramDomain', () => {
  it('is the window plus half its width either side, clipped to the CT range', () => {
    expect(histogramDomain({ level: 40, width: 80 })).toEqual({ lo: -40, hi: 120 });
    expect(histogramDomain({ level: 600, width: 2800 })).toEqual({ lo: -1024, hi: 3071 });
  });
});

describe('clampWindow', () => {
  it('rounds and clamps to the control ranges', () => {
    expect(clampWindow({ level: 40.6, width: 0 })).toEqual({ level: 41, width: 1 });
    expect(clampWindow({ level: 9999, width: 9999 })).toEqual({ level: 3000, width: 4000 });
    expect(clampWindow({ level: Number.NaN, width: 80 })).toEqual({ level: -1000, width: 80 });
  });
});

describe('WINDOWING_SEED', () => {
  it('draws a single, thin subdural (under 500 mm²) at both sizes', () => {
    for (const size of [224, 512] as const) {
      const p = generatePhantom(WINDOWING_SEED, { size });
      expect(p.labels).toEqual([1, 0, 0, 0, 0, 1]);
      expect(p.meta.areasMm2[4]).toBeGreaterThan(100);
      expect(p.meta.areasMm2[4]).toBeLessThan(500);
    }
  });
});
