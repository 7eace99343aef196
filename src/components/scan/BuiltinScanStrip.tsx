/**
 * The article's strip of the built-in scan (#22): the shipped network's six scores on every slice of the
 * built-in head CT, base to vertex, with the painted subdural's slices shaded. Drawn by the explorer's
 * strip chart (src/charts/scan-strip.ts) from scores computed ahead of time (builtin-scan-scores.json,
 * which says how it was made and from which weights), so no model loads here; clicking a slice does nothing.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../../i18n/langs';
import { scanStripChart, stripWidth } from '../../charts/scan-strip';
import { strings } from '../strings';
import { scanStrings } from './scan-strings';
import data from './builtin-scan-scores.json';
import './scan.css';

export default function BuiltinScanStrip(props: { readonly lang: Lang }) {
  const host = useRef<HTMLDivElement>(null);
  const s = scanStrings(props.lang);
  useEffect(() => {
    if (!host.current) return;
    scanStripChart(
      host.current,
      {
        labels: strings(props.lang).labels,
        scores: data.scores,
        positions: data.positionsMm,
        thresholds: data.thresholds,
        current: data.painted.indexOf(1),
        marked: [],
        truth: data.painted.map((p) => (p ? [1, 0, 0, 0, 0, 1] : null)),
      },
      { title: s.articleStripTitle, xLabelMm: s.builtinXMm, xLabelIndex: s.xIndex, onPick: () => undefined, width: stripWidth(host.current) },
    );
  }, [props.lang]);
  return <div class="scan-strip-host scan-article-strip" ref={host} data-slices={data.scores.length} />;
}
