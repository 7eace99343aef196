/**
 * Strings of the before-and-after island (the same slice through the earlier network and this page's
 * network), in every language; a missing key is a type error. Sample and label names come from the
 * explorer's strings (src/components/strings.ts).
 */
import type { Lang } from './langs';

export interface BeforeAfterStrings {
  title: string;
  intro: string;
  layer: string;
  /** A Grad-CAM layer's name in the layer choice: layer4 is CAM; another one is the explorer's default. */
  layerName: (layer: string) => string;
  before: string;
  beforeSub: string;
  after: string;
  afterSub: string;
  /** The download button, with the download in MiB. */
  load: (mib: string) => string;
  loadNote: string;
  loading: (pct: number | null) => string;
  loadFailed: (why: string) => string;
  /** The build has no earlier network. */
  unavailable: string;
  loadingModel: (pct: number | null) => string;
  computing: string;
  failed: (why: string) => string;
  anyHead: string;
  /** P(any) beside the network's own threshold, and whether it flags the slice. */
  any: (p: string, threshold: string, flagged: boolean) => string;
  pointingHead: string;
  /** The pointing game's two readings of one map. */
  tolerant: (hit: boolean) => string;
  strict: (hit: boolean) => string;
  flat: string;
  /** The canvas's text alternative. */
  alt: (network: string, layer: string, hit: boolean | null) => string;
  /** Both folders hold the same weights (before the new network ships). */
  same: string;
  untrained: string;
}

const en: BeforeAfterStrings = {
  title: 'The same slice through two networks',
  intro:
    '“Before” is the network this page shipped before it was taught where to look; “After” is the network it runs now. Both see the same slice. Each picture is that network’s own Grad-CAM of “any”, drawn by the same code, with the painted bleed outlined in magenta and the map’s peak marked with a cross.',
  layer: 'Grad-CAM layer',
  layerName: (l) => (l === 'layer4' ? 'layer4 (the class activation map)' : `${l} (the explorer’s default)`),
  before: 'Before',
  beforeSub: 'trained on the labels only',
  after: 'After',
  afterSub: 'this page’s network',
  load: (mib) => `Load the earlier network (${mib} MiB)`,
  loadNote: 'It is downloaded only if you ask.',
  loading: (pct) => `Downloading the earlier network${pct === null ? '…' : `: ${pct} %`}`,
  loadFailed: (why) => `The earlier network could not be loaded: ${why}`,
  unavailable: 'This build of the site does not include the earlier network.',
  loadingModel: (pct) => `Loading this page’s network${pct === null ? '…' : `: ${pct} %`}`,
  computing: 'Computing the maps…',
  failed: (why) => `Something failed: ${why}`,
  anyHead: 'Probability of “any”',
  any: (p, t, flagged) => `${p} (threshold ${t}): ${flagged ? 'a bleed' : 'no bleed'}`,
  pointingHead: 'Pointing game',
  tolerant: (hit) => (hit ? 'peak within 15 px of the bleed: hit' : 'peak more than 15 px from the bleed: miss'),
  strict: (hit) => (hit ? 'inside the bleed' : 'outside the bleed'),
  flat: 'the map is zero everywhere: it points nowhere',
  alt: (n, l, hit) => `${n}: Grad-CAM of “any” at ${l} over the slice${hit === null ? '' : hit ? '; its peak is on the bleed' : '; its peak is away from the bleed'}`,
  same: 'Both panels run the same weights: this page’s network has not been replaced yet, so the two pictures agree.',
  untrained: 'This page runs an untrained, random network: the maps say nothing about bleeds.',
};

const es: BeforeAfterStrings = {
  title: 'El mismo corte visto por dos redes',
  intro:
    '«Antes» es la red que esta página publicaba antes de que le enseñaran dónde mirar; «Después», la red que usa ahora. Las dos ven el mismo corte. Cada imagen es el Grad-CAM de «cualquiera» de esa red, dibujado con el mismo código, con el sangrado pintado contorneado en magenta y el pico del mapa marcado con una cruz.',
  layer: 'Capa de Grad-CAM',
  layerName: (l) => (l === 'layer4' ? 'layer4 (el mapa de activación de clase)' : `${l} (la del explorador por defecto)`),
  before: 'Antes',
  beforeSub: 'entrenada solo con las etiquetas',
  after: 'Después',
  afterSub: 'la red de esta página',
  load: (mib) => `Cargar la red anterior (${mib} MiB)`,
  loadNote: 'Solo se descarga si usted lo pide.',
  loading: (pct) => `Descargando la red anterior${pct === null ? '…' : `: ${pct} %`}`,
  loadFailed: (why) => `No se pudo cargar la red anterior: ${why}`,
  unavailable: 'Esta versión del sitio no incluye la red anterior.',
  loadingModel: (pct) => `Cargando la red de esta página${pct === null ? '…' : `: ${pct} %`}`,
  computing: 'Calculando los mapas…',
  failed: (why) => `Algo falló: ${why}`,
  anyHead: 'Probabilidad de «cualquiera»',
  any: (p, t, flagged) => `${p} (umbral ${t}): ${flagged ? 'hemorragia' : 'sin hemorragia'}`,
  pointingHead: 'Pointing game',
  tolerant: (hit) => (hit ? 'pico a 15 px o menos del sangrado: acierto' : 'pico a más de 15 px del sangrado: fallo'),
  strict: (hit) => (hit ? 'dentro del sangrado' : 'fuera del sangrado'),
  flat: 'el mapa vale cero en todas partes: no señala nada',
  alt: (n, l, hit) => `${n}: Grad-CAM de «cualquiera» en ${l} sobre el corte${hit === null ? '' : hit ? '; su pico está sobre el sangrado' : '; su pico está lejos del sangrado'}`,
  same: 'Los dos paneles usan los mismos pesos: la red de esta página aún no se ha sustituido, así que las dos imágenes coinciden.',
  untrained: 'Esta página usa una red aleatoria, sin entrenar: los mapas no dicen nada sobre hemorragias.',
};

const STRINGS: Record<Lang, BeforeAfterStrings> = { en, es };

export function beforeAfterStrings(lang: Lang): BeforeAfterStrings {
  return STRINGS[lang];
}
