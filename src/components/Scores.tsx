/**
 * The scores chart as a figure that explains itself: a visible title, the d3 chart (it owns its SVG,
 * Preact only hands it data), a key for the bars and the threshold ticks, a readout of the row under
 * the pointer or keyboard focus (probability and logit), and the same numbers as a table.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { scoresChart, type ScoresData } from '../charts/scores';
import type { ExplorerStrings } from './strings';
import type { OodResult } from '../worker/protocol';
import { disagreement } from './score-agreement';
import type { Lang } from '../i18n/langs';
import type { SliceWarning } from '../ct/slice';
import type { HeadCtCheck } from '../ood/head-ct';
import { combineCaution } from '../ood/caution';
import { checksText } from '../i18n/caution';
import { fixed } from '../i18n/numbers';
import { exportStrings } from '../i18n/export';
import { saveChartSvg } from './export-svg';

export interface ScoresProps {
  readonly data: ScoresData | null;
  readonly t: ExplorerStrings;
  /** How far the slice is from the training data, once known (null while it computes). */
  readonly ood?: OodResult | null;
  /** The reader's language, for the caution's other checks (without it only the feature distance speaks). */
  readonly lang?: Lang;
  /** Whether the slice is a brain-level axial head-CT slice (src/ood/head-ct.ts), or null before a slice. */
  readonly head?: HeadCtCheck | null;
  /** The decoder's warnings for a file (colour, implausible numbers, ...). */
  readonly warnings?: readonly SliceWarning[] | undefined;
}

export { fixed };

/** One row in words: label, probability, logit, threshold and which side of it the score lies. */
export function describeScore(t: ExplorerStrings, d: ScoresData, i: number, lang?: Lang): string {
  const p = d.values[i] ?? 0;
  const thr = d.thresholds[i] ?? 0.5;
  const logit = d.logits?.[i];
  return t.scoreRow(d.labels[i] ?? '', fixed(p, 3, lang), logit === undefined ? null : fixed(logit, 2, lang), fixed(thr, 3, lang), p >= thr);
}

/**
 * The caution's words and state: far (flagged), near, or nothing to say. Three checks (src/ood/caution.ts):
 * the decoder's warnings and the head-CT check say what they found at once; the feature distance follows
 * when the worker has it, with its own sentences.
 */
function oodText(
  t: ExplorerStrings,
  ood: OodResult | null | undefined,
  checks?: { lang: Lang; head: HeadCtCheck | null; warnings: readonly SliceWarning[] },
): { state: '' | 'far' | 'near'; text: string; reasons: string } {
  const known = ood && ood.score !== null && ood.threshold !== null ? { score: ood.score, threshold: ood.threshold } : null;
  const c = combineCaution({ warnings: checks?.warnings ?? [], head: checks ? checks.head : { ok: true, reasons: [], measures: {} as HeadCtCheck['measures'] }, features: known });
  const words = checks ? checksText(checks.lang, c.reasons) : { lead: '', close: '' };
  const reasons = c.reasons.join(' ');
  const feature = known && ood
    ? known.score > known.threshold
      ? t.oodFar(fixed(known.score, 1, checks?.lang), fixed(known.threshold, 1, checks?.lang), ood.heldOut ? t.oodHeld(ood.heldOut.phantoms, ood.heldOut.composites) : '')
      : t.oodNear(fixed(known.score, 1, checks?.lang), fixed(known.threshold, 1, checks?.lang))
    : '';
  if (c.state === 'far') return { state: 'far', text: [words.lead, c.reasons.includes('far-features') ? feature : '', words.close].filter((x) => x).join(' '), reasons };
  // Without a reference for these weights the feature distance is unknown: the checks alone are no verdict.
  return { state: c.state, text: c.state === 'near' ? feature : '', reasons };
}

export function Scores({ data, t, ood, lang, head, warnings }: ScoresProps) {
  const caution = oodText(t, ood, lang && head !== undefined ? { lang, head, warnings: warnings ?? [] } : undefined);
  const host = useRef<HTMLDivElement>(null);
  const update = useRef<((d: ScoresData, width?: number) => void) | null>(null);
  const last = useRef<ScoresData | null>(null);
  const [active, setActive] = useState<number | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !data) return;
    last.current = data;
    // Drawn at the container's CSS width, so labels keep their 12 px on a phone instead of shrinking.
    if (update.current) update.current(data, el.clientWidth);
    else
      update.current = scoresChart(el, data, {
        title: t.scores,
        describe: (d, i) => describeScore(t, d, i, lang),
        format: (v: number) => fixed(v, 3, lang),
        onActive: setActive,
        ...(el.clientWidth > 0 ? { width: el.clientWidth } : {}),
      });
  }, [data, t]);
  useEffect(() => {
    const el = host.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (update.current && last.current) update.current(last.current, el.clientWidth);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const sameThreshold = data ? data.thresholds.every((v) => v === data.thresholds[0]) : false;
  const clash = data ? disagreement(data) : null;
  return (
    <figure class="ex-scores" data-scores={data ? data.values.map((v) => v.toFixed(4)).join(',') : ''}>
      <figcaption class="ex-scores-title">{t.scoresTitle}</figcaption>
      <p class={`ex-ood${caution.state ? ` ex-ood-${caution.state}` : ''}`} data-ood={caution.state} data-caution={caution.reasons} role={caution.state === 'far' ? 'note' : undefined}>
        {caution.text}
      </p>
      <div class="ex-scores-chart" ref={host} />
      <ul class="ex-scores-key">
        <li>
          <svg width="14" height="14" aria-hidden="true" class="ex-key-bar ex-key-above">
            <rect x="0" y="2" width="14" height="10" />
          </svg>
          {t.keyAbove}
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true" class="ex-key-bar">
            <rect x="0" y="2" width="14" height="10" />
          </svg>
          {t.keyBelow}
        </li>
        <li class="ex-key-threshold-item">
          <svg width="14" height="14" aria-hidden="true" class="ex-key-threshold">
            <line x1="7" x2="7" y1="0" y2="14" />
          </svg>
          {sameThreshold ? t.keyThresholdShared : t.keyThreshold}
        </li>
      </ul>
      {clash && (
        <p class="ex-scores-disagree" data-disagree={clash.anyAbove ? 'any-only' : 'subtype-only'}>
          {t.disagree(data?.labels[0] ?? '', clash.subtypes.map((i) => data?.labels[i] ?? ''))}
        </p>
      )}
      {data && lang && (
        <button
          type="button"
          class="ex-button ex-chart-svg"
          onClick={() => {
            const svg = host.current?.querySelector('svg');
            if (svg) saveChartSvg(svg, t.scoresTitle, 'scores.svg');
          }}
        >
          {exportStrings(lang).chartSvg}
        </button>
      )}
      <p class="ex-scores-readout" aria-hidden="true">
        {data && active !== null ? describeScore(t, data, active, lang) : t.scoresHint}
      </p>
      {data && (
        <details class="ex-scores-table">
          <summary>{t.scoresTable}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.colLabel}</th>
                <th scope="col">{t.colProbability}</th>
                <th scope="col">{t.colLogit}</th>
                <th scope="col">{t.colThreshold}</th>
                <th scope="col">{t.colSide}</th>
              </tr>
            </thead>
            <tbody>
              {data.labels.map((l, i) => {
                const p = data.values[i] ?? 0;
                const thr = data.thresholds[i] ?? 0.5;
                return (
                  <tr key={l}>
                    <th scope="row">{l}</th>
                    <td>{fixed(p, 3, lang)}</td>
                    <td>{data.logits?.[i] !== undefined ? fixed(data.logits[i] as number, 2, lang) : '—'}</td>
                    <td>{fixed(thr, 3, lang)}</td>
                    <td>{p >= thr ? t.sideAbove : t.sideBelow}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
