/**
 * What the decoders say about a file, in every language. The decoders (src/ct) throw and warn with a
 * code and its parameters; the CLI prints the English text, the islands the reader's language.
 * A missing code or language is a type error.
 */
import type { Lang } from './langs';

/** Why a file could not become a slice. */
export type SliceErrorCode =
  | 'empty'
  | 'unknown-format'
  | 'zero-bytes'
  | 'truncated'
  | 'unsupported-syntax'
  | 'codec-failed'
  | 'no-pixel-data'
  | 'bit-depth'
  | 'not-greyscale'
  | 'too-large'
  | 'bad-size'
  | 'corrupt'
  | 'frame-range'
  | 'too-small'
  | 'photometric'
  | 'unsupported-jpeg';

/** What was odd about a slice that still decoded (the analysis goes on). */
export type SliceWarningCode =
  | 'hu-no-air'
  | 'hu-no-brain'
  | 'hu-too-high'
  | 'not-axial'
  | 'window-unsure'
  | 'alpha-composited'
  | 'lossy'
  | 'attribute-lenient'
  | 'attribute-unreadable'
  | 'small-image'
  | 'colour-image';

/** The likely cause attached to an implausible-HU warning. */
export type HuCause = 'missing-rescale' | 'wrap-12bit' | 'wrap-16bit' | 'not-ct' | 'windowed-image' | 'png-offset' | 'png-wrap';

/** Parameters of a message: numbers and short strings (format names, UIDs, decoder text). */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface SliceMessages {
  readonly errors: Record<SliceErrorCode, (p: MessageParams) => string>;
  readonly warnings: Record<SliceWarningCode, (p: MessageParams) => string>;
  readonly causes: Record<HuCause, string>;
}

/** " (detail)" when a decoder gave its own text (kept verbatim: it is the library's, not ours). */
const detail = (p: MessageParams): string => (p.detail ? ` (${p.detail})` : '');
const cause = (m: SliceMessages['causes'], p: MessageParams): string => (p.cause ? `; ${m[p.cause as HuCause] ?? p.cause}` : '');

const EN_CAUSES: SliceMessages['causes'] = {
  'missing-rescale': 'likely cause: the Rescale Slope/Intercept is missing or wrong, so stored values are not HU',
  'wrap-12bit': 'likely cause: 12-bit values wrapped around (a known fault of some public data sets)',
  'wrap-16bit': 'likely cause: negative values stored as unsigned 16-bit numbers (Pixel Representation or Pixel Padding Value not applied)',
  'not-ct': 'likely cause: this is not a CT image',
  'windowed-image': 'likely cause: an 8-bit image whose window is not the one assumed',
  'png-offset': 'likely cause: this 16-bit PNG does not store HU + 1024; give its offset (HU = stored + N, --hu-offset N)',
  'png-wrap': 'likely cause: this 16-bit PNG stores negative HU as unsigned numbers, or another offset; give its offset (--hu-offset N)',
};

const ES_CAUSES: SliceMessages['causes'] = {
  'missing-rescale': 'causa probable: falta o es errónea la pendiente/intersección de reescalado, así que los valores guardados no son UH',
  'wrap-12bit': 'causa probable: valores de 12 bits que dieron la vuelta (un fallo conocido de algunos conjuntos públicos)',
  'wrap-16bit': 'causa probable: valores negativos guardados como números de 16 bits sin signo (no se aplicó Pixel Representation o Pixel Padding Value)',
  'not-ct': 'causa probable: no es una imagen de TC',
  'windowed-image': 'causa probable: una imagen de 8 bits cuya ventana no es la supuesta',
  'png-offset': 'causa probable: este PNG de 16 bits no guarda UH + 1024; indique su desplazamiento (UH = valor guardado + N)',
  'png-wrap': 'causa probable: este PNG de 16 bits guarda UH negativas como números sin signo, u otro desplazamiento; indique su desplazamiento',
};

export const SLICE_MESSAGES: Record<Lang, SliceMessages> = {
  en: {
    errors: {
      empty: () => 'file is empty (0 bytes)',
      'unknown-format': (p) => `not a DICOM, PNG or JPEG file (starts with "${p.start}")`,
      'zero-bytes': (p) => `file holds only ${p.bytes} zero bytes (a DICOM preamble cut short?)`,
      truncated: (p) => `${p.format} file ends early${detail(p)}`,
      'unsupported-syntax': (p) =>
        `${p.name} DICOM (transfer syntax ${p.uid}) cannot be decoded here; convert it first, e.g. "gdcmconv --raw in.dcm out.dcm"`,
      'codec-failed': (p) => `the ${p.name} decoder could not read this DICOM's pixel data${detail(p)}`,
      'no-pixel-data': () => 'DICOM file has no pixel data (7FE0,0010, or float 7FE0,0008/0009): it is truncated or not an image',
      'bit-depth': (p) => `${p.format} has ${p.bits} bits allocated per sample, which is not read here (8, 16 or 32 are)${detail(p)}`,
      'not-greyscale': (p) => `${p.format} has ${p.samples} samples per pixel; only greyscale CT is supported`,
      'too-large': (p) => `${p.format} image is ${p.width}x${p.height} pixels, more than the limit of ${p.max} pixels; downsize it first`,
      'bad-size': (p) => `${p.format} image declares a size of ${p.width}x${p.height}`,
      corrupt: (p) => `${p.format} file could not be decoded${detail(p)}`,
      'frame-range': (p) => `frame ${p.frame} asked for, but the file holds frames 0 to ${Number(p.count) - 1}`,
      'too-small': (p) => `${p.format} image is ${p.width}x${p.height} pixels, too small to be a CT slice (at least ${p.min} on each side; a head CT slice is usually 512x512)`,
      photometric: (p) => `DICOM Photometric Interpretation is ${p.photometric}, a colour image; only greyscale CT (MONOCHROME1 or MONOCHROME2) is supported`,
      'unsupported-jpeg': (p) => `${p.name} JPEG cannot be decoded here${detail(p)}; save it as a baseline JPEG or PNG first`,
    },
    warnings: {
      'hu-no-air': (p) => `no air in this slice (lowest value ${p.min} HU, a head CT has some below −500 HU)${cause(EN_CAUSES, p)}`,
      'hu-no-brain': (p) => `no brain-like peak between 15 and 50 HU (most common value ${p.mode} HU)${cause(EN_CAUSES, p)}`,
      'hu-too-high': (p) => `values up to ${p.max} HU, beyond the 4000 HU a head CT reaches${cause(EN_CAUSES, p)}`,
      'not-axial': (p) => `this slice is not axial (${p.plane}); the model was trained on axial slices only`,
      'window-unsure': (p) =>
        `the window of this 8-bit image could not be estimated with confidence; assumed L${p.level}/W${p.width} — choose it if you know it`,
      'alpha-composited': (p) => `${p.percent} % of the pixels are transparent; they were read as air`,
      lossy: (p) => `the pixel data was compressed lossily (${p.name}); small HU errors are likely`,
      'attribute-lenient': (p) => `${p.name} is malformed ("${p.value}"); read leniently as ${p.read}`,
      'attribute-unreadable': (p) =>
        `${p.name} could not be read ("${p.value}"); ${p.fallback === 'none' ? 'it was ignored, so the image may be distorted or the HU wrong' : `${p.fallback} was used instead`}`,
      'small-image': (p) => `this image is only ${p.width}x${p.height} pixels; a head CT slice is usually 512x512, so its scores mean little`,
      'colour-image': (p) => `this is a colour image (${p.percent} % of its pixels are coloured), not a CT slice, which is grey; it was read as grey`,
    },
    causes: EN_CAUSES,
  },
  es: {
    errors: {
      empty: () => 'el archivo está vacío (0 bytes)',
      'unknown-format': (p) => `no es un archivo DICOM, PNG ni JPEG (empieza por "${p.start}")`,
      'zero-bytes': (p) => `el archivo solo tiene ${p.bytes} bytes a cero (¿un preámbulo DICOM cortado?)`,
      truncated: (p) => `el archivo ${p.format} termina antes de tiempo${detail(p)}`,
      'unsupported-syntax': (p) =>
        `un DICOM ${p.name} (sintaxis de transferencia ${p.uid}) no se puede decodificar aquí; conviértalo antes, p. ej. "gdcmconv --raw entrada.dcm salida.dcm"`,
      'codec-failed': (p) => `el decodificador ${p.name} no pudo leer los píxeles de este DICOM${detail(p)}`,
      'no-pixel-data': () => 'el archivo DICOM no tiene datos de píxel (7FE0,0010, ni flotantes 7FE0,0008/0009): está cortado o no es una imagen',
      'bit-depth': (p) => `${p.format} tiene ${p.bits} bits asignados por muestra, que aquí no se leen (sí 8, 16 o 32)${detail(p)}`,
      'not-greyscale': (p) => `${p.format} tiene ${p.samples} muestras por píxel; solo se admite TC en escala de grises`,
      'too-large': (p) => `la imagen ${p.format} mide ${p.width}x${p.height} píxeles, más que el límite de ${p.max}; redúzcala antes`,
      'bad-size': (p) => `la imagen ${p.format} declara un tamaño de ${p.width}x${p.height}`,
      corrupt: (p) => `no se pudo decodificar el archivo ${p.format}${detail(p)}`,
      'frame-range': (p) => `se pidió el fotograma ${p.frame}, pero el archivo tiene los fotogramas 0 a ${Number(p.count) - 1}`,
      'too-small': (p) => `la imagen ${p.format} mide ${p.width}x${p.height} píxeles, demasiado pequeña para ser un corte de TC (al menos ${p.min} por lado; un corte de TC de cráneo suele medir 512x512)`,
      photometric: (p) => `la interpretación fotométrica del DICOM es ${p.photometric}, una imagen en color; solo se admite TC en escala de grises (MONOCHROME1 o MONOCHROME2)`,
      'unsupported-jpeg': (p) => `un JPEG ${p.name} no se puede decodificar aquí${detail(p)}; guárdelo antes como JPEG básico o PNG`,
    },
    warnings: {
      'hu-no-air': (p) => `no hay aire en este corte (valor mínimo ${p.min} UH; una TC de cráneo tiene algo por debajo de −500 UH)${cause(ES_CAUSES, p)}`,
      'hu-no-brain': (p) => `no hay un pico de tejido cerebral entre 15 y 50 UH (valor más frecuente ${p.mode} UH)${cause(ES_CAUSES, p)}`,
      'hu-too-high': (p) => `valores de hasta ${p.max} UH, más allá de los 4000 UH que alcanza una TC de cráneo${cause(ES_CAUSES, p)}`,
      'not-axial': (p) => `este corte no es axial (${p.plane}); el modelo solo se entrenó con cortes axiales`,
      'window-unsure': (p) =>
        `no se pudo estimar con seguridad la ventana de esta imagen de 8 bits; se supone N${p.level}/A${p.width}; elíjala si la conoce`,
      'alpha-composited': (p) => `el ${p.percent} % de los píxeles es transparente; se leyeron como aire`,
      lossy: (p) => `los píxeles se comprimieron con pérdida (${p.name}); son probables pequeños errores en UH`,
      'attribute-lenient': (p) => `${p.name} está mal formado ("${p.value}"); se leyó con tolerancia como ${p.read}`,
      'attribute-unreadable': (p) =>
        `no se pudo leer ${p.name} ("${p.value}"); ${p.fallback === 'none' ? 'se ignoró, así que la imagen puede salir deformada o las UH ser erróneas' : `se usó ${p.fallback} en su lugar`}`,
      'small-image': (p) => `esta imagen mide solo ${p.width}x${p.height} píxeles; un corte de TC de cráneo suele medir 512x512, así que sus puntuaciones significan poco`,
      'colour-image': (p) => `es una imagen en color (el ${p.percent} % de sus píxeles tiene color), no un corte de TC, que es gris; se leyó en gris`,
    },
    causes: ES_CAUSES,
  },
};

/** The text of an error or warning in a language. */
export function sliceErrorText(lang: Lang, code: SliceErrorCode, params: MessageParams): string {
  return SLICE_MESSAGES[lang].errors[code](params);
}

export function sliceWarningText(lang: Lang, code: SliceWarningCode, params: MessageParams): string {
  return SLICE_MESSAGES[lang].warnings[code](params);
}
