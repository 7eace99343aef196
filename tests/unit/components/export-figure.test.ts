/** The saved figure's layout: every tile labelled, images on one line, scales under them, long URLs wrapped, files named by content. */
import { describe, expect, it } from 'vitest';
import { figureFileName, layoutFigure, TILE, wrap, type FigureSpec, type Measure } from '../../../src/components/export-figure';
import { figureSpec } from '../../../src/components/figure-spec';
import { strings } from '../../../src/components/strings';
import { DEFAULT_STATE } from '../../../src/components/view-state';
import type { ExplanationMap } from '../../../src/explain/run';

/** Every character 0.6 em wide (bold 0.65 em). */
const measure: Measure = (text, font) => text.length * font.size * (font.bold ? 0.65 : 0.6);

const lut = new Uint8Array(768);
const spec = (n: number): FigureSpec => ({
  title: 'Five maps of one decision',
  subtitle: ['Phantom: Subdural haematoma · display window brain L40/W80'],
  tiles: Array.from({ length: n }, (_, i) => ({
    title: `Method ${i}`,
    lines: ['explains “subdural”', i % 2 ? 'layer layer4' : 'view: all windows'],
    scale: { lut, ticks: ['0', '1 = map maximum'], note: 'Divided by the map’s maximum: nothing is clipped.' },
  })),
  key: [{ name: 'subdural', colour: '#ff7800', strong: true }],
  keyTitle: 'Ground-truth outlines:',
  footer: ['Model: ResNet34', `This view: http://127.0.0.1/?${'seed=1004&method=gradcam&'.repeat(12)}`],
});

describe('wrap', () => {
  it('breaks on words and cuts a word longer than the line', () => {
    expect(wrap('aaa bbb ccc', 7 * 6, { size: 10 }, measure)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('abcdefghij', 4 * 6, { size: 10 }, measure)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('makes file names of plain parts', () => {
    expect(figureFileName(['gradcam', 'sub dural', '--x', ''])).toBe('gradcam-sub-dural-x.png');
  });
});

describe('layoutFigure', () => {
  it('lays five labelled tiles in one row, images on one line, a scale with its ticks under each', () => {
    const l = layoutFigure(spec(5), measure);
    expect(l.width).toBe(2 * 16 + 5 * TILE + 4 * 14);
    const texts = l.ops.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
    for (let i = 0; i < 5; i++) expect(texts).toContain(`Method ${i}`);
    expect(texts).toContain('Five maps of one decision');
    expect(texts.filter((t) => t === '1 = map maximum')).toHaveLength(5);
    const images = l.ops.filter((o) => o.kind === 'image');
    expect(images).toHaveLength(5);
    expect(new Set(images.map((o) => o.y)).size).toBe(1);
    const scales = l.ops.filter((o) => o.kind === 'scale');
    expect(scales.map((o) => o.tile)).toEqual([0, 1, 2, 3, 4]);
    // The URL is wrapped inside the figure.
    for (const o of l.ops) if (o.kind === 'text' && o.align === undefined) expect(o.x + measure(o.text, o.font)).toBeLessThanOrEqual(l.width - 16 + 1e-9);
    expect(texts.filter((t) => t.includes('seed=') || t.includes('method=')).length).toBeGreaterThan(1);
    expect(l.ops.some((o) => o.kind === 'line' && o.colour === '#ff7800' && !o.dash)).toBe(true);
    expect(l.height).toBeGreaterThan(TILE + 100);
  });

  it('gives a single map room for its caption (at least 520 units wide)', () => {
    expect(layoutFigure(spec(1), measure).width).toBe(520);
  });
});

describe('figureSpec', () => {
  const map = (kind: 'cam' | 'gradient'): ExplanationMap => ({ kind, width: 224, height: 224 }) as unknown as ExplanationMap;
  const base = {
    t: strings('en'),
    state: { ...DEFAULT_STATE, label: 5 },
    sliceName: 'Phantom: Subdural haematoma',
    sliceToken: 'phantom-1004',
    score: { p: 0.87, threshold: 0.331 },
    outline: { present: 0b10001, emphasis: 0b10000 },
    modelVersion: 'ResNet34, trained 2026-11-29',
    url: 'http://x/?seed=1004',
    isFile: false,
  };
  it('names a single map by method, label and slice and says what 1 means', () => {
    const { spec: s, fileName } = figureSpec({ ...base, tiles: [{ method: 'gradcam', map: map('cam') }] });
    expect(fileName).toBe('gradcam-subdural-phantom-1004.png');
    expect(s.title).toBe('Grad-CAM · subdural');
    expect(s.subtitle).toEqual(['Phantom: Subdural haematoma · display window brain L40/W80', 'Score of “subdural”: 0.870 (decision threshold 0.331)']);
    expect(s.tiles[0]?.lines).toEqual(['explains “subdural”', 'at layer4']);
    expect(s.tiles[0]?.scale?.ticks).toEqual(['0', '1 = map maximum']);
    expect(s.key.map((k) => [k.name, k.strong])).toEqual([
      ['epidural', false],
      ['subdural', true],
    ]);
    expect(s.footer[0]).toContain('ResNet34, trained 2026-11-29');
    expect(s.footer[1]).toBe('This view: http://x/?seed=1004');
  });
  it('names the grid "all-methods" and gives a signed view its −1..+1 scale', () => {
    const { spec: s, fileName } = figureSpec({
      ...base,
      state: { ...base.state, view: 1, grid: true },
      tiles: [
        { method: 'gradient', map: map('gradient') },
        { method: 'gradcam', map: map('cam') },
      ],
    });
    expect(fileName).toBe('all-methods-subdural-phantom-1004.png');
    expect(s.title).toBe('Two maps of one decision: the score of “subdural” on this slice');
    expect(s.tiles[0]?.scale?.ticks).toEqual(['−1', '0', '+1 = 99th percentile']);
    expect(s.tiles[0]?.lines).toContain('Gradient view: channel 2 = subdural window');
    expect(s.tiles[1]?.scale?.ticks).toEqual(['0', '1 = map maximum']);
  });
  it('says when the slice is the reader’s file', () => {
    const { spec: s, fileName } = figureSpec({ ...base, sliceToken: 'my-head', isFile: true, outline: null, tiles: [{ method: 'gradient', map: map('gradient') }] });
    expect(fileName).toBe('gradient-subdural-my-head.png');
    expect(s.footer.join(' ')).toContain('the link shows the same settings on a built-in slice');
    expect(s.subtitle.join(' ')).not.toContain('Caution');
    const far = figureSpec({ ...base, isFile: true, ood: { score: 12.34, threshold: 3.1 }, tiles: [{ method: 'gradient', map: map('gradient') }] });
    expect(far.spec.subtitle).toContain('Caution: far from the training data (distance 12.3, flagged above 3.1); the scores may mean nothing here.');
    expect(s.key).toEqual([]);
  });
});
