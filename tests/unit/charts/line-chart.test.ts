/** The lab's line chart in a linkedom document: points where the scales put them, a key per series, updates. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { lineChart } from '../../../src/charts/line-chart';

function host(): Element {
  const { document } = parseHTML('<!doctype html><html><body><div id="c"></div></body></html>');
  return document.getElementById('c') as unknown as Element;
}

const opts = { title: 'rho', xLabel: 'depth', yLabel: 'rho', xDomain: [0, 2] as const, yDomain: [0, 1] as const, width: 480 };

describe('lineChart', () => {
  it('puts each point on the scales: x from 52 to 464, y from 196 (0) to 14 (1)', () => {
    const el = host();
    lineChart(el, { series: [{ name: 'a', colour: '#000', points: [[0, 0], [1, 0.5], [2, 1]] }] }, opts);
    const marks = [...el.querySelectorAll('path.mark')].map((m) => m.getAttribute('transform'));
    // x: 52 + v·(464 − 52)/2; y: 196 − v·182
    expect(marks).toEqual(['translate(52, 196)', 'translate(258, 105)', 'translate(464, 14)']);
    expect(el.querySelector('svg')?.getAttribute('aria-label')).toBe('rho');
  });

  it('skips undefined values (NaN) in the line and the markers, keys every series, and redraws on update', () => {
    const el = host();
    const update = lineChart(
      el,
      {
        series: [
          { name: 'first', colour: '#111', points: [[0, 1], [1, NaN], [2, 0]] },
          { name: 'second', colour: '#222', points: [[0, 1], [2, 1]] },
        ],
      },
      opts,
    );
    expect(el.querySelectorAll('g.series')).toHaveLength(2);
    expect(el.querySelectorAll('g.series')[0]?.querySelectorAll('path.mark')).toHaveLength(2);
    expect([...el.querySelectorAll('g.key text')].map((t) => t.textContent)).toEqual(['first', 'second']);
    // each series its own dash pattern (nothing depends on colour alone)
    const dashes = [...el.querySelectorAll('g.series > path:not(.mark)')].map((p) => p.getAttribute('stroke-dasharray'));
    expect(new Set(dashes).size).toBe(2);
    update({ series: [{ name: 'only', colour: '#333', points: [[1, 0.5]] }] });
    expect(el.querySelectorAll('g.series')).toHaveLength(1);
    expect([...el.querySelectorAll('g.key text')].map((t) => t.textContent)).toEqual(['only']);
    expect(el.querySelectorAll('svg.line-chart')).toHaveLength(1);
  });
});
