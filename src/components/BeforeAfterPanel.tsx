/**
 * One network's half of the before-and-after island: the slice with that network's Grad-CAM of "any"
 * (bleed outlined, peak marked), its probability of "any" against its own threshold, and the pointing
 * game of that map on this slice. Until its result is there it shows `children` (the download button,
 * a status line). Root attributes for tests: data-network, data-any, data-pointing (hit | miss | flat
 * | none), data-strict, and the canvas's data-drawn="map" once painted.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import type { BeforeAfterStrings } from '../i18n/before-after';
import type { Stage } from '../model/arch';
import { localisationRgba } from './lab-tiles';
import { paint } from './paint';
import type { ComparisonSlice } from './before-after-slice';
import type { PanelResult } from './before-after-state';

export interface BeforeAfterPanelProps {
  readonly lang: Lang;
  readonly t: BeforeAfterStrings;
  /** Which half: 'before' or 'main' (the page's network). */
  readonly network: string;
  readonly title: string;
  readonly sub: string;
  readonly slice: ComparisonSlice | null;
  readonly result: PanelResult | undefined;
  readonly layer: Stage;
  /** The network in one line (training date, weights hash), when known. */
  readonly version: string;
  readonly children?: ComponentChildren;
}

const fixed = (v: number, lang: Lang): string => (Number.isFinite(v) ? v.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '–');

export function BeforeAfterPanel({ lang, t, network, title, sub, slice, result, layer, version, children }: BeforeAfterPanelProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const map = result?.maps.find((m) => m.layer === layer);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !map || !slice) return;
    const size = Math.round(Math.sqrt(slice.hu.length));
    paint(c, localisationRgba(slice.hu, map.data, slice.gridMask, map.pointing.peak, size, true), size);
    c.dataset['drawn'] = 'map';
    return () => {
      delete c.dataset['drawn'];
    };
  }, [map, slice]);
  const p = map?.pointing;
  const verdict = !p || p.tolerant === null ? 'none' : p.flat ? 'flat' : p.tolerant === 1 ? 'hit' : 'miss';
  return (
    <figure class="ba-panel" data-network={network} data-any={result ? result.any.toFixed(4) : ''} data-pointing={map ? verdict : ''} data-strict={p && !p.flat && p.strict !== null ? String(p.strict) : ''}>
      <figcaption class="ba-head">
        <strong>{title}</strong> <span class="ba-sub">{sub}</span>
      </figcaption>
      {map ? (
        <canvas ref={canvas} class="isl-canvas" width={224} height={224} role="img" aria-label={t.alt(`${title} (${sub})`, layer, verdict === 'hit' ? true : verdict === 'miss' ? false : null)} />
      ) : (
        <div class="ba-placeholder">{children}</div>
      )}
      {result && map && (
        <dl class="ba-figures">
          <dt>{t.anyHead}</dt>
          <dd data-figure="any">{t.any(fixed(result.any, lang), fixed(result.threshold, lang), result.any >= result.threshold)}</dd>
          <dt>{t.pointingHead}</dt>
          <dd data-figure="pointing">{verdict === 'flat' ? t.flat : verdict === 'none' ? '–' : `${t.tolerant(verdict === 'hit')}; ${t.strict(p?.strict === 1)}`}</dd>
        </dl>
      )}
      {version && <p class="ba-version">{version}</p>}
    </figure>
  );
}
