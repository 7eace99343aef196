/**
 * Everything a reader can set in the explorer, as one plain object, and its round trip through the
 * query string (so an instructor can link to a view). Parameters the explorer does not own (e.g.
 * `backend`) are kept; invalid values fall back to the defaults.
 */
import { LABELS, STAGES, type Stage } from '../model/arch';
import { METHOD_NAMES, type MethodName } from '../explain/method';
import { WINDOWS, type WindowName } from '../ct/window';
import { SEQUENTIAL, type SequentialName } from '../maps/colormap';
import type { MapView } from '../maps/display';

/** The explorer's settings. */
export interface ViewState {
  /** Phantom seed shown (built-in sample or a random case). */
  readonly seed: number;
  readonly method: MethodName;
  /** Output index 0..5 (LABELS). */
  readonly label: number;
  readonly layer: Stage;
  /** DeconvNet start: null = the label's logit, else one channel of a block. */
  readonly feature: { readonly block: string; readonly channel: number } | null;
  readonly view: MapView;
  /** Display window: a preset name, or custom level/width in HU. */
  readonly window: WindowName | { readonly level: number; readonly width: number };
  /** Overlay opacity 0..1. */
  readonly opacity: number;
  readonly colormap: SequentialName;
  readonly mask: boolean;
  /** Comparison grid instead of one method. */
  readonly grid: boolean;
}

/** The subdural sample (seed 1004) under Grad-CAM at layer4 for "subdural". */
export const DEFAULT_STATE: ViewState = {
  seed: 1004,
  method: 'gradcam',
  label: 5,
  layer: 'layer4',
  feature: null,
  view: 'aggregate',
  window: 'brain',
  opacity: 0.6,
  colormap: 'viridis',
  mask: true,
  grid: false,
};

const KEYS = ['seed', 'method', 'label', 'layer', 'feature', 'view', 'window', 'opacity', 'cmap', 'mask', 'grid'] as const;

const int = (s: string | null): number | null => (s !== null && /^-?\d+$/.test(s) ? Number(s) : null);

/** Read a state from `location.search`; every missing or invalid field takes its value from `base`. */
export function decodeState(search: string, base: ViewState = DEFAULT_STATE): ViewState {
  const q = new URLSearchParams(search);
  const seed = int(q.get('seed'));
  const method = q.get('method');
  const label = int(q.get('label'));
  const layer = q.get('layer');
  const feature = /^(layer[1-4]\.\d+):(\d+)$/.exec(q.get('feature') ?? '');
  const view = q.get('view');
  const win = q.get('window');
  const custom = /^(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(win ?? '');
  const opacity = Number(q.get('opacity') ?? NaN);
  const cmap = q.get('cmap');
  const flag = (k: string, d: boolean): boolean => (q.get(k) === '1' ? true : q.get(k) === '0' ? false : d);
  return {
    seed: seed !== null && seed >= 0 && seed < 2 ** 32 ? seed : base.seed,
    method: (METHOD_NAMES as readonly string[]).includes(method ?? '') ? (method as MethodName) : base.method,
    label: label !== null && label >= 0 && label < LABELS.length ? label : base.label,
    layer: (STAGES as readonly string[]).includes(layer ?? '') ? (layer as Stage) : base.layer,
    feature: q.get('feature') === 'label' ? null : feature ? { block: feature[1] as string, channel: Number(feature[2]) } : base.feature,
    view: view === 'aggregate' ? 'aggregate' : view === '1' || view === '2' || view === '3' ? ((Number(view) - 1) as 0 | 1 | 2) : base.view,
    window: win !== null && win in WINDOWS ? (win as WindowName) : custom && Number(custom[2]) > 0 ? { level: Number(custom[1]), width: Number(custom[2]) } : base.window,
    opacity: opacity >= 0 && opacity <= 1 ? opacity : base.opacity,
    colormap: cmap !== null && cmap in SEQUENTIAL ? (cmap as SequentialName) : base.colormap,
    mask: flag('mask', base.mask),
    grid: flag('grid', base.grid),
  };
}

/**
 * Write `state` into a query string, keeping parameters the explorer does not own.
 * @param search the current `location.search` (with or without "?")
 * @returns "?…" (or "" when nothing is left)
 */
export function encodeState(state: ViewState, search = ''): string {
  const q = new URLSearchParams(search);
  for (const k of KEYS) q.delete(k);
  q.set('seed', String(state.seed));
  q.set('method', state.method);
  q.set('label', String(state.label));
  q.set('layer', state.layer);
  q.set('feature', state.feature ? `${state.feature.block}:${state.feature.channel}` : 'label');
  q.set('view', state.view === 'aggregate' ? 'aggregate' : String(state.view + 1));
  q.set('window', typeof state.window === 'string' ? state.window : `${state.window.level},${state.window.width}`);
  q.set('opacity', String(state.opacity));
  q.set('cmap', state.colormap);
  q.set('mask', state.mask ? '1' : '0');
  q.set('grid', state.grid ? '1' : '0');
  const s = q.toString();
  return s ? `?${s}` : '';
}
