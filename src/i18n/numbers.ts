/** Numbers in the reader's convention: a decimal comma in Spanish, a point in English, never grouped. */
import type { Lang } from './langs';

/** `x` with `digits` decimals; toFixed without a language. */
export function fixed(x: number, digits: number, lang?: Lang): string {
  return lang ? x.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }) : x.toFixed(digits);
}
