/**
 * The Grad-CAM figure's three panels (Selvaraju et al. 2017, arXiv:1610.02391, redrawn): forward and
 * back to the chosen layer; one weight per map (the mean gradient) and the weighted sum; ReLU, bilinear
 * upsampling and the overlay. The small maps are the worked example of examples.ts, coloured with the
 * site's colour maps (viridis for non-negative maps, blue–red for signed ones).
 */
import { interpolateRdBu, interpolateViridis, rgb } from 'd3';
import type { Lang } from '../../i18n/langs';
import { FIGURES } from '../../i18n/figures';
import { fixed } from '../../i18n/numbers';
import { arrow, box, grid, linesHeight, text, wrap, type Scene, type Shape } from './scene';
import { gradCamExample, type Grid } from './examples';
import { heading, labelAbove, labelBelow } from './deconvnet-scenes';

const W = 420;
const SMALL = 12;

const hex = (c: string): string => rgb(c).formatHex();
/** Signed value in [−max, max] to blue–red (blue negative), as the explorer's signed maps. */
const signed = (max: number) => (v: number): string => hex(interpolateRdBu(0.5 - v / (2 * max)));
/** Non-negative value in [0, max] to viridis. */
const seq = (max: number) => (v: number): string => hex(interpolateViridis(Math.max(0, Math.min(1, v / max))));
const maxAbs = (gs: readonly Grid[]): number => Math.max(...gs.map((g) => Math.max(...g.flat().map(Math.abs))));

/** A schematic head-CT slice: dark field, bright skull ring, grey brain, a brighter bleed on the right. */
function slice(x: number, y: number, s: number): Shape[] {
  const c = s / 2;
  const e = (rx: number, ry: number, cls: string, dx = 0, dy = 0): Shape => ({
    kind: 'path',
    d: `M${x + c + dx - rx},${y + c + dy} a${rx},${ry} 0 1,0 ${2 * rx},0 a${rx},${ry} 0 1,0 ${-2 * rx},0 Z`,
    cls,
  });
  return [
    { kind: 'rect', x, y, w: s, h: s, cls: 'tf-ct-bg' },
    e(s * 0.4, s * 0.46, 'tf-ct-skull'),
    e(s * 0.34, s * 0.4, 'tf-ct-brain'),
    { kind: 'path', d: `M${x + s * 0.72},${y + s * 0.3} q${s * 0.14},${s * 0.2} 0,${s * 0.42} q${s * 0.07},${-s * 0.21} 0,${-s * 0.42} Z`, cls: 'tf-ct-bleed' },
  ];
}

/** Three small maps stacked with an offset, the front one at (x, y). */
function stack(x: number, y: number, cell: number, maps: readonly Grid[], colour: (v: number) => string): Shape[] {
  const out: Shape[] = [];
  const k = maps.length;
  maps.forEach((m, i) => {
    const off = (k - 1 - i) * 7;
    out.push(...grid(x + off, y - off, cell, m, { fill: (v) => colour(v) }));
  });
  return out;
}

function forwardScene(lang: Lang): Scene {
  const t = FIGURES[lang].gradcam.forward;
  const ex = gradCamExample();
  const head = heading(t.title);
  const shapes: Shape[] = [...head.shapes];
  const top = head.bottom + 18;
  const cy = top + 28;
  shapes.push(...slice(8, cy - 28, 56));
  shapes.push(labelBelow(36, cy + 34, 60, t.slice));
  shapes.push(...arrow(68, cy, 90, cy));
  shapes.push({ kind: 'path', d: `M92,${cy - 28} L152,${cy - 16} L152,${cy + 16} L92,${cy + 28} Z`, cls: 'tf-box' });
  shapes.push(labelBelow(122, cy + 34, 66, t.cnn));
  shapes.push(...arrow(154, cy, 176, cy));
  const cell = 9;
  const side = 4 * cell;
  // Back to front: map 3, map 2, map 1 (map 1 in front, lowest and leftmost).
  const back = [...ex.maps].reverse();
  const mx = 180;
  const my = cy - side / 2 + 7;
  shapes.push(...stack(mx, my, cell, back, seq(Math.max(...ex.maps.flat(2)))));
  shapes.push(labelBelow(mx + side / 2 + 7, my + side + 6, 86, t.maps));
  shapes.push(...arrow(mx + side + 18, cy, 258, cy));
  // Boxes as tall as their wrapped words need (at least 40), centred on the flow line.
  const tall = (s: string, w: number, bold = false): number => Math.max(40, Math.ceil(linesHeight(wrap(s, w - 12, SMALL, bold).length, SMALL) + 10));
  const hh = tall(t.head, 72);
  shapes.push(...box(260, cy - hh / 2, 72, hh, t.head, { size: SMALL }));
  shapes.push(...arrow(334, cy, 352, cy));
  const lh = tall(t.logit, W - 8 - 354, true);
  shapes.push(...box(354, cy - lh / 2, W - 8 - 354, lh, t.logit, { size: SMALL, bold: true }));
  // Back-propagation: from the logit down and left to the gradient maps under the feature maps.
  const gy = my + side + 6 + linesHeight(wrap(t.maps, 86, SMALL).length, SMALL) + 22;
  const lx = 354 + (W - 8 - 354) / 2;
  const ly = gy + side / 2 - 7;
  shapes.push({ kind: 'line', x1: lx, y1: cy + lh / 2 + 2, x2: lx, y2: ly, cls: 'tf-arrow tf-key' });
  shapes.push(...arrow(lx, ly, mx + side + 20, ly, { cls: 'tf-arrow tf-key' }));
  const back2 = wrap(t.back, lx - (mx + side + 26) - 8, SMALL);
  shapes.push(text((mx + side + 20 + lx) / 2, ly - 8 - (back2.length - 1) * SMALL * 1.25, back2, { size: SMALL, anchor: 'middle', tone: 'accent', italic: true }));
  shapes.push(...stack(mx, gy, cell, [...ex.gradients].reverse(), signed(maxAbs(ex.gradients))));
  const gl = labelBelow(mx + side / 2 + 7, gy + side + 6, 120, t.grads);
  shapes.push(gl);
  const bottom = gy + side + 6 + linesHeight(gl.kind === 'text' ? gl.lines.length : 1, SMALL);
  return { id: 'gradcam-forward', width: W, height: Math.ceil(bottom + 8), title: t.title, desc: t.desc, shapes };
}

function weightsScene(lang: Lang): Scene {
  const t = FIGURES[lang].gradcam.weights;
  const ex = gradCamExample();
  const head = heading(t.title);
  const shapes: Shape[] = [...head.shapes];
  const cell = 12;
  const side = 4 * cell;
  const ROW = 62;
  const hy = head.bottom + 10 + 0.8 * SMALL;
  const top = hy + 10;
  const alpha = ex.alphas.map((a) => fixed(a, 2, lang).replace('-', '−'));
  shapes.push(text(32, hy, t.grads, { size: SMALL, anchor: 'middle', tone: 'muted' }));
  shapes.push(text(140, hy, t.alpha, { size: SMALL, anchor: 'middle', tone: 'muted' }));
  shapes.push(text(228, hy, t.maps, { size: SMALL, anchor: 'middle', tone: 'muted' }));
  const g = signed(maxAbs(ex.gradients));
  const a = seq(Math.max(...ex.maps.flat(2)));
  ex.gradients.forEach((gk, k) => {
    const y = top + k * ROW;
    const mid = y + side / 2;
    shapes.push(...grid(8, y, cell, gk, { fill: (v) => g(v) }));
    shapes.push(...arrow(60, mid, 100, mid));
    shapes.push(text(80, mid - 6, t.mean, { size: SMALL, anchor: 'middle', italic: true }));
    shapes.push(text(104, mid + 4, `α_${k + 1} = ${alpha[k]}`, { size: 12, bold: true }));
    shapes.push(text(194, mid + 4, '×', { size: 14, anchor: 'middle' }));
    shapes.push(...grid(204, y, cell, ex.maps[k] ?? [], { fill: (v) => a(v) }));
  });
  // A bracket gathering the three products into their sum.
  const y0 = top;
  const y1 = top + 2 * ROW + side;
  const bx = 260;
  shapes.push({ kind: 'path', d: `M${bx},${y0} h6 V${y1} h-6`, cls: 'tf-bracket' });
  const cellM = 16;
  const sideM = 4 * cellM;
  const mid = (y0 + y1) / 2;
  shapes.push(...arrow(bx + 10, mid, 304, mid));
  shapes.push(text((bx + 10 + 304) / 2, mid - 6, '+', { size: 14, anchor: 'middle', bold: true }));
  shapes.push(...grid(308, mid - sideM / 2, cellM, ex.sum, { fill: (v) => signed(maxAbs([ex.sum]))(v) }));
  shapes.push(labelAbove(308 + sideM / 2, mid - sideM / 2 - 5, 100, t.sum, 12));
  return { id: 'gradcam-weights', width: W, height: Math.ceil(y1 + 10), title: t.title, desc: t.desc(alpha), shapes };
}

function mapScene(lang: Lang): Scene {
  const t = FIGURES[lang].gradcam.map;
  const ex = gradCamExample();
  const head = heading(t.title);
  const shapes: Shape[] = [...head.shapes];
  const cell = 16;
  const side = 4 * cell;
  const S = 96;
  // Labels above the maps take up to three lines (the upsampling note).
  const up = wrap(t.upsample, 70, 11);
  const labelsTop = head.bottom + 10;
  const hy = labelsTop + linesHeight(2, SMALL) + 8;
  const cy = hy + S / 2;
  const my = cy - side / 2;
  shapes.push(labelAbove(40, my - 5, 72, t.sum));
  shapes.push(...grid(8, my, cell, ex.sum, { fill: (v) => signed(maxAbs([ex.sum]))(v) }));
  shapes.push(text(8, my + side + 6 + 0.8 * 10, wrap(t.negPos, 100, 10), { size: 10, tone: 'muted' }));
  shapes.push(...arrow(76, cy, 114, cy));
  shapes.push(text(95, cy - 6, t.relu, { size: SMALL, anchor: 'middle', italic: true }));
  const camMax = Math.max(...ex.cam.flat());
  shapes.push(labelAbove(148, my - 5, 80, t.cam, 12));
  shapes.push(...grid(116, my, cell, ex.cam, { fill: (v) => seq(camMax)(v) }));
  shapes.push(...arrow(184, cy, 252, cy));
  shapes.push(text(218, cy - 6 - (up.length - 1) * 11 * 1.25, up, { size: 11, anchor: 'middle', italic: true }));
  const ox = 256;
  const oy = hy;
  shapes.push(...slice(ox, oy, S));
  const n = ex.upsampled.length;
  const px = S / n;
  const upMax = Math.max(...ex.upsampled.flat());
  ex.upsampled.forEach((row, r) => row.forEach((v, c) => shapes.push({ kind: 'rect', x: ox + c * px, y: oy + r * px, w: px, h: px, cls: 'tf-heat', fill: seq(upMax)(v), opacity: Math.round((0.85 * v) / upMax * 100) / 100 })));
  shapes.push({ kind: 'rect', x: ox, y: oy, w: S, h: S, cls: 'tf-frame' });
  shapes.push(labelAbove(ox + S / 2, oy - 5, 150, t.overlay, 12));
  return { id: 'gradcam-map', width: W, height: Math.ceil(oy + S + 12 + 12), title: t.title, desc: t.desc, shapes };
}

/** The Grad-CAM figure's panels in `lang`. */
export function gradCamScenes(lang: Lang): Scene[] {
  return [forwardScene(lang), weightsScene(lang), mapScene(lang)];
}
