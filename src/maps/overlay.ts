/**
 * Compose the picture a reader sees: the slice in a display window, in grey, with the explanation map
 * blended on top. Plain RGBA bytes, for a canvas in the page or a PNG from the CLI.
 */
import { windowValue, type Window } from '../ct/window';
import { lutIndex } from './colormap';
import type { DisplayMap } from './display';

/** Grey RGBA of an HU image in a window. */
export function windowedRgba(hu: Float32Array, width: number, height: number, w: Window): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const g = Math.round(windowValue(hu[i] as number, w) * 255);
    out[i * 4] = g;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = g;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * Blend a display map over a grey image of the same size. Opacity scales with the map's magnitude so
 * weak attributions leave the anatomy visible: alpha = opacity · |v|.
 */
export function blendOverlay(base: Uint8ClampedArray, map: DisplayMap, lut: Uint8Array, opacity: number): Uint8ClampedArray {
  const n = map.width * map.height;
  if (base.length !== n * 4) throw new Error('overlay: image and map sizes differ');
  const out = new Uint8ClampedArray(base);
  for (let i = 0; i < n; i++) {
    const v = map.values[i] as number;
    const a = opacity * Math.min(1, Math.abs(v));
    const j = lutIndex(v, map.signed) * 3;
    for (let c = 0; c < 3; c++) out[i * 4 + c] = (1 - a) * (base[i * 4 + c] as number) + a * (lut[j + c] as number);
  }
  return out;
}
