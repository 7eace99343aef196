/**
 * The HU histogram of a slice with a CT window's grey ramp drawn over it, and below the axis the grey
 * each HU gets. d3 only; no tfjs. The x axis spans whatever HU range the data says (the island passes
 * the window plus half its width either side, so the ramp keeps a readable slope at every width).
 *
 *   const update = huHistogramChart(div, data, { title, xLabel, yLabel, rampLabel });
 *   update(next);
 */
import { axisBottom, line, scaleLinear, scaleSymlog, select } from 'd3';

/** One drawing's numbers. */
export interface HuHistogramData {
  /** HU span of the x axis, [lo, hi]. */
  readonly domain: readonly [number, number];
  /** Left edge of bin 0 (HU) and the bin width (HU). */
  readonly lo: number;
  readonly binWidth: number;
  /** Pixel count per bin. */
  readonly counts: ArrayLike<number>;
  /** The window's grey ramp as corners [HU, grey 0..1] across the domain. */
  readonly ramp: readonly (readonly [number, number])[];
  /** Where the window's ramp starts and ends (HU): black at or below `black`, white at or above `white`. */
  readonly black: number;
  readonly white: number;
}

export interface HuHistogramOptions {
  /** Accessible name of the SVG (the window is appended). */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly rampLabel: string;
  /** Drawing width in SVG units (the SVG scales to its container); default 480. */
  readonly width?: number;
}

const HEIGHT = 220;
const M = { top: 18, right: 14, bottom: 60, left: 22 };
const STRIP = 10;
let gradientCount = 0;

/**
 * Draw the chart into `element` (replacing an earlier one there).
 * @returns update: redraw with new data (same element, same options)
 */
export function huHistogramChart(element: Element, data: HuHistogramData, options: HuHistogramOptions): (data: HuHistogramData) => void {
  const width = options.width ?? 480;
  const plotBottom = HEIGHT - M.bottom;
  const root = select(element);
  root.selectAll('svg.hu-histogram').remove();
  const svg = root
    .append('svg')
    .attr('class', 'hu-histogram')
    .attr('role', 'img')
    .attr('width', '100%')
    .attr('viewBox', `0 0 ${width} ${HEIGHT}`);
  const title = svg.append('title');
  const gradId = `hu-ramp-${++gradientCount}`;
  const grad = svg.append('defs').append('linearGradient').attr('id', gradId).attr('gradientUnits', 'userSpaceOnUse');
  grad.append('stop').attr('offset', 0).attr('stop-color', '#000');
  grad.append('stop').attr('offset', 1).attr('stop-color', '#fff');
  const bars = svg.append('g').attr('class', 'bins');
  const ramp = svg.append('path').attr('class', 'ramp').attr('fill', 'none');
  const strip = svg
    .append('rect')
    .attr('class', 'grey-strip')
    .attr('y', plotBottom + 1)
    .attr('height', STRIP)
    .attr('fill', `url(#${gradId})`);
  const axis = svg.append('g').attr('class', 'axis').attr('transform', `translate(0, ${plotBottom + STRIP + 2})`);
  svg.append('text').attr('class', 'x-label').attr('x', width / 2).attr('y', HEIGHT - 4).attr('text-anchor', 'middle').text(options.xLabel);
  svg
    .append('text')
    .attr('class', 'y-label')
    .attr('transform', `translate(${M.left - 8}, ${(M.top + plotBottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(options.yLabel);
  const rampText = svg.append('text').attr('class', 'ramp-label').attr('y', M.top - 6).text(options.rampLabel);

  function update(d: HuHistogramData): void {
    const x = scaleLinear().domain([d.domain[0], d.domain[1]]).range([M.left, width - M.right]).clamp(true);
    let max = 1;
    for (let i = 0; i < d.counts.length; i++) max = Math.max(max, d.counts[i] as number);
    // Log-like counts: the air and soft-tissue peaks are 100x the blood, which must still show.
    const y = scaleSymlog().domain([0, max]).range([plotBottom, M.top]);
    const g = scaleLinear().domain([0, 1]).range([plotBottom, M.top]);
    title.text(`${options.title}: ${d.black} → ${d.white} ${options.xLabel}`);

    bars
      .selectAll('rect')
      .data(Array.from(d.counts))
      .join('rect')
      .attr('class', 'bin')
      .attr('x', (_, i) => x(d.lo + i * d.binWidth))
      .attr('width', (_, i) => Math.max(0, x(d.lo + (i + 1) * d.binWidth) - x(d.lo + i * d.binWidth)))
      .attr('y', (c) => y(c))
      .attr('height', (c) => plotBottom - y(c))
      .attr('data-count', (c) => String(c));

    ramp.attr('d', line()(d.ramp.map(([h, v]) => [x(h), g(v)] as [number, number])) ?? '');
    grad.attr('x1', x(d.black)).attr('x2', Math.max(x(d.white), x(d.black) + 0.01)).attr('y1', 0).attr('y2', 0);
    strip.attr('x', x(d.domain[0])).attr('width', x(d.domain[1]) - x(d.domain[0]));
    axis.call(axisBottom(x).ticks(6).tickSizeOuter(0));
    rampText.attr('x', Math.min(width - M.right, x(d.white)) - 2).attr('text-anchor', 'end');
  }

  update(data);
  return update;
}
