/**
 * CT windowing: the one definition of how Hounsfield units become model input.
 * The PyTorch trainer (models/train/) mirrors this file and is checked against fixtures it writes.
 */

/** A display window: level (centre) and width, both in HU. */
export interface Window {
  readonly level: number;
  readonly width: number;
}

/** Common head-CT windows (METHODS.md, "CT windows"). */
export const WINDOWS = {
  brain: { level: 40, width: 80 },
  subdural: { level: 80, width: 200 },
  bone: { level: 600, width: 2800 },
} as const satisfies Record<string, Window>;

export type WindowName = keyof typeof WINDOWS;

/** The three model input channels, in channel order (channel 1, 2, 3 in the UI). */
export const MODEL_WINDOWS: readonly Window[] = [WINDOWS.brain, WINDOWS.subdural, WINDOWS.bone];

/** Model input side in pixels. */
export const MODEL_SIZE = 224;

/** Window one HU value to [0, 1]: clip((hu - (L - W/2)) / W, 0, 1). */
export function windowValue(hu: number, w: Window): number {
  const v = (hu - (w.level - w.width / 2)) / w.width;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/**
 * Normalise a windowed value for the network: [0, 1] → [-1, 1].
 * A fixed affine map (no data statistics) so the browser, the CLI and the trainer agree exactly.
 */
export function normalise(v: number): number {
  return 2 * v - 1;
}

/**
 * HU slice (row-major, size×size) → model input, NHWC float32 of length size*size*3,
 * channel c = normalise(window(hu, MODEL_WINDOWS[c])). The slice must already be MODEL_SIZE square
 * for the network; other sizes are allowed for tests.
 */
export function huToModelInput(hu: Float32Array | Int16Array, size: number): Float32Array {
  const n = size * size;
  if (hu.length !== n) throw new Error(`huToModelInput: expected ${n} values, got ${hu.length}`);
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const h = hu[i] ?? 0;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = normalise(windowValue(h, MODEL_WINDOWS[c] as Window));
  }
  return out;
}

/**
 * Invert a window: an 8-bit value (0..255) shown in window `w` back to approximate HU.
 * Values at 0 or 255 were clipped, so their true HU is unknown beyond the window's ends.
 */
export function byteToHU(byte: number, w: Window): number {
  return w.level - w.width / 2 + (byte / 255) * w.width;
}
