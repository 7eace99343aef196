/**
 * The picture an explorer shows, as RGBA bytes: the slice in the display window, the explanation map
 * blended over it in its colour map, and the ground-truth mask outline. Plain arrays, no DOM.
 */
import type { Window } from '../ct/window';
import type { ExplanationMap } from '../explain/run';
import { DIVERGING, lookupTable, SEQUENTIAL, type SequentialName } from '../maps/colormap';
import { toDisplay, type DisplayMap, type MapView } from '../maps/display';
import { blendOverlay, windowedRgba } from '../maps/overlay';

const luts = new Map<string, Uint8Array>();

/** 256-entry RGB table of a sequential map, or of the diverging map when `signed`. */
export function lutFor(name: SequentialName, signed: boolean): Uint8Array {
  const key = signed ? 'diverging' : name;
  let lut = luts.get(key);
  if (!lut) {
    lut = lookupTable(signed ? DIVERGING['blue-red'] : SEQUENTIAL[name]);
    luts.set(key, lut);
  }
  return lut;
}

/** Outline colour of the ground-truth mask: magenta, absent from the grey slice and from every colour map offered. */
const OUTLINE = [255, 0, 220] as const;

/** Paint the boundary pixels of `bits` in `masks` (size×size) onto `rgba`, in place. */
export function outlineMask(rgba: Uint8ClampedArray, masks: Uint8Array, size: number, bits: number): void {
  const inside = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < size && y < size && ((masks[y * size + x] ?? 0) & bits) !== 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!inside(x, y) || (inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1))) continue;
      const i = (y * size + x) * 4;
      rgba[i] = OUTLINE[0];
      rgba[i + 1] = OUTLINE[1];
      rgba[i + 2] = OUTLINE[2];
    }
  }
}

/** What to draw. */
export interface FigureInput {
  readonly hu: Float32Array;
  readonly size: number;
  readonly window: Window;
  readonly map: ExplanationMap | null;
  readonly view: MapView;
  readonly colormap: SequentialName;
  readonly opacity: number;
  /** Mask bytes and which bits to outline, or null. */
  readonly outline: { readonly masks: Uint8Array; readonly bits: number } | null;
}

/** RGBA of the figure and the display map used (null without a map). */
export function composeFigure(f: FigureInput): { rgba: Uint8ClampedArray; display: DisplayMap | null } {
  let rgba = windowedRgba(f.hu, f.size, f.size, f.window);
  let display: DisplayMap | null = null;
  if (f.map && f.map.width === f.size && f.map.height === f.size) {
    display = toDisplay(f.map, f.map.kind === 'cam' ? 'aggregate' : f.view);
    rgba = blendOverlay(rgba, display, lutFor(f.colormap, display.signed), f.opacity);
  }
  if (f.outline) outlineMask(rgba, f.outline.masks, f.size, f.outline.bits);
  return { rgba, display };
}
