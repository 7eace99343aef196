/** Every built-in sample has a name in both languages (a new sample must not show Spanish readers a seed). */
import { describe, expect, it } from 'vitest';
import { strings } from '../../../src/components/strings';
import { SAMPLES } from '../../../src/phantom/samples';
import { REAL_SAMPLES } from '../../../src/phantom/real-samples';

describe('sample names', () => {
  it('names every built-in phantom in English and Spanish, each name once', () => {
    for (const lang of ['en', 'es'] as const) {
      const names = SAMPLES.map((s) => strings(lang).sampleName(s.name, s.shows, s.seed));
      for (const [i, n] of names.entries()) expect(n, `${lang} name of seed ${SAMPLES[i]?.seed}`).not.toMatch(/\(\d+\)/);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(strings('es').sampleName('Subdural haematoma', 'subdural', 1004)).toBe('Hematoma subdural');
  });

  it('real-background samples start with a capital in both languages', () => {
    for (const lang of ['en', 'es'] as const) {
      for (const s of REAL_SAMPLES) expect(strings(lang).realName(s.name, s.shows)).toMatch(/^\p{Lu}/u);
    }
    expect(strings('en').realName('Real head CT, painted epidural haematoma', 'epidural')).toBe('Painted epidural haematoma');
  });
});
