/**
 * The faithfulness island (Petsiuk et al. 2018; METHODS.md): on a built-in slice, the worker ranks the
 * pixels by each method's map and deletes them toward the blurred slice (or inserts them into it) in
 * equal steps, following the probability of "any"; two d3 charts of the curves and a table of their
 * areas. Starts on a button: 2·(steps + 1) forward passes per method, 0.5-1 s each on wasm here.
 *
 *   <FaithfulnessLab client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle | loading | ready | computing | done | stopped | error),
 * data-seconds, data-slice, data-result-slice, data-steps.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { labStrings } from '../i18n/lab';
import { BLUR_PASSES, BLUR_RADIUS } from '../metrics/blur-baseline';
import { slicePasses } from '../lab/faithfulness';
import { lineChart, SERIES_COLOURS } from '../charts/line-chart';
import { strings } from './strings';
import { LabBar, DEFAULT_LAB_SEED } from './LabBar';
import { ISLAND_METHODS, labSlice, useLabJob, islandRootData } from './use-lab-job';
import './controls.css';
import './islands.css';
import './lab.css';

/** Steps per curve the reader may choose; the default keeps a run under a minute on wasm. */
export const STEP_CHOICES = [3, 5, 10, 20] as const;
export const DEFAULT_STEPS = 5;

const two = (v: number, lang: Lang): string => (Number.isFinite(v) ? v.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '–');

export default function FaithfulnessLab({ lang }: { readonly lang: Lang }) {
  const t = labStrings(lang).faithfulness;
  const names = strings(lang).methods;
  const id = useId();
  const lab = useLabJob(DEFAULT_LAB_SEED);
  const [steps, setSteps] = useState<number>(DEFAULT_STEPS);
  const charts = useRef<HTMLDivElement>(null);
  const result = lab.job.phase === 'done' && lab.job.result.kind === 'faithfulness' ? lab.job.result : null;

  useEffect(() => {
    const panels = charts.current?.querySelectorAll<HTMLDivElement>('.lab-chart') ?? [];
    if (!result) return;
    (['deletion', 'insertion'] as const).forEach((kind, k) => {
      const el = panels[k];
      if (!el) return;
      lineChart(
        el,
        {
          series: result.methods.map((m, i) => ({
            name: names[m],
            colour: SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000',
            points: (result.curves[i]?.[kind] ?? []).map((p, s) => [s / result.steps, p] as const),
          })),
        },
        { title: t.chartTitle(kind), xLabel: t.chartX(kind), yLabel: t.chartY, xDomain: [0, 1], yDomain: [0, 1], yFormat: (v) => two(v, lang), xFormat: (v) => `${Math.round(100 * v)}\u00a0%`, width: Math.max(320, el.clientWidth) },
      );
    });
  }, [result]);

  const running = lab.job.phase === 'running';
  return (
    <div
      class="isl-root lab-root lab-faithfulness"
      role="group"
      aria-label={t.title}
      {...islandRootData(lab)}
      data-steps={result?.steps ?? ''}
    >
      <p class="isl-note">{t.intro(t.baseline(BLUR_RADIUS, BLUR_PASSES))}</p>
      <LabBar
        lang={lang}
        lab={lab}
        unit={t.unit}
        onRun={() => lab.start((s) => ({ job: { kind: 'faithfulness', methods: ISLAND_METHODS, steps }, slices: [labSlice(s)] }))}
        note={
          <p class="lab-hint" id={`${id}-p`}>
            {t.passes(slicePasses(ISLAND_METHODS.length, steps))}
          </p>
        }
      >
        <div class="lab-field">
          <label for={`${id}-n`}>{t.steps}</label>
          <select id={`${id}-n`} value={String(steps)} disabled={running} aria-describedby={`${id}-p`} onChange={(e) => setSteps(Number(e.currentTarget.value))}>
            {STEP_CHOICES.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </LabBar>
      {result && (
        <>
          <p class="isl-note">{t.endpoints(result.original, result.baseline)}</p>
          <div class="lab-charts" ref={charts}>
            <div class="lab-chart">
              <p class="lab-chart-title">{t.deletion}</p>
            </div>
            <div class="lab-chart">
              <p class="lab-chart-title">{t.insertion}</p>
            </div>
          </div>
          <div class="lab-scroll" role="region" aria-label={t.tableCaption(result.steps)} tabindex={0}>
            <table class="lab-table lab-areas">
              <caption>{t.tableCaption(result.steps)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.method}</th>
                  <th scope="col">{t.deletionArea}</th>
                  <th scope="col">{t.insertionArea}</th>
                </tr>
              </thead>
              <tbody>
                {result.methods.map((m, i) => (
                  <tr key={m} data-method={m}>
                    <th scope="row">{names[m]}</th>
                    <td data-figure="deletion">{two(result.curves[i]?.deletionArea ?? NaN, lang)}</td>
                    <td data-figure="insertion">{two(result.curves[i]?.insertionArea ?? NaN, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="isl-note">{t.reading}</p>
        </>
      )}
    </div>
  );
}
