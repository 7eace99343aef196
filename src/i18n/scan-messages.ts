/**
 * What loading a whole scan (src/ct/scan/) says about files and series, in every language. The loader
 * reports codes and parameters; the CLI prints the English text, the islands the reader's language. The
 * files a message is about travel beside it (`files`), never inside the text, so a view can list them.
 * A missing code or language is a type error.
 */
import type { Lang } from './langs';
import type { MessageParams } from './slice-messages';

/** Why a file is not among the slices of any series (each is reported by name; none is dropped silently). */
export type ScanFileCode =
  | 'empty-file'
  | 'not-image'
  | 'pdf'
  | 'dicomdir'
  | 'no-image'
  | 'not-ct'
  | 'localizer'
  | 'system-file'
  | 'corrupt-zip'
  | 'unreadable'
  | 'decode-failed';

/** Something about a series (or the whole load) that a reader should know. */
export type ScanNoteCode =
  | 'several-series'
  | 'order-position'
  | 'order-instance'
  | 'order-name'
  | 'no-position'
  | 'duplicate-position'
  | 'gap'
  | 'mixed-orientation'
  | 'mixed-sizes'
  | 'too-many-slices'
  | 'nothing-to-load';

export interface ScanMessages {
  readonly files: Record<ScanFileCode, (p: MessageParams) => string>;
  readonly notes: Record<ScanNoteCode, (p: MessageParams) => string>;
}

const detail = (p: MessageParams): string => (p.detail ? ` (${p.detail})` : '');

/** Which way ascending position runs (the normal is turned so its largest LPS component is positive). */
const EN_DIRECTION: Record<string, string> = { axial: 'from the base of the head to the vertex', coronal: 'from front to back', sagittal: "from the patient's right to left" };
const ES_DIRECTION: Record<string, string> = { axial: 'de la base del cráneo al vértice', coronal: 'de delante atrás', sagittal: 'de derecha a izquierda del paciente' };

export const SCAN_MESSAGES: Record<Lang, ScanMessages> = {
  en: {
    files: {
      'empty-file': () => 'empty file (0 bytes), skipped',
      'not-image': (p) => `not a DICOM, PNG, JPEG or ZIP file (starts with "${p.start}"), skipped`,
      pdf: () => 'a PDF document (a report?), not an image, skipped',
      dicomdir: () => 'a DICOMDIR (the index of a DICOM folder), not an image; the images beside it are read on their own',
      'no-image': (p) => `a DICOM object without pixel data (SOP class ${p.sopClass}: a report or other non-image object), skipped`,
      'not-ct': (p) => `a ${p.modality} image, not CT; this network reads head CT only, skipped`,
      localizer: () => 'a localiser (scout) image, not an axial slice, skipped',
      'system-file': () => 'operating-system metadata (e.g. __MACOSX, .DS_Store), not an image, skipped',
      'corrupt-zip': (p) => `ZIP archive could not be opened${detail(p)}; none of its files were read`,
      unreadable: (p) => `${p.message} [${p.code}]`,
      'decode-failed': (p) => `could not be decoded: ${p.message} [${p.code}]`,
    },
    notes: {
      'several-series': (p) => `${p.count} series found; showing the largest (${p.slices} slices); choose another to see it`,
      'order-position': (p) => `slices ordered along the normal of Image Orientation (Patient) by Image Position (Patient), ${EN_DIRECTION[String(p.plane)] ?? ''}`,
      'order-instance': () => 'slices ordered by Instance Number (no usable Image Position (Patient))',
      'order-name': (p) => `slices ordered by file name${p.why === 'raster' ? ' (PNG/JPEG images carry no position)' : ' (no position and no Instance Number)'}; check the order`,
      'no-position': (p) => `${p.count} ${Number(p.count) === 1 ? 'file has' : 'files have'} no Image Position (Patient), so the series is ordered by Instance Number and positions are unknown`,
      'duplicate-position': (p) => `${p.count} slices share the position ${p.position} mm (duplicated or overlapping slices?)`,
      gap: (p) => `a gap of ${p.gap} mm between two neighbouring slices, where the usual spacing is ${p.spacing} mm (missing slices?)`,
      'mixed-orientation': (p) => `${p.count} ${Number(p.count) === 1 ? 'slice is' : 'slices are'} tilted differently from the rest of the series`,
      'mixed-sizes': (p) => `${p.count} ${Number(p.count) === 1 ? 'slice is' : 'slices are'} not ${p.size} pixels like the rest (${p.sizes})`,
      'too-many-slices': (p) => `this series has ${p.count} slices, more than the limit of ${p.limit}; it is not loaded (split it, or load a part)`,
      'nothing-to-load': () => 'no CT slice was found among these files',
    },
  },
  es: {
    files: {
      'empty-file': () => 'archivo vacío (0 bytes), omitido',
      'not-image': (p) => `no es un archivo DICOM, PNG, JPEG ni ZIP (empieza por "${p.start}"), omitido`,
      pdf: () => 'un documento PDF (¿un informe?), no una imagen, omitido',
      dicomdir: () => 'un DICOMDIR (el índice de una carpeta DICOM), no una imagen; las imágenes que lo acompañan se leen por sí mismas',
      'no-image': (p) => `un objeto DICOM sin datos de píxel (clase SOP ${p.sopClass}: un informe u otro objeto que no es imagen), omitido`,
      'not-ct': (p) => `una imagen de ${p.modality}, no de TC; esta red solo lee TC de cráneo, omitida`,
      localizer: () => 'una imagen localizadora (scout), no un corte axial, omitida',
      'system-file': () => 'metadatos del sistema operativo (p. ej. __MACOSX, .DS_Store), no una imagen, omitido',
      'corrupt-zip': (p) => `no se pudo abrir el archivo ZIP${detail(p)}; no se leyó ninguno de sus archivos`,
      unreadable: (p) => `${p.message} [${p.code}]`,
      'decode-failed': (p) => `no se pudo decodificar: ${p.message} [${p.code}]`,
    },
    notes: {
      'several-series': (p) => `se encontraron ${p.count} series; se muestra la mayor (${p.slices} cortes); elija otra para verla`,
      'order-position': (p) => `cortes ordenados a lo largo de la normal de Image Orientation (Patient) según Image Position (Patient), ${ES_DIRECTION[String(p.plane)] ?? ''}`,
      'order-instance': () => 'cortes ordenados por Instance Number (sin Image Position (Patient) utilizable)',
      'order-name': (p) => `cortes ordenados por nombre de archivo${p.why === 'raster' ? ' (las imágenes PNG/JPEG no llevan posición)' : ' (sin posición ni Instance Number)'}; compruebe el orden`,
      'no-position': (p) => `${p.count} ${Number(p.count) === 1 ? 'archivo no tiene' : 'archivos no tienen'} Image Position (Patient); la serie se ordena por Instance Number y las posiciones se desconocen`,
      'duplicate-position': (p) => `${p.count} cortes comparten la posición ${p.position} mm (¿cortes duplicados o solapados?)`,
      gap: (p) => `un hueco de ${p.gap} mm entre dos cortes vecinos, cuando la separación habitual es ${p.spacing} mm (¿faltan cortes?)`,
      'mixed-orientation': (p) => `${p.count} ${Number(p.count) === 1 ? 'corte tiene' : 'cortes tienen'} una inclinación distinta del resto de la serie`,
      'mixed-sizes': (p) => `${p.count} ${Number(p.count) === 1 ? 'corte no mide' : 'cortes no miden'} ${p.size} píxeles como el resto (${p.sizes})`,
      'too-many-slices': (p) => `esta serie tiene ${p.count} cortes, más que el límite de ${p.limit}; no se carga (divídala o cargue una parte)`,
      'nothing-to-load': () => 'no se encontró ningún corte de TC entre estos archivos',
    },
  },
};

/** The text of a file report in a language. */
export function scanFileText(lang: Lang, code: ScanFileCode, params: MessageParams): string {
  return SCAN_MESSAGES[lang].files[code](params);
}

/** The text of a series note in a language. */
export function scanNoteText(lang: Lang, code: ScanNoteCode, params: MessageParams): string {
  return SCAN_MESSAGES[lang].notes[code](params);
}
