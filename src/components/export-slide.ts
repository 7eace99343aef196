/**
 * A 16:9 slide of what the explorer shows (#23 item 3): 1920×1080 pixels, the same words as the saved
 * figure (export-figure.ts, in the reader's language) laid out for a projector: the title and subtitle
 * across the top, the tiles as large as the slide allows (one map at 512 px or more), each with its
 * header, colour scale and note, the outline key and the footer (model, link, caution) at the bottom.
 *
 * `layoutSlide` is pure (text measured by a given function); `saveSlide` renders and downloads it.
 */
import { canvasMeasure, downloadCanvas, renderLayout, wrap, type DrawOp, type FigureLayout, type FigureSpec, type Font, type Measure } from './export-figure';

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;
const PAD = 48;
const GAP = 28;
const INK = '#1d1d1f';
const MUTED = '#4f5257';
const F = {
  title: { size: 44, bold: true },
  subtitle: { size: 26 },
  tileTitle: { size: 28, bold: true },
  tileLine: { size: 22 },
  tick: { size: 20 },
  note: { size: 20 },
  key: { size: 22 },
  keyTitle: { size: 22, bold: true },
  footer: { size: 16 },
} as const satisfies Record<string, Font>;
const lineH = (f: Font): number => Math.round(f.size * 1.3);

/** Place every element of the slide; tiles are squares of side `tile` (reported in the layout's ops). */
export function layoutSlide(spec: FigureSpec, measure: Measure): FigureLayout & { readonly tile: number } {
  const n = Math.max(1, spec.tiles.length);
  const inner = SLIDE_WIDTH - 2 * PAD;
  const ops: DrawOp[] = [];
  const place = (lines: readonly string[], font: Font, colour: string, x: number, w: number, top: number, dry = false): number => {
    let h = 0;
    for (const l of lines) {
      for (const part of wrap(l, w, font, measure)) {
        if (!dry) ops.push({ kind: 'text', x, y: top + h + font.size, text: part, font, colour });
        h += lineH(font);
      }
    }
    return h;
  };
  let y = PAD;
  y += place([spec.title], F.title, INK, PAD, inner, y) + 6;
  y += place(spec.subtitle, F.subtitle, INK, PAD, inner, y) + 18;

  // The foot first: the tiles take what is left.
  const footerH = place(spec.footer, F.footer, MUTED, PAD, inner, 0, true);
  const keyH = spec.key.length > 0 ? lineH(F.key) + 16 : 0;
  const footTop = SLIDE_HEIGHT - PAD - footerH;
  const tileW = Math.max(1, spec.tiles.length);
  const widthLimit = (inner - (tileW - 1) * GAP) / n;
  const headerH = Math.max(0, ...spec.tiles.map((t) => place([t.title], F.tileTitle, INK, 0, widthLimit, 0, true) + place(t.lines, F.tileLine, MUTED, 0, widthLimit, 0, true)));
  // A tile's note may run past the tile's width into the free space beside it (one map on a wide slide).
  const noteW = Math.max(widthLimit, Math.min(inner, 900) / n);
  const scaleH = spec.tiles.some((t) => t.scale) ? 16 + 8 + lineH(F.tick) + Math.max(0, ...spec.tiles.map((t) => (t.scale ? place([t.scale.note], F.note, MUTED, 0, noteW, 0, true) : 0))) : 0;
  const heightLimit = footTop - keyH - 16 - y - headerH - 8 - scaleH;
  const tile = Math.floor(Math.max(64, Math.min(widthLimit, heightLimit)));
  const x0 = PAD + (inner - (n * tile + (n - 1) * GAP)) / 2;
  const tileX = (i: number): number => x0 + i * (tile + GAP);
  spec.tiles.forEach((t, i) => {
    const x = tileX(i);
    let ty = y;
    ty += place([t.title], F.tileTitle, INK, x, tile, ty);
    place(t.lines, F.tileLine, MUTED, x, tile, ty);
    const imageTop = y + headerH + 8;
    ops.push({ kind: 'image', tile: i, x, y: imageTop, size: tile });
    if (!t.scale) return;
    let sy = imageTop + tile + 8;
    ops.push({ kind: 'scale', tile: i, x, y: sy, w: tile, h: 16 });
    sy += 16;
    t.scale.ticks.forEach((tick, k, all) => {
      const align = k === 0 ? 'left' : k === all.length - 1 ? 'right' : 'center';
      const tx = k === 0 ? x : k === all.length - 1 ? x + tile : x + tile / 2;
      ops.push({ kind: 'text', x: tx, y: sy + F.tick.size + 2, text: tick, font: F.tick, colour: MUTED, align });
    });
    sy += lineH(F.tick) + 4;
    place([t.scale.note], F.note, MUTED, x, n === 1 ? noteW : tile, sy);
  });

  if (spec.key.length > 0) {
    let x = PAD;
    const ky = footTop - keyH;
    const title = `${spec.keyTitle} `;
    ops.push({ kind: 'text', x, y: ky + F.key.size, text: title, font: F.keyTitle, colour: INK });
    x += measure(title, F.keyTitle) + 8;
    for (const k of spec.key) {
      ops.push({ kind: 'line', x1: x, y1: ky + F.key.size / 2 + 2, x2: x + 40, y2: ky + F.key.size / 2 + 2, colour: k.colour, width: k.strong ? 7 : 3, dash: !k.strong });
      ops.push({ kind: 'text', x: x + 48, y: ky + F.key.size, text: k.name, font: k.strong ? F.keyTitle : F.key, colour: INK });
      x += 48 + measure(k.name, F.key) + 28;
    }
  }
  place(spec.footer, F.footer, MUTED, PAD, inner, footTop);
  return { width: SLIDE_WIDTH, height: SLIDE_HEIGHT, ops, tile };
}

/** Render the slide at 1920×1080 and download it as `fileName`. */
export function saveSlide(spec: FigureSpec, images: readonly CanvasImageSource[], fileName: string): void {
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return;
  const out = renderLayout(layoutSlide(spec, canvasMeasure(probe)), spec, images, 1);
  if (out) downloadCanvas(out, fileName);
}
