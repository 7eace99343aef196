/**
 * The window of an 8-bit upload as the reader chose it (estimate, a preset, or a level and width of
 * their own), and its place in the link: `w8=auto` or `w8=L,W` (HU), beside the view's parameters, so
 * an instructor can send the window their PNGs were made with (e.g. `w8=40,120`).
 */
import type { Lang } from '../i18n/langs';
import { WINDOWS, type Window, type WindowName } from '../ct/window';

export type Window8bit = Window | 'auto';

/** Widths and levels a reader may type (HU): any CT window lies well inside. */
export const LEVEL_RANGE: readonly [number, number] = [-1024, 3071];
export const WIDTH_RANGE: readonly [number, number] = [1, 4096];

/** A level and width are usable when finite and within the ranges above. */
export function validWindow(w: Window): boolean {
  return Number.isFinite(w.level) && Number.isFinite(w.width) && w.level >= LEVEL_RANGE[0] && w.level <= LEVEL_RANGE[1] && w.width >= WIDTH_RANGE[0] && w.width <= WIDTH_RANGE[1];
}

/** Read `w8` from a query string; a missing or invalid value leaves `base`. */
export function decodeWindow8bit(search: string, base: Window8bit = 'auto'): Window8bit {
  const v = new URLSearchParams(search).get('w8');
  if (v === 'auto') return 'auto';
  const m = /^(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(v ?? '');
  if (!m) return base;
  const w = { level: Number(m[1]), width: Number(m[2]) };
  return validWindow(w) ? w : base;
}

/** Write `w8` into a query string ("?…"), keeping every other parameter; 'auto' (the default) is left out. */
export function encodeWindow8bit(w: Window8bit, search: string): string {
  const q = new URLSearchParams(search);
  q.delete('w8');
  if (w !== 'auto') q.set('w8', `${w.level},${w.width}`);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The select's value: 'auto', a preset's name, or 'custom'. */
export function window8bitChoice(w: Window8bit): 'auto' | WindowName | 'custom' {
  if (w === 'auto') return 'auto';
  return (Object.keys(WINDOWS) as WindowName[]).find((k) => WINDOWS[k].level === w.level && WINDOWS[k].width === w.width) ?? 'custom';
}

export interface Window8bitStrings {
  readonly custom: string;
  readonly level: string;
  readonly width: string;
  readonly hint: string;
}

const EN: Window8bitStrings = {
  custom: 'my own level and width',
  level: 'Level (HU)',
  width: 'Width (HU)',
  hint: 'The window the picture was made with; it stays in the link.',
};
const ES: Window8bitStrings = {
  custom: 'nivel y anchura propios',
  level: 'Nivel (UH)',
  width: 'Anchura (UH)',
  hint: 'La ventana con que se hizo la imagen; queda en el enlace.',
};

export function window8bitStrings(lang: Lang): Window8bitStrings {
  return lang === 'es' ? ES : EN;
}
