/**
 * The explorer islands' interface strings in English and Spanish (the page frame's strings live in
 * src/i18n/ui.ts; these stay beside the only components that use them).
 */
import type { Lang } from '../i18n/langs';
import type { MethodName } from '../explain/method';
import type { WindowName } from '../ct/window';
import { attemptText, softwareGpuText, type AttemptWhy } from '../model/backend-reasons';
import { chartThresholdNote, type ThresholdOrigins } from '../model/threshold-origin';

/** How long a map took: `ms` 0 means it came from the session's cache; `shared` maps came from one batched pass. */
export interface MapTime {
  readonly ms: number;
  readonly shared?: number;
}

const en = {
  explorer: 'Explorer: the network and its explanations on one CT slice',
  sample: 'Slice',
  builtIn: 'Built-in phantoms',
  /** A built-in sample's name (the English names come from SAMPLES). */
  sampleName: (name: string, _shows: string, _seed: number): string => name,
  realGroup: 'Real head CT (InVesalius example, GPL-2), bleeds painted in',
  /** A real-background sample's name (the English names come from REAL_SAMPLES). */
  realName: (name: string, _shows: string): string => {
    const n = name.replace(/^Real head CT, /, '');
    return n.charAt(0).toUpperCase() + n.slice(1);
  },
  random: 'New random case',
  randomCase: (seed: number) => `Random phantom, seed ${seed}`,
  upload: 'Load your own (DICOM, PNG or JPEG)',
  dropHint: 'or drop a file here. It is read in this page and never leaves your computer.',
  window8bit: 'Window of an 8-bit image',
  windowAuto: 'estimate it from the image',
  huOffset16: 'Offset of a 16-bit PNG (HU = value + offset)',
  frame: 'Frame',
  readAs: { dicom: 'Read as DICOM', png: 'Read as PNG', jpeg: 'Read as JPEG', phantom: 'Phantom' },
  windowEstimated: (l: number, w: number) => `8-bit image, window estimated from its histogram: L${l}/W${w}`,
  windowGiven: (l: number, w: number) => `8-bit image read with window L${l}/W${w}`,
  frameOf: (i: number, n: number) => `frame ${i} of ${n}`,
  fileSize: (w: number, h: number, square: string | null) => `${w}×${h} pixels${square ? ` (${square} once the pixels are made square)` : ''}`,
  huRange: (lo: number, hi: number) => `${lo} to ${hi} HU`,
  fileWarnings: 'Check this file before trusting the scores:',
  uploaded: (name: string) => `Your file: ${name}`,
  method: 'Method',
  label: 'Explain the score of',
  layer: 'Grad-CAM layer',
  deconvTarget: 'DeconvNet starts from',
  targetLabel: 'the chosen label’s logit',
  targetFeature: 'one channel of a block',
  block: 'Block',
  channel: 'Channel',
  channelClamped: (asked: string, block: string, n: number, shown: number) => `There is no channel ${asked} in ${block}: it has ${n} (0 to ${n - 1}). Showing channel ${shown}.`,
  view: 'Gradient view',
  viewAggregate: 'all windows (Σ|g|)',
  viewChannel: (c: number, w: string) => `channel ${c} = ${w} window`,
  displayWindow: 'Display window',
  custom: 'custom',
  level: 'Level (HU)',
  width: 'Width (HU)',
  opacity: 'Overlay opacity',
  colourMap: 'Colour map',
  mask: 'Show the ground-truth bleed outline',
  noMask: 'Off: your file has no ground-truth mask (only the built-in slices come with one).',
  colourMapSigned: 'Off: signed views always use blue–red.',
  layerUnused: 'Off: only the Grad-CAMs use a layer.',
  targetUnused: 'Off: only DeconvNet uses this.',
  viewUnused: 'Off: Grad-CAM has one map for all windows.',
  outlineKey: 'Ground-truth outlines:',
  outlineNone: 'no bleed in this slice’s ground truth.',
  outlineExplained: 'the label explained',
  scores: 'Scores (sigmoid outputs)',
  threshold: 'threshold',
  scoresTitle: 'What the network answers: six scores for this slice (sigmoid probabilities, 0 to 1)',
  keyAbove: 'at or above its threshold',
  keyBelow: 'below its threshold',
  keyThreshold:
    'decision threshold of each label, chosen on validation phantoms and real-background composites (best sensitivity + specificity), not on real scans',
  keyThresholdShared: 'decision threshold (0.5 for every label: this network has no thresholds of its own)',
  scoresHint: 'Point at a bar, or focus it with Tab, to read its probability and logit.',
  scoreRow: (label: string, p: string, logit: string | null, thr: string, above: boolean) =>
    `${label}: probability ${p}${logit === null ? '' : `, logit ${logit}`}; threshold ${thr}, ${above ? 'at or above it' : 'below it'}`,
  scoresTable: 'The scores as a table',
  oodFar: (score: string, thr: string, held: string) =>
    `Far from the training data. This slice’s features (the network’s last layer before its scores) lie far from those of the phantoms and composites it learned from: distance ${score}, where slices beyond ${thr} are flagged (${held} stay below it). Its scores may mean nothing here, however close to 1 they are.`,
  oodNear: (score: string, thr: string) =>
    `Near the training data: distance ${score}, below the flag at ${thr}. That says the slice looks familiar to the network, not that its scores are right.`,
  disagree: (anyLabel: string, subtypes: readonly string[]) =>
    `The outputs disagree: ${
      subtypes.length === 0
        ? `“${anyLabel}” is at or above its threshold, but no subtype is.`
        : `${subtypes.map((x) => `“${x}”`).join(', ')} ${subtypes.length === 1 ? 'is at or above its threshold' : 'are at or above their thresholds'}, but “${anyLabel}” is not.`
    } The six outputs are separate sigmoids; nothing in the network makes them agree.`,
  oodHeld: (p: readonly [number, number], c: readonly [number, number]) => `${p[0]} of ${p[1]} held-out phantoms and ${c[0]} of ${c[1]} held-out composites`,
  colLabel: 'Label',
  colProbability: 'Probability',
  colLogit: 'Logit',
  colThreshold: 'Threshold',
  colSide: 'Against the threshold',
  sideAbove: 'at or above',
  sideBelow: 'below',
  compare: 'Compare all methods',
  gridTitle: (n: number, label: string) =>
    `${['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'][n] ?? String(n)} ${n === 1 ? 'map' : 'maps'} of one decision: the score of “${label}” on this slice`,
  single: 'One method',
  exportPng: 'Save figure as PNG',
  figWindow: (name: string, l: number, w: number) => `display window ${name} L${l}/W${w}`,
  figExplains: (label: string) => `explains “${label}”`,
  figTarget: (block: string, channel: number) => `starts from ${block}, channel ${channel}`,
  figLayer: (layer: string) => `at ${layer}`,
  figScore: (label: string, p: string, thr: string) => `Score of “${label}”: ${p} (decision threshold ${thr})`,
  figModel: (v: string) => `Model: ${v}. ICH CNN explainer.`,
  figLink: 'This view:',
  figOodFar: (score: string, thr: string) => `Caution: far from the training data (distance ${score}, flagged above ${thr}); the scores may mean nothing here.`,
  figFileNote: 'The slice is the reader’s own file: the link shows the same settings on a built-in slice.',
  figCaution: 'A teaching figure about a network trained on synthetic data; not for clinical use.',
  copyLink: 'Copy a link to this view',
  linkCopied: 'Link copied to the clipboard.',
  linkNoFile: (sample: string) =>
    `A link cannot carry your file: the file stays on this computer. The link opens these settings on the built-in slice “${sample}”.`,
  linkCopiedNoFile: (sample: string) =>
    `Link copied, without your file: a local file cannot travel in a link. Whoever opens it sees these settings on the built-in slice “${sample}”, not on your file.`,
  phantomPrefix: 'Phantom: ',
  realPrefix: 'Real head CT: ',
  linkNotCopied: 'This browser refused the clipboard; the page address holds this view and can be copied from there.',
  loadingTf: 'Starting the model…',
  loadingModel: (pct: number) => `Downloading the model… ${pct}%`,
  computing: 'Computing…',
  backend: 'Backend',
  tried: 'tried',
  threads: (n: number) => (n === 1 ? '1 thread' : `${n} threads`),
  threadsLowered: (asked: number) => `${asked} asked for; no more run than the logical cores this browser reports, at most 8`,
  threadsIgnored: (value: string) => `?threads=${value} ignored: use a whole number from 1 to 64`,
  oneThreadWhy: {
    node: 'WebAssembly runs on one thread in Node',
    'not-isolated': 'threads are off because this page is not cross-origin isolated (its host sends no COOP/COEP headers)',
    asked: 'as asked by ?threads=1',
    'no-support': 'this browser cannot share WebAssembly memory between threads here',
    'one-core': 'this browser reports one logical core',
  } as Record<'node' | 'not-isolated' | 'asked' | 'no-support' | 'one-core', string>,
  forward: 'forward pass',
  latency: (ms: number) => `${ms < 1 ? '<1' : Math.round(ms)} ms`,
  mapTime: (m: MapTime | undefined): string =>
    !m ? '' : m.ms === 0 ? 'cached' : `${m.ms < 1 ? '<1' : Math.round(m.ms)} ms${m.shared && m.shared > 1 ? ` (one pass for ${m.shared} maps)` : ''}`,
  untrained:
    'No trained weights are served with this site, so the model is an untrained random network: its scores and maps show the methods at work, not anything learned about bleeding.',
  trained: 'Trained on the project’s synthetic phantoms and on two real normal head CTs with painted bleeds and painted look-alikes (not one patient’s bleed).',
  modelFailed: (msg: string) => `The model could not be loaded: ${msg}. The slice viewer still works.`,
  fileFailed: (msg: string) => `That file could not be used: ${msg}. The previous slice is still shown.`,
  tooBig: (mb: number, limit: number) => `file is ${mb.toFixed(0)} MB, more than the ${limit} MB limit`,
  legendMax: 'map maximum',
  legendP99: '99th percentile',
  legendClipped: 'Values beyond the 99th percentile of the magnitude are clipped.',
  legendCam: 'Divided by the map’s maximum: nothing is clipped.',
  softwareGpu: softwareGpuText,
  /** Why a backend was passed over; `error` (tfjs's own words) when there is no code. */
  attemptWhy: (why: AttemptWhy | undefined, error: string): string => (why ? attemptText(why) : error),
  softwareBackend: (why: string) => `${why}: this browser has no usable GPU here, so this backend runs in software, many times slower than wasm. Remove ?backend= from the address to let the page choose`,
  mapAlt: (method: string, label: string) => `CT slice with the ${method} map for “${label}” overlaid`,
  peakSummary: 'Where the map peaks',
  windows: { brain: 'brain', subdural: 'subdural', bone: 'bone' } satisfies Record<WindowName, string>,
  labels: ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'],
  methods: {
    gradient: 'Gradient',
    deconvnet: 'DeconvNet',
    gradcam: 'Grad-CAM',
    'guided-backprop': 'Guided Backprop',
    'guided-gradcam': 'Guided Grad-CAM',
    smoothgrad: 'SmoothGrad',
    'integrated-gradients': 'Integrated Gradients',
    'gradcam-plus-plus': 'Grad-CAM++',
    occlusion: 'Occlusion',
  } satisfies Record<MethodName, string>,
  shows: {
    normal: 'Normal',
    epidural: 'Epidural haematoma',
    intraparenchymal: 'Intraparenchymal haemorrhage',
    intraventricular: 'Intraventricular haemorrhage',
    subarachnoid: 'Subarachnoid haemorrhage',
    subdural: 'Subdural haematoma',
  },
  /** Region of the image in thirds: row 0..2 top to bottom, column 0..2 left to right. */
  where: (row: number, col: number): string =>
    row === 1 && col === 1
      ? 'centre of the image'
      : `${['upper (anterior)', 'middle', 'lower (posterior)'][row]} part of the ${['left side of the image (the patient’s right)', 'image’s centre line', 'right side of the image (the patient’s left)'][col]}`,
  peak: (where: string, inside: string) => `The map peaks in the ${where}${inside}.`,
  insideMask: (names: string) => `, inside the ground-truth ${names} mask`,
  outsideMask: ', outside every ground-truth bleed mask',
  flatMap: 'The map is zero everywhere for this choice.',
};

export type ExplorerStrings = typeof en;

/** The built-in samples' names in Spanish, by seed (the English names are in src/phantom/samples.ts). */
const SAMPLE_NAMES_ES: Readonly<Record<number, string>> = {
  1002: 'Normal, ganglios basales',
  1005: 'Normal, ganglios basales (segunda cabeza)',
  1006: 'Normal, cisterna supraselar',
  1082: 'Hematoma epidural',
  1091: 'Hematoma epidural, convexidad alta',
  1000: 'Hemorragia intraparenquimatosa, lobar',
  1059: 'Hemorragia intraparenquimatosa',
  1016: 'Hemorragia intraventricular',
  1069: 'Hemorragia intraventricular (segunda)',
  1026: 'Hemorragia subaracnoidea',
  1038: 'Hemorragia subaracnoidea, de la convexidad',
  1004: 'Hematoma subdural',
  1077: 'Hematoma subdural (segundo)',
};

const es: ExplorerStrings = {
  explorer: 'Explorador: la red y sus explicaciones sobre un corte de TC',
  sample: 'Corte',
  builtIn: 'Fantomas incluidos',
  sampleName: (_name, shows, seed) => SAMPLE_NAMES_ES[seed] ?? `${es.shows[shows as keyof typeof es.shows] ?? shows} (${seed})`,
  realGroup: 'TC craneal real (ejemplo de InVesalius, GPL-2), con sangrado pintado',
  realName: (_name, shows) => (shows === 'normal' ? 'Normal, sin sangrado' : `${es.shows[shows as keyof typeof es.shows] ?? shows} (sangrado pintado)`),
  random: 'Nuevo caso aleatorio',
  randomCase: (seed) => `Fantoma aleatorio, semilla ${seed}`,
  upload: 'Cargar uno propio (DICOM, PNG o JPEG)',
  dropHint: 'o suelte un archivo aquí. Se lee en esta página y nunca sale de su ordenador.',
  window8bit: 'Ventana de una imagen de 8 bits',
  windowAuto: 'estimarla a partir de la imagen',
  huOffset16: 'Desplazamiento de un PNG de 16 bits (UH = valor + desplazamiento)',
  frame: 'Fotograma',
  readAs: { dicom: 'Leído como DICOM', png: 'Leído como PNG', jpeg: 'Leído como JPEG', phantom: 'Fantoma' },
  windowEstimated: (l, w) => `imagen de 8 bits, ventana estimada a partir de su histograma: N${l}/A${w}`,
  windowGiven: (l, w) => `imagen de 8 bits leída con la ventana N${l}/A${w}`,
  frameOf: (i, n) => `fotograma ${i} de ${n}`,
  fileSize: (w, h, square) => `${w}×${h} píxeles${square ? ` (${square} al hacer cuadrados los píxeles)` : ''}`,
  huRange: (lo, hi) => `de ${lo} a ${hi} UH`,
  fileWarnings: 'Revise este archivo antes de fiarse de las puntuaciones:',
  uploaded: (name) => `Su archivo: ${name}`,
  method: 'Método',
  label: 'Explicar la puntuación de',
  layer: 'Capa de Grad-CAM',
  deconvTarget: 'DeconvNet parte de',
  targetLabel: 'el logit de la etiqueta elegida',
  targetFeature: 'un canal de un bloque',
  block: 'Bloque',
  channel: 'Canal',
  channelClamped: (asked, block, n, shown) => `${block} no tiene canal ${asked}: tiene ${n} (de 0 a ${n - 1}). Se muestra el canal ${shown}.`,
  view: 'Vista del gradiente',
  viewAggregate: 'todas las ventanas (Σ|g|)',
  viewChannel: (c, w) => `canal ${c} = ventana ${w}`,
  displayWindow: 'Ventana de visualización',
  custom: 'personalizada',
  level: 'Nivel (UH)',
  width: 'Anchura (UH)',
  opacity: 'Opacidad del mapa',
  colourMap: 'Mapa de color',
  mask: 'Mostrar el contorno real del sangrado',
  noMask: 'Desactivado: su archivo no tiene máscara real (solo los cortes incluidos la traen).',
  colourMapSigned: 'Desactivado: con signo, siempre azul–rojo.',
  layerUnused: 'Desactivado: solo los Grad-CAM usan capa.',
  targetUnused: 'Desactivado: solo lo usa DeconvNet.',
  viewUnused: 'Desactivado: Grad-CAM da un solo mapa.',
  outlineKey: 'Contornos reales:',
  outlineNone: 'la anotación de este corte no tiene sangrado.',
  outlineExplained: 'la etiqueta explicada',
  scores: 'Puntuaciones (salidas sigmoide)',
  threshold: 'umbral',
  scoresTitle: 'Lo que responde la red: seis puntuaciones para este corte (probabilidades sigmoide, de 0 a 1)',
  keyAbove: 'en su umbral o por encima',
  keyBelow: 'por debajo de su umbral',
  keyThreshold:
    'umbral de decisión de cada etiqueta, elegido con fantomas y composiciones de fondo real de validación (mejor sensibilidad + especificidad), no con exploraciones reales',
  keyThresholdShared: 'umbral de decisión (0,5 para todas las etiquetas: esta red no tiene umbrales propios)',
  scoresHint: 'Señale una barra, o llegue a ella con Tab, para leer su probabilidad y su logit.',
  scoreRow: (label, p, logit, thr, above) =>
    `${label}: probabilidad ${p}${logit === null ? '' : `, logit ${logit}`}; umbral ${thr}, ${above ? 'en el umbral o por encima' : 'por debajo'}`,
  scoresTable: 'Las puntuaciones en una tabla',
  oodFar: (score, thr, held) =>
    `Lejos de los datos de entrenamiento. Los rasgos de este corte (la última capa de la red antes de sus puntuaciones) quedan lejos de los de los fantomas y composiciones con que aprendió: distancia ${score}, y se señalan los cortes por encima de ${thr} (${held} quedan por debajo). Aquí sus puntuaciones pueden no significar nada, por cerca de 1 que estén.`,
  oodNear: (score, thr) =>
    `Cerca de los datos de entrenamiento: distancia ${score}, por debajo del aviso en ${thr}. Eso dice que el corte le resulta familiar a la red, no que sus puntuaciones sean correctas.`,
  disagree: (anyLabel, subtypes) =>
    `Las salidas no concuerdan: ${
      subtypes.length === 0
        ? `«${anyLabel}» está en su umbral o por encima, pero ningún subtipo lo está.`
        : `${subtypes.map((x) => `«${x}»`).join(', ')} ${subtypes.length === 1 ? 'está en su umbral o por encima' : 'están en sus umbrales o por encima'}, pero «${anyLabel}» no.`
    } Las seis salidas son sigmoides independientes; nada en la red las obliga a concordar.`,
  oodHeld: (p, c) => `${p[0]} de ${p[1]} fantomas y ${c[0]} de ${c[1]} composiciones reservados`,
  colLabel: 'Etiqueta',
  colProbability: 'Probabilidad',
  colLogit: 'Logit',
  colThreshold: 'Umbral',
  colSide: 'Frente al umbral',
  sideAbove: 'en el umbral o por encima',
  sideBelow: 'por debajo',
  compare: 'Comparar todos los métodos',
  gridTitle: (n, label) =>
    `${['Ningún', 'Un', 'Dos', 'Tres', 'Cuatro', 'Cinco', 'Seis', 'Siete', 'Ocho'][n] ?? String(n)} ${n === 1 ? 'mapa' : 'mapas'} de una misma decisión: la puntuación de «${label}» en este corte`,
  single: 'Un método',
  exportPng: 'Guardar la figura como PNG',
  figWindow: (name, l, w) => `ventana de visualización ${name} N${l}/A${w}`,
  figExplains: (label) => `explica «${label}»`,
  figTarget: (block, channel) => `parte de ${block}, canal ${channel}`,
  figLayer: (layer) => `en ${layer}`,
  figScore: (label, p, thr) => `Puntuación de «${label}»: ${p} (umbral de decisión ${thr})`,
  figModel: (v) => `Modelo: ${v}. Explicador de CNN para hemorragia intracraneal.`,
  figLink: 'Esta vista:',
  figOodFar: (score, thr) => `Atención: lejos de los datos de entrenamiento (distancia ${score}, aviso por encima de ${thr}); aquí las puntuaciones pueden no significar nada.`,
  figFileNote: 'El corte es un archivo propio del lector: el enlace muestra los mismos ajustes sobre un corte incluido.',
  figCaution: 'Figura docente sobre una red entrenada con datos sintéticos; no apta para uso clínico.',
  copyLink: 'Copiar un enlace a esta vista',
  linkCopied: 'Enlace copiado al portapapeles.',
  linkNoFile: (sample) =>
    `Un enlace no puede llevar su archivo: el archivo se queda en este ordenador. El enlace abre estos ajustes sobre el corte incluido «${sample}».`,
  linkCopiedNoFile: (sample) =>
    `Enlace copiado, sin su archivo: un archivo local no puede viajar en un enlace. Quien lo abra verá estos ajustes sobre el corte incluido «${sample}», no sobre su archivo.`,
  phantomPrefix: 'Fantoma: ',
  realPrefix: 'TC craneal real: ',
  linkNotCopied: 'Este navegador no deja usar el portapapeles; la dirección de la página guarda esta vista y se puede copiar desde allí.',
  loadingTf: 'Iniciando el modelo…',
  loadingModel: (pct) => `Descargando el modelo… ${pct}%`,
  computing: 'Calculando…',
  backend: 'Motor',
  tried: 'probados',
  threads: (n) => (n === 1 ? '1 hilo' : `${n} hilos`),
  threadsLowered: (asked) => `se pidieron ${asked}; no se usan más que los núcleos lógicos que declara este navegador, 8 como mucho`,
  threadsIgnored: (value) => `?threads=${value} no se tiene en cuenta: use un número entero de 1 a 64`,
  oneThreadWhy: {
    node: 'WebAssembly usa un solo hilo en Node',
    'not-isolated': 'los hilos están desactivados porque esta página no está aislada entre orígenes (su servidor no envía las cabeceras COOP/COEP)',
    asked: 'como pide ?threads=1',
    'no-support': 'este navegador no puede compartir aquí la memoria de WebAssembly entre hilos',
    'one-core': 'este navegador declara un solo núcleo lógico',
  },
  forward: 'pasada hacia delante',
  latency: (ms) => `${ms < 1 ? '<1' : Math.round(ms)} ms`,
  mapTime: (m) => (!m ? '' : m.ms === 0 ? 'en caché' : `${m.ms < 1 ? '<1' : Math.round(m.ms)} ms${m.shared && m.shared > 1 ? ` (una pasada para ${m.shared} mapas)` : ''}`),
  untrained:
    'Este sitio no incluye pesos entrenados, así que el modelo es una red aleatoria sin entrenar: sus puntuaciones y mapas muestran cómo funcionan los métodos, no nada aprendido sobre sangrados.',
  trained: 'Entrenado con los fantomas sintéticos del proyecto y con dos TC craneales reales y sanas con sangrados y falsos sangrados pintados (ningún sangrado de un paciente).',
  modelFailed: (msg) => `No se pudo cargar el modelo: ${msg}. El visor de cortes sigue funcionando.`,
  fileFailed: (msg) => `No se pudo usar ese archivo: ${msg}. Se sigue mostrando el corte anterior.`,
  tooBig: (mb, limit) => `el archivo ocupa ${mb.toFixed(0)} MB, más que el límite de ${limit} MB`,
  legendMax: 'máximo del mapa',
  legendP99: 'percentil 99',
  legendClipped: 'Los valores más allá del percentil 99 de la magnitud se recortan.',
  legendCam: 'Dividido por el máximo del mapa: no se recorta nada.',
  softwareGpu: (g) => (g.api === 'webgpu' ? 'WebGPU solo tiene un adaptador por software (de reserva)' : `WebGL dibuja por software (${g.renderer})`),
  attemptWhy: (why, error) =>
    !why
      ? error
      : why.code === 'software'
        ? `${es.softwareGpu(why.gpu)}: más lento que wasm, descartado`
        : why.code === 'unavailable'
          ? 'no disponible en este entorno'
          : why.code === 'init-failed'
            ? 'no se pudo iniciar'
            : `dio números erróneos en la red de prueba (${why.detail})`,
  softwareBackend: (why) => `${why}: este navegador no tiene aquí una GPU utilizable, así que este motor funciona por software, muchas veces más lento que wasm. Quite ?backend= de la dirección para que la página elija`,
  mapAlt: (method, label) => `Corte de TC con el mapa de ${method} para «${label}» superpuesto`,
  peakSummary: 'Dónde culmina el mapa',
  windows: { brain: 'cerebral', subdural: 'subdural', bone: 'ósea' },
  labels: ['cualquiera', 'epidural', 'intraparenquimatosa', 'intraventricular', 'subaracnoidea', 'subdural'],
  methods: {
    gradient: 'Gradiente',
    deconvnet: 'DeconvNet',
    gradcam: 'Grad-CAM',
    'guided-backprop': 'Retropropagación guiada',
    'guided-gradcam': 'Guided Grad-CAM',
    smoothgrad: 'SmoothGrad',
    'integrated-gradients': 'Gradientes integrados',
    'gradcam-plus-plus': 'Grad-CAM++',
    occlusion: 'Oclusión',
  },
  shows: {
    normal: 'Normal',
    epidural: 'Hematoma epidural',
    intraparenchymal: 'Hemorragia intraparenquimatosa',
    intraventricular: 'Hemorragia intraventricular',
    subarachnoid: 'Hemorragia subaracnoidea',
    subdural: 'Hematoma subdural',
  },
  where: (row, col) =>
    row === 1 && col === 1
      ? 'zona central de la imagen'
      : `zona ${['superior (anterior)', 'media', 'inferior (posterior)'][row]} ${['del lado izquierdo de la imagen (derecho del paciente)', 'de la línea media de la imagen', 'del lado derecho de la imagen (izquierdo del paciente)'][col]}`,
  peak: (where, inside) => `El mapa culmina en la ${where}${inside}.`,
  insideMask: (names) => `, dentro de la máscara real de ${names}`,
  outsideMask: ', fuera de toda máscara real de sangrado',
  flatMap: 'Con esta elección el mapa vale cero en todas partes.',
};

declare const __ICH_THRESHOLD_ORIGINS__: ThresholdOrigins | null | undefined;

/** Where the shipped thresholds were chosen (model.json meta.thresholdsFrom, passed in by src/worker/model-files.ts); null outside a site build. */
const THRESHOLD_ORIGINS: ThresholdOrigins | null = typeof __ICH_THRESHOLD_ORIGINS__ === 'undefined' ? null : __ICH_THRESHOLD_ORIGINS__;

// The chart key's threshold note keeps its synthetic-sets wording unless some threshold came from real slices.
for (const [lang, t] of [['en', en], ['es', es]] as const) t.keyThreshold = chartThresholdNote(lang, THRESHOLD_ORIGINS, t.labels) ?? t.keyThreshold;

/** Strings for a language. */
export function strings(lang: Lang): ExplorerStrings {
  return lang === 'es' ? es : en;
}
