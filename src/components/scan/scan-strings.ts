/** The scan panel's words, EN and ES (the loader's own messages are in src/i18n/scan-messages.ts). */
import type { Lang } from '../../i18n/langs';

export interface ScanStrings {
  readonly title: string;
  readonly reading: (files: number) => string;
  readonly decoding: (done: number, total: number) => string;
  readonly series: string;
  readonly seriesOption: (i: number, slices: number, description: string | null, refused: boolean) => string;
  readonly slider: string;
  readonly sliceOf: (k: number, n: number) => string;
  readonly position: (mm: number) => string;
  readonly scored: (done: number, total: number) => string;
  readonly scoredAll: (total: number) => string;
  readonly skipped: (n: number) => string;
  readonly order: (n: number) => string;
  readonly stripTitle: string;
  readonly xMm: string;
  readonly xIndex: string;
  readonly scanLevel: string;
  readonly scanLevelNote: string;
  readonly max: (label: string, p: string, slice: number, above: number) => string;
  readonly marked: string;
  readonly scrollHint: string;
  readonly readFailed: (why: string) => string;
  readonly folder: string;
}

const EN: ScanStrings = {
  title: 'Your scan',
  reading: (n) => `Reading ${n} ${n === 1 ? 'file' : 'files'}…`,
  decoding: (d, n) => `Decoding slice ${d} of ${n}…`,
  series: 'Series',
  seriesOption: (i, n, d, refused) => `${i + 1}: ${n} ${n === 1 ? 'slice' : 'slices'}${d ? ` — ${d}` : ''}${refused ? ' (too many, not loaded)' : ''}`,
  slider: 'Slice',
  sliceOf: (k, n) => `slice ${k + 1} of ${n}`,
  position: (mm) => `${mm.toFixed(1)} mm`,
  scored: (d, n) => `Scoring the slices: ${d} of ${n}`,
  scoredAll: (n) => `All ${n} slices scored`,
  skipped: (n) => `${n} ${n === 1 ? 'file was' : 'files were'} left out, each with its reason`,
  order: (n) => `The ${n} slices in the order shown`,
  stripTitle: 'The six scores along the scan; arrow keys or a click choose the slice on show',
  xMm: 'position along the scan (mm)',
  xIndex: 'slice number (no positions in these files)',
  scanLevel: 'Scan-level answer (maximum over the slices scored)',
  scanLevelNote:
    'The maximum over the slices is the usual scan-level reading: the scan counts as positive for a label when any slice reaches its threshold. It costs false alarms: every slice without blood above the threshold makes a scan without blood positive.',
  max: (l, p, k, above) => `${l}: ${p} at slice ${k + 1}; ${above} ${above === 1 ? 'slice' : 'slices'} at or above the threshold`,
  marked: 'Marked below the strip: slices with a decoder warning.',
  scrollHint: 'Scroll the wheel over the image, use the slider, or the arrow keys on the slider or the strip.',
  readFailed: (why) => `Could not read these files: ${why}`,
  folder: 'Choose a folder',
};

const ES: ScanStrings = {
  title: 'Su estudio',
  reading: (n) => `Leyendo ${n} ${n === 1 ? 'archivo' : 'archivos'}…`,
  decoding: (d, n) => `Decodificando el corte ${d} de ${n}…`,
  series: 'Serie',
  seriesOption: (i, n, d, refused) => `${i + 1}: ${n} ${n === 1 ? 'corte' : 'cortes'}${d ? ` — ${d}` : ''}${refused ? ' (demasiados, no se carga)' : ''}`,
  slider: 'Corte',
  sliceOf: (k, n) => `corte ${k + 1} de ${n}`,
  position: (mm) => `${mm.toFixed(1).replace('.', ',')} mm`,
  scored: (d, n) => `Puntuando los cortes: ${d} de ${n}`,
  scoredAll: (n) => `Los ${n} cortes puntuados`,
  skipped: (n) => `${n} ${n === 1 ? 'archivo quedó' : 'archivos quedaron'} fuera, cada uno con su motivo`,
  order: (n) => `Los ${n} cortes en el orden mostrado`,
  stripTitle: 'Las seis puntuaciones a lo largo del estudio; las flechas o un clic eligen el corte mostrado',
  xMm: 'posición a lo largo del estudio (mm)',
  xIndex: 'número de corte (estos archivos no llevan posición)',
  scanLevel: 'Respuesta por estudio (máximo sobre los cortes puntuados)',
  scanLevelNote:
    'El máximo sobre los cortes es la lectura habitual por estudio: el estudio cuenta como positivo para una etiqueta cuando algún corte alcanza su umbral. Cuesta falsas alarmas: cada corte sin sangre por encima del umbral vuelve positivo un estudio sin sangre.',
  max: (l, p, k, above) => `${l}: ${p} en el corte ${k + 1}; ${above} ${above === 1 ? 'corte' : 'cortes'} en el umbral o por encima`,
  marked: 'Marcados bajo la tira: cortes con un aviso del decodificador.',
  scrollHint: 'Gire la rueda sobre la imagen, use el deslizador o las flechas sobre el deslizador o la tira.',
  readFailed: (why) => `No se pudieron leer estos archivos: ${why}`,
  folder: 'Elegir una carpeta',
};

export function scanStrings(lang: Lang): ScanStrings {
  return lang === 'es' ? ES : EN;
}
