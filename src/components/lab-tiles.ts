/**
 * The lab islands' pictures as RGBA bytes (no DOM, no tfjs): a map's per-pixel |map| on its own in
 * viridis (the sanity-check strip), or over the slice with the ground-truth bleed outlined and the map's
 * maximum marked (localisation). Maps are scaled as the explorer scales them (src/maps/display.ts):
 * Grad-CAM-like maps by their maximum, gradient maps by their 99th percentile, clipped.
 */
import { WINDOWS } from '../ct/window';
import { toDisplay, type DisplayMap } from '../maps/display';
import { blendOverlay, windowedRgba } from '../maps/overlay';
import { lutIndex } from '../maps/colormap';
import { lutFor, outlineMask } from './compose';

/**
 * @param values size² values ≥ 0 (Σ|map| per pixel)
 * @param cam true for a Grad-CAM-like map (scaled by its maximum), false for a gradient map (99th percentile)
 */
export function displayOf(values: Float32Array, size: number, cam: boolean): DisplayMap {
  return toDisplay({ request: { method: cam ? 'gradcam' : 'gradient', label: 0 }, kind: cam ? 'cam' : 'signed', height: size, width: size, channels: 1, data: values, ms: 0 });
}

/** The map alone, viridis on [0, 1]: size²·4 bytes. */
export function mapRgba(values: Float32Array, size: number, cam: boolean): Uint8ClampedArray {
  const d = displayOf(values, size, cam);
  const lut = lutFor('viridis', false);
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const j = lutIndex(d.values[i] as number, false) * 3;
    out[i * 4] = lut[j] as number;
    out[i * 4 + 1] = lut[j + 1] as number;
    out[i * 4 + 2] = lut[j + 2] as number;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** White cross, 3 px thick with a 1 px black rim, arm `r` pixels, centred on pixel `peak` (row-major), in place. */
function cross(rgba: Uint8ClampedArray, size: number, peak: number, r = 9): void {
  const px = peak % size;
  const py = Math.floor(peak / size);
  const put = (x: number, y: number, v: number): void => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    rgba[i] = v;
    rgba[i + 1] = v;
    rgba[i + 2] = v;
  };
  for (const [v, half] of [
    [0, 2],
    [255, 1],
  ] as const) {
    const arm = v === 0 ? r + 1 : r; // the rim first, one pixel wider all round
    for (let d = -arm; d <= arm; d++) {
      for (let o = -half; o <= half; o++) {
        put(px + d, py + o, v);
        put(px + o, py + d, v);
      }
    }
  }
}

/**
 * The slice in the brain window, the map blended over it (opacity 0.7 · value), the bleed (`mask`
 * non-zero) outlined in magenta and the map's maximum marked with a cross: size²·4 bytes.
 * @param hu size² HU values
 */
export function localisationRgba(hu: Float32Array, values: Float32Array, mask: Uint8Array, peak: number, size: number, cam: boolean): Uint8ClampedArray {
  const rgba = blendOverlay(windowedRgba(hu, size, size, WINDOWS.brain), displayOf(values, size, cam), lutFor('viridis', false), 0.7);
  outlineMask(rgba, mask, size, 0xff);
  cross(rgba, size, peak);
  return rgba;
}
