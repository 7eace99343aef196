/**
 * The explorer's settings as labelled native controls (keyboard operable as they are): the method's own
 * settings and the display. The method and the label are MethodChoice.tsx, beside the map.
 */
import { useId, useState } from 'preact/hooks';
import { STAGES, type Stage } from '../model/arch';
import type { MethodName } from '../explain/method';
import { WINDOWS, type WindowName } from '../ct/window';
import { SEQUENTIAL, type SequentialName } from '../maps/colormap';
import type { MapView } from '../maps/display';
import type { ExplorerStrings } from './strings';
import type { ViewState } from './view-state';

/** Methods whose maps are signed, one value per CT window (the per-window view applies). */
export const SIGNED_METHODS: readonly MethodName[] = ['gradient', 'deconvnet', 'guided-backprop', 'guided-gradcam'];

export interface ControlsProps {
  readonly t: ExplorerStrings;
  readonly state: ViewState;
  readonly update: (patch: Partial<ViewState>) => void;
  /** DeconvNet feature targets from the worker's ready message. */
  readonly blocks: readonly { readonly name: string; readonly channels: number }[];
  /** Which groups to show (`method`: the reader may switch methods, so every method's fields stay, disabled where unused). */
  readonly show: { readonly method: boolean; readonly display: boolean };
  /** Whether the slice on show has ground-truth masks (built-in slices do, the reader's files do not). */
  readonly hasMask: boolean;
}

/** Whether the map on show is a signed per-window view, drawn in the fixed diverging scale (the colour map has no effect). */
export function signedView(state: ViewState): boolean {
  return !state.grid && SIGNED_METHODS.includes(state.method) && state.view !== 'aggregate';
}

const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

export function Controls({ t, state, update, blocks, show, hasMask }: ControlsProps) {
  const id = useId();
  const [channelNote, setChannelNote] = useState('');
  const usesLayer = state.method === 'gradcam' || state.method === 'guided-gradcam' || state.grid;
  const signed = SIGNED_METHODS.includes(state.method) || state.grid;
  const usesTarget = state.method === 'deconvnet';
  // Where the reader can switch methods, the fields another method uses stay (disabled, with their reason);
  // a focused instance has one method and shows only its own.
  const offer = (applies: boolean): boolean => applies || show.method;
  const block = state.feature ? blocks.find((b) => b.name === state.feature?.block) : undefined;
  const win = typeof state.window === 'string' ? WINDOWS[state.window] : state.window;
  return (
    <div class="ex-controls">
      {/* The method-specific settings are always there, disabled with their reason where the method on
          show does not use them: the panel keeps one height whatever the method (no page shift). */}
      {offer(usesLayer) && (
        <div class="ex-field">
          <label for={`${id}-ly`}>{t.layer}</label>
          <select id={`${id}-ly`} value={state.layer} disabled={!usesLayer} aria-describedby={`${id}-lyr`} onChange={(e) => update({ layer: e.currentTarget.value as Stage })}>
            {STAGES.map((s) => (
              <option value={s} key={s}>
                {s}
              </option>
            ))}
          </select>
          <p class="ex-reason ex-reserve" id={`${id}-lyr`}>
            {usesLayer ? '' : t.layerUnused}
          </p>
        </div>
      )}
      {!state.grid && offer(usesTarget) && (
        <div class="ex-field">
          <label for={`${id}-dt`}>{t.deconvTarget}</label>
          <select
            id={`${id}-dt`}
            value={state.feature ? 'feature' : 'label'}
            disabled={!usesTarget}
            aria-describedby={`${id}-dtr`}
            onChange={(e) => update({ feature: e.currentTarget.value === 'feature' ? { block: blocks.at(-1)?.name ?? 'layer4.2', channel: 0 } : null })}
          >
            <option value="label">{t.targetLabel}</option>
            <option value="feature" disabled={blocks.length === 0}>
              {t.targetFeature}
            </option>
          </select>
          <p class="ex-reason ex-reserve" id={`${id}-dtr`}>
            {usesTarget ? '' : t.targetUnused}
          </p>
          {state.feature && (
            <div class="ex-row">
              <div class="ex-field">
                <label for={`${id}-b`}>{t.block}</label>
                <select id={`${id}-b`} value={state.feature.block} disabled={!usesTarget} onChange={(e) => update({ feature: { block: e.currentTarget.value, channel: 0 } })}>
                  {blocks.map((b) => (
                    <option value={b.name} key={b.name}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </div>
              <div class="ex-field">
                <label for={`${id}-c`}>{t.channel}</label>
                <input
                  id={`${id}-c`}
                  type="number"
                  min={0}
                  max={(block?.channels ?? 1) - 1}
                  value={state.feature.channel}
                  disabled={!usesTarget}
                  onChange={(e) => {
                    const c = Math.round(Number(e.currentTarget.value));
                    const max = (block?.channels ?? 1) - 1;
                    if (!state.feature || !Number.isFinite(c)) return;
                    const shown = Math.max(0, Math.min(max, c));
                    // An out-of-range channel is said, not silently replaced.
                    setChannelNote(shown === c ? '' : t.channelClamped(e.currentTarget.value, state.feature.block, max + 1, shown));
                    if (shown !== c) e.currentTarget.value = String(shown);
                    update({ feature: { block: state.feature.block, channel: shown } });
                  }}
                />
                <p class="ex-hint ex-channel-note" role="status">
                  {channelNote}
                </p>
              </div>
            </div>
          )}
        </div>
      )}
      {offer(signed) && (
        <div class="ex-field">
          <label for={`${id}-v`}>{t.view}</label>
          <select
            id={`${id}-v`}
            value={String(state.view)}
            disabled={!signed}
            aria-describedby={`${id}-vr`}
            onChange={(e) => {
              const v = e.currentTarget.value;
              update({ view: (v === 'aggregate' ? 'aggregate' : Number(v)) as MapView });
            }}
          >
            <option value="aggregate">{t.viewAggregate}</option>
            {WINDOW_NAMES.map((w, c) => (
              <option value={String(c)} key={w}>
                {t.viewChannel(c + 1, t.windows[w])}
              </option>
            ))}
          </select>
          <p class="ex-reason ex-reserve" id={`${id}-vr`}>
            {signed ? '' : t.viewUnused}
          </p>
        </div>
      )}
      {show.display && (
        <>
          <div class="ex-field">
            <label for={`${id}-w`}>{t.displayWindow}</label>
            <select
              id={`${id}-w`}
              value={typeof state.window === 'string' ? state.window : 'custom'}
              onChange={(e) => {
                const v = e.currentTarget.value;
                update({ window: v === 'custom' ? { level: win.level, width: win.width } : (v as WindowName) });
              }}
            >
              {WINDOW_NAMES.map((w) => (
                <option value={w} key={w}>
                  {t.windows[w]} (L{WINDOWS[w].level}/W{WINDOWS[w].width})
                </option>
              ))}
              <option value="custom">{t.custom}</option>
            </select>
          </div>
          {typeof state.window !== 'string' && (
            <div class="ex-row">
              <div class="ex-field">
                <label for={`${id}-wl`}>{t.level}</label>
                <input id={`${id}-wl`} type="number" step={10} value={win.level} onChange={(e) => update({ window: { level: Number(e.currentTarget.value) || 0, width: win.width } })} />
              </div>
              <div class="ex-field">
                <label for={`${id}-ww`}>{t.width}</label>
                <input
                  id={`${id}-ww`}
                  type="number"
                  min={1}
                  step={10}
                  value={win.width}
                  onChange={(e) => update({ window: { level: win.level, width: Math.max(1, Number(e.currentTarget.value) || 1) } })}
                />
              </div>
            </div>
          )}
          <div class="ex-field">
            <label for={`${id}-o`}>
              {t.opacity}: {Math.round(state.opacity * 100)}%
            </label>
            <input id={`${id}-o`} type="range" min={0} max={1} step={0.05} value={state.opacity} onInput={(e) => update({ opacity: Number(e.currentTarget.value) })} />
          </div>
          <div class="ex-field">
            <label for={`${id}-cm`}>{t.colourMap}</label>
            <select
              id={`${id}-cm`}
              value={state.colormap}
              disabled={signedView(state)}
              aria-describedby={`${id}-cmr`}
              onChange={(e) => update({ colormap: e.currentTarget.value as SequentialName })}
            >
              {(Object.keys(SEQUENTIAL) as SequentialName[]).map((c) => (
                <option value={c} key={c}>
                  {c}
                </option>
              ))}
            </select>
            <p class="ex-reason ex-reserve" id={`${id}-cmr`}>
              {signedView(state) ? t.colourMapSigned : ''}
            </p>
          </div>
        </>
      )}
      <div class="ex-field">
        <label class="ex-check">
          <input
            type="checkbox"
            checked={state.mask && hasMask}
            disabled={!hasMask}
            aria-describedby={`${id}-mr`}
            onChange={(e) => update({ mask: e.currentTarget.checked })}
          />
          {t.mask}
        </label>
        <p class="ex-reason" id={`${id}-mr`}>
          {hasMask ? '' : t.noMask}
        </p>
      </div>
    </div>
  );
}
