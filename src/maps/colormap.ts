/**
 * Colour maps for explanation overlays: perceptually uniform, colour-blind-safe sequential maps for
 * non-negative values and a diverging map for signed ones (d3-scale-chromatic). Never jet.
 */
import { color } from 'd3';
import {
  interpolateCividis,
  interpolateInferno,
  interpolateMagma,
  interpolatePuOr,
  interpolateRdBu,
  interpolateViridis,
} from 'd3';

export const SEQUENTIAL = { viridis: interpolateViridis, inferno: interpolateInferno, magma: interpolateMagma, cividis: interpolateCividis } as const;
export const DIVERGING = { 'blue-red': (t: number) => interpolateRdBu(1 - t), 'purple-orange': interpolatePuOr } as const;
export type SequentialName = keyof typeof SEQUENTIAL;
export type DivergingName = keyof typeof DIVERGING;

/** 256-entry RGB lookup table of an interpolator over [0, 1]. */
export function lookupTable(interpolate: (t: number) => string): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = color(interpolate(i / 255))?.rgb();
    lut[i * 3] = c ? Math.round(c.r) : 0;
    lut[i * 3 + 1] = c ? Math.round(c.g) : 0;
    lut[i * 3 + 2] = c ? Math.round(c.b) : 0;
  }
  return lut;
}

/** Index into a 256-entry table for a value in [0, 1] (sequential) or [-1, 1] (signed). */
export function lutIndex(v: number, signed: boolean): number {
  const t = signed ? (v + 1) / 2 : v;
  return Math.max(0, Math.min(255, Math.round(t * 255)));
}
