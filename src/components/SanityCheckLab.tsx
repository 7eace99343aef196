/**
 * The sanity-check island (Adebayo et al. 2018; METHODS.md): on a built-in slice, the worker randomises
 * the trained network from the top down one block at a time and recomputes each method's map; the
 * island shows a strip of maps per method, a d3 chart of Spearman ρ of |map| against the randomised
 * depth, and the same numbers as a table. Starts on a button: a full run is about a minute on wasm.
 *
 *   <SanityCheckLab client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle | loading | ready | computing | done | stopped | error),
 * data-seconds (wall time of the last run in the page), data-slice (the slice on show), data-result-slice
 * (the slice of the figures on show; empty without).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { labStrings } from '../i18n/lab';
import { CASCADE } from '../model/randomise';
import { lineChart, SERIES_COLOURS, type LineChartData } from '../charts/line-chart';
import { strings } from './strings';
import { LabBar, DEFAULT_LAB_SEED } from './LabBar';
import { mapRgba } from './lab-tiles';
import { paint } from './paint';
import { ISLAND_METHODS, labSlice, useLabJob } from './use-lab-job';
import './controls.css';
import './islands.css';
import './lab.css';

/** Seed of the random weights: the CLI's default (`npm run evaluate`), so both randomise alike. */
export const SANITY_SEED = 12345;

const fmt = (v: number, lang: Lang): string => (Number.isFinite(v) ? v.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '–');

export default function SanityCheckLab({ lang }: { readonly lang: Lang }) {
  const t = labStrings(lang).sanity;
  const names = strings(lang).methods;
  const lab = useLabJob(DEFAULT_LAB_SEED);
  const chart = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  const result = lab.job.phase === 'done' && lab.job.result.kind === 'sanity' ? lab.job.result : null;
  const stages = [t.trained, ...CASCADE.map((b) => t.downTo(b))];

  useEffect(() => {
    if (!result) return;
    const canvases = strip.current?.querySelectorAll<HTMLCanvasElement>('canvas') ?? [];
    result.methods.forEach((m, i) => {
      const row = [result.trained[i], ...result.steps.map((s) => s.maps[i])];
      row.forEach((values, j) => {
        const c = canvases[i * row.length + j];
        if (c && values) paint(c, mapRgba(values, result.size, m === 'gradcam'), result.size);
      });
    });
    if (chart.current) {
      const data: LineChartData = {
        series: result.methods.map((m, i) => ({
          name: names[m],
          colour: SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000',
          points: [[0, 1] as const, ...result.steps.map((s, j) => [j + 1, s.similarity[i]?.spearmanAbs ?? NaN] as const)],
        })),
      };
      lineChart(chart.current, data, {
        title: t.chartTitle,
        xLabel: t.chartX,
        yLabel: t.chartY,
        xDomain: [0, CASCADE.length],
        yDomain: [-0.2, 1],
        xTicks: [t.trained, ...CASCADE].map((text, value) => ({ value, text })),
        yFormat: (v) => fmt(v, lang),
        // Drawn at the container's width, so the text keeps its size on a phone and on a wide screen.
        width: Math.max(320, chart.current.clientWidth),
      });
    }
  }, [result]);

  return (
    <div
      class="isl-root lab-root lab-sanity"
      role="group"
      aria-label={t.title}
      data-state={lab.dataState}
      data-seconds={lab.job.phase === 'done' ? lab.job.seconds.toFixed(1) : ''}
      data-result-slice={lab.job.phase === 'done' ? lab.job.key : ''}
      data-slice={lab.slice?.key ?? ''}
    >
      <p class="isl-note">{t.intro(ISLAND_METHODS.length, SANITY_SEED)}</p>
      <LabBar lang={lang} lab={lab} unit={t.unit} onRun={() => lab.start((s) => ({ job: { kind: 'sanity', methods: ISLAND_METHODS, seed: SANITY_SEED }, slices: [labSlice(s)] }))} />
      {result && (
        <>
          <div class="lab-scroll" role="region" aria-label={t.stripCaption} tabindex={0} ref={strip}>
            <table class="lab-strip">
              <caption>{t.stripCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.method}</th>
                  {stages.map((s) => (
                    <th scope="col" key={s}>
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.methods.map((m) => (
                  <tr key={m} data-method={m}>
                    <th scope="row">{names[m]}</th>
                    {stages.map((s) => (
                      <td key={s}>
                        <canvas class="lab-thumb" width={result.size} height={result.size} role="img" aria-label={t.thumbAlt(names[m], s)} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="lab-chart" ref={chart} />
          <div class="lab-scroll" role="region" aria-label={t.tableCaption} tabindex={0}>
            <table class="lab-table lab-rho">
              <caption>{t.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.method}</th>
                  {CASCADE.map((b) => (
                    <th scope="col" key={b}>
                      {t.downTo(b)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.methods.map((m, i) => (
                  <tr key={m} data-method={m}>
                    <th scope="row">{names[m]}</th>
                    {result.steps.map((s) => (
                      <td key={s.block} data-block={s.block}>
                        {fmt(s.similarity[i]?.spearmanAbs ?? NaN, lang)}
                      </td>
                    ))}
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
