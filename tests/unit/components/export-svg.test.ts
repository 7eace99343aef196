/** The SVG exports (#23 item 3): the figure's layout as SVG text and images, the chart made standalone. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { layoutFigure, type FigureSpec } from '../../../src/components/export-figure';
import { figureSvg, standaloneSvg } from '../../../src/components/export-svg';
import { scoresChart } from '../../../src/charts/scores';

const measure = (text: string, font: { size: number }): number => text.length * font.size * 0.55;
const lut = new Uint8Array(768).map((_, i) => Math.floor(i / 3));

const spec: FigureSpec = {
  title: 'Grad-CAM · subdural',
  subtitle: ['Hematoma subdural (fantoma 1004) · ventana N40/A80', 'subdural: probabilidad 0,998'],
  tiles: [{ title: 'Grad-CAM', lines: ['subdural, layer4'], scale: { lut, ticks: ['0', '1 = máximo del mapa'], note: 'dividido por su máximo' } }],
  key: [{ name: 'subdural', colour: '#ff7f0e', strong: true }],
  keyTitle: 'Contornos reales:',
  footer: ['Modelo entrenado el 29-11-2026 <versión>', 'https://example.org/es/?seed=1004&method=gradcam'],
};

describe('figureSvg', () => {
  const layout = layoutFigure(spec, measure);
  const svg = figureSvg(layout, spec, ['data:image/png;base64,AAAA']);

  it('is an SVG document of the layout’s size with every text of the spec, escaped, in its language', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${layout.width} ${layout.height}"`);
    for (const line of [...spec.subtitle, 'Contornos reales:', '1 = máximo del mapa']) expect(svg).toContain(line);
    expect(svg).toContain('&lt;versión&gt;');
    expect(svg).toContain('seed=1004&amp;method=gradcam');
    expect(svg).not.toMatch(/[^&]&[^a-z#]/);
  });

  it('embeds the tile as an image and the colour scale as a gradient, and parses as XML', () => {
    expect(svg).toMatch(/<image [^>]*href="data:image\/png;base64,AAAA"/);
    expect(svg).toMatch(/<linearGradient id="scale0"/);
    const { DOMParser } = parseHTML('<!doctype html><html></html>');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelectorAll('text').length).toBeGreaterThan(5);
  });
});

describe('standaloneSvg', () => {
  it('writes each element’s style inline, drops classes, keeps the chart’s numbers', () => {
    const { document } = parseHTML('<!doctype html><html><body><div id="c"></div></body></html>');
    const el = document.getElementById('c') as unknown as Element;
    const labels = ['cualquiera', 'epidural', 'intraparenquimatosa', 'intraventricular', 'subaracnoidea', 'subdural'];
    scoresChart(el, { labels, values: [0.99, 0.1, 0, 0, 0, 0.98], thresholds: Array(6).fill(0.5) }, { title: 'Puntuaciones', width: 480, format: (v) => v.toFixed(3).replace('.', ',') });
    const root = el.querySelector('svg') as unknown as SVGSVGElement;
    const out = standaloneSvg(root, 'Las seis puntuaciones', (e) => ({ fill: e.getAttribute('class')?.includes('bar') ? '#000' : '', 'font-family': 'system-ui' }));
    expect(out).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(out).toContain('<title>Las seis puntuaciones</title>');
    expect(out).not.toContain('class=');
    expect(out).toContain('fill:#000;font-family:system-ui');
    expect(out).toContain('0,990');
    // The page's chart is left as it was.
    expect(root.querySelectorAll('[class]').length).toBeGreaterThan(0);
  });
});
