import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPreprocessFixture, type PreprocessFixture } from '../../../src/cli/golden-preprocess';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/golden/preprocess.json', import.meta.url), 'utf8'),
) as PreprocessFixture;

describe('golden preprocessing fixture (shared with models/train/test_preprocess.py)', () => {
  it('equals what src/ct/window.ts computes now (regenerate with npx tsx src/cli/golden-preprocess.ts)', () => {
    expect(buildPreprocessFixture()).toEqual(fixture);
  });

  it('holds hand-checked values at the window edges', () => {
    // NHWC: pixel i, channel c at i * 3 + c. Ramp index 7 is 40 HU, 10 is 80 HU, 15 is 3000 HU.
    const at = (i: number, c: number): number => fixture.input[i * 3 + c] ?? Number.NaN;
    expect(at(7, 0)).toBe(0); // brain L40: 40 HU is the centre → 0.5 → 0
    expect(at(10, 0)).toBe(1); // brain top edge 80 HU
    expect(at(10, 1)).toBe(0); // subdural L80 centre
    expect(at(4, 0)).toBe(-1); // brain bottom edge 0 HU
    expect(at(3, 1)).toBe(-1); // subdural bottom edge -20 HU
    expect(at(2, 2)).toBe(-1); // bone bottom edge -800 HU
    expect(at(14, 2)).toBe(1); // bone top edge 2000 HU
    expect(at(15, 2)).toBe(1); // clipped above
    expect(at(0, 0)).toBe(-1); // clipped below
    expect(at(8, 1)).toBeCloseTo(2 * (80 / 200) - 1, 6); // 60 HU in subdural: (60 + 20) / 200
  });
});
