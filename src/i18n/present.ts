/** The words of the explorer's presentation mode, its keyboard shortcuts and the side-by-side compare (#23 item 1). */
import type { Lang } from './langs';
import type { ShortcutName } from '../components/shortcuts';

export interface PresentStrings {
  /** The toggle's text outside and inside presentation mode. */
  readonly enter: string;
  readonly leave: string;
  /** The button that opens the shortcut list. */
  readonly shortcuts: string;
  readonly helpTitle: string;
  /** Where the shortcuts work. */
  readonly helpWhere: string;
  readonly colKey: string;
  readonly colAction: string;
  readonly close: string;
  /** One line per shortcut, in the help overlay's order (SHORTCUT_HELP); methodN is followed by the numbered methods. */
  readonly actions: Readonly<Record<ShortcutName, string>>;
  /** The compare fieldset. */
  readonly compareLegend: string;
  readonly compareWhat: string;
  readonly compareOff: string;
  readonly compareSlices: string;
  readonly compareLabels: string;
  readonly compareLayers: string;
  /** The second value's field, per kind. */
  readonly compareWith: { readonly slice: string; readonly label: string; readonly layer: string };
  readonly compareLayerUnused: string;
  /** The two panes' names: A is the view set above, B the other. */
  readonly paneA: string;
  readonly paneB: string;
  /** B's score of the label it explains. */
  readonly paneScore: (p: string) => string;
}

const EN: PresentStrings = {
  enter: 'Presentation mode',
  leave: 'Leave presentation (Esc)',
  shortcuts: 'Keyboard shortcuts (?)',
  helpTitle: 'Keyboard shortcuts',
  helpWhere: 'They work in presentation mode, and in the explorer while it has the focus; never while you type in a field.',
  colKey: 'Key',
  colAction: 'What it does',
  close: 'Close',
  actions: {
    methodN: 'show method 1 to 5:',
    method: 'next / previous method',
    label: 'next / previous label explained',
    layer: 'next / previous Grad-CAM layer',
    opacity: 'overlay more / less opaque',
    slice: 'next / previous slice (of the scan, when a scan is open)',
    compare: 'side-by-side compare on / off',
    grid: 'all five methods / one method',
    outline: 'ground-truth outline on / off',
    present: 'presentation mode on / off',
    help: 'this list',
    leave: 'close this list, or leave presentation mode',
  },
  compareLegend: 'Side by side',
  compareWhat: 'Compare',
  compareOff: 'nothing (one map)',
  compareSlices: 'two slices',
  compareLabels: 'two labels',
  compareLayers: 'two Grad-CAM layers',
  compareWith: { slice: 'Second slice', label: 'Second label', layer: 'Second layer' },
  compareLayerUnused: 'Only the Grad-CAMs use a layer: both maps are the same here.',
  paneA: 'A',
  paneB: 'B',
  paneScore: (p) => `score ${p}`,
};

const ES: PresentStrings = {
  enter: 'Modo presentación',
  leave: 'Salir de la presentación (Esc)',
  shortcuts: 'Atajos de teclado (?)',
  helpTitle: 'Atajos de teclado',
  helpWhere: 'Funcionan en el modo presentación y en el explorador cuando tiene el foco; nunca mientras se escribe en un campo.',
  colKey: 'Tecla',
  colAction: 'Qué hace',
  close: 'Cerrar',
  actions: {
    methodN: 'mostrar el método 1 a 5:',
    method: 'método siguiente / anterior',
    label: 'etiqueta explicada siguiente / anterior',
    layer: 'capa de Grad-CAM siguiente / anterior',
    opacity: 'superposición más / menos opaca',
    slice: 'corte siguiente / anterior (del estudio, si hay uno abierto)',
    compare: 'comparación lado a lado sí / no',
    grid: 'los cinco métodos / un método',
    outline: 'contorno de referencia sí / no',
    present: 'modo presentación sí / no',
    help: 'esta lista',
    leave: 'cerrar esta lista o salir del modo presentación',
  },
  compareLegend: 'Lado a lado',
  compareWhat: 'Comparar',
  compareOff: 'nada (un mapa)',
  compareSlices: 'dos cortes',
  compareLabels: 'dos etiquetas',
  compareLayers: 'dos capas de Grad-CAM',
  compareWith: { slice: 'Segundo corte', label: 'Segunda etiqueta', layer: 'Segunda capa' },
  compareLayerUnused: 'Solo los Grad-CAM usan una capa: aquí los dos mapas son iguales.',
  paneA: 'A',
  paneB: 'B',
  paneScore: (p) => `puntuación ${p}`,
};

export function presentStrings(lang: Lang): PresentStrings {
  return lang === 'es' ? ES : EN;
}
