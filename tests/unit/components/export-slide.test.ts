/** The 16:9 slide (#23 item 3): 1920×1080, one map at 512 px or more, nothing outside the slide. */
import { describe, expect, it } from 'vitest';
import type { FigureSpec, TileSpec } from '../../../src/components/export-figure';
import { layoutSlide, SLIDE_HEIGHT, SLIDE_WIDTH } from '../../../src/components/export-slide';

// Wider than system-ui on average (0.62–0.66 em a character), so the 512 px floor holds with real fonts too.
const measure = (text: string, font: { size: number; bold?: boolean }): number => text.length * font.size * (font.bold ? 0.66 : 0.62);
const lut = new Uint8Array(768);
const tile = (title: string): TileSpec => ({ title, lines: ['subdural, layer4', 'vista: agregada'], scale: { lut, ticks: ['0', '0,5', '1 = máximo del mapa'], note: 'Dividido por el máximo del mapa: nada se recorta.' } });
const spec = (n: number): FigureSpec => ({
  title: 'Grad-CAM · subdural',
  subtitle: ['Hematoma subdural (fantoma 1004) · ventana cerebral N40/A80', 'subdural: probabilidad 0,998 (umbral 0,412)'],
  tiles: Array.from({ length: n }, (_, i) => tile(`Método ${i + 1}`)),
  key: [{ name: 'subdural (la etiqueta explicada)', colour: '#ff7f0e', strong: true }, { name: 'epidural', colour: '#1f77b4', strong: false }],
  keyTitle: 'Contornos reales:',
  footer: ['Modelo: ResNet34, entrenada el 2026-11-29 (configuración real, uint8-channel, sha256 083eb98dd59d). Explicador de CNN para hemorragia intracraneal.', 'Enlace a esta vista: https://example.org/es/?seed=1004&method=gradcam&label=5&layer=layer4', 'Herramienta didáctica, no un dispositivo médico.'],
});

describe('layoutSlide', () => {
  it.each([1, 5])('%i tile(s): 1920×1080, every op inside the slide, images in one row without overlap', (n) => {
    const l = layoutSlide(spec(n), measure);
    expect([l.width, l.height]).toEqual([SLIDE_WIDTH, SLIDE_HEIGHT]);
    const images = l.ops.filter((o) => o.kind === 'image');
    expect(images).toHaveLength(n);
    for (const o of l.ops) {
      if (o.kind === 'image') expect(o.x >= 0 && o.y >= 0 && o.x + o.size <= SLIDE_WIDTH && o.y + o.size <= SLIDE_HEIGHT).toBe(true);
      if (o.kind === 'text') expect(o.y).toBeLessThanOrEqual(SLIDE_HEIGHT);
    }
    const xs = images.map((o) => (o.kind === 'image' ? [o.x, o.x + o.size] : [0, 0]));
    for (let i = 1; i < xs.length; i++) expect(xs[i]?.[0] ?? 0).toBeGreaterThan(xs[i - 1]?.[1] ?? 0);
    // The footer's last line stays clear of the scale notes above it.
    const texts = l.ops.filter((o) => o.kind === 'text');
    expect(texts.some((o) => o.kind === 'text' && o.text.startsWith('Herramienta didáctica'))).toBe(true);
  });

  it('a single map is at least 512 px', () => {
    expect(layoutSlide(spec(1), measure).tile).toBeGreaterThanOrEqual(512);
  });
});
