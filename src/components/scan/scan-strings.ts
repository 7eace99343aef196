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
  readonly cautioned: (n: number) => string;
  readonly scrollHint: string;
  readonly readFailed: (why: string) => string;
  readonly folder: string;
  /** The built-in whole scan: the picker's button, the panel's title, what it is (with the credit). */
  readonly builtinButton: string;
  readonly builtinTitle: string;
  readonly builtinAbout: string;
  readonly builtinLoading: (loaded: number, total: number) => string;
  readonly builtinFailed: (why: string) => string;
  readonly builtinSliceName: (k: number, n: number) => string;
  readonly builtinXMm: string;
  readonly truthShaded: string;
  readonly articleStripTitle: string;
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
  marked: 'Marked below the strip: slices with a decoder warning (triangles).',
  cautioned: (n) => `Diamonds: ${n} ${n === 1 ? 'slice' : 'slices'} the caution flags (not a brain-level head-CT slice, or far from the training data); their scores mean little.`,
  scrollHint: 'Scroll the wheel over the image, use the slider, or the arrow keys on the slider or the strip.',
  readFailed: (why) => `Could not read these files: ${why}`,
  folder: 'Choose a folder',
  builtinButton: 'Scroll a whole head (built-in scan, 2.5 MB)',
  builtinTitle: 'Built-in scan: a real head CT, base to vertex, with one painted bleed',
  builtinAbout:
    'A real head CT from the skull base to the top of the head: the cadaver head CT study of the University of North Carolina (Chapel Hill Volume Rendering Test Data Set, in the public domain; credit: University of North Carolina), 86 slices about 2 mm apart, resampled to 224 × 224 pixels. One acute subdural haematoma is painted into it by this site’s bleed painter over 32 neighbouring slices, its thickness and extent rising and falling smoothly along the head; its outline is the ground truth. Everything else is the real scan: no other slice holds blood. This scan’s brain reads about 50–60 HU, denser than a living patient’s (an older scanner, a cadaver), so the blood was painted at about 70 HU to keep the usual contrast between blood and brain. The file was fetched only when you asked for it.',
  builtinLoading: (l, t) => (t > 0 ? `Loading the built-in scan: ${(l / 2 ** 20).toFixed(1)} of ${(t / 2 ** 20).toFixed(1)} MB…` : `Loading the built-in scan: ${(l / 2 ** 20).toFixed(1)} MB…`),
  builtinFailed: (why) => `Could not load the built-in scan: ${why}`,
  builtinSliceName: (k, n) => `Built-in head CT (UNC), slice ${k + 1} of ${n}`,
  builtinXMm: 'mm above the lowest slice (≈2 mm apart)',
  truthShaded: 'Shaded in a row: slices where the painted bleed of that label is (its mask).',
  articleStripTitle: 'The six scores of this page’s network along the built-in scan, skull base on the left, vertex on the right; shaded: the slices with the painted subdural',
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
  marked: 'Marcados bajo la tira: cortes con un aviso del decodificador (triángulos).',
  cautioned: (n) => `Rombos: ${n} ${n === 1 ? 'corte que la precaución señala' : 'cortes que la precaución señala'} (no es un corte de TC craneal a la altura del encéfalo, o está lejos de los datos de entrenamiento); sus puntuaciones dicen poco.`,
  scrollHint: 'Gire la rueda sobre la imagen, use el deslizador o las flechas sobre el deslizador o la tira.',
  readFailed: (why) => `No se pudieron leer estos archivos: ${why}`,
  folder: 'Elegir una carpeta',
  builtinButton: 'Recorrer una cabeza entera (estudio incluido, 2,5 MB)',
  builtinTitle: 'Estudio incluido: una TC craneal real, de la base al vértex, con un sangrado pintado',
  builtinAbout:
    'Una TC craneal real desde la base del cráneo hasta el vértex: el estudio de TC de una cabeza de cadáver de la Universidad de Carolina del Norte (Chapel Hill Volume Rendering Test Data Set, de dominio público; crédito: University of North Carolina), 86 cortes separados unos 2 mm, remuestreados a 224 × 224 píxeles. El pintor de sangrados de este sitio le añade un hematoma subdural agudo en 32 cortes vecinos, con un grosor y una extensión que crecen y decrecen suavemente a lo largo de la cabeza; su contorno es la verdad de referencia. Todo lo demás es el estudio real: ningún otro corte contiene sangre. El cerebro de este estudio mide unas 50–60 UH, más denso que el de un paciente vivo (un tomógrafo antiguo, un cadáver), así que la sangre se pintó a unas 70 UH para conservar el contraste habitual entre sangre y cerebro. El archivo se ha descargado solo cuando usted lo ha pedido.',
  builtinLoading: (l, t) => (t > 0 ? `Cargando el estudio incluido: ${(l / 2 ** 20).toFixed(1).replace('.', ',')} de ${(t / 2 ** 20).toFixed(1).replace('.', ',')} MB…` : `Cargando el estudio incluido: ${(l / 2 ** 20).toFixed(1).replace('.', ',')} MB…`),
  builtinFailed: (why) => `No se pudo cargar el estudio incluido: ${why}`,
  builtinSliceName: (k, n) => `TC craneal incluida (UNC), corte ${k + 1} de ${n}`,
  builtinXMm: 'mm sobre el corte más bajo (cada ≈2 mm)',
  truthShaded: 'Sombreados en una fila: los cortes donde está el sangrado pintado de esa etiqueta (su máscara).',
  articleStripTitle: 'Las seis puntuaciones de la red de esta página a lo largo del estudio incluido, la base del cráneo a la izquierda y el vértex a la derecha; sombreados: los cortes con el subdural pintado',
};

export function scanStrings(lang: Lang): ScanStrings {
  return lang === 'es' ? ES : EN;
}
