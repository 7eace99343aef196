/** What a saved figure says: the explorer's state in words, as a FigureSpec (plain data, no DOM). */
import { LABELS } from '../model/arch';
import { SUBTYPES } from '../phantom/bleeds';
import type { MethodName } from '../explain/method';
import type { ExplanationMap } from '../explain/run';
import { WINDOWS, type WindowName } from '../ct/window';
import { lutFor, subtypeColour } from './compose';
import { figureFileName, type FigureSpec, type TileSpec } from './export-figure';
import { SIGNED_METHODS } from './Controls';
import type { ExplorerStrings } from './strings';
import type { ViewState } from './view-state';
import type { Lang } from '../i18n/langs';
import { localModelVersion } from '../i18n/model-version';
import { fixed } from '../i18n/numbers';

export interface FigureFacts {
  readonly t: ExplorerStrings;
  readonly state: ViewState;
  /** Methods on show, in tile order, with their maps (null where none is drawn). */
  readonly tiles: readonly { readonly method: MethodName; readonly map: ExplanationMap | null }[];
  /** The slice's name in words and as a file-name token. */
  readonly sliceName: string;
  readonly sliceToken: string;
  /** Probability and threshold of the explained label, when known. */
  readonly score: { readonly p: number; readonly threshold: number } | null;
  /** Mask bits present in the slice (0 without masks or with the outline off) and the emphasised ones. */
  readonly outline: { readonly present: number; readonly emphasis: number } | null;
  readonly modelVersion: string;
  readonly url: string;
  /** Whether the slice is the reader's file (the link cannot carry it). */
  readonly isFile: boolean;
  /** The reader's language: numbers with its decimal mark, the model line in its words (default English). */
  readonly lang?: Lang;
  /** The out-of-distribution distance and its flag, when known. */
  readonly ood?: { readonly score: number; readonly threshold: number } | null;
}

/** The window in words: "brain window L40/W80", or "custom window L50/W100". */
function windowText(t: ExplorerStrings, w: ViewState['window']): string {
  if (typeof w === 'string') return t.figWindow(t.windows[w as WindowName], WINDOWS[w].level, WINDOWS[w].width);
  return t.figWindow(t.custom, w.level, w.width);
}

/** One tile's caption lines and scale. */
function tile(f: FigureFacts, method: MethodName, map: ExplanationMap | null): TileSpec {
  const { t, state } = f;
  const label = t.labels[state.label] ?? '';
  const lines: string[] = [];
  if (method === 'deconvnet' && state.feature) lines.push(t.figTarget(state.feature.block, state.feature.channel));
  else lines.push(t.figExplains(label));
  if (method === 'gradcam' || method === 'guided-gradcam') lines.push(t.figLayer(state.layer));
  const signedMethod = SIGNED_METHODS.includes(method);
  if (signedMethod) lines.push(`${t.view}: ${state.view === 'aggregate' ? t.viewAggregate : t.viewChannel(state.view + 1, t.windows[(Object.keys(WINDOWS) as WindowName[])[state.view] ?? 'brain'])}`);
  if (!map) return { title: t.methods[method], lines, scale: null };
  const cam = map.kind === 'cam';
  const signed = !cam && state.view !== 'aggregate';
  return {
    title: t.methods[method],
    lines,
    scale: {
      lut: lutFor(state.colormap, signed),
      ticks: signed ? ['−1', '0', `+1 = ${t.legendP99}`] : ['0', `1 = ${cam ? t.legendMax : t.legendP99}`],
      note: cam ? t.legendCam : t.legendClipped,
    },
  };
}

/** The figure's spec and its file name (method or "all-methods", label, slice). */
export function figureSpec(f: FigureFacts): { spec: FigureSpec; fileName: string } {
  const { t, state } = f;
  const label = t.labels[state.label] ?? '';
  const grid = f.tiles.length > 1;
  const only = f.tiles[0]?.method ?? state.method;
  const subtitle = [
    `${f.sliceName} · ${windowText(t, state.window)}`,
    ...(f.score ? [t.figScore(label, fixed(f.score.p, 3, f.lang), fixed(f.score.threshold, 3, f.lang))] : []),
    ...(f.ood && f.ood.score > f.ood.threshold ? [t.figOodFar(fixed(f.ood.score, 1, f.lang), fixed(f.ood.threshold, 1, f.lang))] : []),
  ];
  const key = f.outline
    ? SUBTYPES.map((_, k) => k)
        .filter((k) => (f.outline?.present ?? 0) & (1 << k))
        .map((k) => ({ name: t.labels[k + 1] ?? '', colour: subtypeColour(k), strong: ((f.outline?.emphasis ?? 0) & (1 << k)) !== 0 }))
    : [];
  const spec: FigureSpec = {
    title: grid ? t.gridTitle(f.tiles.length, label) : `${t.methods[only]} · ${label}`,
    subtitle,
    tiles: f.tiles.map((x) => tile(f, x.method, x.map)),
    key,
    keyTitle: t.outlineKey,
    footer: [t.figModel(localModelVersion(f.modelVersion, f.lang ?? 'en')), `${t.figLink} ${f.url}`, ...(f.isFile ? [t.figFileNote] : []), t.figCaution],
  };
  return { spec, fileName: figureFileName([grid ? 'all-methods' : only, LABELS[state.label] ?? '', f.sliceToken]) };
}
