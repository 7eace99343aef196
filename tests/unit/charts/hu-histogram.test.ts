/** The HU histogram chart in a linkedom document: bars at their bins, the ramp's corners, the grey strip. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { huHistogramChart, type HuHistogramData } from '../../../src/charts/hu-histogram';

function host(): Element {
  const { document } = parseHTML('<!doctype html><html><body><div id="c"></div></body></html>');
  return document.getElementById('c') as unknown as Element;
}

const opts = { title: 'Histogram', xLabel: 'HU', yLabel: 'pixels', rampLabel: 'grey', width: 480 };
// x: 22..466 for [-40, 120] HU, so 444 / 160 = 2.775 units per HU. Plot from y 18 to 160.
const brain: HuHistogramData = {
  domain: [-40, 120],
  lo: -40,
  binWidth: 40,
  counts: [0, 10, 100, 1],
  ramp: [[-40, 0], [0, 0], [80, 1], [120, 1]],
  black: 0,
  white: 80,
};

describe('huHistogramChart', () => {
  it('draws one bar per bin on the HU axis, the tallest reaching the top, an empty bin flat', () => {
    const el = host();
    huHistogramChart(el, brain, opts);
    const bins = [...el.querySelectorAll('rect.bin')];
    expect(bins.map((b) => Number(b.getAttribute('x')))).toEqual([22, 133, 244, 355]);
    expect(bins.map((b) => Number(b.getAttribute('width')))).toEqual([111, 111, 111, 111]);
    expect(Number(bins[0]?.getAttribute('height'))).toBe(0);
    expect(Number(bins[2]?.getAttribute('y'))).toBe(18);
    expect(Number(bins[2]?.getAttribute('height'))).toBe(142);
    // Symlog: 10 of 100 sits at log(11)/log(101) of the height, above the linear 10%.
    expect(Number(bins[1]?.getAttribute('height'))).toBeCloseTo((142 * Math.log(11)) / Math.log(101), 6);
  });

  it('draws the ramp through the window ends, black to white, and grades the strip between them', () => {
    const el = host();
    const update = huHistogramChart(el, brain, opts);
    expect(el.querySelector('path.ramp')?.getAttribute('d')).toBe('M22,160L133,160L355,18L466,18');
    const grad = el.querySelector('linearGradient');
    expect(Number(grad?.getAttribute('x1'))).toBe(133);
    expect(Number(grad?.getAttribute('x2'))).toBe(355);
    expect(el.querySelector('svg title')?.textContent).toBe('Histogram: 0 → 80 HU');
    // Subdural L80/W200 on the same axis: black at -20 HU, white at 180 HU (clamped to the right edge).
    update({ ...brain, ramp: [[-40, 0.1], [120, 0.9]], black: -20, white: 180 });
    expect(el.querySelectorAll('svg')).toHaveLength(1);
    expect(Number(el.querySelector('linearGradient')?.getAttribute('x1'))).toBeCloseTo(77.5, 6);
    expect(el.querySelector('path.ramp')?.getAttribute('d')).toBe('M22,145.8L466,32.2');
  });
});
