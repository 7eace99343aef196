/** "any" against the subtypes: separate sigmoids can contradict each other, and the page says so. */
import { describe, expect, it } from 'vitest';
import { disagreement } from '../../../src/components/score-agreement';
import { strings } from '../../../src/components/strings';

const thr = [0.478, 0.3, 0.4, 0.4, 0.35, 0.331];

describe('disagreement', () => {
  it('is null when "any" and the subtypes agree', () => {
    expect(disagreement({ values: [0.9, 0.1, 0.8, 0.1, 0.1, 0.1], thresholds: thr })).toBeNull();
    expect(disagreement({ values: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1], thresholds: thr })).toBeNull();
  });

  it('names the subtypes at or above threshold when "any" is below (the mask DICOM a fresh user loaded)', () => {
    // any 0.435 < 0.478 while subdural 0.534 ≥ 0.331; a score exactly at its threshold counts as above.
    expect(disagreement({ values: [0.435, 0.1, 0.1, 0.1, 0.1, 0.534], thresholds: thr })).toEqual({ anyAbove: false, subtypes: [5] });
    expect(disagreement({ values: [0.2, 0.3, 0.1, 0.1, 0.35, 0.1], thresholds: thr })).toEqual({ anyAbove: false, subtypes: [1, 4] });
  });

  it('says when "any" is above but no subtype is', () => {
    expect(disagreement({ values: [0.6, 0.1, 0.1, 0.1, 0.1, 0.1], thresholds: thr })).toEqual({ anyAbove: true, subtypes: [] });
  });

  it('reads in both languages', () => {
    expect(strings('en').disagree('any', ['subdural'])).toBe(
      'The outputs disagree: “subdural” is at or above its threshold, but “any” is not. The six outputs are separate sigmoids; nothing in the network makes them agree.',
    );
    expect(strings('en').disagree('any', [])).toMatch(/^The outputs disagree: “any” is at or above its threshold, but no subtype is\./);
    expect(strings('es').disagree('cualquiera', ['epidural', 'subaracnoidea'])).toMatch(/^Las salidas no concuerdan: «epidural», «subaracnoidea» están en sus umbrales o por encima, pero «cualquiera» no\./);
  });
});
