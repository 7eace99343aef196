/**
 * The CLI's strip figure of a scan: one row per label, the probability of every slice against its
 * position along the scan (mm when every slice has one, else the slice number), the label's threshold
 * as a dashed line and the slices at or above it as filled squares. Plain RGBA out (the CLI encodes PNG);
 * text in the phantom preview's 3x5 pixel font, so no image or font library is needed.
 */
import { drawText, type Rgba } from '../phantom/preview';

export interface StripData {
  /** Label names, one row each (e.g. LABELS). */
  readonly labels: readonly string[];
  /** Per slice, in scan order: one probability per label. */
  readonly probabilities: readonly (readonly number[])[];
  /** Per slice: position along the scan in mm, or null (then slices are placed by number). */
  readonly positions: readonly (number | null)[];
  /** Per label: the decision threshold. */
  readonly thresholds: readonly number[];
  /** One line above the rows. */
  readonly title: string;
  /** Under the axis when placed by mm (default "position along the scan"). */
  readonly axisCaption?: string;
}

type Rgb = readonly [number, number, number];

/** Row colours: "any" near-black, then the five subtypes (dark enough on white). */
const COLOURS: readonly Rgb[] = [
  [20, 20, 20],
  [200, 40, 40],
  [190, 120, 0],
  [0, 110, 200],
  [30, 140, 60],
  [150, 40, 160],
];

export const STRIP_LAYOUT = { width: 760, left: 170, right: 16, top: 26, row: 52, gap: 6, bottom: 34 } as const;

function fillRect(img: Rgba, x0: number, y0: number, w: number, h: number, rgb: Rgb): void {
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(img.height, Math.round(y0 + h)); y++) {
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(img.width, Math.round(x0 + w)); x++) {
      const o = 4 * (y * img.width + x);
      img.data[o] = rgb[0];
      img.data[o + 1] = rgb[1];
      img.data[o + 2] = rgb[2];
      img.data[o + 3] = 255;
    }
  }
}

/** A 2-pixel line from (x0, y0) to (x1, y1); `dash` > 0 leaves gaps of that many steps. */
function line(img: Rgba, x0: number, y0: number, x1: number, y1: number, rgb: Rgb, dash = 0): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
  for (let i = 0; i <= steps; i++) {
    if (dash > 0 && Math.floor(i / dash) % 2 === 1) continue;
    const t = i / steps;
    fillRect(img, x0 + (x1 - x0) * t - 1, y0 + (y1 - y0) * t - 1, 2, 2, rgb);
  }
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));

/**
 * Draw the strip.
 * @returns RGBA, STRIP_LAYOUT.width wide, one row per label
 */
export function scanStrip(d: StripData): Rgba {
  const L = STRIP_LAYOUT;
  const height = L.top + d.labels.length * (L.row + L.gap) + L.bottom;
  const img: Rgba = { width: L.width, height, data: new Uint8Array(L.width * height * 4).fill(255) };
  const n = d.probabilities.length;
  const byMm = n > 0 && d.positions.every((p) => p !== null);
  const xs = d.probabilities.map((_, i) => (byMm ? (d.positions[i] as number) : i + 1));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const plotW = L.width - L.left - L.right;
  const xAt = (v: number): number => L.left + (hi > lo ? ((v - lo) / (hi - lo)) * (plotW - 8) + 4 : plotW / 2);
  drawText(img, d.title, 8, 8, 2, [20, 20, 20]);

  d.labels.forEach((label, k) => {
    const top = L.top + k * (L.row + L.gap);
    const yAt = (p: number): number => top + L.row - 3 - p * (L.row - 6);
    const rgb = COLOURS[k % COLOURS.length] as Rgb;
    fillRect(img, L.left, top, plotW, L.row, [244, 244, 244]);
    const values = d.probabilities.map((p) => p[k] ?? 0);
    const max = values.length ? Math.max(...values) : 0;
    drawText(img, label, 8, top + 10, 2, rgb);
    drawText(img, `max ${max.toFixed(2)}`, 8, top + 28, 2, [90, 90, 90]);
    const thr = d.thresholds[k] ?? 0.5;
    line(img, L.left, yAt(thr), L.left + plotW - 1, yAt(thr), [150, 150, 150], 4);
    for (let i = 1; i < n; i++) line(img, xAt(xs[i - 1] as number), yAt(values[i - 1] as number), xAt(xs[i] as number), yAt(values[i] as number), rgb);
    values.forEach((v, i) => {
      const s = v >= thr ? 6 : 3;
      fillRect(img, xAt(xs[i] as number) - s / 2, yAt(v) - s / 2, s, s, rgb);
    });
  });

  const axisY = L.top + d.labels.length * (L.row + L.gap) + 2;
  const unit = byMm ? ' mm' : '';
  const first = byMm ? `${fmt(lo)}${unit}` : 'slice 1';
  const last = byMm ? `${fmt(hi)}${unit}` : `slice ${n}`;
  drawText(img, first, L.left, axisY, 2, [60, 60, 60]);
  drawText(img, last, L.left + plotW - last.length * 8, axisY, 2, [60, 60, 60]);
  const caption = byMm ? (d.axisCaption ?? 'position along the scan') : 'slice number: no positions';
  drawText(img, caption, L.left + plotW / 2 - (caption.length * 8) / 2, axisY + 14, 2, [60, 60, 60]);
  return img;
}
