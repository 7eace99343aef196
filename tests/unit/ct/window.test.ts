import { describe, expect, it } from 'vitest';
import { byteToHU, huToModelInput, normalise, windowValue, WINDOWS } from '../../../src/ct/window';

describe('CT windows (numbers by hand)', () => {
  it('windowValue = clip((hu - (L - W/2)) / W, 0, 1)', () => {
    // brain L40/W80: lower end 0 HU, upper end 80 HU
    expect(windowValue(40, WINDOWS.brain)).toBe(0.5);
    expect(windowValue(20, WINDOWS.brain)).toBe(0.25);
    expect(windowValue(-1000, WINDOWS.brain)).toBe(0);
    expect(windowValue(100, WINDOWS.brain)).toBe(1);
    // subdural L80/W200: lower end -20 HU → 30 HU is 50/200
    expect(windowValue(30, WINDOWS.subdural)).toBe(0.25);
    // bone L600/W2800: lower end -800 HU
    expect(windowValue(600, WINDOWS.bone)).toBe(0.5);
    expect(windowValue(-800, WINDOWS.bone)).toBe(0);
    expect(windowValue(2000, WINDOWS.bone)).toBe(1);
  });

  it('normalise maps [0, 1] to [-1, 1]', () => {
    expect([0, 0.25, 0.5, 1].map(normalise)).toEqual([-1, -0.5, 0, 1]);
  });

  it('huToModelInput stacks brain, subdural, bone per pixel (NHWC)', () => {
    // 40 HU: brain 0.5 → 0; subdural 60/200 = 0.3 → -0.4; bone 840/2800 = 0.3 → -0.4
    // -1000 HU: every window 0 → -1.   2000 HU: every window 1 → 1.
    const out = huToModelInput(new Float32Array([40, -1000, 2000, 0]), 2);
    const expected = [0, -0.4, -0.4, -1, -1, -1, 1, 1, 1, -1, -0.8, 2 * (800 / 2800) - 1];
    expect(out.length).toBe(12);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
    expect(() => huToModelInput(new Float32Array(3), 2)).toThrow(/expected 4 values, got 3/);
  });

  it('byteToHU inverts an 8-bit window', () => {
    expect(byteToHU(0, WINDOWS.brain)).toBe(0);
    expect(byteToHU(255, WINDOWS.brain)).toBe(80);
    expect(byteToHU(51, WINDOWS.brain)).toBeCloseTo(16, 10); // 51/255 = 0.2 of 80
    expect(byteToHU(128, { level: 40, width: 120 })).toBeCloseTo(-20 + (128 / 255) * 120, 10);
  });
});
