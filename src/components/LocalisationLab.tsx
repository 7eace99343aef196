/**
 * The localisation island: on a built-in slice with a bleed, each method's map of "any" over the slice
 * with the ground-truth mask outlined and the map's maximum marked, and per method the pointing game,
 * the energy inside the mask and the IoU of the top 5 % (computed in the worker, src/lab/jobs.ts).
 * Runs by itself once the model is loaded and again on every slice change: one map per method. A
 * button scores every built-in slice with a bleed the same way and shows the summary per method.
 *
 *   <LocalisationLab client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle | loading | ready | computing | done | stopped | error),
 * data-seconds, data-slice, data-result-slice; data-all-state (none | running | done | stopped | error) and data-all-seconds for the summary.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { labStrings } from '../i18n/lab';
import { strings } from './strings';
import { LabBar, BLEEDING_PHANTOMS, BLEEDING_REAL, DEFAULT_LAB_SEED } from './LabBar';
import { localisationRgba } from './lab-tiles';
import { paint } from './paint';
import { seedSlice, type Slice } from './slices';
import { ISLAND_METHODS, labSlice, useLabJob, useLabRun, type LabTask, islandRootData } from './use-lab-job';
import './controls.css';
import './islands.css';
import './lab.css';

const share = (v: number | null, lang: Lang): string => (v === null || !Number.isFinite(v) ? '–' : `${(100 * v).toLocaleString(lang, { maximumFractionDigits: 0 })}\u00a0%`);
const two = (v: number | null, lang: Lang): string => (v === null || !Number.isFinite(v) ? '–' : v.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** Every built-in slice with a bleed. */
const ALL_SEEDS = [...BLEEDING_PHANTOMS, ...BLEEDING_REAL].map((s) => s.seed);

/** Every built-in slice with a bleed, built one per macrotask (a phantom takes up to a few hundred ms) so the page keeps responding. */
async function allSlicesTask(): Promise<LabTask> {
  const slices: Slice[] = [];
  for (const seed of ALL_SEEDS) {
    await new Promise((r) => setTimeout(r, 0));
    slices.push(await seedSlice(seed));
  }
  return { job: { kind: 'localisation', methods: ISLAND_METHODS }, slices: slices.map(labSlice) };
}

export default function LocalisationLab({ lang }: { readonly lang: Lang }) {
  const t = labStrings(lang).localisation;
  const names = strings(lang).methods;
  const lab = useLabJob(DEFAULT_LAB_SEED);
  const all = useLabRun();
  const common = labStrings(lang).common;
  const tiles = useRef<HTMLUListElement>(null);
  const slice = lab.slice;
  const result = lab.job.phase === 'done' && lab.job.result.kind === 'localisation' ? lab.job.result : null;
  const { start } = lab;
  const summary = all.job.phase === 'done' && all.job.result.kind === 'localisation' ? all.job.result : null;

  // One map per method is a few seconds: run as soon as the model and the slice are there.
  useEffect(() => {
    if (lab.model.status === 'ready' && slice && lab.job.phase === 'none') {
      start((s) => ({ job: { kind: 'localisation', methods: ISLAND_METHODS }, slices: [labSlice(s)] }));
    }
  }, [lab.model.status, slice, lab.job.phase, start]);

  useEffect(() => {
    if (!result || !slice?.masks) return;
    const canvases = tiles.current?.querySelectorAll<HTMLCanvasElement>('canvas') ?? [];
    const size = Math.round(Math.sqrt(slice.hu.length));
    result.methods.forEach((m, i) => {
      const c = canvases[i];
      const values = result.maps[i];
      const row = result.rows[0]?.[i];
      if (c && values && row) paint(c, localisationRgba(slice.hu, values, slice.masks as Uint8Array, row.peak, size, m === 'gradcam'), size);
    });
  }, [result, slice]);

  return (
    <div
      class="isl-root lab-root lab-localisation"
      role="group"
      aria-label={t.title}
      {...islandRootData(lab)}
      data-all-state={all.job.phase}
      data-all-seconds={all.job.phase === 'done' ? all.job.seconds.toFixed(1) : ''}
    >
      <p class="isl-note">{t.intro}</p>
      <LabBar lang={lang} lab={lab} unit={t.unit} />
      {result && (
        <>
          <ul class="isl-tiles lab-tiles" ref={tiles}>
            {result.methods.map((m, i) => {
              const hit = result.rows[0]?.[i]?.pointing === 1;
              return (
                <li key={m}>
                  <figure class="isl-tile" data-method={m} data-hit={hit ? '1' : '0'}>
                    <canvas class="isl-canvas" width={224} height={224} role="img" aria-label={t.tileAlt(names[m], hit)} />
                    <figcaption>
                      <strong>{names[m]}</strong>: {hit ? t.hit : t.miss}, {share(result.rows[0]?.[i]?.energy ?? null, lang)}
                    </figcaption>
                  </figure>
                </li>
              );
            })}
          </ul>
          <p class="isl-note">{t.caption(result.probabilities[0] ?? NaN)}</p>
          <div class="lab-scroll" role="region" aria-label={t.title} tabindex={0}>
            <table class="lab-table lab-loc">
              <caption>{t.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.method}</th>
                  <th scope="col">{t.pointing}</th>
                  <th scope="col">{t.energy}</th>
                  <th scope="col">{t.iou}</th>
                </tr>
              </thead>
              <tbody>
                {result.methods.map((m, i) => {
                  const r = result.rows[0]?.[i];
                  return (
                    <tr key={m} data-method={m}>
                      <th scope="row">{names[m]}</th>
                      <td data-figure="pointing">{r?.pointing === null || !r ? '–' : r.pointing === 1 ? t.hit : t.miss}</td>
                      <td data-figure="energy">{share(r?.energy ?? null, lang)}</td>
                      <td data-figure="iou">{two(r?.topIoU ?? null, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="isl-note">{t.reading}</p>
        </>
      )}
      <div class="lab-all">
        <p class="isl-note">{t.allIntro(ALL_SEEDS.length, ALL_SEEDS.length * ISLAND_METHODS.length)}</p>
        <div class="lab-buttons">
          <button type="button" class="isl-button lab-all-run" disabled={all.job.phase === 'running' || lab.model.status !== 'ready'} onClick={() => all.start('all', allSlicesTask)}>
            {t.allRun(ALL_SEEDS.length)}
          </button>
          <button type="button" class="isl-button lab-all-stop" disabled={all.job.phase !== 'running'} onClick={all.stop}>
            {common.stop}
          </button>
        </div>
        <div class="lab-status" role="status" aria-live="polite">
          {all.job.phase === 'running' && (
            <>
              <progress class="lab-progress" max={Math.max(1, all.job.total)} value={all.job.done} aria-label={common.progressLabel} />
              {all.job.total > 0 ? common.progress(all.job.done, all.job.total, t.unit) : common.waiting}
            </>
          )}
          {all.job.phase === 'stopped' && common.stopped}
          {all.job.phase === 'error' && common.failed(all.job.message)}
          {all.job.phase === 'done' && common.took(all.job.seconds, lab.model.info?.backend ?? '')}
        </div>
        {summary && (
          <div class="lab-scroll" role="region" aria-label={t.allCaption(ALL_SEEDS.length)} tabindex={0}>
            <table class="lab-table lab-loc-all">
              <caption>{t.allCaption(ALL_SEEDS.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.method}</th>
                  <th scope="col">{t.pointing}</th>
                  <th scope="col">{t.meanEnergy}</th>
                  <th scope="col">{t.meanIou}</th>
                </tr>
              </thead>
              <tbody>
                {summary.methods.map((m, i) => {
                  const r = summary.summary[i];
                  return (
                    <tr key={m} data-method={m}>
                      <th scope="row">{names[m]}</th>
                      <td data-figure="hits">{r ? t.hits(r.hits, r.scored) : '–'}</td>
                      <td data-figure="energy">{share(r ? r.energy : null, lang)}</td>
                      <td data-figure="iou">{two(r ? r.topIoU : null, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
