/**
 * Scores along a scan: one small row per label, the probability of each scored slice against its
 * position (mm when every slice has one, else its number), the label's threshold dashed, the slice on
 * show as a vertical line, and slices with a decoder warning (triangles) or the out-of-distribution caution
 * (diamonds) marked under the rows. Click a point or
 * use the arrow keys on the focused chart to pick a slice. d3 only; no tfjs.
 *
 *   const update = scanStripChart(div, data, { title, xLabel, onPick: (i) => show(i) });
 *   update(next);
 */
import { line, scaleLinear, select } from 'd3';

export interface ScanStripData {
  readonly labels: readonly string[];
  /** Per slice in scan order: its probabilities (LABELS order), or null while not yet scored. */
  readonly scores: readonly (readonly number[] | null)[];
  /** Per slice: position in mm, or null. */
  readonly positions: readonly (number | null)[];
  readonly thresholds: readonly number[];
  /** The slice on show. */
  readonly current: number;
  /** Slices with a decoder warning: red triangles under the rows. */
  readonly marked: readonly number[];
  /** Slices the out-of-distribution caution flags (src/ood/caution.ts): amber diamonds under the rows. */
  readonly cautioned?: readonly number[];
  /** Per slice, known labels (LABELS order; a painted bleed's masks) or null: a row is shaded where its label is 1. */
  readonly truth?: readonly (readonly number[] | null)[];
}

export interface ScanStripOptions {
  /** Accessible name of the chart. */
  readonly title: string;
  /** Axis text when placed by mm, and when placed by number. */
  readonly xLabelMm: string;
  readonly xLabelIndex: string;
  /** Called with a slice index when the reader clicks near it or moves with the keys. */
  readonly onPick: (index: number) => void;
  /** Drawing width in SVG units (the SVG scales to its container); default 640. */
  readonly width?: number;
}

/** One colour per row ("any" then the five subtypes). */
export const STRIP_COLOURS = ['#222222', '#c62828', '#b26a00', '#0066c0', '#2e7d32', '#8e24aa'];

const ROW = 34;
const GAP = 4;
const M = { top: 6, right: 10, bottom: 48, left: 132 }; // left: room for the longest label ("intraparenquimatosa")

/** A drawing width for a chart in `host`: its width, from 360 to 640 units, so the 11-unit text stays readable on a phone. */
export function stripWidth(host: Element): number {
  return Math.round(Math.max(360, Math.min(640, host.clientWidth || 640)));
}

/** x of each slice in data units: mm when all have positions, else 1-based numbers. */
export function stripXs(positions: readonly (number | null)[]): { xs: number[]; byMm: boolean } {
  const byMm = positions.length > 0 && positions.every((p) => p !== null);
  return { xs: positions.map((p, i) => (byMm ? (p as number) : i + 1)), byMm };
}

/** The index of the slice whose x is nearest `x` (data units). */
export function nearestSlice(xs: readonly number[], x: number): number {
  let best = 0;
  xs.forEach((v, i) => {
    if (Math.abs(v - x) < Math.abs((xs[best] as number) - x)) best = i;
  });
  return best;
}

/**
 * Draw into `element` (replacing an earlier chart there).
 * @returns update: redraw with new data
 */
export function scanStripChart(element: Element, data: ScanStripData, options: ScanStripOptions): (data: ScanStripData) => void {
  const width = options.width ?? 640;
  const root = select(element);
  root.selectAll('svg.scan-strip').remove();
  const svg = root
    .append('svg')
    .attr('class', 'scan-strip')
    .attr('role', 'slider')
    .attr('tabindex', 0)
    .attr('aria-label', options.title)
    .attr('width', '100%');
  const body = svg.append('g');
  let current = data;

  const draw = (d: ScanStripData): void => {
    current = d;
    const n = d.scores.length;
    const height = M.top + d.labels.length * (ROW + GAP) + M.bottom;
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('aria-valuemin', 1).attr('aria-valuemax', n).attr('aria-valuenow', d.current + 1);
    const { xs, byMm } = stripXs(d.positions);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const x = scaleLinear()
      .domain(hi > lo ? [lo, hi] : [lo - 1, hi + 1])
      .range([M.left + 4, width - M.right - 4]);
    body.selectAll('*').remove();
    d.labels.forEach((label, k) => {
      const top = M.top + k * (ROW + GAP);
      const y = scaleLinear().domain([0, 1]).range([top + ROW - 2, top + 2]);
      const g = body.append('g').attr('class', 'strip-row');
      g.append('rect').attr('x', M.left).attr('y', top).attr('width', width - M.left - M.right).attr('height', ROW).attr('fill', '#f3f3f3');
      // Known truth: a band around each slice whose label is 1, half-way to its neighbours.
      const truthAt = (d.truth ?? []).flatMap((t, i) => (t && t[k] === 1 ? [i] : []));
      g.selectAll('rect.strip-truth')
        .data(truthAt)
        .join('rect')
        .attr('class', 'strip-truth')
        .attr('x', (i) => x(((xs[Math.max(0, i - 1)] as number) + (xs[i] as number)) / 2))
        .attr('width', (i) => Math.max(1, x(((xs[Math.min(n - 1, i + 1)] as number) + (xs[i] as number)) / 2) - x(((xs[Math.max(0, i - 1)] as number) + (xs[i] as number)) / 2)))
        .attr('y', top)
        .attr('height', ROW)
        .attr('fill', STRIP_COLOURS[k] ?? '#222')
        .attr('fill-opacity', 0.16);
      g.append('text').attr('x', M.left - 6).attr('y', top + ROW / 2 + 4).attr('text-anchor', 'end').attr('font-size', 11).attr('fill', STRIP_COLOURS[k] ?? '#222').text(label);
      const thr = d.thresholds[k] ?? 0.5;
      g.append('line').attr('x1', M.left).attr('x2', width - M.right).attr('y1', y(thr)).attr('y2', y(thr)).attr('stroke', '#888').attr('stroke-dasharray', '4 3');
      const pts = d.scores.flatMap((s, i) => (s ? [[x(xs[i] as number), y(s[k] ?? 0), i, (s[k] ?? 0) >= thr ? 1 : 0] as const] : []));
      g.append('path')
        .attr('d', line()(pts.map(([px, py]) => [px, py])) ?? '')
        .attr('fill', 'none')
        .attr('stroke', STRIP_COLOURS[k] ?? '#222')
        .attr('stroke-width', 1.5);
      g.selectAll('circle')
        .data(pts)
        .join('circle')
        .attr('cx', (p) => p[0])
        .attr('cy', (p) => p[1])
        .attr('r', (p) => (p[3] ? 3 : 1.8))
        .attr('fill', STRIP_COLOURS[k] ?? '#222');
    });
    const bottom = M.top + d.labels.length * (ROW + GAP);
    // Marked slices (warnings, caution) as small triangles under the rows.
    body
      .append('g')
      .attr('class', 'strip-marks')
      .selectAll('path')
      .data(d.marked)
      .join('path')
      .attr('d', (i) => `M${x(xs[i] as number)},${bottom + 1} l-4,7 h8 z`)
      .attr('fill', '#b00020');
    body
      .append('g')
      .attr('class', 'strip-caution')
      .selectAll('path')
      .data(d.cautioned ?? [])
      .join('path')
      .attr('d', (i) => `M${x(xs[i] as number)},${bottom + 9} l-4,4 l4,4 l4,-4 z`)
      .attr('fill', '#b26a00');
    const cx = x(xs[d.current] ?? lo);
    body.append('line').attr('class', 'strip-current').attr('x1', cx).attr('x2', cx).attr('y1', M.top).attr('y2', bottom).attr('stroke', '#000').attr('stroke-width', 1.5);
    const fmt = (v: number): string => (byMm ? `${v.toFixed(1)} mm` : String(v));
    body.append('text').attr('x', x(lo)).attr('y', bottom + 28).attr('font-size', 11).text(fmt(lo));
    body.append('text').attr('x', x(hi)).attr('y', bottom + 28).attr('font-size', 11).attr('text-anchor', 'end').text(fmt(hi));
    body.append('text').attr('x', (M.left + width - M.right) / 2).attr('y', bottom + 42).attr('font-size', 11).attr('text-anchor', 'middle').text(byMm ? options.xLabelMm : options.xLabelIndex);
    // Clicks anywhere over the rows pick the nearest slice.
    body
      .append('rect')
      .attr('class', 'strip-hit')
      .attr('x', M.left)
      .attr('y', M.top)
      .attr('width', width - M.left - M.right)
      .attr('height', bottom - M.top)
      .attr('fill', 'transparent')
      .on('click', (event: MouseEvent) => {
        const box = (svg.node() as SVGSVGElement).getBoundingClientRect();
        const sx = ((event.clientX - box.left) / Math.max(1, box.width)) * width;
        options.onPick(nearestSlice(xs, x.invert(sx)));
      });
  };

  svg.on('keydown', (event: KeyboardEvent) => {
    const n = current.scores.length;
    const step = event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? -1 : 0;
    if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const to = Math.max(0, Math.min(n - 1, event.key === 'Home' ? 0 : event.key === 'End' ? n - 1 : current.current + step));
    if (to !== current.current) options.onPick(to);
  });
  draw(data);
  return draw;
}
