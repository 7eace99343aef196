/**
 * The six sigmoid scores as horizontal bars on a 0..1 axis, with each label's decision threshold as a
 * tick across its bar (one line across every bar when all thresholds are equal) and the value as text,
 * so nothing depends on colour alone. Each row is focusable (Tab) and named in words by `describe`
 * (probability, logit, threshold); `onActive` reports the row under the pointer or focus so the page
 * can show the same words beside the chart. d3 only; no tfjs.
 *
 *   const update = scoresChart(div, { labels, values, thresholds }, { title: 'Scores' });
 *   update({ labels, values: next, thresholds });
 *   update(data, div.clientWidth); // redraw at the container's width (text keeps its CSS size)
 */
import { scaleLinear, select } from 'd3';

/** One chart's numbers, all in LABELS order. */
export interface ScoresData {
  /** Display names of the six outputs. */
  readonly labels: readonly string[];
  /** Sigmoid probabilities in [0, 1]. */
  readonly values: readonly number[];
  /** Decision thresholds in (0, 1). */
  readonly thresholds: readonly number[];
  /** Raw logits (before the sigmoid), when known: shown with the probability on hover and focus. */
  readonly logits?: readonly number[];
}

export interface ScoresOptions {
  /** Accessible name of the SVG. */
  readonly title: string;
  /** Text beside a shared threshold line, e.g. "threshold". */
  readonly thresholdText?: string;
  /** Drawing width in SVG units (the SVG scales to its container); default 480. Pass the container's
   * width in CSS pixels so the text is not scaled down on a phone. */
  readonly width?: number;
  /** Formats a value for its text label; default three decimals. */
  readonly format?: (v: number) => string;
  /** One row in words (its accessible name, and the readout on hover or focus); default "label value". */
  readonly describe?: (d: ScoresData, i: number) => string;
  /** Called with the row under the pointer or keyboard focus, and null when it leaves. */
  readonly onActive?: (i: number | null) => void;
}

const ROW = 26;
const TOP = 22;
const LEFT = 150; // label column; narrower on a narrow chart (at most 42 % of the width)
const RIGHT = 50;
const MIN_WIDTH = 260;

/**
 * Draw the chart into `element` (replacing an earlier chart there).
 * @returns update: redraw with new data (same element, same options)
 */
export function scoresChart(element: Element, data: ScoresData, options: ScoresOptions): (data: ScoresData, width?: number) => void {
  let width = Math.max(MIN_WIDTH, options.width ?? 480);
  const fmt = options.format ?? ((v: number) => v.toFixed(3));
  const root = select(element);
  root.selectAll('svg.scores').remove();
  // A group of six focusable rows (each an image named by its numbers), not one opaque picture.
  const svg = root.append('svg').attr('class', 'scores').attr('role', 'group').attr('aria-label', options.title).attr('width', '100%');
  const describe = options.describe ?? ((d: ScoresData, i: number) => `${d.labels[i] ?? ''} ${fmt(d.values[i] ?? 0)}`);
  let current = data;
  const title = svg.append('title');
  const axis = svg.append('g').attr('class', 'axis');
  const rows = svg.append('g').attr('class', 'rows');
  const shared = svg.append('g').attr('class', 'shared-threshold');

  function update(d: ScoresData, newWidth?: number): void {
    if (newWidth !== undefined && newWidth > 0) width = Math.max(MIN_WIDTH, Math.round(newWidth));
    current = d;
    const n = d.values.length;
    const height = TOP + n * ROW + 6;
    const left = Math.min(LEFT, Math.round(width * 0.42));
    const x = scaleLinear().domain([0, 1]).range([left, width - RIGHT]);
    svg.attr('viewBox', `0 0 ${width} ${height}`);
    title.text(`${options.title}: ${d.labels.map((l, i) => `${l} ${fmt(d.values[i] ?? 0)}`).join(', ')}`);

    axis
      .selectAll('text')
      .data([0, 0.25, 0.5, 0.75, 1])
      .join('text')
      .attr('x', (t) => x(t))
      .attr('y', 12)
      .attr('text-anchor', 'middle')
      .attr('class', 'tick')
      .text((t) => String(t));

    const row = rows
      .selectAll<SVGGElement, number>('g.row')
      .data(d.values)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'row').attr('tabindex', 0).attr('role', 'img');
        g.on('mouseenter focus', function (this: SVGGElement) {
          options.onActive?.(Number(this.getAttribute('data-index')));
        }).on('mouseleave blur', () => options.onActive?.(null));
        g.append('text').attr('class', 'label');
        g.append('rect').attr('class', 'track');
        g.append('rect').attr('class', 'bar');
        g.append('line').attr('class', 'threshold');
        g.append('text').attr('class', 'value');
        return g;
      })
      .attr('transform', (_, i) => `translate(0, ${TOP + i * ROW})`)
      .attr('data-index', (_, i) => String(i))
      .attr('aria-label', (_, i) => describe(current, i));
    const h = ROW - 8;
    row.select('text.label').attr('x', left - 8).attr('y', h / 2 + 4).attr('text-anchor', 'end').text((_, i) => d.labels[i] ?? '');
    row.select('rect.track').attr('x', x(0)).attr('y', 0).attr('width', x(1) - x(0)).attr('height', h);
    row
      .select('rect.bar')
      .attr('x', x(0))
      .attr('y', 0)
      .attr('width', (v) => x(Math.max(0, Math.min(1, v))) - x(0))
      .attr('height', h)
      .attr('data-value', (v) => v.toFixed(4))
      .attr('data-above', (v, i) => String(v >= (d.thresholds[i] ?? 0.5)))
      .attr('data-label', (_, i) => d.labels[i] ?? '');
    row
      .select('line.threshold')
      .attr('x1', (_, i) => x(d.thresholds[i] ?? 0.5))
      .attr('x2', (_, i) => x(d.thresholds[i] ?? 0.5))
      .attr('y1', -3)
      .attr('y2', h + 3)
      .attr('data-threshold', (_, i) => String(d.thresholds[i] ?? 0.5));
    row.select('text.value').attr('x', x(1) + 6).attr('y', h / 2 + 4).text((v) => fmt(v));

    // Equal thresholds: one labelled line instead of six unlabelled ticks.
    const t0 = d.thresholds[0] ?? 0.5;
    const same = d.thresholds.every((t) => t === t0);
    shared
      .selectAll('text')
      .data(same && options.thresholdText ? [t0] : [])
      .join('text')
      .attr('x', (t) => x(t) + 3)
      .attr('y', height - 1)
      .attr('class', 'threshold-text')
      .text((t) => `${options.thresholdText ?? ''} ${t}`);
  }

  update(data);
  return update;
}
