/** The words of the SVG exports (#23 item 3), in each language. */
import type { Lang } from './langs';

export interface ExportStrings {
  readonly figureSvg: string;
  readonly chartSvg: string;
  readonly slide: string;
}

const EN: ExportStrings = { figureSvg: 'Save figure as SVG', chartSvg: 'Save the chart as SVG', slide: 'Save a 16:9 slide (1920×1080)' };
const ES: ExportStrings = { figureSvg: 'Guardar la figura como SVG', chartSvg: 'Guardar el gráfico como SVG', slide: 'Guardar una diapositiva 16:9 (1920×1080)' };

export function exportStrings(lang: Lang): ExportStrings {
  return lang === 'es' ? ES : EN;
}
