/**
 * A small multi-series line chart with markers and a key, for the evaluation lab's islands (rank
 * correlation against randomised depth; deletion and insertion curves). Each series has a colour, a
 * dash pattern and a marker shape, so nothing depends on colour alone; the numbers themselves are in a
 * table beside the chart for screen readers. d3 only; no tfjs.
 *
 *   const update = lineChart(div, { series }, { title, xLabel, yLabel, xDomain: [0, 1], yDomain: [0, 1] });
 *   update(next);
 */
import { axisBottom, axisLeft, line, scaleLinear, select, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, symbolWye } from 'd3';

/** One line: its points [x, y] in data units, in x order. */
export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface LineChartData {
  readonly series: readonly LineSeries[];
}

export interface LineChartOptions {
  /** Accessible name of the SVG. */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Tick values and their text on the x axis (default: d3's ticks). */
  readonly xTicks?: readonly { readonly value: number; readonly text: string }[];
  /** Format of the x ticks when `xTicks` is not given (default: d3's). */
  readonly xFormat?: (v: number) => string;
  /** Format of the y ticks (default: d3's). */
  readonly yFormat?: (v: number) => string;
  /** Drawing width in SVG units (the SVG scales to its container); default 480. */
  readonly width?: number;
}

const HEIGHT = 260;
const M = { top: 14, right: 16, bottom: 64, left: 52 };
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];
const SHAPES = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolWye];
const KEY_ROW = 18;

/**
 * Draw the chart into `element` (replacing an earlier one there).
 * @returns update: redraw with new data (same element, same options)
 */
export function lineChart(element: Element, data: LineChartData, options: LineChartOptions): (data: LineChartData) => void {
  const width = options.width ?? 480;
  const root = select(element);
  root.selectAll('svg.line-chart').remove();
  const svg = root.append('svg').attr('class', 'line-chart').attr('role', 'img').attr('aria-label', options.title).attr('width', '100%');
  const x = scaleLinear().domain(options.xDomain).range([M.left, width - M.right]);
  const plot = svg.append('g');
  const xAxis = svg.append('g').attr('class', 'axis');
  const yAxis = svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left}, 0)`);
  const xLabel = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle').attr('x', (M.left + width - M.right) / 2).text(options.xLabel);
  const yLabel = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle').text(options.yLabel);
  const key = svg.append('g').attr('class', 'key');

  function update(d: LineChartData): void {
    // The key sits under the axis, one row per series: the plot's height stays fixed.
    const plotBottom = HEIGHT - M.bottom;
    const height = HEIGHT + d.series.length * KEY_ROW;
    svg.attr('viewBox', `0 0 ${width} ${height}`);
    const y = scaleLinear().domain(options.yDomain).range([plotBottom, M.top]);
    const ax = axisBottom(x);
    if (options.xTicks) ax.tickValues(options.xTicks.map((t) => t.value)).tickFormat((v) => options.xTicks?.find((t) => t.value === Number(v))?.text ?? '');
    else {
      ax.ticks(5);
      if (options.xFormat) ax.tickFormat((v) => options.xFormat?.(Number(v)) ?? '');
    }
    xAxis.attr('transform', `translate(0, ${plotBottom})`).call(ax);
    const ay = axisLeft(y).ticks(5);
    if (options.yFormat) ay.tickFormat((v) => options.yFormat?.(Number(v)) ?? '');
    yAxis.call(ay);
    xLabel.attr('y', plotBottom + 40);
    yLabel.attr('transform', `translate(14, ${(M.top + plotBottom) / 2}) rotate(-90)`);

    plot.selectAll('*').remove();
    const path = line<readonly [number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(p[1]))
      .defined((p) => Number.isFinite(p[1]));
    d.series.forEach((s, i) => {
      const g = plot.append('g').attr('class', 'series');
      g.append('path')
        .attr('d', path(s.points))
        .attr('fill', 'none')
        .attr('stroke', s.colour)
        .attr('stroke-width', 2.5)
        .attr('stroke-dasharray', DASHES[i % DASHES.length] ?? '');
      const mark = symbol(SHAPES[i % SHAPES.length], 42)();
      g.selectAll('path.mark')
        .data(s.points.filter((p) => Number.isFinite(p[1])))
        .join('path')
        .attr('class', 'mark')
        .attr('d', mark)
        .attr('transform', (p) => `translate(${x(p[0])}, ${y(p[1])})`)
        .attr('fill', s.colour);
    });

    key.attr('transform', `translate(${M.left}, ${plotBottom + 58})`).selectAll('*').remove();
    d.series.forEach((s, i) => {
      const row = key.append('g').attr('transform', `translate(0, ${i * KEY_ROW})`);
      row.append('line').attr('x1', 0).attr('x2', 34).attr('y1', 0).attr('y2', 0).attr('stroke', s.colour).attr('stroke-width', 2.5).attr('stroke-dasharray', DASHES[i % DASHES.length] ?? '');
      row.append('path').attr('d', symbol(SHAPES[i % SHAPES.length], 42)()).attr('transform', 'translate(17, 0)').attr('fill', s.colour);
      row.append('text').attr('x', 42).attr('y', 4).text(s.name);
    });
  }

  update(data);
  return update;
}

/**
 * Line colours per method: the Okabe-Ito colour-blind-safe palette, readable on the light and the dark
 * page background (the dash and marker carry the same distinction).
 */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'] as const;
