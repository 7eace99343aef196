/** The scores chart rendered into a linkedom document: six bars at the right widths, thresholds, values. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { scoresChart } from '../../../src/charts/scores';

const labels = ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'];

function host(): Element {
  const { document } = parseHTML('<!doctype html><html><body><div id="c"></div></body></html>');
  return document.getElementById('c') as unknown as Element;
}

describe('scoresChart', () => {
  it('draws six bars whose widths are the values on the 0..1 axis, with the values as text', () => {
    const el = host();
    const values = [0.75, 0.5, 0.25, 0, 1, 0.125];
    scoresChart(el, { labels, values, thresholds: labels.map(() => 0.5) }, { title: 'Scores', thresholdText: 'threshold', width: 480 });
    const bars = [...el.querySelectorAll('rect.bar')];
    expect(bars).toHaveLength(6);
    // x runs from 150 to 480 - 50 = 430: 280 units for 0..1.
    expect(bars.map((b) => Number(b.getAttribute('width')))).toEqual([210, 140, 70, 0, 280, 35]);
    expect(bars.map((b) => b.getAttribute('data-label'))).toEqual(labels);
    expect(bars.map((b) => b.getAttribute('data-above'))).toEqual(['true', 'true', 'false', 'false', 'true', 'false']);
    expect([...el.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['0.750', '0.500', '0.250', '0.000', '1.000', '0.125']);
    // The 0.5 threshold at x = 150 + 140 on every row, named once.
    expect([...el.querySelectorAll('line.threshold')].map((l) => Number(l.getAttribute('x1')))).toEqual(Array(6).fill(290));
    expect(el.querySelector('text.threshold-text')?.textContent).toBe('threshold 0.5');
    expect(el.querySelector('svg title')?.textContent).toContain('epidural 0.500');
  });

  it('redraws at a new width with a narrower label column, never below 260 units', () => {
    const el = host();
    const data = { labels, values: [1, 0.5, 0, 0, 0, 0], thresholds: Array(6).fill(0.5) };
    const update = scoresChart(el, data, { title: 'Scores', width: 480 });
    update(data, 300); // a phone: label column 0.42 · 300 = 126, bars from 126 to 300 - 50 = 250
    expect(el.querySelector('svg')?.getAttribute('viewBox')?.split(' ').slice(0, 3)).toEqual(['0', '0', '300']);
    expect([...el.querySelectorAll('rect.bar')].slice(0, 2).map((b) => Number(b.getAttribute('width')))).toEqual([124, 62]);
    expect(el.querySelector('text.label')?.getAttribute('x')).toBe('118');
    update(data, 100);
    expect(el.querySelector('svg')?.getAttribute('viewBox')?.split(' ')[2]).toBe('260');
  });

  it('shows per-label thresholds as separate ticks and updates in place', () => {
    const el = host();
    const update = scoresChart(el, { labels, values: Array(6).fill(0.3), thresholds: Array(6).fill(0.5) }, { title: 'Scores', thresholdText: 'threshold' });
    update({ labels, values: [0.2, 0.2, 0.2, 0.2, 0.2, 0.2], thresholds: [0.1, 0.25, 0.5, 0.75, 0.2, 0.3] });
    expect(el.querySelectorAll('svg')).toHaveLength(1);
    expect(el.querySelectorAll('rect.bar')).toHaveLength(6);
    expect([...el.querySelectorAll('line.threshold')].map((l) => Number(l.getAttribute('x1')))).toEqual([178, 220, 290, 360, 206, 234]);
    expect(el.querySelector('text.threshold-text')).toBeNull();
    expect([...el.querySelectorAll('rect.bar')].map((b) => b.getAttribute('data-above'))).toEqual(['true', 'false', 'false', 'false', 'true', 'false']);
  });

  it('names each row in words, makes it focusable, and reports the row under the pointer or focus', () => {
    const el = host();
    const seen: (number | null)[] = [];
    const data = { labels, values: [0.9, 0.1, 0, 0, 0, 0], thresholds: Array(6).fill(0.4), logits: [2.2, -2.2, -9, -9, -9, -9] };
    scoresChart(el, data, {
      title: 'Scores',
      describe: (d, i) => `${d.labels[i]} p ${d.values[i]} logit ${d.logits?.[i]}`,
      onActive: (i) => seen.push(i),
    });
    expect(el.querySelector('svg')?.getAttribute('role')).toBe('group');
    expect(el.querySelector('svg')?.getAttribute('aria-label')).toBe('Scores');
    const rows = [...el.querySelectorAll('g.row')];
    expect(rows.map((r) => r.getAttribute('tabindex'))).toEqual(Array(6).fill('0'));
    expect(rows[1]?.getAttribute('aria-label')).toBe('epidural p 0.1 logit -2.2');
    const ev = (type: string): Event => new (el.ownerDocument.defaultView as unknown as { Event: typeof Event }).Event(type);
    rows[1]?.dispatchEvent(ev('focus'));
    rows[1]?.dispatchEvent(ev('blur'));
    rows[4]?.dispatchEvent(ev('mouseenter'));
    expect(seen).toEqual([1, null, 4]);
  });
});
