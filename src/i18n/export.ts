/** The words of the SVG exports (#23 item 3), in each language. */
import type { Lang } from './langs';

export interface ExportStrings {
  readonly figureSvg: string;
  readonly chartSvg: string;
}

const EN: ExportStrings = { figureSvg: 'Save figure as SVG', chartSvg: 'Save the chart as SVG' };
const ES: ExportStrings = { figureSvg: 'Guardar la figura como SVG', chartSvg: 'Guardar el gráfico como SVG' };

export function exportStrings(lang: Lang): ExportStrings {
  return lang === 'es' ? ES : EN;
}
