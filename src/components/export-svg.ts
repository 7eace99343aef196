/**
 * SVG exports for slides (#23 item 3): the captioned figure (the same layout as the PNG, see
 * export-figure.ts, its text as real SVG text in the reader's language and its maps as embedded PNG
 * images, so a slide tool can scale the words and edit them), and the score chart (the d3 SVG on show,
 * with the page's computed styles written onto each element so that it stands alone).
 *
 * `figureSvg` and `standaloneSvg` are pure string builders (tested in Node); the `save…` functions
 * download the result in the page. Nothing is uploaded.
 */
import { canvasMeasure, layoutFigure, type FigureLayout, type FigureSpec, type Font } from './export-figure';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const FONT_FAMILY = 'system-ui, sans-serif';
const fontAttrs = (f: Font): string => `font-family="${FONT_FAMILY}" font-size="${f.size}"${f.bold ? ' font-weight="600"' : ''}`;

/**
 * The figure as an SVG document.
 * @param layout from layoutFigure (layout units become SVG user units)
 * @param spec the same spec (its tiles' colour tables draw the scales)
 * @param images one href per tile (a data: URL of the tile's canvas), or null for a black square
 */
export function figureSvg(layout: FigureLayout, spec: FigureSpec, images: readonly (string | null)[]): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<title>${esc(spec.title)}</title>`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
  ];
  let gradients = 0;
  for (const op of layout.ops) {
    if (op.kind === 'text') {
      const anchor = op.align === 'center' ? 'middle' : op.align === 'right' ? 'end' : 'start';
      out.push(`<text x="${op.x}" y="${op.y}" ${fontAttrs(op.font)} fill="${op.colour}" text-anchor="${anchor}">${esc(op.text)}</text>`);
    } else if (op.kind === 'image') {
      out.push(`<rect x="${op.x}" y="${op.y}" width="${op.size}" height="${op.size}" fill="#000000"/>`);
      const href = images[op.tile];
      if (href) out.push(`<image x="${op.x}" y="${op.y}" width="${op.size}" height="${op.size}" href="${esc(href)}" xlink:href="${esc(href)}" style="image-rendering:pixelated" preserveAspectRatio="none"/>`);
    } else if (op.kind === 'scale') {
      const lut = spec.tiles[op.tile]?.scale?.lut;
      if (!lut) continue;
      const id = `scale${gradients++}`;
      const stops: string[] = [];
      for (let i = 0; i < 256; i += 15) stops.push(`<stop offset="${(i / 255).toFixed(3)}" stop-color="rgb(${lut[i * 3] ?? 0},${lut[i * 3 + 1] ?? 0},${lut[i * 3 + 2] ?? 0})"/>`);
      stops.push(`<stop offset="1" stop-color="rgb(${lut[765] ?? 0},${lut[766] ?? 0},${lut[767] ?? 0})"/>`);
      out.push(`<defs><linearGradient id="${id}" x1="0" x2="1" y1="0" y2="0">${stops.join('')}</linearGradient></defs>`);
      out.push(`<rect x="${op.x}" y="${op.y}" width="${op.w}" height="${op.h}" fill="url(#${id})"/>`);
    } else {
      out.push(`<rect x="${op.x1 - 2}" y="${op.y1 - 6}" width="${op.x2 - op.x1 + 4}" height="12" fill="#000000"/>`);
      out.push(`<line x1="${op.x1}" y1="${op.y1}" x2="${op.x2}" y2="${op.y2}" stroke="${op.colour}" stroke-width="${op.width}"${op.dash ? ' stroke-dasharray="4 2"' : ''}/>`);
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** The style properties copied onto each element of a chart so that it renders the same on its own. */
export const CHART_STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display'] as const;

/**
 * A chart's SVG markup made standalone: the xmlns, a white background, a title, and each element's
 * style from `styleOf` (the page's computed style) in a style attribute.
 * @param root the chart's <svg> element (read, never changed)
 * @param styleOf the declarations to write for an element (e.g. from getComputedStyle)
 */
export function standaloneSvg(root: SVGSVGElement, title: string, styleOf: (el: Element) => Record<string, string>): string {
  const clone = root.cloneNode(true) as SVGSVGElement;
  const from = [root, ...root.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    const css = Object.entries(styleOf(el))
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${k}:${v}`)
      .join(';');
    if (css) target.setAttribute('style', css);
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const w = root.getAttribute('width') ?? String(root.viewBox?.baseVal?.width ?? '');
  const h = root.getAttribute('height') ?? String(root.viewBox?.baseVal?.height ?? '');
  const titleEl = `<title>${esc(title)}</title>`;
  const background = `<rect width="100%" height="100%" fill="#ffffff"/>`;
  const body = clone.outerHTML.replace(/^<svg([^>]*)>/, (_m, attrs: string) => `<svg${attrs}>${titleEl}${background}`);
  return w && h && !/\swidth=/.test(body.slice(0, body.indexOf('>'))) ? body.replace('<svg', `<svg width="${w}" height="${h}"`) : body;
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Download the figure as SVG (`fileName` ends in .svg). */
export function saveFigureSvg(spec: FigureSpec, canvases: readonly HTMLCanvasElement[], fileName: string): void {
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return;
  const layout = layoutFigure(spec, canvasMeasure(probe));
  download(figureSvg(layout, spec, canvases.map((c) => c.toDataURL('image/png'))), fileName);
}

/** Download the score chart on show as SVG. */
export function saveChartSvg(root: SVGSVGElement, title: string, fileName: string): void {
  download(
    standaloneSvg(root, title, (el) => {
      const cs = getComputedStyle(el);
      return Object.fromEntries(CHART_STYLE_PROPS.map((p) => [p, cs.getPropertyValue(p)]));
    }),
    fileName,
  );
}
