/**
 * "Save figure": a self-contained, captioned PNG of what the explorer shows, fit for a slide. A title,
 * the slice and display window, per tile the method, what it explains (label, layer or target, view),
 * the image and its colour scale with what 1 means, the outline key, and a footer with the model
 * version and the link to this view. Drawn at 2× (device pixels per layout unit) and named by content.
 *
 * `layoutFigure` is pure (text measured by a given function) and returns draw operations;
 * `renderFigure` plays them onto a canvas; `exportFigure` downloads the result. Nothing is uploaded.
 */

/** One tile: a map (or the slice) with its caption lines and colour scale. */
export interface TileSpec {
  /** Method name, drawn bold. */
  readonly title: string;
  /** What it explains: label, layer or DeconvNet target, gradient view. */
  readonly lines: readonly string[];
  /** Colour scale: 256-entry RGB LUT, tick texts left to right (what 1 means in the last), a note. */
  readonly scale: { readonly lut: Uint8Array; readonly ticks: readonly string[]; readonly note: string } | null;
}

export interface FigureSpec {
  readonly title: string;
  /** Lines under the title: slice, window, score. */
  readonly subtitle: readonly string[];
  readonly tiles: readonly TileSpec[];
  /** Outline key: name, CSS colour, emphasised. Empty for none. */
  readonly key: readonly { readonly name: string; readonly colour: string; readonly strong: boolean }[];
  readonly keyTitle: string;
  /** Small lines at the foot: model version, the view's URL, a caution. */
  readonly footer: readonly string[];
}

export type Font = { readonly size: number; readonly bold?: boolean };
/** Width of `text` in layout units at `font`. */
export type Measure = (text: string, font: Font) => number;

export type DrawOp =
  | { readonly kind: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly font: Font; readonly colour: string; readonly align?: 'left' | 'center' | 'right' }
  | { readonly kind: 'image'; readonly tile: number; readonly x: number; readonly y: number; readonly size: number }
  | { readonly kind: 'scale'; readonly tile: number; readonly x: number; readonly y: number; readonly w: number; readonly h: number }
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly colour: string; readonly width: number; readonly dash: boolean };

export interface FigureLayout {
  /** In layout units (CSS pixels); the PNG is `scale` times larger. */
  readonly width: number;
  readonly height: number;
  readonly ops: readonly DrawOp[];
}

/** Layout constants, in layout units. */
export const TILE = 224;
const PAD = 16;
const GAP = 14;
const MIN_WIDTH = 520;
const INK = '#1d1d1f';
const MUTED = '#4f5257';

/** Break `text` into lines no wider than `width` (words; a word longer than a line is cut by characters). */
export function wrap(text: string, width: number, font: Font, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (word: string): void => {
    const next = line ? `${line} ${word}` : word;
    if (measure(next, font) <= width) {
      line = next;
      return;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than the line (a URL): cut it.
    let rest = word;
    while (measure(rest, font) > width) {
      let n = rest.length - 1;
      while (n > 1 && measure(rest.slice(0, n), font) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  };
  for (const word of text.split(/\s+/).filter((w) => w)) push(word);
  if (line) lines.push(line);
  return lines;
}

/** Place every element of the figure. */
export function layoutFigure(spec: FigureSpec, measure: Measure): FigureLayout {
  const n = Math.max(1, spec.tiles.length);
  const width = Math.max(MIN_WIDTH, 2 * PAD + n * TILE + (n - 1) * GAP);
  const inner = width - 2 * PAD;
  const ops: DrawOp[] = [];
  let y = PAD;
  const text = (lines: readonly string[], font: Font, colour: string, x: number, w: number): number => {
    let h = 0;
    for (const l of lines) {
      for (const part of wrap(l, w, font, measure)) {
        ops.push({ kind: 'text', x, y: y + h + font.size, text: part, font, colour });
        h += Math.round(font.size * 1.35);
      }
    }
    return h;
  };
  y += text([spec.title], { size: 18, bold: true }, INK, PAD, inner) + 2;
  y += text(spec.subtitle, { size: 13 }, INK, PAD, inner) + 10;

  // Tile headers first, so every image starts on one line.
  const x0 = PAD + (inner - (n * TILE + (n - 1) * GAP)) / 2;
  const tileX = (i: number): number => x0 + i * (TILE + GAP);
  const headerTop = y;
  let headerH = 0;
  spec.tiles.forEach((t, i) => {
    y = headerTop;
    y += text([t.title], { size: 14, bold: true }, INK, tileX(i), TILE);
    y += text(t.lines, { size: 12 }, MUTED, tileX(i), TILE);
    headerH = Math.max(headerH, y - headerTop);
  });
  const imageTop = headerTop + headerH + 4;
  let bottom = imageTop + TILE;
  spec.tiles.forEach((t, i) => {
    const x = tileX(i);
    ops.push({ kind: 'image', tile: i, x, y: imageTop, size: TILE });
    if (!t.scale) return;
    y = imageTop + TILE + 6;
    ops.push({ kind: 'scale', tile: i, x, y, w: TILE, h: 10 });
    y += 10;
    const tickFont = { size: 11 };
    const ticks = t.scale.ticks;
    ticks.forEach((tick, k) => {
      const align = k === 0 ? 'left' : k === ticks.length - 1 ? 'right' : 'center';
      const tx = k === 0 ? x : k === ticks.length - 1 ? x + TILE : x + TILE / 2;
      ops.push({ kind: 'text', x: tx, y: y + 12, text: tick, font: tickFont, colour: MUTED, align });
    });
    y += 16;
    y += text([t.scale.note], { size: 11 }, MUTED, x, TILE);
    bottom = Math.max(bottom, y);
  });
  y = bottom + 10;

  if (spec.key.length > 0) {
    const font = { size: 12 };
    let x = PAD;
    const title = `${spec.keyTitle} `;
    ops.push({ kind: 'text', x, y: y + 12, text: title, font: { size: 12, bold: true }, colour: INK });
    x += measure(title, { size: 12, bold: true }) + 4;
    for (const k of spec.key) {
      const label = k.name;
      const w = 22 + 4 + measure(label, font) + 14;
      if (x + w > width - PAD) {
        x = PAD;
        y += 18;
      }
      ops.push({ kind: 'line', x1: x, y1: y + 8, x2: x + 22, y2: y + 8, colour: k.colour, width: k.strong ? 4 : 2, dash: !k.strong });
      ops.push({ kind: 'text', x: x + 26, y: y + 12, text: label, font: k.strong ? { size: 12, bold: true } : font, colour: INK });
      x += w;
    }
    y += 24;
  }

  y += text(spec.footer, { size: 11 }, MUTED, PAD, inner) + PAD;
  return { width: Math.ceil(width), height: Math.ceil(y), ops };
}

const fontCss = (f: Font): string => `${f.bold ? '600 ' : ''}${f.size}px system-ui, sans-serif`;

/** A Measure from a 2-D context. */
export function canvasMeasure(ctx: CanvasRenderingContext2D): Measure {
  return (text, font) => {
    ctx.font = fontCss(font);
    return ctx.measureText(text).width;
  };
}

/**
 * Draw `spec` onto a new canvas at `scale` device pixels per layout unit.
 * @param images one canvas per tile (the explorer's 224² figures), drawn without smoothing
 * @param luts one colour table per tile (null without a scale)
 */
export function renderFigure(spec: FigureSpec, images: readonly CanvasImageSource[], scale = 2): HTMLCanvasElement | null {
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return null;
  return renderLayout(layoutFigure(spec, canvasMeasure(probe)), spec, images, scale);
}

/** Play a layout's draw operations (the figure's, or a slide's: export-slide.ts) onto a new canvas. */
export function renderLayout(layout: FigureLayout, spec: FigureSpec, images: readonly CanvasImageSource[], scale = 1): HTMLCanvasElement | null {
  const out = document.createElement('canvas');
  out.width = layout.width * scale;
  out.height = layout.height * scale;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  for (const op of layout.ops) {
    if (op.kind === 'text') {
      ctx.font = fontCss(op.font);
      ctx.fillStyle = op.colour;
      ctx.textAlign = op.align ?? 'left';
      ctx.fillText(op.text, op.x, op.y);
    } else if (op.kind === 'image') {
      const img = images[op.tile];
      ctx.imageSmoothingEnabled = false;
      ctx.fillStyle = '#000000';
      ctx.fillRect(op.x, op.y, op.size, op.size);
      if (img) ctx.drawImage(img, op.x, op.y, op.size, op.size);
    } else if (op.kind === 'scale') {
      const lut = spec.tiles[op.tile]?.scale?.lut;
      if (!lut) continue;
      for (let i = 0; i < 256; i++) {
        ctx.fillStyle = `rgb(${lut[i * 3] ?? 0},${lut[i * 3 + 1] ?? 0},${lut[i * 3 + 2] ?? 0})`;
        ctx.fillRect(op.x + (i * op.w) / 256, op.y, op.w / 256 + 0.5, op.h);
      }
    } else {
      ctx.fillStyle = '#000000';
      ctx.fillRect(op.x1 - 2, op.y1 - 6, op.x2 - op.x1 + 4, 12);
      ctx.strokeStyle = op.colour;
      ctx.lineWidth = op.width;
      ctx.setLineDash(op.dash ? [4, 2] : []);
      ctx.beginPath();
      ctx.moveTo(op.x1, op.y1);
      ctx.lineTo(op.x2, op.y2);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  return out;
}

/** A file name from its parts: lower case, ASCII letters, digits, dots and dashes. */
export function figureFileName(parts: readonly string[]): string {
  return `${parts
    .map((p) => p.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p)
    .join('-')}.png`;
}

/**
 * Render the figure and download it as `fileName`. Everything happens in the page (canvas.toBlob and
 * a blob: link).
 */
export function exportFigure(spec: FigureSpec, images: readonly CanvasImageSource[], fileName: string): void {
  const out = renderFigure(spec, images);
  if (out) downloadCanvas(out, fileName);
}

/** Download a canvas as a PNG named `fileName`. */
export function downloadCanvas(out: HTMLCanvasElement, fileName: string): void {
  out.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, 'image/png');
}
