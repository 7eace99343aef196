/**
 * Strings of the article's three evaluation-lab islands ("Can we trust these pictures?": sanity check,
 * localisation, faithfulness), in every language; a missing key is a type error. Method, label and
 * sample names come from the explorer's strings (src/components/strings.ts).
 */
import type { Lang } from './langs';

/** Strings every lab island shares. */
export interface LabCommonStrings {
  /** The progress line while the model downloads, with its percentage (null: size unknown). */
  loadingModel: (pct: number | null) => string;
  /** Before the reader starts a job. */
  idle: string;
  /** While a job runs: units done of the total. */
  progress: (done: number, total: number, unit: string) => string;
  progressLabel: string;
  /** A job not started yet (one lab computation runs at a time on the page). */
  waiting: string;
  stopped: string;
  failed: (why: string) => string;
  /** After a result: wall time in the page, the backend. */
  took: (seconds: number, backend: string) => string;
  run: string;
  rerun: string;
  stop: string;
  /** Which slice the figures are for. */
  resultFor: (slice: string) => string;
  untrained: string;
}

export interface LabStrings {
  common: LabCommonStrings;
  sanity: {
    title: string;
    intro: (methods: number, seed: number) => string;
    unit: string;
    trained: string;
    /** Column head: the network random from the top down to this block. */
    downTo: (block: string) => string;
    stripCaption: string;
    thumbAlt: (method: string, stage: string) => string;
    /** Added to a strip tile's name until its map arrives. */
    pending: string;
    chartTitle: string;
    chartX: string;
    chartY: string;
    tableCaption: string;
    method: string;
    reading: string;
  };
  localisation: {
    title: string;
    intro: string;
    unit: string;
    method: string;
    pointing: string;
    energy: string;
    iou: string;
    hit: string;
    miss: string;
    tileAlt: (method: string, hit: boolean) => string;
    caption: (probability: number) => string;
    reading: string;
    /** The button that scores every built-in slice with a bleed. */
    allRun: (n: number) => string;
    allIntro: (slices: number, maps: number) => string;
    allCaption: (n: number) => string;
    /** Pointing-game hits of the scored slices. */
    hits: (hits: number, scored: number) => string;
    meanEnergy: string;
    meanIou: string;
  };
  faithfulness: {
    title: string;
    intro: (baseline: string) => string;
    /** The baseline in words: a box blur of `radius` px, `passes` passes. */
    baseline: (radius: number, passes: number) => string;
    steps: string;
    passes: (passes: number) => string;
    unit: string;
    deletion: string;
    insertion: string;
    chartX: (kind: 'deletion' | 'insertion') => string;
    chartY: string;
    chartTitle: (kind: 'deletion' | 'insertion') => string;
    tableCaption: (steps: number) => string;
    method: string;
    deletionArea: string;
    insertionArea: string;
    endpoints: (original: number, baseline: number) => string;
    reading: string;
  };
}

const pct = (x: number, lang: Lang): string => `${(100 * x).toLocaleString(lang, { maximumFractionDigits: 0 })}\u00a0%`;

const en: LabStrings = {
  common: {
    loadingModel: (p) => (p === null ? 'Loading the network…' : `Loading the network: ${p} %`),
    idle: 'Nothing computed yet: press the button to run it in your browser.',
    progress: (d, t, unit) => `Computing in your browser: ${d} of ${t} ${unit}`,
    progressLabel: 'Progress of the computation',
    waiting: 'Starting… (one lab computation runs at a time on this page)',
    stopped: 'Stopped. Nothing is computed until you press the button again.',
    failed: (why) => `The computation failed: ${why}`,
    took: (s, b) => `Computed in your browser in ${s.toFixed(1)} s (${b} backend).`,
    run: 'Run',
    rerun: 'Run again',
    stop: 'Stop',
    resultFor: (s) => `Results for the slice “${s}”, label “any”.`,
    untrained: 'Careful: this build has no trained weights, so these figures describe an untrained random network.',
  },
  sanity: {
    title: 'Sanity check: the maps while the network is randomised from the top down',
    intro: (n, seed) =>
      `Press Run to randomise the trained network one block at a time, from the output down (fc, then layer4, layer3, layer2, layer1 and finally conv1; seed ${seed}, cumulative), and recompute the ${n} maps after each step: 7 networks, ${7 * n} maps, 10 to 20 seconds on our 2-core test machine (wasm backend, two threads; the longer when it is busy with other work). A map that explains the decision must change once the weights behind the decision are random.`,
    unit: 'maps',
    trained: 'trained',
    downTo: (b) => `random to ${b}`,
    stripCaption: 'Each row is one method; each column the same map after randomising one more block (|map| per pixel, each tile scaled on its own).',
    thumbAlt: (m, s) => `${m} map, ${s}`,
    pending: 'not computed yet',
    chartTitle: 'Rank correlation of each map with the trained network’s map, as the randomisation goes deeper',
    chartX: 'network random from the top down to',
    chartY: 'Spearman ρ of |map|',
    tableCaption: 'Spearman ρ of |map| with the trained network’s map, on this slice',
    method: 'method',
    reading: 'Near 1: the picture barely changed although the network it claims to explain was destroyed. Near 0: it changed completely.',
  },
  localisation: {
    title: 'Localisation: does each map point at the bleed?',
    intro:
      'Each method’s map of the label “any” on this slice, with the phantom’s ground-truth bleed outlined in magenta and the map’s maximum marked with a cross. Pointing game: a hit when the maximum of |map| lies inside the bleed. Energy: the share of the map’s positive mass inside the bleed. One map per method, a few seconds; it runs as soon as the slice is shown.',
    unit: 'maps',
    method: 'method',
    pointing: 'pointing game',
    energy: 'energy inside the bleed',
    iou: 'IoU of the top 5\u00a0%',
    hit: 'hit',
    miss: 'miss',
    tileAlt: (m, hit) => `${m} map over the slice, the bleed outlined; the maximum ${hit ? 'inside' : 'outside'} the bleed`,
    caption: (p) => `The network gives “any” a probability of ${pct(p, 'en')} on this slice.`,
    reading: 'One slice proves little: the table under the comparison section gives the same figures averaged over many phantoms.',
    allRun: (n) => `Score all ${n} built-in slices with a bleed`,
    allIntro: (n, m) => `The same figures on every built-in slice with a bleed (${n} slices, ${m} maps, about 15 seconds on wasm on our 2-core test machine), each built in your browser.`,
    allCaption: (n) => `Over all ${n} built-in slices with a bleed (label “any”)`,
    hits: (h, n) => `${h} of ${n}`,
    meanEnergy: 'mean energy inside the bleed',
    meanIou: 'mean IoU of the top 5\u00a0%',
  },
  faithfulness: {
    title: 'Faithfulness: deletion and insertion curves',
    intro: (b) =>
      `Press Run to rank the pixels by each map and replace the top-ranked ones, in equal steps, with the baseline: ${b} (deletion), or start from the baseline and restore them (insertion), following the probability of “any” after each step. A faithful map makes the probability fall fast when its pixels are deleted (small deletion area) and rise fast when they are inserted (large insertion area).`,
    baseline: (r, n) => `the slice blurred (a box blur of radius ${r} pixels, ${n} passes, each CT window on its own)`,
    steps: 'Steps per curve',
    passes: (p) => `${p} forward passes of the network, 0.5 to 1 s each on a laptop’s CPU (wasm backend).`,
    unit: 'forward passes',
    deletion: 'Deletion',
    insertion: 'Insertion',
    chartX: (k) => (k === 'deletion' ? 'share of pixels replaced by the baseline' : 'share of pixels restored'),
    chartY: 'probability of “any”',
    chartTitle: (k) => (k === 'deletion' ? 'Deletion: probability of “any” as the top-ranked pixels are replaced by the blurred slice' : 'Insertion: probability of “any” as the top-ranked pixels are restored on the blurred slice'),
    tableCaption: (s) => `Areas under the curves on this slice (${s} steps, trapezoid rule)`,
    method: 'method',
    deletionArea: 'deletion area (lower is better)',
    insertionArea: 'insertion area (higher is better)',
    endpoints: (o, b) => `On this slice the network gives “any” ${pct(o, 'en')}; on the blurred baseline alone, ${pct(b, 'en')}.`,
    reading: 'How to read it: a map whose top pixels hold the evidence makes deletion fall early (a small area). Insertion is less telling on this network: pasting back any sharp part of the slice onto the blur is often enough for it to call a bleed, so every map rises at the first step. The baseline is a choice, and it decides part of the verdict.',
  },
};

const es: LabStrings = {
  common: {
    loadingModel: (p) => (p === null ? 'Cargando la red…' : `Cargando la red: ${p} %`),
    idle: 'Aún no se ha calculado nada: pulse el botón para calcularlo en su navegador.',
    progress: (d, t, unit) => `Calculando en su navegador: ${d} de ${t} ${unit}`,
    progressLabel: 'Progreso del cálculo',
    waiting: 'Empezando… (en esta página se hace un cálculo del laboratorio cada vez)',
    stopped: 'Detenido. No se calcula nada hasta que vuelva a pulsar el botón.',
    failed: (why) => `El cálculo ha fallado: ${why}`,
    took: (s, b) => `Calculado en su navegador en ${s.toLocaleString('es', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} s (motor ${b}).`,
    run: 'Calcular',
    rerun: 'Calcular de nuevo',
    stop: 'Detener',
    resultFor: (s) => `Resultados del corte «${s}», etiqueta «cualquiera».`,
    untrained: 'Atención: esta versión no tiene pesos entrenados, así que estas cifras describen una red aleatoria sin entrenar.',
  },
  sanity: {
    title: 'Prueba de cordura: los mapas mientras la red se aleatoriza de arriba abajo',
    intro: (n, seed) =>
      `Pulse Calcular para aleatorizar la red entrenada bloque a bloque, desde la salida hacia abajo (fc, después layer4, layer3, layer2, layer1 y por último conv1; semilla ${seed}, acumulativo), y recalcular los ${n} mapas tras cada paso: 7 redes, ${7 * n} mapas, entre 10 y 20 segundos en nuestra máquina de pruebas de 2 núcleos (motor wasm, dos hilos; más cuanto más ocupada esté con otras tareas). Un mapa que explica la decisión tiene que cambiar cuando los pesos que la producen son aleatorios.`,
    unit: 'mapas',
    trained: 'entrenada',
    downTo: (b) => `aleatoria hasta ${b}`,
    stripCaption: 'Cada fila es un método; cada columna, el mismo mapa tras aleatorizar un bloque más (|mapa| por píxel, cada miniatura con su propia escala).',
    thumbAlt: (m, s) => `Mapa de ${m}, ${s}`,
    pending: 'aún sin calcular',
    chartTitle: 'Correlación de rangos de cada mapa con el de la red entrenada, a medida que la aleatorización baja',
    chartX: 'red aleatoria desde arriba hasta',
    chartY: 'ρ de Spearman de |mapa|',
    tableCaption: 'ρ de Spearman de |mapa| con el mapa de la red entrenada, en este corte',
    method: 'método',
    reading: 'Cerca de 1: la imagen apenas cambió aunque la red que dice explicar quedó destruida. Cerca de 0: cambió por completo.',
  },
  localisation: {
    title: 'Localización: ¿apunta cada mapa al sangrado?',
    intro:
      'El mapa de cada método para la etiqueta «cualquiera» en este corte, con el sangrado real del fantoma contorneado en magenta y el máximo del mapa marcado con una cruz. Pointing game: acierto cuando el máximo de |mapa| cae dentro del sangrado. Energía: la parte de la masa positiva del mapa que queda dentro del sangrado. Un mapa por método, unos segundos; se calcula en cuanto se muestra el corte.',
    unit: 'mapas',
    method: 'método',
    pointing: 'pointing game',
    energy: 'energía dentro del sangrado',
    iou: 'IoU del 5\u00a0% superior',
    hit: 'acierto',
    miss: 'fallo',
    tileAlt: (m, hit) => `Mapa de ${m} sobre el corte, con el sangrado contorneado; el máximo ${hit ? 'dentro' : 'fuera'} del sangrado`,
    caption: (p) => `La red da a «cualquiera» una probabilidad del ${pct(p, 'es')} en este corte.`,
    reading: 'Un corte prueba poco: la tabla de la sección de comparación da las mismas cifras promediadas sobre muchos fantomas.',
    allRun: (n) => `Puntuar los ${n} cortes incluidos con sangrado`,
    allIntro: (n, m) => `Las mismas cifras en cada corte incluido con sangrado (${n} cortes, ${m} mapas, unos 15 segundos con wasm en nuestra máquina de pruebas de 2 núcleos), cada uno generado en su navegador.`,
    allCaption: (n) => `En los ${n} cortes incluidos con sangrado (etiqueta «cualquiera»)`,
    hits: (h, n) => `${h} de ${n}`,
    meanEnergy: 'energía media dentro del sangrado',
    meanIou: 'IoU media del 5\u00a0% superior',
  },
  faithfulness: {
    title: 'Fidelidad: curvas de borrado e inserción',
    intro: (b) =>
      `Pulse Calcular para ordenar los píxeles según cada mapa y sustituir los primeros, en pasos iguales, por la referencia: ${b} (borrado), o partir de la referencia y restaurarlos (inserción), siguiendo la probabilidad de «cualquiera» tras cada paso. Un mapa fiel hace caer la probabilidad deprisa al borrar sus píxeles (área de borrado pequeña) y subir deprisa al insertarlos (área de inserción grande).`,
    baseline: (r, n) => `el corte difuminado (un desenfoque de caja de radio ${r} píxeles, ${n} pasadas, cada ventana de TC por separado)`,
    steps: 'Pasos por curva',
    passes: (p) => `${p} pasadas hacia delante de la red, de 0,5 a 1 s cada una en la CPU de un portátil (motor wasm).`,
    unit: 'pasadas',
    deletion: 'Borrado',
    insertion: 'Inserción',
    chartX: (k) => (k === 'deletion' ? 'parte de los píxeles sustituida por la referencia' : 'parte de los píxeles restaurada'),
    chartY: 'probabilidad de «cualquiera»',
    chartTitle: (k) => (k === 'deletion' ? 'Borrado: probabilidad de «cualquiera» al sustituir los píxeles principales por el corte difuminado' : 'Inserción: probabilidad de «cualquiera» al restaurar los píxeles principales sobre el corte difuminado'),
    tableCaption: (s) => `Áreas bajo las curvas en este corte (${s} pasos, regla del trapecio)`,
    method: 'método',
    deletionArea: 'área de borrado (mejor más baja)',
    insertionArea: 'área de inserción (mejor más alta)',
    endpoints: (o, b) => `En este corte la red da a «cualquiera» un ${pct(o, 'es')}; sobre la referencia difuminada sola, un ${pct(b, 'es')}.`,
    reading: 'Cómo leerlo: un mapa cuyos píxeles principales contienen la evidencia hace caer pronto el borrado (un área pequeña). La inserción dice menos en esta red: devolver cualquier parte nítida del corte sobre el difuminado suele bastarle para ver un sangrado, así que todos los mapas suben en el primer paso. La referencia es una elección, y decide parte del veredicto.',
  },
};

/** The lab islands' strings for a language. */
export function labStrings(lang: Lang): LabStrings {
  return lang === 'es' ? es : en;
}
