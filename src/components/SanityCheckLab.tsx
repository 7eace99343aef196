/**
 * The sanity-check island (Adebayo et al. 2018; METHODS.md): on a built-in slice, the worker randomises
 * the trained network from the top down one block at a time and recomputes each method's map; the
 * island shows a strip of maps per method, a d3 chart of Spearman ρ of |map| against the randomised
 * depth, and the same numbers as a table. Starts on a button: a full run takes about 20 s on wasm on a 2-core machine.
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
import { ISLAND_METHODS, labSlice, useLabJob, islandRootData } from './use-lab-job';
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

  // Paint each strip column as it arrives; a canvas is repainted only when its map changes.
  const columns = lab.columns;
  const painted = useRef(new Map<HTMLCanvasElement, Float32Array>());
  useEffect(() => {
    const canvases = strip.current?.querySelectorAll<HTMLCanvasElement>('canvas') ?? [];
    ISLAND_METHODS.forEach((m, i) => {
      stages.forEach((_, j) => {
        const c = canvases[i * stages.length + j];
        if (!c) return;
        const values = columns[j]?.[i];
        if (painted.current.get(c) === values) return;
        if (values) {
          const size = Math.round(Math.sqrt(values.length));
          paint(c, mapRgba(values, size, m === 'gradcam'), size);
          painted.current.set(c, values);
        } else {
          c.getContext('2d')?.clearRect(0, 0, c.width, c.height);
          painted.current.delete(c);
        }
      });
    });
  }, [columns]);

  useEffect(() => {
    if (!result) return;
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
      {...islandRootData(lab)}
    >
      <p class="isl-note">{t.intro(ISLAND_METHODS.length, SANITY_SEED)}</p>
      <LabBar lang={lang} lab={lab} unit={t.unit} onRun={() => lab.start((s) => ({ job: { kind: 'sanity', methods: ISLAND_METHODS, seed: SANITY_SEED }, slices: [labSlice(s)] }))} />
      {(lab.job.phase === 'running' || result) && (
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
              {ISLAND_METHODS.map((m, i) => (
                <tr key={m} data-method={m}>
                  <th scope="row">{names[m]}</th>
                  {stages.map((s, j) => (
                    <td key={s}>
                      <canvas
                        class="lab-thumb"
                        width={224}
                        height={224}
                        role="img"
                        data-drawn={columns[j]?.[i] ? 'map' : ''}
                        aria-label={columns[j]?.[i] ? t.thumbAlt(names[m], s) : `${t.thumbAlt(names[m], s)} (${t.pending})`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && (
        <>
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
