/**
 * The localisation island: on a built-in slice with a bleed, each method's map of "any" over the slice
 * with the ground-truth mask outlined and the map's maximum marked, and per method the pointing game,
 * the energy inside the mask and the IoU of the top 5 % (computed in the worker, src/lab/jobs.ts).
 * Runs by itself once the model is loaded and again on every slice change: one map per method.
 *
 *   <LocalisationLab client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle | loading | ready | computing | done | stopped | error),
 * data-seconds, data-slice.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { labStrings } from '../i18n/lab';
import { strings } from './strings';
import { LabBar, DEFAULT_LAB_SEED } from './LabBar';
import { localisationRgba } from './lab-tiles';
import { paint } from './paint';
import { ISLAND_METHODS, useLabJob } from './use-lab-job';
import './controls.css';
import './islands.css';
import './lab.css';

const share = (v: number | null, lang: Lang): string => (v === null ? '–' : `${(100 * v).toLocaleString(lang, { maximumFractionDigits: 0 })}\u00a0%`);
const two = (v: number | null, lang: Lang): string => (v === null ? '–' : v.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export default function LocalisationLab({ lang }: { readonly lang: Lang }) {
  const t = labStrings(lang).localisation;
  const names = strings(lang).methods;
  const lab = useLabJob(DEFAULT_LAB_SEED);
  const tiles = useRef<HTMLUListElement>(null);
  const slice = lab.slice;
  const result = lab.job.phase === 'done' && lab.job.result.kind === 'localisation' && lab.job.key === slice?.key ? lab.job.result : null;
  const { start } = lab;

  // One map per method is a few seconds: run as soon as the model and the slice are there.
  useEffect(() => {
    if (lab.model.status === 'ready' && slice && lab.job.phase === 'none') {
      start((s) => ({ kind: 'localisation', methods: ISLAND_METHODS, mask: Uint8Array.from(s.masks ?? [], (b) => (b ? 1 : 0)) }));
    }
  }, [lab.model.status, slice, lab.job.phase, start]);

  useEffect(() => {
    if (!result || !slice?.masks) return;
    const canvases = tiles.current?.querySelectorAll<HTMLCanvasElement>('canvas') ?? [];
    const size = Math.round(Math.sqrt(slice.hu.length));
    result.methods.forEach((m, i) => {
      const c = canvases[i];
      const values = result.maps[i];
      const row = result.rows[i];
      if (c && values && row) paint(c, localisationRgba(slice.hu, values, slice.masks as Uint8Array, row.peak, size, m === 'gradcam'), size);
    });
  }, [result, slice]);

  return (
    <div class="isl-root lab-root lab-localisation" role="group" aria-label={t.title} data-state={lab.dataState} data-seconds={lab.job.phase === 'done' ? lab.job.seconds.toFixed(1) : ''} data-slice={slice?.key ?? ''}>
      <p class="isl-note">{t.intro}</p>
      <LabBar lang={lang} lab={lab} unit={t.unit} />
      {result && (
        <>
          <ul class="isl-tiles lab-tiles" ref={tiles}>
            {result.methods.map((m, i) => {
              const hit = result.rows[i]?.pointing === 1;
              return (
                <li key={m}>
                  <figure class="isl-tile" data-method={m} data-hit={hit ? '1' : '0'}>
                    <canvas class="isl-canvas" width={224} height={224} role="img" aria-label={t.tileAlt(names[m], hit)} />
                    <figcaption>
                      <strong>{names[m]}</strong>: {hit ? t.hit : t.miss}, {share(result.rows[i]?.energy ?? null, lang)}
                    </figcaption>
                  </figure>
                </li>
              );
            })}
          </ul>
          <p class="isl-note">{t.caption(result.probability)}</p>
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
                  const r = result.rows[i];
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
    </div>
  );
}
