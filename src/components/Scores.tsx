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

export interface ScoresProps {
  readonly data: ScoresData | null;
  readonly t: ExplorerStrings;
  /** How far the slice is from the training data, once known (null while it computes). */
  readonly ood?: OodResult | null;
}

/** One row in words: label, probability, logit, threshold and which side of it the score lies. */
export function describeScore(t: ExplorerStrings, d: ScoresData, i: number): string {
  const p = d.values[i] ?? 0;
  const thr = d.thresholds[i] ?? 0.5;
  const logit = d.logits?.[i];
  return t.scoreRow(d.labels[i] ?? '', p.toFixed(3), logit === undefined ? null : logit.toFixed(2), thr.toFixed(3), p >= thr);
}

/** The caution's words and state: far (flagged), near, or nothing to say. */
function oodText(t: ExplorerStrings, ood: OodResult | null | undefined): { state: '' | 'far' | 'near'; text: string } {
  if (!ood || ood.score === null || ood.threshold === null) return { state: '', text: '' };
  const score = ood.score.toFixed(1);
  const thr = ood.threshold.toFixed(1);
  if (ood.score > ood.threshold) return { state: 'far', text: t.oodFar(score, thr, ood.heldOut ? t.oodHeld(ood.heldOut.phantoms, ood.heldOut.composites) : '') };
  return { state: 'near', text: t.oodNear(score, thr) };
}

export function Scores({ data, t, ood }: ScoresProps) {
  const caution = oodText(t, ood);
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
        describe: (d, i) => describeScore(t, d, i),
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
      <p class={`ex-ood${caution.state ? ` ex-ood-${caution.state}` : ''}`} data-ood={caution.state} role={caution.state === 'far' ? 'note' : undefined}>
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
      <p class="ex-scores-readout" aria-hidden="true">
        {data && active !== null ? describeScore(t, data, active) : t.scoresHint}
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
                    <td>{p.toFixed(3)}</td>
                    <td>{data.logits?.[i]?.toFixed(2) ?? '—'}</td>
                    <td>{thr.toFixed(3)}</td>
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
