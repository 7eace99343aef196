/** The scores-along-the-scan strip in a linkedom document: positions, the slice on show, marks, keys. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { nearestSlice, scanStripChart, stripXs, type ScanStripData } from '../../../src/charts/scan-strip';

function host(): { el: Element; key: (k: string) => Event } {
  const { document, window } = parseHTML('<!doctype html><html><body><div id="c"></div></body></html>');
  // linkedom has no KeyboardEvent: a plain event carrying `key`, as the chart reads it.
  const key = (k: string): Event => Object.assign(new (window as unknown as { Event: typeof Event }).Event('keydown'), { key: k });
  return { el: document.getElementById('c') as unknown as Element, key };
}

const LABELS = ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'];
const data = (over: Partial<ScanStripData> = {}): ScanStripData => ({
  labels: LABELS,
  scores: [[0.1, 0, 0, 0, 0, 0], null, [0.9, 0, 0, 0, 0, 0.6]],
  positions: [0, 5, 10],
  thresholds: LABELS.map(() => 0.5),
  current: 1,
  marked: [2],
  ...over,
});

describe('scan strip', () => {
  it('places slices by mm when all have a position, else by number; picks the nearest slice', () => {
    expect(stripXs([0, 5, 10])).toEqual({ xs: [0, 5, 10], byMm: true });
    expect(stripXs([0, null, 10])).toEqual({ xs: [1, 2, 3], byMm: false });
    expect(nearestSlice([0, 5, 10], 6.9)).toBe(1);
    expect(nearestSlice([0, 5, 10], 8)).toBe(2);
  });

  it('draws six rows, a point per scored slice (bigger at or above the threshold), the slice on show, the marks', () => {
    const { el } = host();
    scanStripChart(el, data(), { title: 'strip', xLabelMm: 'mm', xLabelIndex: 'n', onPick: () => undefined, width: 640 });
    expect(el.querySelectorAll('.strip-row')).toHaveLength(6);
    const any = el.querySelectorAll('.strip-row')[0] as Element;
    // x from 136 (0 mm) to 626 (10 mm): the unscored middle slice has no point.
    expect([...any.querySelectorAll('circle')].map((c) => [c.getAttribute('cx'), c.getAttribute('r')])).toEqual([
      ['136', '1.8'],
      ['626', '3'],
    ]);
    expect(el.querySelector('.strip-current')?.getAttribute('x1')).toBe('381');
    expect(el.querySelectorAll('.strip-marks path')).toHaveLength(1);
    expect(el.querySelectorAll('.strip-caution path')).toHaveLength(0);
    expect(el.querySelector('svg')?.getAttribute('aria-valuenow')).toBe('2');
  });

  it('marks cautioned slices with a diamond under the rows, apart from the decoder-warning triangles', () => {
    const { el } = host();
    scanStripChart(el, data({ cautioned: [0, 2] }), { title: 'strip', xLabelMm: 'mm', xLabelIndex: 'n', onPick: () => undefined, width: 640 });
    const d = [...el.querySelectorAll('.strip-caution path')].map((p) => p.getAttribute('d'));
    expect(d).toHaveLength(2);
    expect(d[0]?.startsWith('M136,')).toBe(true);
    expect(d[1]?.startsWith('M626,')).toBe(true);
    expect(el.querySelectorAll('.strip-marks path')).toHaveLength(1);
  });

  it('shades, in each row, the slices whose known label is 1 (half-way to the neighbours)', () => {
    const { el } = host();
    scanStripChart(el, data({ truth: [null, [1, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 1]] }), { title: 'strip', xLabelMm: 'mm', xLabelIndex: 'n', onPick: () => undefined, width: 640 });
    const rows = [...el.querySelectorAll('.strip-row')];
    expect(rows.map((r) => r.querySelectorAll('.strip-truth').length)).toEqual([2, 0, 0, 0, 0, 2]);
    // Slice 1 (5 mm) spans 2.5-7.5 mm: x 258.5 to 503.5; slice 2 (10 mm) from 7.5 mm to its own x.
    const band = rows[0]?.querySelectorAll('.strip-truth')[0] as Element;
    expect([band.getAttribute('x'), band.getAttribute('width')]).toEqual(['258.5', '245']);
  });

  it('moves with the arrow keys, Home and End, within the scan', () => {
    const { el, key } = host();
    const picked: number[] = [];
    const update = scanStripChart(el, data(), { title: 'strip', xLabelMm: 'mm', xLabelIndex: 'n', onPick: (i) => picked.push(i) });
    const svg = el.querySelector('svg') as Element;
    for (const k of ['ArrowRight', 'ArrowLeft', 'End', 'Home', 'a']) svg.dispatchEvent(key(k));
    expect(picked).toEqual([2, 0, 2, 0]);
    update(data({ current: 2 }));
    svg.dispatchEvent(key('ArrowRight'));
    expect(picked).toEqual([2, 0, 2, 0]); // already at the end: nothing
  });
});
