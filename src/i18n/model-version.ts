/**
 * The model's version line in the reader's language. The worker writes it in English
 * ("ResNet34, trained 2026-11-29 (config real, uint8-channel, sha256 083eb98dd59d)", src/worker/model-meta.ts);
 * a Spanish figure's footer said "Modelo: ResNet34, trained …" (#23). Dates, data types and hashes stay.
 */
import type { Lang } from './langs';

const ES: readonly (readonly [RegExp, string])[] = [
  [/^ResNet34, trained \(undated\)/, 'ResNet34, entrenada (sin fecha)'],
  [/^ResNet34, trained (\S+)/, 'ResNet34, entrenada el $1'],
  [/^ResNet34, untrained random weights \(seed (\d+)\)/, 'ResNet34, pesos aleatorios sin entrenar (semilla $1)'],
  [/\(config /, '(configuración '],
];

export function localModelVersion(line: string, lang: Lang): string {
  if (lang !== 'es') return line;
  return ES.reduce((s, [re, to]) => s.replace(re, to), line);
}
