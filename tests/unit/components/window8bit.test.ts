import { describe, expect, it } from 'vitest';
import { decodeWindow8bit, encodeWindow8bit, validWindow, window8bitChoice } from '../../../src/components/window8bit';
import { WINDOWS } from '../../../src/ct/window';

describe('the 8-bit window in the link (#23 item 5)', () => {
  it('round-trips a custom level and width, keeping the other parameters', () => {
    const search = encodeWindow8bit({ level: 40, width: 120 }, '?seed=1004&method=gradcam');
    expect(search).toBe('?seed=1004&method=gradcam&w8=40%2C120');
    expect(decodeWindow8bit(search)).toEqual({ level: 40, width: 120 });
    expect(decodeWindow8bit('?w8=-15.5,80')).toEqual({ level: -15.5, width: 80 });
  });

  it("'auto' is the default and is left out; a bad value leaves the base", () => {
    expect(encodeWindow8bit('auto', '?seed=1&w8=40,120')).toBe('?seed=1');
    expect(decodeWindow8bit('?seed=1')).toBe('auto');
    expect(decodeWindow8bit('?w8=auto', { level: 40, width: 80 })).toBe('auto');
    for (const bad of ['40', '40,0', '40,-3', 'x,y', '40,99999', '5000,100']) expect(decodeWindow8bit(`?w8=${bad}`, { level: 1, width: 2 })).toEqual({ level: 1, width: 2 });
  });

  it('a preset is named in the select, anything else is custom', () => {
    expect(window8bitChoice('auto')).toBe('auto');
    expect(window8bitChoice(WINDOWS.subdural)).toBe('subdural');
    expect(window8bitChoice({ level: 40, width: 120 })).toBe('custom');
    expect(validWindow({ level: 40, width: 120 })).toBe(true);
    expect(validWindow({ level: NaN, width: 120 })).toBe(false);
  });
});
