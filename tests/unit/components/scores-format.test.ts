import { describe, expect, it } from 'vitest';
import { describeScore, fixed } from '../../../src/components/Scores';
import { strings } from '../../../src/components/strings';

describe('numbers in the reader’s convention (#23: Spanish pages mixed “0,85” and “1.000”)', () => {
  it('Spanish writes a decimal comma, English a point; never a thousands separator', () => {
    expect(fixed(0.85, 2, 'es')).toBe('0,85');
    expect(fixed(1, 3, 'es')).toBe('1,000');
    expect(fixed(1, 3, 'en')).toBe('1.000');
    expect(fixed(-12345.678, 1, 'es')).toBe('-12345,7');
    expect(fixed(0.5, 3)).toBe('0.500');
  });
  it('a score row in Spanish reads its numbers with commas', () => {
    const d = { labels: ['cualquiera'], values: [0.9876], thresholds: [0.5], logits: [4.4] };
    expect(describeScore(strings('es'), d, 0, 'es')).toMatch(/probabilidad 0,988, logit 4,40; umbral 0,500/);
    expect(describeScore(strings('en'), d, 0, 'en')).toMatch(/probability 0\.988, logit 4\.40; threshold 0\.500/);
  });
});

import { localModelVersion } from '../../../src/i18n/model-version';
describe('the model line in the reader’s language (#23: the Spanish figure’s footer was half English)', () => {
  it('words the worker’s English version line in Spanish, keeping date, data type and hash', () => {
    const en = 'ResNet34, trained 2026-11-29 (config real, uint8-channel, sha256 083eb98dd59d)';
    expect(localModelVersion(en, 'en')).toBe(en);
    expect(localModelVersion(en, 'es')).toBe('ResNet34, entrenada el 2026-11-29 (configuración real, uint8-channel, sha256 083eb98dd59d)');
    expect(localModelVersion('ResNet34, untrained random weights (seed 0)', 'es')).toBe('ResNet34, pesos aleatorios sin entrenar (semilla 0)');
    expect(localModelVersion('ResNet34, trained (undated)', 'es')).toBe('ResNet34, entrenada (sin fecha)');
  });
});
