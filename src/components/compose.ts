/**
 * The picture an explorer shows, as RGBA bytes: the slice in the display window, the explanation map
 * blended over it in its colour map, and every subtype's ground-truth outline in its own colour (the
 * explained label's emphasised). Plain arrays, no DOM.
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

/**
 * One outline colour per subtype (SUBTYPES order: epidural, intraparenchymal, intraventricular,
 * subarachnoid, subdural), saturated hues that the grey slice never takes. The key beside the figure
 * uses the same colours as CSS.
 */
export const SUBTYPE_COLOURS: readonly (readonly [number, number, number])[] = [
  [255, 0, 220], // epidural: magenta
  [0, 229, 255], // intraparenchymal: cyan
  [255, 230, 0], // intraventricular: yellow
  [64, 255, 64], // subarachnoid: green
  [255, 120, 0], // subdural: orange
];

/** `#rrggbb` of a subtype's outline colour. */
export function subtypeColour(k: number): string {
  const c = SUBTYPE_COLOURS[k] ?? OUTLINE;
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Paint the boundary pixels of `bits` in `masks` (size×size) onto `rgba`, in place. */
export function outlineMask(rgba: Uint8ClampedArray, masks: Uint8Array, size: number, bits: number, colour: readonly number[] = OUTLINE): void {
  const inside = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < size && y < size && ((masks[y * size + x] ?? 0) & bits) !== 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!inside(x, y) || (inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1))) continue;
      const i = (y * size + x) * 4;
      rgba[i] = colour[0] ?? 0;
      rgba[i + 1] = colour[1] ?? 0;
      rgba[i + 2] = colour[2] ?? 0;
    }
  }
}

/**
 * Every subtype's outline in its own colour (SUBTYPE_COLOURS), in place. Subtypes in `emphasis` (bit k =
 * SUBTYPES[k]) are drawn 2 px thick (the boundary and the ring just inside it) and on top; the others
 * 1 px and dotted (two pixels on, one off along the diagonal), so the explained label stands out while
 * every other bleed still shows.
 * @returns the mask bits present in `masks` (which subtypes the key should list)
 */
export function outlineSubtypes(rgba: Uint8ClampedArray, masks: Uint8Array, size: number, emphasis: number): number {
  let present = 0;
  for (const b of masks) present |= b;
  const paint = (k: number, strong: boolean): void => {
    const bit = 1 << k;
    const c = SUBTYPE_COLOURS[k] ?? OUTLINE;
    const inside = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < size && y < size && ((masks[y * size + x] ?? 0) & bit) !== 0;
    const edge = (x: number, y: number): boolean => inside(x, y) && !(inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (!inside(x, y)) continue;
        const on = strong ? edge(x, y) || edge(x - 1, y) || edge(x + 1, y) || edge(x, y - 1) || edge(x, y + 1) : edge(x, y) && (x + y) % 3 !== 2;
        if (!on) continue;
        const i = (y * size + x) * 4;
        rgba[i] = c[0];
        rgba[i + 1] = c[1];
        rgba[i + 2] = c[2];
      }
    }
  };
  for (let k = 0; k < SUBTYPE_COLOURS.length; k++) if ((present >> k) & 1 && !((emphasis >> k) & 1)) paint(k, false);
  for (let k = 0; k < SUBTYPE_COLOURS.length; k++) if ((present >> k) & 1 && (emphasis >> k) & 1) paint(k, true);
  return present;
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
  /** Mask bytes (bit k = SUBTYPES[k]) and which subtypes to emphasise (the explained label's), or null for no outlines. */
  readonly outline: { readonly masks: Uint8Array; readonly emphasis: number } | null;
}

/** RGBA of the figure and the display map used (null without a map). */
export function composeFigure(f: FigureInput): { rgba: Uint8ClampedArray; display: DisplayMap | null } {
  let rgba = windowedRgba(f.hu, f.size, f.size, f.window);
  let display: DisplayMap | null = null;
  if (f.map && f.map.width === f.size && f.map.height === f.size) {
    display = toDisplay(f.map, f.map.kind === 'cam' ? 'aggregate' : f.view);
    rgba = blendOverlay(rgba, display, lutFor(f.colormap, display.signed), f.opacity);
  }
  if (f.outline) outlineSubtypes(rgba, f.outline.masks, f.size, f.outline.emphasis);
  return { rgba, display };
}
