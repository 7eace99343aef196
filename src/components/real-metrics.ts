/**
 * The rows of the article's real-CT validation tables (src/components/RealMetrics.astro), built from the
 * harness summaries beside the shipped weights (models/resnet34/real-val.json for PHE-SICH,
 * real-val-ct-ich.json for CT-ICH; src/model/metrics.ts reads them). Every figure comes from those files:
 * new weights regenerate them and the article follows.
 */
import type { Lang } from '../i18n/langs';
import { LABELS, STAGES, type Label, type Stage } from '../labels';
import type { RealAuc, RealPointing, RealValidation } from '../model/metrics';

/** Subtypes with enough patients on CT-ICH to mean something (its README; issue 21's thresholds decision). */
export const MEANINGFUL_SUBTYPES: readonly Label[] = ['epidural', 'subdural'];

export interface Row {
  /** Stable key for tests and styling (`any`, `subtype-epidural`, `scan-auc`, `third-lower`, ...). */
  readonly key: string;
  readonly head: string;
  readonly value: string;
  /** Marked as an example (too few patients to mean much). */
  readonly example?: boolean;
}

/** A number in the page's language: 0.887 / 0,887. */
export const num = (lang: Lang, x: number | null | undefined, digits: number): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "0.887 (0.852–0.918)"; "not measurable (no positives)" when the file says so. */
export function aucText(lang: Lang, a: RealAuc | undefined | null): string {
  if (!a || a.auc === null) return lang === 'es' ? `no medible${a?.notMeasurable ? ` (${a.notMeasurable === 'no positives' ? 'sin positivos' : 'sin negativos'})` : ''}` : `not measurable${a?.notMeasurable ? ` (${a.notMeasurable})` : ''}`;
  return a.ci95 ? `${num(lang, a.auc, 3)} (${num(lang, a.ci95[0], 3)}–${num(lang, a.ci95[1], 3)})` : num(lang, a.auc, 3);
}

/** A pointing-game variant: "0.15 (0.10–0.20); ceiling 0.51". */
export function pointingText(lang: Lang, p: RealPointing): string {
  return `${num(lang, p.rate, 2)} (${num(lang, p.ci95[0], 2)}–${num(lang, p.ci95[1], 2)}); ${lang === 'es' ? 'techo' : 'ceiling'} ${num(lang, p.ceiling, 2)}`;
}

const T = {
  en: {
    setCaption: (r: RealValidation) =>
      r.set === 'phe-sich'
        ? `PHE-SICH: ${r.slices} slices of ${r.patients} patients with spontaneous intracerebral haemorrhage or none, only “any” labelled`
        : r.set === 'ct-ich'
          ? `CT-ICH: every slice (${r.slices}) of ${r.patients} head scans after trauma, five subtypes labelled`
          : `${r.set}: ${r.slices} slices of ${r.patients} patients`,
    any: 'ROC AUC, “any” (95 % interval over patients)',
    op: (t: string) => `sensitivity / specificity at the explorer’s threshold (${t})`,
    fp: 'slices without blood flagged',
    fpValue: (s: number, n: number, p: number, pn: number) => `${s} of ${n}, in ${p} of ${pn} patients`,
    subtype: (name: string, pos: number, groups: number | undefined, example: boolean) =>
      `ROC AUC, “${name}” (${pos} slices with it${groups === undefined ? '' : `, ${groups} ${groups === 1 ? 'patient' : 'patients'}`}${example ? ': an example only' : ''})`,
    scanAuc: (pos: number, n: number) => `ROC AUC over scans, each scored by its highest slice (${pos} of ${n} scans with a bleed)`,
    alarms: (withBleed: boolean) => `false alarms per scan ${withBleed ? 'with' : 'without'} a bleed (slices without blood at or above the threshold)`,
    alarmsValue: (mean: string, flagged: number, neg: number, withAlarm: number, scans: number) =>
      `${mean} (${flagged} of ${neg} slices; ${withAlarm} of ${scans} scans have one)`,
    third: (t: string, pos: number, n: number) =>
      `${{ lower: 'lower third of each scan (skull base, face, posterior fossa)', middle: 'middle third', upper: 'upper third (towards the vertex)' }[t] ?? t}: ROC AUC / specificity at the threshold (${pos} of ${n} slices with blood)`,
  },
  es: {
    setCaption: (r: RealValidation) =>
      r.set === 'phe-sich'
        ? `PHE-SICH: ${r.slices} cortes de ${r.patients} pacientes con hemorragia intracerebral espontánea o sin ella, solo «cualquiera» etiquetada`
        : r.set === 'ct-ich'
          ? `CT-ICH: todos los cortes (${r.slices}) de ${r.patients} TC craneales tras un traumatismo, con los cinco subtipos etiquetados`
          : `${r.set}: ${r.slices} cortes de ${r.patients} pacientes`,
    any: 'ROC AUC, «cualquiera» (intervalo del 95 % sobre pacientes)',
    op: (t: string) => `sensibilidad / especificidad con el umbral del explorador (${t})`,
    fp: 'cortes sin sangre marcados',
    fpValue: (s: number, n: number, p: number, pn: number) => `${s} de ${n}, en ${p} de ${pn} pacientes`,
    subtype: (name: string, pos: number, groups: number | undefined, example: boolean) =>
      `ROC AUC, «${name}» (${pos} cortes con ella${groups === undefined ? '' : `, ${groups} ${groups === 1 ? 'paciente' : 'pacientes'}`}${example ? ': solo un ejemplo' : ''})`,
    scanAuc: (pos: number, n: number) => `ROC AUC por estudio, cada uno puntuado por su corte más alto (${pos} de ${n} estudios con sangrado)`,
    alarms: (withBleed: boolean) => `falsas alarmas por estudio ${withBleed ? 'con' : 'sin'} sangrado (cortes sin sangre en el umbral o por encima)`,
    alarmsValue: (mean: string, flagged: number, neg: number, withAlarm: number, scans: number) =>
      `${mean} (${flagged} de ${neg} cortes; ${withAlarm} de ${scans} estudios tienen alguna)`,
    third: (t: string, pos: number, n: number) =>
      `${{ lower: 'tercio inferior de cada estudio (base del cráneo, cara, fosa posterior)', middle: 'tercio medio', upper: 'tercio superior (hacia el vértice)' }[t] ?? t}: ROC AUC / especificidad con el umbral (${pos} de ${n} cortes con sangre)`,
  },
};

/**
 * The figures of one set, as rows: `any` with its interval and operating point, slices flagged; on a
 * whole-scan set also the subtypes, the scan-level figures and the thirds.
 * @param names the labels' display names in LABELS order
 */
export function setRows(lang: Lang, r: RealValidation, names: readonly string[]): Row[] {
  const t = T[lang];
  const any = r.classes.any;
  const rows: Row[] = [{ key: 'any', head: t.any, value: aucText(lang, any) }];
  if (any.atThreshold) {
    const op = any.atThreshold;
    rows.push({ key: 'any-op', head: t.op(num(lang, op.threshold, 2)), value: `${num(lang, op.sensitivity, 2)} / ${num(lang, op.specificity, 2)}` });
  }
  const fp = r.falsePositives;
  if (fp) rows.push({ key: 'fp', head: t.fp, value: t.fpValue(fp.slices, fp.negatives, fp.patients, fp.patientsWithNegatives) });
  for (const label of LABELS.slice(1)) {
    const c = r.classes[label];
    if (!c) continue;
    const example = !MEANINGFUL_SUBTYPES.includes(label);
    rows.push({ key: `subtype-${label}`, head: t.subtype(names[LABELS.indexOf(label)] ?? label, c.positives, c.positiveGroups, example), value: aucText(lang, c), example });
  }
  const s = r.scans;
  if (s) {
    rows.push({ key: 'scan-auc', head: t.scanAuc(s.auc.positives, s.auc.n), value: aucText(lang, s.auc) });
    if (s.falseAlarms) {
      for (const [key, g] of [['with', s.falseAlarms.withBleed], ['without', s.falseAlarms.withoutBleed]] as const) {
        rows.push({ key: `alarms-${key}`, head: t.alarms(key === 'with'), value: t.alarmsValue(num(lang, g.meanPerScan, 1), g.flagged, g.negatives, g.scansWithAlarm, g.scans) });
      }
    }
  }
  if (r.thirds) {
    for (const [third, a] of Object.entries(r.thirds)) {
      rows.push({ key: `third-${third}`, head: t.third(third, a.positives, a.n), value: `${aucText(lang, a)} / ${num(lang, a.atThreshold?.specificity, 2)}` });
    }
  }
  return rows;
}

/** Layers with a pointing-game figure in at least one set, with the grid size they carry. */
export function pointingLayers(sets: readonly RealValidation[]): { layer: Stage; cells: number }[] {
  return STAGES.flatMap((layer) => {
    const f = sets.map((r) => r.pointing?.layers[layer]).find((x) => x !== undefined);
    return f ? [{ layer, cells: f.cells }] : [];
  });
}

/** Strict and tolerant cells of one set at one layer ('–' where the set has no such figure). */
export function pointingCells(lang: Lang, r: RealValidation, layer: Stage): [string, string] {
  const f = r.pointing?.layers[layer];
  return f ? [pointingText(lang, f.strict), pointingText(lang, f.tolerant)] : ['–', '–'];
}

/** A set's table caption: name, "validation", what it holds. */
export const setCaption = (lang: Lang, r: RealValidation): string => {
  const c = T[lang].setCaption(r);
  const i = c.indexOf(':');
  return `${c.slice(0, i)} ${lang === 'es' ? '(validación)' : '(validation)'}${c.slice(i)}`;
};

/** The set's display name ("PHE-SICH", "CT-ICH"). */
export const setName = (r: RealValidation): string => (r.set === 'phe-sich' ? 'PHE-SICH' : r.set === 'ct-ich' ? 'CT-ICH' : r.set);
