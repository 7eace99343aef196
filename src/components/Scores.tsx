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
  const update = useRef<((d: ScoresData) => void) | null>(null);
  useEffect(() => {
    if (!host.current || !data) return;
    if (update.current) update.current(data);
    else update.current = scoresChart(host.current, data, { title, thresholdText });
  }, [data, title, thresholdText]);
  return <div class="ex-scores" ref={host} data-scores={data ? data.values.map((v) => v.toFixed(4)).join(',') : ''} />;
}
