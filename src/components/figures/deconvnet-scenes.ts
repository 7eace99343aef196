/**
 * The DeconvNet figure's three panels (Zeiler & Fergus 2014, arXiv:1311.2901, Fig. 1, redrawn): a layer
 * and its mirror, a worked example of max-pooling with switches, unpooling and the backward ReLU, and
 * the transposed filters. Scenes only (see scene.ts); DeconvNetFigure.tsx draws them.
 */
import type { Lang } from '../../i18n/langs';
import { FIGURES, figureNumber } from '../../i18n/figures';
import { arrow, box, grid, linesHeight, text, wrap, type Scene, type Shape } from './scene';
import { deconvExample } from './examples';

const W = 420;
const TITLE = 13;
const SMALL = 12;

/** The panel's heading, wrapped to the panel; returns the shapes and the y below it. */
export function heading(s: string, width = W): { shapes: Shape[]; bottom: number } {
  const lines = wrap(s, width - 16, TITLE, true);
  return { shapes: [text(8, 8 + 0.8 * TITLE, lines, { size: TITLE, bold: true })], bottom: 8 + linesHeight(lines.length, TITLE) };
}

/** A label block wrapped to `width`, centred on `cx`, whose last line ends `gap` units above `bottomY`. */
export function labelAbove(cx: number, bottomY: number, width: number, s: string, size = SMALL, tone: 'fg' | 'muted' = 'fg'): Shape {
  const lines = wrap(s, width, size);
  const top = bottomY - linesHeight(lines.length, size);
  return text(cx, top + 0.8 * size, lines, { size, anchor: 'middle', tone });
}

/** A label block wrapped to `width`, centred on `cx`, starting at `topY`. */
export function labelBelow(cx: number, topY: number, width: number, s: string, size = SMALL, tone: 'fg' | 'muted' = 'fg'): Shape {
  return text(cx, topY + 0.8 * size, wrap(s, width, size), { size, anchor: 'middle', tone });
}

/** Left column goes down (the DeconvNet), right column goes up (the network); switches link the pools. */
function flowScene(lang: Lang): Scene {
  const t = FIGURES[lang].deconv.flow;
  const head = heading(t.title);
  const L = { x: 6, w: 150 };
  const R = { x: W - 6 - 150, w: 150 };
  const shapes: Shape[] = [...head.shapes];
  const hdrTop = head.bottom + 10;
  const down = wrap(t.down, L.w, 12, true);
  const up = wrap(t.up, R.w, 12, true);
  const hdrLines = Math.max(down.length, up.length);
  shapes.push(text(L.x + L.w / 2, hdrTop + 0.8 * 12, down, { size: 12, anchor: 'middle', tone: 'accent', bold: true }));
  shapes.push(text(R.x + R.w / 2, hdrTop + 0.8 * 12, up, { size: 12, anchor: 'middle', tone: 'accent', bold: true }));
  const top = hdrTop + linesHeight(hdrLines, 12) + 8;
  const boxLines = Math.max(...[t.fromAbove, t.unpooled, t.rectifiedUnpooled, t.reconstruction, t.pooled, t.rectified, t.features, t.below].map((s) => wrap(s, L.w - 12, 12).length));
  const BOX = Math.max(40, Math.ceil(linesHeight(boxLines, 12) + 12));
  const GAP = 46;
  const y = (i: number): number => top + i * (BOX + GAP);
  const left = [t.fromAbove, t.unpooled, t.rectifiedUnpooled, t.reconstruction];
  const leftOps = [t.unpool, t.reluDown, t.convT];
  const right = [t.pooled, t.rectified, t.features, t.below];
  const rightOps = [t.pool, t.relu, t.conv];
  left.forEach((s, i) => shapes.push(...box(L.x, y(i), L.w, BOX, s)));
  right.forEach((s, i) => shapes.push(...box(R.x, y(i), R.w, BOX, s)));
  const op = (col: { x: number; w: number }, i: number, s: string, goingUp: boolean): void => {
    const ax = col.x + 18;
    const y0 = y(i) + BOX + 3;
    const y1 = y(i + 1) - 3;
    shapes.push(...(goingUp ? arrow(ax, y1, ax, y0) : arrow(ax, y0, ax, y1)));
    const lines = wrap(s, col.w - 32, SMALL);
    const mid = (y0 + y1) / 2;
    shapes.push(text(col.x + 30, mid - linesHeight(lines.length, SMALL) / 2 + 0.8 * SMALL, lines, { size: SMALL, italic: true }));
  };
  leftOps.forEach((s, i) => op(L, i, s, false));
  rightOps.forEach((s, i) => op(R, i, s, true));
  // The switches: recorded by the max-pooling on the right, used by the unpooling on the left.
  const sy = (y(0) + BOX + y(1)) / 2 + 8;
  shapes.push(...arrow(R.x - 4, sy, L.x + L.w + 4, sy, { cls: 'tf-arrow tf-key' }));
  shapes.push(text(W / 2, sy - 6, t.switches, { size: SMALL, anchor: 'middle', tone: 'accent', bold: true }));
  return { id: 'deconv-flow', width: W, height: y(3) + BOX + 8, title: t.title, desc: t.desc, shapes };
}

/** The worked example: pool with switches, unpool the signal from above, rectify it. */
function switchesScene(lang: Lang): Scene {
  const t = FIGURES[lang].deconv.switches;
  const n = (x: number): string => figureNumber(x, lang);
  const ex = deconvExample();
  const head = heading(t.title);
  const shapes: Shape[] = [...head.shapes];
  const CELL = 28;
  const big = 4 * CELL;
  const small = 2 * CELL;
  const c1 = 8;
  const c2 = 210 - small / 2;
  const c3 = W - 8 - big;
  const isSwitch = (r: number, c: number): boolean => ex.switches.some((row) => row.some((s) => s.r === r && s.c === c));
  // The switch whose signal is negative: the cell the backward ReLU drops.
  const dropped = ex.switches.flat().find((_, i) => (ex.signal.flat()[i] ?? 0) < 0) ?? { r: -1, c: -1 };
  const droppedSignal = ex.signal.flat().find((v) => v < 0) ?? 0;
  const isDropped = (r: number, c: number): boolean => r === dropped.r && c === dropped.c;

  // Row 1: forward. Feature map → max-pool → pooled; the switches beside.
  const labelGap = 5;
  const y1 = head.bottom + 10 + linesHeight(2, SMALL) + labelGap;
  shapes.push(labelAbove(c1 + big / 2, y1 - labelGap, 112, t.features));
  shapes.push(...grid(c1, y1, CELL, ex.features, { label: (v) => n(v), strong: isSwitch, mark: isDropped }));
  shapes.push(labelAbove(c2 + small / 2, y1 + big / 2 - small / 2 - labelGap, 100, t.pooled));
  shapes.push(...grid(c2, y1 + big / 2 - small / 2, CELL, ex.pooled, { label: (v) => n(v), strong: () => true }));
  shapes.push(...arrow(c1 + big + 4, y1 + big / 2, c2 - 4, y1 + big / 2));
  shapes.push(text((c1 + big + c2) / 2, y1 + big / 2 - 6, t.maxpool, { size: 11, anchor: 'middle', italic: true }));
  shapes.push(labelAbove(c3 + big / 2, y1 - labelGap, big, t.switches));
  shapes.push(...grid(c3, y1, CELL, ex.features.map((row) => row.map(() => 0)), { fill: (_, r, c) => (isSwitch(r, c) ? '#0b5cad' : undefined), label: (_, r, c) => (isSwitch(r, c) ? '●' : null) }));

  // Row 2: backward. Signal from above → unpool (at the switches).
  const row2Lines = Math.max(wrap(t.unpooled, big, SMALL).length, 1);
  const y2 = y1 + big + 12 + linesHeight(row2Lines, SMALL) + labelGap;
  const ry = y2 + big / 2 - small / 2;
  shapes.push(labelAbove(c2 + small / 2, ry - labelGap, 100, t.signal));
  shapes.push(...grid(c2, ry, CELL, ex.signal, { label: (v) => n(v), strong: () => true }));
  shapes.push(...arrow(c2 + small + 4, y2 + big / 2, c3 - 4, y2 + big / 2));
  shapes.push(text((c2 + small + c3) / 2, y2 + big / 2 - 6, t.unpool, { size: 11, anchor: 'middle', italic: true }));
  shapes.push(labelAbove(c3 + big / 2, y2 - labelGap, big, t.unpooled));
  shapes.push(...grid(c3, y2, CELL, ex.unpooled, { label: (v) => n(v), strong: isSwitch, faint: (r, c) => !isSwitch(r, c), mark: isDropped }));

  // Row 3: the backward ReLU, and why it matters.
  const y3 = y2 + big + 40;
  shapes.push(...arrow(c3 + big / 2, y2 + big + 4, c3 + big / 2, y3 - 4));
  shapes.push(text(c3 + big / 2 - 8, (y2 + big + y3) / 2 + 4, t.relu, { size: SMALL, anchor: 'end', italic: true }));
  shapes.push(...grid(c3, y3, CELL, ex.rectified, { label: (v) => n(v), strong: (r, c) => isSwitch(r, c) && !isDropped(r, c), faint: (r, c) => !isSwitch(r, c) || isDropped(r, c), mark: isDropped }));
  const below = labelBelow(c3 + big / 2, y3 + big + labelGap, big, t.rectified);
  shapes.push(below);
  const forward = ex.features[dropped.r]?.[dropped.c] ?? 0;
  const note = wrap(t.note(n, forward, droppedSignal), c3 - 24 - c1, SMALL);
  shapes.push(text(c1, y3 + 0.8 * SMALL, note, { size: SMALL, tone: 'muted' }));
  const bottom = Math.max(y3 + big + labelGap + linesHeight(below.kind === 'text' ? below.lines.length : 1, SMALL), y3 + linesHeight(note.length, SMALL));
  return { id: 'deconv-switches', width: W, height: Math.ceil(bottom + 8), title: t.title, desc: t.desc(n), shapes };
}

/** The transposed filter: the same weights rotated by 180°, channels swapped. */
function filtersScene(lang: Lang): Scene {
  const t = FIGURES[lang].deconv.filters;
  const ex = deconvExample();
  const head = heading(t.title);
  const shapes: Shape[] = [...head.shapes];
  const CELL = 28;
  const side = 3 * CELL;
  const gy = head.bottom + 14;
  const fx = 60;
  const tx = W - 60 - side - 52;
  const letter = (g: readonly (readonly string[])[]) => (_: number, r: number, c: number) => g[r]?.[c] ?? '';
  const zeros = ex.filter.map((row) => row.map(() => 0));
  shapes.push(...grid(fx, gy, CELL, zeros, { label: letter(ex.filter), size: 13 }));
  shapes.push(...grid(tx, gy, CELL, zeros, { label: letter(ex.flipped), size: 13 }));
  shapes.push(...arrow(fx + side + 6, gy + side / 2, tx - 6, gy + side / 2));
  const rot = wrap(t.rotate, tx - fx - side - 16, SMALL);
  shapes.push(text((fx + side + tx) / 2, gy + side / 2 - 6 - (rot.length - 1) * SMALL * 1.25, rot, { size: SMALL, anchor: 'middle', italic: true }));
  const la = labelBelow(fx + side / 2, gy + side + 8, 140, t.filter);
  const lb = labelBelow(tx + side / 2, gy + side + 8, 170, t.flipped);
  shapes.push(la, lb);
  const lines = (s: Shape): number => (s.kind === 'text' ? s.lines.length : 1);
  const ny = gy + side + 8 + linesHeight(Math.max(lines(la), lines(lb)), SMALL) + 14;
  const note = wrap(t.channels, W - 16, SMALL);
  shapes.push(text(8, ny + 0.8 * SMALL, note, { size: SMALL, tone: 'muted' }));
  return { id: 'deconv-filters', width: W, height: Math.ceil(ny + linesHeight(note.length, SMALL) + 8), title: t.title, desc: t.desc, shapes };
}

/** The DeconvNet figure's panels in `lang`. */
export function deconvScenes(lang: Lang): Scene[] {
  return [flowScene(lang), switchesScene(lang), filtersScene(lang)];
}
