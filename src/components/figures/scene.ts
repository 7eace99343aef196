/**
 * The teaching figures as plain data: a scene is a list of rectangles, texts, lines and paths in SVG
 * units, laid out here and drawn by SvgScene.tsx. Keeping the layout in data lets the unit tests check
 * that every text stays inside the figure and that no two texts overlap, in both languages, before a
 * browser ever draws them.
 *
 * Text widths are estimated at CHAR_EM of the font size per character, wider than system-ui and
 * DejaVu Sans on average, so a layout that fits the estimate fits the real fonts too.
 */

/** Estimated advance of one character, as a share of the font size (conservative for sans-serif). */
export const CHAR_EM = 0.6;
/** Line height as a multiple of the font size. */
export const LINE = 1.25;

/** Theme classes (figures.css): fg text and strokes, muted, accent, box fill. */
export type Tone = 'fg' | 'muted' | 'accent';

export type Shape =
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly cls: string; readonly rx?: number; readonly fill?: string; readonly opacity?: number }
  | {
      readonly kind: 'text';
      /** Anchor point of the first line's baseline. */
      readonly x: number;
      readonly y: number;
      readonly lines: readonly string[];
      readonly size: number;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly tone: Tone;
      readonly bold?: boolean;
      readonly italic?: boolean;
      /** A fixed colour (text on a coloured cell), overriding the tone. */
      readonly fill?: string;
    }
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly cls: string; readonly dashed?: boolean }
  | { readonly kind: 'path'; readonly d: string; readonly cls: string };

export type TextShape = Extract<Shape, { kind: 'text' }>;

/** One panel: its size in SVG units, its accessible title and description, its shapes. */
export interface Scene {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Accessible name (the SVG's <title>); also drawn as the panel's heading. */
  readonly title: string;
  /** Full text alternative (the SVG's <desc>): everything the drawing shows, in words. */
  readonly desc: string;
  readonly shapes: readonly Shape[];
}

/** Markup for a subscript or superscript in drawn text: `_x`, `^x`, `_{xy}`, `^{xy}`. */
const SCRIPT = /([_^])(\{[^}]*\}|[^\s{])/g;

/** A drawn line split into runs: plain text, or a subscript / superscript. */
export function runs(line: string): { text: string; script: 'sub' | 'sup' | null }[] {
  const out: { text: string; script: 'sub' | 'sup' | null }[] = [];
  let last = 0;
  for (const m of line.matchAll(SCRIPT)) {
    if (m.index > last) out.push({ text: line.slice(last, m.index), script: null });
    const body = m[2] ?? '';
    out.push({ text: body.startsWith('{') ? body.slice(1, -1) : body, script: m[1] === '_' ? 'sub' : 'sup' });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push({ text: line.slice(last), script: null });
  return out;
}

/** The text a line reads as, without its markup. */
export function plain(line: string): string {
  return runs(line)
    .map((r) => r.text)
    .join('');
}

/** Size of a subscript or superscript relative to its line. */
export const SCRIPT_SCALE = 0.75;

/** Bold text is about a tenth wider. */
export const BOLD = 1.1;

/** Estimated width of `text` (markup allowed) at `size` px, bold or not. */
export function textWidth(text: string, size: number, bold = false): number {
  return runs(text).reduce((w, r) => w + [...r.text].length * size * CHAR_EM * (r.script ? SCRIPT_SCALE : 1), 0) * (bold ? BOLD : 1);
}

/** Greedy word wrap of `text` to lines no wider than `width` at `size` (a single long word keeps its own line). */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The box a text occupies: [x0, y0, x1, y1] (ascent 0.8 em above the baseline, descent 0.25 em below). */
export function textBox(t: TextShape): [number, number, number, number] {
  const w = Math.max(0, ...t.lines.map((l) => textWidth(l, t.size, t.bold)));
  const x0 = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - w / 2 : t.x - w;
  const y0 = t.y - 0.8 * t.size;
  const y1 = t.y + (t.lines.length - 1) * t.size * LINE + 0.25 * t.size;
  return [x0, y0, x0 + w, y1];
}

/** Height of `n` lines at `size` from the first ascent to the last descent. */
export function linesHeight(n: number, size: number): number {
  return (n - 1) * size * LINE + 1.05 * size;
}

export function text(x: number, y: number, s: string | readonly string[], o: { size?: number; anchor?: 'start' | 'middle' | 'end'; tone?: Tone; bold?: boolean; italic?: boolean; fill?: string } = {}): TextShape {
  return {
    kind: 'text',
    x,
    y,
    lines: typeof s === 'string' ? [s] : s,
    size: o.size ?? 12,
    anchor: o.anchor ?? 'start',
    tone: o.tone ?? 'fg',
    ...(o.bold ? { bold: true } : {}),
    ...(o.italic ? { italic: true } : {}),
    ...(o.fill ? { fill: o.fill } : {}),
  };
}

/**
 * Lines of text wrapped to `width` and centred in the box (x, y, w, h): the first baseline is placed so
 * the block sits in the middle of the box.
 */
export function centred(x: number, y: number, w: number, h: number, s: string, o: { size?: number; tone?: Tone; bold?: boolean } = {}): TextShape {
  const size = o.size ?? 12;
  const lines = wrap(s, w, size, o.bold);
  const top = y + (h - linesHeight(lines.length, size)) / 2;
  return text(x + w / 2, top + 0.8 * size, lines, { ...o, size, anchor: 'middle' });
}

/** A labelled box: a rounded rectangle with its text wrapped and centred inside (6 units of padding). */
export function box(x: number, y: number, w: number, h: number, s: string, o: { cls?: string; size?: number; bold?: boolean; tone?: Tone } = {}): Shape[] {
  return [{ kind: 'rect', x, y, w, h, rx: 4, cls: o.cls ?? 'tf-box' }, centred(x + 6, y, w - 12, h, s, o)];
}

/** An arrow from (x1, y1) to (x2, y2) with a filled head at the end (straight, any direction). */
export function arrow(x1: number, y1: number, x2: number, y2: number, o: { dashed?: boolean; cls?: string } = {}): Shape[] {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const L = 7;
  const W = 3.5;
  const bx = x2 - L * Math.cos(a);
  const by = y2 - L * Math.sin(a);
  const px = -Math.sin(a) * W;
  const py = Math.cos(a) * W;
  const f = (n: number): string => String(Math.round(n * 100) / 100);
  return [
    { kind: 'line', x1, y1, x2: bx, y2: by, cls: o.cls ?? 'tf-arrow', ...(o.dashed ? { dashed: true } : {}) },
    { kind: 'path', d: `M${f(x2)},${f(y2)} L${f(bx + px)},${f(by + py)} L${f(bx - px)},${f(by - py)} Z`, cls: o.cls?.includes('tf-key') ? 'tf-head tf-key-head' : 'tf-head' },
  ];
}

/** Relative luminance of "#rrggbb" or "rgb(r, g, b)" (WCAG). */
export function luminance(c: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c) ?? /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(c);
  if (!m) return 0.5;
  const hex = c.startsWith('#');
  const ch = [m[1], m[2], m[3]].map((v) => (hex ? parseInt(v ?? '0', 16) : Number(v)) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
}

/** Black or white, whichever reads better on `background`. */
export function inkOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export interface GridOptions {
  /** Text in a cell, or null for none. */
  readonly label?: (v: number, r: number, c: number) => string | null;
  /** Fixed fill colour of a cell, or undefined for the theme's box fill. */
  readonly fill?: (v: number, r: number, c: number) => string | undefined;
  /** Cells drawn with the accent outline. */
  readonly mark?: (r: number, c: number) => boolean;
  /** Cells whose label is bold. */
  readonly strong?: (r: number, c: number) => boolean;
  /** Cells whose label is muted. */
  readonly faint?: (r: number, c: number) => boolean;
  readonly size?: number;
}

/** A grid of square cells (rows of values) at (x, y), `cell` units each, with optional numbers and colours. */
export function grid(x: number, y: number, cell: number, values: readonly (readonly number[])[], o: GridOptions = {}): Shape[] {
  const out: Shape[] = [];
  const marks: Shape[] = [];
  const size = o.size ?? 10;
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      const fill = o.fill?.(v, r, c);
      const cx = x + c * cell;
      const cy = y + r * cell;
      out.push({ kind: 'rect', x: cx, y: cy, w: cell, h: cell, cls: 'tf-cell', ...(fill ? { fill } : {}) });
      if (o.mark?.(r, c)) marks.push({ kind: 'rect', x: cx, y: cy, w: cell, h: cell, cls: 'tf-mark' });
      const s = o.label?.(v, r, c) ?? null;
      if (s !== null) {
        out.push(text(cx + cell / 2, cy + cell / 2 + 0.35 * size, s, { size, anchor: 'middle', tone: o.faint?.(r, c) ? 'muted' : 'fg', ...(o.strong?.(r, c) ? { bold: true } : {}), ...(fill ? { fill: inkOn(fill) } : {}) }));
      }
    }),
  );
  // The marked cells' outlines (unfilled) on top, so a neighbour's stroke never covers them.
  return [...out, ...marks];
}
