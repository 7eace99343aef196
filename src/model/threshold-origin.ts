/**
 * Where the UI's per-label thresholds were chosen, read from the shipped model.json
 * (`meta.thresholdsFrom`, written by models/train/real_thresholds.py: per label, a sentence naming the
 * validation set that chose it). Without that field every threshold came from evaluate.py's Youden's J on
 * the phantom and composite validation sets. Issue 21's decision lets `any` be chosen on both real sets,
 * epidural and subdural on CT-ICH; the chart note and the article say which happened, from the file.
 *
 * Pure (no Vite, no DOM): the build reads it (src/worker/model-files.ts passes the result to the page as
 * `__ICH_THRESHOLD_ORIGINS__`), and so do the Astro components.
 */
import type { Lang } from '../i18n/langs';
import { LABELS, type Label } from '../labels';

/** The real validation sets a threshold may come from (names as in their `source` lines). */
export const REAL_SET_NAMES = ['PHE-SICH', 'CT-ICH'] as const;
export type RealSetName = (typeof REAL_SET_NAMES)[number];

/** Per label, the real sets its threshold was chosen on; [] = the phantom and composite validation sets. */
export type ThresholdOrigins = Record<Label, RealSetName[]>;

/**
 * @param meta model.json `meta` (anything)
 * @returns null when it has no `thresholdsFrom` object (then every threshold is synthetic)
 */
export function thresholdOrigins(meta: unknown): ThresholdOrigins | null {
  const from = (meta as { thresholdsFrom?: unknown } | null | undefined)?.thresholdsFrom;
  if (!from || typeof from !== 'object') return null;
  const f = from as Record<string, unknown>;
  const out = {} as ThresholdOrigins;
  for (const label of LABELS) {
    const text = typeof f[label] === 'string' ? (f[label] as string) : '';
    out[label] = REAL_SET_NAMES.filter((n) => text.toUpperCase().includes(n));
  }
  return out;
}

/** True when at least one threshold was chosen on a real set. */
export function anyReal(o: ThresholdOrigins | null): o is ThresholdOrigins {
  return o !== null && LABELS.some((l) => o[l].length > 0);
}

const list = (lang: Lang, xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${lang === 'es' ? 'y' : 'and'} ${xs[xs.length - 1]}`;
const quote = (lang: Lang, s: string): string => (lang === 'es' ? `«${s}»` : `“${s}”`);

/** "“any” on PHE-SICH and CT-ICH, “epidural” and “subdural” on CT-ICH, the others on phantoms and composites". */
function groups(lang: Lang, o: ThresholdOrigins, names: readonly string[]): string {
  const byKey = new Map<string, Label[]>();
  for (const l of LABELS) {
    const key = o[l].join('+');
    byKey.set(key, [...(byKey.get(key) ?? []), l]);
  }
  const parts: string[] = [];
  for (const [key, labels] of byKey) {
    if (key === '') continue;
    const who = list(lang, labels.map((l) => quote(lang, names[LABELS.indexOf(l)] ?? l)));
    parts.push(`${who} ${lang === 'es' ? 'con' : 'on'} ${list(lang, key.split('+'))}`);
  }
  const synthetic = byKey.get('') ?? [];
  if (synthetic.length > 0) {
    parts.push(lang === 'es' ? 'las demás con fantomas y composiciones de fondo real' : 'the others on phantoms and real-background composites');
  }
  return parts.join(', ');
}

/**
 * The score chart's key for per-label thresholds when some were chosen on real slices; null when none
 * was (the caller keeps its synthetic-sets wording).
 * @param names the labels' display names, LABELS order
 */
export function chartThresholdNote(lang: Lang, o: ThresholdOrigins | null, names: readonly string[]): string | null {
  if (!anyReal(o)) return null;
  return lang === 'es'
    ? `umbral de decisión de cada etiqueta, donde sensibilidad + especificidad es máxima en cortes de validación: ${groups(lang, o, names)}; medidas en los mismos cortes que los eligieron, las cifras reales con estos umbrales son optimistas`
    : `decision threshold of each label, where sensitivity + specificity is highest on validation slices: ${groups(lang, o, names)}; measured on the slices that chose them, the real figures at these thresholds are optimistic`;
}

/** One sentence for the article (before and after real-set thresholds). */
export function thresholdSentence(lang: Lang, o: ThresholdOrigins | null, names: readonly string[]): string {
  if (!anyReal(o)) {
    return lang === 'es'
      ? 'Los umbrales del explorador se eligieron con conjuntos de validación sintéticos (fantomas y composiciones de fondo real, mejor sensibilidad + especificidad), no con imágenes reales.'
      : 'The explorer’s thresholds were chosen on synthetic validation sets (phantoms and real-background composites, best sensitivity + specificity), not on real scans.';
  }
  return lang === 'es'
    ? `Los umbrales del explorador son los de mejor sensibilidad + especificidad en cortes de validación: ${groups(lang, o, names)}. Medidas en los mismos cortes que los eligieron, la sensibilidad y la especificidad reales con estos umbrales son optimistas.`
    : `The explorer’s thresholds are those with the best sensitivity + specificity on validation slices: ${groups(lang, o, names)}. Measured on the slices that chose them, real sensitivity and specificity at these thresholds are optimistic.`;
}
