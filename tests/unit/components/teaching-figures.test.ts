/**
 * The teaching figures (#23 item 7): the worked examples follow the papers' rules (checked by hand), and
 * every panel, in both languages, keeps its text inside the drawing, never overlapping another text
 * or straddling a box's edge, with an accessible title and description.
 */
import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/i18n/langs';
import { FIGURES, figureNumber } from '../../../src/i18n/figures';
import { bilinear, deconvExample, flip, gradCamExample, maxPoolWithSwitches, unpool } from '../../../src/components/figures/examples';
import { deconvScenes } from '../../../src/components/figures/deconvnet-scenes';
import { gradCamScenes } from '../../../src/components/figures/gradcam-scenes';
import { blockScene } from '../../../src/components/figures/block-scene';
import { plain, runs, textBox, textWidth, wrap, type Scene } from '../../../src/components/figures/scene';
import { SvgScene } from '../../../src/components/figures/SvgScene';

describe('the worked examples', () => {
  it('max-pooling records the first maximum of each window as its switch', () => {
    const { pooled, switches } = maxPoolWithSwitches(deconvExample().features, 2);
    expect(pooled).toEqual([
      [4, 2],
      [2, 6],
    ]);
    expect(switches).toEqual([
      [
        { r: 1, c: 0 },
        { r: 0, c: 3 },
      ],
      [
        { r: 3, c: 0 },
        { r: 3, c: 3 },
      ],
    ]);
    // A tie goes to the first position in row-major order (PyTorch's rule).
    expect(maxPoolWithSwitches([[1, 1], [1, 1]], 2).switches).toEqual([[{ r: 0, c: 0 }]]);
  });

  it('unpooling puts each value back at its switch, and the backward ReLU drops the negative one', () => {
    const ex = deconvExample();
    expect(ex.unpooled).toEqual([
      [0, 0, 0, -0.4],
      [0.7, 0, 0, 0],
      [0, 0, 0, 0],
      [0.2, 0, 0, 0.9],
    ]);
    expect(ex.rectified[0]?.[3]).toBe(0);
    expect(ex.rectified.flat().filter((v) => v !== 0)).toEqual([0.7, 0.2, 0.9]);
    // The dropped value's forward activation was positive: the plain gradient would have kept it.
    expect(ex.features[0]?.[3]).toBeGreaterThan(0);
    expect(unpool([[5]], [[{ r: 1, c: 1 }]], 2, 2)).toEqual([
      [0, 0],
      [0, 5],
    ]);
  });

  it('the transposed filter is the filter rotated by 180°', () => {
    expect(flip(deconvExample().filter).flat().join('')).toBe('ihgfedcba');
  });

  it('Grad-CAM: α_k is the mean gradient, the map the ReLU of the weighted sum', () => {
    const ex = gradCamExample();
    expect(ex.alphas[0]).toBeCloseTo(0.3, 12);
    expect(ex.alphas[1]).toBeCloseTo(-0.2, 12);
    expect(ex.alphas[2]).toBeCloseTo(0.9 / 16, 12);
    // At the bleed (row 2, column 3): 0.3·5 − 0.2·2 + α3·0 = 1.1; at a corner of the rim the sum is negative.
    expect(ex.sum[2]?.[3]).toBeCloseTo(1.1, 12);
    expect(ex.sum[0]?.[0]).toBeCloseTo(-0.6 + 0.9 / 16, 12);
    expect(ex.cam[0]?.[0]).toBe(0);
    expect(ex.cam[2]?.[3]).toBeCloseTo(1.1, 12);
    // Map 1 (the bleed) counts for the label, map 2 (the rim) against it.
    expect(Math.sign(ex.alphas[0] ?? 0)).toBe(1);
    expect(Math.sign(ex.alphas[1] ?? 0)).toBe(-1);
  });

  it('bilinear upsampling uses half-pixel centres (align_corners=False)', () => {
    expect(bilinear([[0, 1]], 2)[0]).toEqual([0, 0.25, 0.75, 1]);
    expect(bilinear([[2, 2], [2, 2]], 4).flat().every((v) => v === 2)).toBe(true);
    expect(gradCamExample().upsampled).toHaveLength(16);
  });
});

describe('text helpers', () => {
  it('reads sub- and superscript markup', () => {
    expect(runs('∂y^c/∂A^k')).toEqual([
      { text: '∂y', script: null },
      { text: 'c', script: 'sup' },
      { text: '/∂A', script: null },
      { text: 'k', script: 'sup' },
    ]);
    expect(plain('C_{out} maps')).toBe('Cout maps');
    expect(textWidth('ab', 10)).toBeCloseTo(12);
    expect(textWidth('ab', 10, true)).toBeGreaterThan(12);
  });
  it('wraps words to a width', () => {
    expect(wrap('one two three four', 55, 10)).toEqual(['one two', 'three', 'four']);
  });
});

const SCENES: Record<string, (lang: 'en' | 'es') => Scene[]> = {
  deconvnet: deconvScenes,
  gradcam: gradCamScenes,
  'resnet-block': (lang) => [blockScene(lang)],
};

type Box = [number, number, number, number];
const overlap = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a: Box, b: Box): boolean => a[0] >= b[0] && a[2] <= b[2] && a[1] >= b[1] && a[3] <= b[3];

describe.each(LANGS)('the teaching figures in %s', (lang) => {
  for (const [name, make] of Object.entries(SCENES)) {
    describe(name, () => {
      const scenes = make(lang);
      it('have a title and a description per panel, and unique ids', () => {
        expect(scenes.length).toBeGreaterThan(0);
        for (const s of scenes) {
          expect(s.title.length).toBeGreaterThan(5);
          expect(s.desc.length).toBeGreaterThan(80);
          expect(`${s.title} ${s.desc}`).not.toMatch(/undefined|NaN|\[object/);
        }
        expect(new Set(scenes.map((s) => s.id)).size).toBe(scenes.length);
      });

      it.each(scenes.map((s) => [s.id, s] as const))('%s: every text inside the panel, none overlapping another or straddling a box', (_, s) => {
        const texts = s.shapes.filter((x) => x.kind === 'text');
        expect(texts.length).toBeGreaterThan(3);
        const boxes = texts.map((t) => textBox(t));
        for (const [i, t] of texts.entries()) {
          const b = boxes[i] as Box;
          const where = `"${t.lines.join(' / ')}"`;
          expect(t.lines.every((l) => plain(l).trim().length > 0), where).toBe(true);
          expect(b[0] >= 0 && b[1] >= 0 && b[2] <= s.width && b[3] <= s.height, `${where} ${b.map(Math.round).join(',')} outside ${s.width}×${s.height}`).toBe(true);
          for (let j = i + 1; j < texts.length; j++) expect(overlap(b, boxes[j] as Box), `${where} overlaps "${texts[j]?.lines.join(' / ')}"`).toBe(false);
          for (const r of s.shapes) {
            if (r.kind !== 'rect' || !/tf-(box|cell)/.test(r.cls)) continue;
            const rb: Box = [r.x, r.y, r.x + r.w, r.y + r.h];
            if (overlap(b, rb)) expect(inside(b, rb), `${where} straddles a box at ${r.x},${r.y}`).toBe(true);
          }
        }
        for (const x of s.shapes) expect(JSON.stringify(x), 'no NaN coordinates').not.toMatch(/null|NaN/);
      });
    });
  }

  it('speak the language: the titles differ from the other language’s', () => {
    const other = lang === 'en' ? 'es' : 'en';
    for (const make of Object.values(SCENES)) {
      const a = make(lang).map((s) => s.title);
      const b = make(other).map((s) => s.title);
      a.forEach((t, i) => expect(t).not.toBe(b[i]));
    }
    expect(FIGURES[lang].deconv.caption).not.toBe(FIGURES[other].deconv.caption);
  });

  it('write numbers in the language’s convention', () => {
    expect(figureNumber(-0.4, lang)).toBe(lang === 'es' ? '−0,4' : '−0.4');
    const weights = gradCamScenes(lang)[1];
    const alphaText = weights?.shapes.flatMap((x) => (x.kind === 'text' ? x.lines : [])).filter((l) => l.startsWith('α_'));
    expect(alphaText).toEqual(lang === 'es' ? ['α_1 = 0,30', 'α_2 = −0,20', 'α_3 = 0,06'] : ['α_1 = 0.30', 'α_2 = −0.20', 'α_3 = 0.06']);
  });
});

describe('SvgScene', () => {
  it('draws an accessible image: role img, named by its title, described by its desc, sub- and superscripts as tspans', () => {
    const { document } = parseHTML('<!doctype html><html><body><div id="c"></div></body></html>');
    const g = globalThis as { document?: unknown };
    const saved = g.document;
    g.document = document;
    try {
      const host = document.getElementById('c') as unknown as Element;
      const scene = gradCamScenes('es')[0] as Scene;
      render(h(SvgScene, { scene }), host);
      const svg = host.querySelector('svg');
      expect(svg?.getAttribute('role')).toBe('img');
      const title = host.querySelector(`#${svg?.getAttribute('aria-labelledby') ?? 'none'}`);
      const desc = host.querySelector(`#${svg?.getAttribute('aria-describedby') ?? 'none'}`);
      expect(title?.tagName.toLowerCase()).toBe('title');
      expect(title?.textContent).toBe(FIGURES.es.gradcam.forward.title);
      expect(desc?.tagName.toLowerCase()).toBe('desc');
      expect(desc?.textContent).toBe(FIGURES.es.gradcam.forward.desc);
      expect(svg?.getAttribute('viewBox')).toBe(`0 0 ${scene.width} ${scene.height}`);
      // "logit y^c": the c is a raised, smaller tspan; the visible words are real text.
      const sup = [...host.querySelectorAll('tspan')].find((t) => t.textContent === 'c' && t.getAttribute('dy') !== null);
      expect(Number(sup?.getAttribute('dy'))).toBeLessThan(0);
      expect(sup?.getAttribute('font-size')).toBe('75%');
      expect(host.textContent).toContain(FIGURES.es.gradcam.forward.slice);
      render(null, host);
    } finally {
      g.document = saved;
    }
  });
});
