/**
 * The side-by-side compare (#23 item 1): the view set in the controls (pane A) beside the same view with
 * one thing changed (pane B): another slice, another label or another Grad-CAM layer. B is computed through
 * a worker view of its own (src/worker/client.ts), so it never supersedes A's requests; its map and score
 * are plain data drawn by MapFigure like A's.
 *
 * Attributes for tests on `.ex-compare`: data-compare (slice | label | layer), data-compare-state
 * (computing | ready: both panes drawn).
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { LABELS, STAGES, type Stage } from '../model/arch';
import type { ExplanationMap } from '../explain/run';
import { SAMPLES } from '../phantom/samples';
import { REAL_SAMPLES } from '../phantom/real-samples';
import { getClient, StaleError, type SliceView } from '../worker/client';
import type { PresentStrings } from '../i18n/present';
import type { Lang } from '../i18n/langs';
import { fixed } from '../i18n/numbers';
import { MapFigure } from './MapFigure';
import { seedSlice, type Slice } from './slices';
import { seedName, sliceName } from './slice-name';
import { stepIn } from './shortcuts';
import { errorText, type ExplorerModel } from './use-explorer';
import { figureInput, requestFor } from './explorer-figure';

/** What pane B changes. */
export type CompareSpec =
  | { readonly kind: 'slice'; readonly seed: number }
  | { readonly kind: 'label'; readonly label: number }
  | { readonly kind: 'layer'; readonly layer: Stage };
export type CompareKind = CompareSpec['kind'];

/** The built-in slices in the picker's order (phantoms, then real backgrounds): the slices B can show, and the order next/previous steps through. */
export const BUILTIN_SEEDS: readonly number[] = [...SAMPLES.map((s) => s.seed), ...REAL_SAMPLES.map((s) => s.seed)];

/** Whether a method's map depends on the Grad-CAM layer. */
export const usesLayer = (method: string): boolean => method === 'gradcam' || method === 'guided-gradcam';

/** Pane B's first value for a kind: the next built-in slice, "any" (or the first subtype when "any" is on show), the layer before. */
export function defaultCompare(kind: CompareKind, a: { readonly seed: number; readonly label: number; readonly layer: Stage }): CompareSpec {
  if (kind === 'slice') return { kind, seed: stepIn(BUILTIN_SEEDS, a.seed, 1) };
  if (kind === 'label') return { kind, label: a.label === 0 ? 1 : 0 };
  return { kind, layer: stepIn(STAGES, a.layer, -1) };
}

export interface CompareControlsProps {
  readonly x: ExplorerModel;
  readonly p: PresentStrings;
  readonly spec: CompareSpec | null;
  readonly onSpec: (s: CompareSpec | null) => void;
}

/** What to compare and with what: two selects in a fieldset of the settings column. */
export function CompareControls({ x, p, spec, onSpec }: CompareControlsProps) {
  const id = useId();
  const { t, state } = x;
  const layerOff = spec?.kind === 'layer' && !usesLayer(state.method);
  return (
    <fieldset class="ex-compare-controls">
      <legend>{p.compareLegend}</legend>
      <div class="ex-field">
        <label for={`${id}-k`}>{p.compareWhat}</label>
        <select
          id={`${id}-k`}
          value={spec?.kind ?? 'off'}
          aria-keyshortcuts="c"
          disabled={state.grid}
          onChange={(e) => {
            const k = e.currentTarget.value;
            onSpec(k === 'slice' || k === 'label' || k === 'layer' ? defaultCompare(k, state) : null);
          }}
        >
          <option value="off">{p.compareOff}</option>
          <option value="slice">{p.compareSlices}</option>
          <option value="label">{p.compareLabels}</option>
          <option value="layer">{p.compareLayers}</option>
        </select>
      </div>
      {spec && (
        <div class="ex-field">
          <label for={`${id}-b`}>{p.compareWith[spec.kind]}</label>
          <select
            id={`${id}-b`}
            aria-describedby={`${id}-r`}
            value={spec.kind === 'slice' ? String(spec.seed) : spec.kind === 'label' ? String(spec.label) : spec.layer}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onSpec(spec.kind === 'slice' ? { kind: 'slice', seed: Number(v) } : spec.kind === 'label' ? { kind: 'label', label: Number(v) } : { kind: 'layer', layer: v as Stage });
            }}
          >
            {spec.kind === 'slice'
              ? BUILTIN_SEEDS.map((s) => (
                  <option key={s} value={String(s)}>
                    {seedName(s, t)}
                  </option>
                ))
              : spec.kind === 'label'
                ? LABELS.map((_, i) => (
                    <option key={i} value={String(i)}>
                      {t.labels[i]}
                    </option>
                  ))
                : STAGES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
          </select>
          <p class="ex-reason ex-reserve" id={`${id}-r`}>
            {layerOff ? p.compareLayerUnused : ''}
          </p>
        </div>
      )}
    </fieldset>
  );
}

interface PaneB {
  readonly key: string;
  readonly slice: Slice;
  readonly map: ExplanationMap;
  readonly p: number | undefined;
}

/** The settings of pane B: A's with the compared field changed. */
function bSettings(x: ExplorerModel, spec: CompareSpec): { label: number; layer: Stage } {
  return { label: spec.kind === 'label' ? spec.label : x.state.label, layer: spec.kind === 'layer' ? spec.layer : x.state.layer };
}

export interface ComparePanesProps {
  readonly x: ExplorerModel;
  readonly p: PresentStrings;
  readonly lang: Lang;
  readonly spec: CompareSpec;
}

/** The two maps side by side, each captioned with what differs (slice, label or layer) and B's score. */
export function ComparePanes({ x, p, lang, spec }: ComparePanesProps) {
  const { t, state, slice } = x;
  const view = useRef<SliceView | null>(null);
  const [b, setB] = useState<PaneB | null>(null);
  const [error, setError] = useState('');
  const bs = bSettings(x, spec);
  const req = requestFor({ ...state, ...bs }, state.method);
  const bKey = `${spec.kind === 'slice' ? `phantom-or-real:${spec.seed}` : slice?.key ?? ''}|${JSON.stringify(req)}`;

  useEffect(() => {
    if (x.status !== 'ready' || !slice) return;
    let alive = true;
    view.current ??= getClient().view();
    const v = view.current;
    setError('');
    (spec.kind === 'slice' ? seedSlice(spec.seed) : Promise.resolve(slice))
      .then(async (s) => {
        if (!alive) return;
        const fwd = await v.setSlice(s.key, s.hu);
        const map = await v.explain(req);
        if (alive) setB({ key: bKey, slice: s, map, p: fwd.probabilities[bs.label] });
      })
      .catch((e: unknown) => {
        if (alive && !(e instanceof StaleError)) setError(errorText(e));
      });
    return () => {
      alive = false;
    };
  }, [x.status, slice, bKey]);

  const shown = b && b.key === bKey ? b : null;
  const labelA = x.labelName;
  const labelB = t.labels[bs.label] ?? '';
  /** A pane's caption after its letter: method, label, layer (where the method has one), slice (when slices differ). */
  const caption = (which: 'a' | 'b'): string => {
    const s = which === 'a' ? slice : (shown?.slice ?? null);
    return [
      t.methods[state.method],
      which === 'a' ? labelA : labelB,
      usesLayer(state.method) || spec.kind === 'layer' ? (which === 'a' ? state.layer : bs.layer) : '',
      spec.kind === 'slice' ? (s ? sliceName(s, t) : '…') : '',
    ]
      .filter((w) => w)
      .join(' · ');
  };
  const pA = x.scores?.values[state.label];
  const methodName = t.methods[state.method];
  const ready = x.allDrawn && shown !== null;
  return (
    <div class="ex-compare" data-compare={spec.kind} data-compare-state={ready ? 'ready' : 'computing'}>
      <div class="ex-pane ex-pane-a">
        <MapFigure input={x.figure(x.main)} method={x.main?.request.method ?? ''} alt={t.mapAlt(methodName, labelA)} legend={null}>
          <strong>{p.paneA}</strong> · {caption('a')}
          {pA !== undefined && <span class="ex-ms"> · {p.paneScore(fixed(pA, 3, lang))}</span>}
        </MapFigure>
      </div>
      <div class="ex-pane ex-pane-b">
        <MapFigure
          input={shown ? figureInput(shown.slice, state, shown.map, bs.label) : null}
          method={shown?.map.request.method ?? ''}
          alt={t.mapAlt(methodName, labelB)}
          legend={null}
        >
          <strong>{p.paneB}</strong> · {caption('b')}
          {shown?.p !== undefined && <span class="ex-ms"> · {p.paneScore(fixed(shown.p, 3, lang))}</span>}
        </MapFigure>
        {error && <p class="ex-error">{error}</p>}
      </div>
    </div>
  );
}
