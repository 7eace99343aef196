/**
 * The explorer's maps: one map with its colour scale, the comparison grid of all five methods, or the
 * side-by-side compare (CompareView.tsx); and under them the outline key and the peak's sentence.
 */
import { METHOD_NAMES } from '../explain/method';
import type { Lang } from '../i18n/langs';
import type { PresentStrings } from '../i18n/present';
import { MapFigure } from './MapFigure';
import { OutlineKey } from './OutlineKey';
import { ComparePanes, type CompareSpec } from './CompareView';
import type { ExplorerModel } from './use-explorer';
import { emphasisOf } from './explorer-figure';

export interface MapAreaProps {
  readonly x: ExplorerModel;
  readonly lang: Lang;
  readonly p: PresentStrings;
  /** The side-by-side compare on show, or null (never with the grid). */
  readonly compare: CompareSpec | null;
}

export function MapArea({ x, lang, p, compare }: MapAreaProps) {
  const { t, state, current, latency, labelName } = x;
  if (state.grid) {
    return (
      <>
        <p class="ex-grid-title">{t.gridTitle(METHOD_NAMES.length, labelName)}</p>
        <div class="ex-grid">
          {METHOD_NAMES.map((m, i) => (
            <MapFigure key={m} small input={x.figure(current[i] ?? null)} method={current[i] ? m : ''} alt={t.mapAlt(t.methods[m], labelName)} legend={null}>
              {t.methods[m]}
              {latency[m] !== undefined && <span class="ex-ms"> · {t.mapTime(latency[m])}</span>}
            </MapFigure>
          ))}
        </div>
      </>
    );
  }
  if (compare) return <ComparePanes x={x} p={p} lang={lang} spec={compare} />;
  // DeconvNet from a feature channel explains that channel, not a label's score.
  const target = state.method === 'deconvnet' && state.feature ? t.figTarget(state.feature.block, state.feature.channel) : labelName;
  return (
    <MapFigure
      input={x.figure(x.main)}
      method={x.main?.request.method ?? ''}
      alt={t.mapAlt(t.methods[state.method], target)}
      legend={{ maxText: t.legendMax, p99Text: t.legendP99, clippedText: t.legendClipped, camText: t.legendCam }}
    >
      {t.methods[state.method]} · {target}
    </MapFigure>
  );
}

/** The outline key and the peak's sentence (room kept for it, so that a method switch moves nothing). */
export function MapNotes({ x }: { readonly x: ExplorerModel }) {
  const { t, state, slice } = x;
  return (
    <div class="ex-notes">
      {state.mask && slice?.masks && <OutlineKey t={t} masks={slice.masks} emphasis={emphasisOf(state.label)} />}
      <p class={`ex-summary${state.grid ? ' ex-summary-grid' : ''}`} aria-live="polite">
        {state.grid ? '' : x.summary}
      </p>
    </div>
  );
}
