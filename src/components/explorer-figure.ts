/**
 * What the explorer asks the worker for and what a figure draws, as plain functions of the settings
 * (ViewState): the request for a method's map, the outline bits a label emphasises, a figure's input.
 */
import type { ExplainRequest, MethodName } from '../explain/method';
import type { ExplanationMap } from '../explain/run';
import { WINDOWS, MODEL_SIZE } from '../ct/window';
import type { FigureInput } from './compose';
import type { Slice } from './slices';
import type { ViewState } from './view-state';

/** The request for `method`'s map under the settings `s` (only the fields the method uses). */
export function requestFor(s: Pick<ViewState, 'label' | 'layer' | 'feature'>, method: MethodName): ExplainRequest {
  if (method === 'deconvnet' && s.feature) return { method, label: s.label, feature: s.feature };
  if (method === 'gradcam' || method === 'guided-gradcam') return { method, label: s.label, layer: s.layer };
  return { method, label: s.label };
}

/** The outline bits a label emphasises: "any" every subtype, a subtype its own. */
export const emphasisOf = (label: number): number => (label === 0 ? 0x1f : 1 << (label - 1));

/** What a figure draws: `slice` under the display settings of `s`, with `map` (null: the slice alone). */
export function figureInput(slice: Slice, s: ViewState, map: ExplanationMap | null, label = s.label): FigureInput {
  return {
    hu: slice.hu,
    size: MODEL_SIZE,
    window: typeof s.window === 'string' ? WINDOWS[s.window] : s.window,
    map,
    view: s.view,
    colormap: s.colormap,
    opacity: s.opacity,
    outline: s.mask && slice.masks ? { masks: slice.masks, emphasis: emphasisOf(label) } : null,
  };
}
