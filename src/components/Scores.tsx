/** The d3 scores chart as a Preact component: the chart owns its SVG, Preact only hands it data. */
import { useEffect, useRef } from 'preact/hooks';
import { scoresChart, type ScoresData } from '../charts/scores';

export interface ScoresProps {
  readonly data: ScoresData | null;
  readonly title: string;
  readonly thresholdText: string;
}

export function Scores({ data, title, thresholdText }: ScoresProps) {
  const host = useRef<HTMLDivElement>(null);
  const update = useRef<((d: ScoresData, width?: number) => void) | null>(null);
  const last = useRef<ScoresData | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !data) return;
    last.current = data;
    // Drawn at the container's CSS width, so labels keep their 12 px on a phone instead of shrinking.
    if (update.current) update.current(data, el.clientWidth);
    else update.current = scoresChart(el, data, { title, thresholdText, ...(el.clientWidth > 0 ? { width: el.clientWidth } : {}) });
  }, [data, title, thresholdText]);
  useEffect(() => {
    const el = host.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (update.current && last.current) update.current(last.current, el.clientWidth);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return <div class="ex-scores" ref={host} data-scores={data ? data.values.map((v) => v.toFixed(4)).join(',') : ''} />;
}
