/**
 * Strings of the article's three model-free islands (subtypes gallery, windowing, ResNet diagram),
 * in every language; a missing key is a type error. The Explorer's strings live in src/components/strings.ts.
 */
import type { Lang } from './langs';
import type { StageId, Subtype } from '../labels';

/** Every island string. */
export interface IslandStrings {
  gallery: {
    /** Accessible name of the gallery. */
    title: string;
    /** Label of the outline checkbox. */
    outline: string;
    /** Shown until the phantoms are drawn. */
    loading: string;
    /** Subtype display names. */
    names: Record<Subtype, string>;
    /** One line per subtype: where the blood sits, its typical shape. */
    captions: Record<Subtype, string>;
    /** Canvas accessible name. */
    alt: (name: string, outlined: boolean) => string;
    /** Note under the gallery. */
    note: string;
  };
  windowing: {
    title: string;
    level: string;
    width: string;
    presets: string;
    /** Preset button text. */
    preset: { brain: string; subdural: string; bone: string };
    /** Window names as they read after "window" / "ventana". */
    windowNames: { brain: string; subdural: string; bone: string };
    /** "Shows HU from a to b": what the current window covers. */
    range: (lo: number, hi: number) => string;
    imageAlt: (level: number, width: number) => string;
    chartTitle: string;
    chartX: string;
    chartY: string;
    chartRamp: string;
    channelsHeading: string;
    channelsNote: string;
    channel: (n: number, name: string, level: number, width: number) => string;
    channelAlt: (n: number, name: string) => string;
    loading: string;
  };
  resnet: {
    title: string;
    /** Short visible name of each item. */
    names: Record<StageId, string>;
    /** One or two sentences per item (shapes are added from the spec, not written here). */
    descriptions: Record<StageId, string>;
    /** Added to the four Grad-CAM stages' descriptions. */
    gradcamNote: string;
    /** Added to the last stage's description: its grid side and the input pixels per cell. */
    coarse: (side: number, cell: number) => string;
    blocks: (n: number) => string;
    output: string;
    gradcamTag: string;
    /** Prompt shown before the reader points at anything. */
    hint: string;
    /** Heading of the text alternative. */
    listSummary: string;
  };
}

const en: IslandStrings = {
  gallery: {
    title: 'The five haemorrhage subtypes, drawn by the project’s phantom generator',
    outline: 'Outline the blood (ground-truth mask)',
    loading: 'Drawing the phantoms…',
    names: {
      epidural: 'Epidural',
      subdural: 'Subdural',
      subarachnoid: 'Subarachnoid',
      intraparenchymal: 'Intraparenchymal',
      intraventricular: 'Intraventricular',
    },
    captions: {
      epidural: 'Between skull and dura: a sharp biconvex lens that stops at the sutures.',
      subdural: 'Between dura and arachnoid: a crescent hugging the inner table, crossing sutures.',
      subarachnoid: 'In the fluid spaces: thin bright lines along sulci, fissures and cisterns.',
      intraparenchymal: 'Inside the brain tissue: a rounded or irregular clot.',
      intraventricular: 'Inside the ventricles: blood that takes their shape and settles low.',
    },
    alt: (name, outlined) => `${name} haemorrhage: a phantom head-CT slice in the brain window${outlined ? ', the blood outlined in magenta' : ''}.`,
    note: 'Synthetic slices, 224 × 224, brain window (level 40, width 80). The outline is the mask the generator painted, the same ground truth the model was trained with.',
  },
  windowing: {
    title: 'Window level and width on a slice with a thin subdural haematoma',
    level: 'Level (HU)',
    width: 'Width (HU)',
    presets: 'Presets',
    preset: { brain: 'Brain L40/W80', subdural: 'Subdural L80/W200', bone: 'Bone L600/W2800' },
    windowNames: { brain: 'brain', subdural: 'subdural', bone: 'bone' },
    range: (lo, hi) => `Black at ${lo} HU and below, white at ${hi} HU and above.`,
    imageAlt: (l, w) => `Phantom head-CT slice with a thin subdural haematoma, shown with level ${l} and width ${w}.`,
    chartTitle: 'Histogram of the slice’s HU values with the current window’s grey ramp',
    chartX: 'HU',
    chartY: 'pixels (log scale)',
    chartRamp: 'grey level',
    channelsHeading: 'What the network receives',
    channelsNote: 'The same slice at 224 × 224 in the three fixed windows, stacked as the network’s three input channels.',
    channel: (n, name, l, w) => `Channel ${n}: ${name} window, L${l}/W${w}`,
    channelAlt: (n, name) => `Channel ${n} of the network input: the slice in the ${name} window.`,
    loading: 'Drawing the phantom…',
  },
  resnet: {
    title: 'ResNet34, stage by stage: point at a stage (or move the keyboard focus onto it) for its description',
    names: {
      input: 'input',
      conv1: 'conv1',
      maxpool: 'max-pool',
      layer1: 'layer1',
      layer2: 'layer2',
      layer3: 'layer3',
      layer4: 'layer4',
      avgpool: 'global avg. pool',
      fc: 'dense',
      sigmoid: 'sigmoids',
    },
    descriptions: {
      input: 'The slice, resized; its three channels are the brain, subdural and bone windows, each mapped to [−1, 1].',
      conv1: 'The stem: one convolution with 7 × 7 filters and stride 2, then ReLU. The side halves.',
      maxpool: 'Keeps the largest value in each 3 × 3 window, moving two pixels at a time: the side halves again.',
      layer1: 'Basic blocks of two 3 × 3 convolutions, each block adding its input back (identity shortcut); the size is kept.',
      layer2: 'Basic blocks; the first has stride 2 and a 1 × 1 convolution on its shortcut, so the side halves and the channels double.',
      layer3: 'Basic blocks; again the first halves the side and doubles the channels.',
      layer4: 'Basic blocks; the last halving: the smallest, deepest feature maps.',
      avgpool: 'Averages each feature map over all its positions: one number per map.',
      fc: 'A dense layer: per label, a weighted sum of those numbers plus a bias. These logits are what the methods explain.',
      sigmoid: 'One sigmoid per label (any and the five subtypes), each a probability between 0 and 1 on its own: not a softmax.',
    },
    gradcamNote: 'One of the four Grad-CAM layers the Explorer offers.',
    coarse: (side, cell) => `This is why Grad-CAM maps at layer4 are coarse: its grid is only ${side} × ${side}, each cell covering ${cell} × ${cell} input pixels.`,
    blocks: (n) => `${n} ${n === 1 ? 'block' : 'blocks'}`,
    output: 'output',
    gradcamTag: 'Grad-CAM layer',
    hint: 'Point at a stage, or tab to it, to read what it does.',
    listSummary: 'The stages as a list',
  },
};

const es: IslandStrings = {
  gallery: {
    title: 'Los cinco subtipos de hemorragia, dibujados por el generador de fantomas del proyecto',
    outline: 'Contornear la sangre (máscara de referencia)',
    loading: 'Dibujando los fantomas…',
    names: {
      epidural: 'Epidural',
      subdural: 'Subdural',
      subarachnoid: 'Subaracnoidea',
      intraparenchymal: 'Intraparenquimatosa',
      intraventricular: 'Intraventricular',
    },
    captions: {
      epidural: 'Entre el cráneo y la duramadre: una lente biconvexa nítida que se detiene en las suturas.',
      subdural: 'Entre la duramadre y la aracnoides: una media luna pegada a la tabla interna, que cruza suturas.',
      subarachnoid: 'En los espacios de líquido: finas líneas brillantes en surcos, cisuras y cisternas.',
      intraparenchymal: 'Dentro del tejido cerebral: un coágulo redondeado o irregular.',
      intraventricular: 'Dentro de los ventrículos: sangre que toma su forma y se deposita abajo.',
    },
    alt: (name, outlined) => `Hemorragia ${name.toLowerCase()}: corte de TC craneal sintético en ventana cerebral${outlined ? ', con la sangre contorneada en magenta' : ''}.`,
    note: 'Cortes sintéticos de 224 × 224 en ventana cerebral (nivel 40, anchura 80). El contorno es la máscara que pintó el generador, la misma referencia con la que se entrenó el modelo.',
  },
  windowing: {
    title: 'Nivel y anchura de ventana en un corte con un hematoma subdural fino',
    level: 'Nivel (UH)',
    width: 'Anchura (UH)',
    presets: 'Ventanas predefinidas',
    preset: { brain: 'Cerebro L40/W80', subdural: 'Subdural L80/W200', bone: 'Hueso L600/W2800' },
    windowNames: { brain: 'cerebral', subdural: 'subdural', bone: 'ósea' },
    range: (lo, hi) => `Negro en ${lo} UH o menos, blanco en ${hi} UH o más.`,
    imageAlt: (l, w) => `Corte de TC craneal sintético con un hematoma subdural fino, mostrado con nivel ${l} y anchura ${w}.`,
    chartTitle: 'Histograma de las UH del corte con la rampa de grises de la ventana actual',
    chartX: 'UH',
    chartY: 'píxeles (escala log.)',
    chartRamp: 'nivel de gris',
    channelsHeading: 'Lo que recibe la red',
    channelsNote: 'El mismo corte a 224 × 224 en las tres ventanas fijas, apiladas como los tres canales de entrada de la red.',
    channel: (n, name, l, w) => `Canal ${n}: ventana ${name}, L${l}/W${w}`,
    channelAlt: (n, name) => `Canal ${n} de la entrada de la red: el corte en la ventana ${name}.`,
    loading: 'Dibujando el fantoma…',
  },
  resnet: {
    title: 'ResNet34, etapa por etapa: señale una etapa (o lleve el foco del teclado a ella) para leer su descripción',
    names: {
      input: 'entrada',
      conv1: 'conv1',
      maxpool: 'max-pool',
      layer1: 'layer1',
      layer2: 'layer2',
      layer3: 'layer3',
      layer4: 'layer4',
      avgpool: 'media global',
      fc: 'densa',
      sigmoid: 'sigmoides',
    },
    descriptions: {
      input: 'El corte redimensionado; sus tres canales son las ventanas cerebral, subdural y ósea, cada una llevada a [−1, 1].',
      conv1: 'La entrada de la red: una convolución con filtros de 7 × 7 y paso 2, y luego ReLU. El lado se reduce a la mitad.',
      maxpool: 'Se queda con el valor mayor de cada ventana de 3 × 3, avanzando de dos en dos píxeles: el lado vuelve a reducirse a la mitad.',
      layer1: 'Bloques básicos de dos convoluciones de 3 × 3; cada bloque suma de nuevo su entrada (atajo identidad). El tamaño se mantiene.',
      layer2: 'Bloques básicos; el primero tiene paso 2 y una convolución de 1 × 1 en su atajo, así que el lado se reduce a la mitad y los canales se duplican.',
      layer3: 'Bloques básicos; de nuevo el primero reduce el lado a la mitad y duplica los canales.',
      layer4: 'Bloques básicos; la última reducción: los mapas de características más pequeños y profundos.',
      avgpool: 'Promedia cada mapa de características sobre todas sus posiciones: un número por mapa.',
      fc: 'Una capa densa: para cada etiqueta, una suma ponderada de esos números más un sesgo. Estos logits son lo que explican los métodos.',
      sigmoid: 'Una sigmoide por etiqueta (any y los cinco subtipos), cada una una probabilidad entre 0 y 1 por sí sola: no es una softmax.',
    },
    gradcamNote: 'Una de las cuatro capas de Grad-CAM que ofrece el explorador.',
    coarse: (side, cell) => `Por eso los mapas de Grad-CAM en layer4 son toscos: su rejilla es de solo ${side} × ${side}, y cada celda cubre ${cell} × ${cell} píxeles de la entrada.`,
    blocks: (n) => `${n} ${n === 1 ? 'bloque' : 'bloques'}`,
    output: 'salida',
    gradcamTag: 'capa de Grad-CAM',
    hint: 'Señale una etapa, o llegue a ella con el tabulador, para leer qué hace.',
    listSummary: 'Las etapas en forma de lista',
  },
};

/** Island strings by language. */
export const ISLANDS: Record<Lang, IslandStrings> = { en, es };
