/**
 * The caution's reasons in the reader's language (src/ood/caution.ts). The feature distance keeps its
 * own sentences (oodFar / oodNear in src/components/strings.ts); these say what the other checks found.
 */
import type { Lang } from './langs';
import type { CautionReason } from '../ood/caution';

type ChecksReason = Exclude<CautionReason, 'far-features'>;

export interface CautionStrings {
  /** One clause per reason, joined by the lead. */
  readonly reasons: Record<ChecksReason, string>;
  /** The flag's first sentence, with the reasons found. */
  readonly lead: (reasons: readonly string[]) => string;
  /** Closes the flag when the feature distance did not (it has its own closing sentence). */
  readonly close: string;
}

const EN: CautionStrings = {
  reasons: {
    colour: 'it is a colour picture, and CT slices are grey',
    'implausible-hu': 'its numbers cannot be a head CT (see the file’s notes above)',
    'not-axial': 'it is not an axial slice',
    'small-image': 'it is far smaller than a CT slice',
    'no-head': 'there is no head in it',
    uniform: 'most of it is one single value',
    'no-soft-tissue': 'it holds almost no soft tissue',
    'no-bone': 'it has no skull',
    'no-cavity': 'no skull ring encloses a brain',
    'small-cavity': 'the skull does not enclose a brain-sized space (a neck, face, skull-base or vertex slice?)',
    'cavity-not-brain': 'what the skull encloses does not read as brain',
  },
  lead: (r) => `Not like a brain-level head-CT slice: ${r.join('; ')}.`,
  close: 'The network was trained on such slices only: its scores may mean nothing here, however close to 1 they are.',
};

const ES: CautionStrings = {
  reasons: {
    colour: 'es una imagen en color, y los cortes de TC son grises',
    'implausible-hu': 'sus números no pueden ser una TC de cráneo (vea las notas del archivo arriba)',
    'not-axial': 'no es un corte axial',
    'small-image': 'es mucho más pequeña que un corte de TC',
    'no-head': 'no hay ninguna cabeza',
    uniform: 'casi toda ella tiene un único valor',
    'no-soft-tissue': 'apenas tiene tejido blando',
    'no-bone': 'no tiene cráneo',
    'no-cavity': 'ningún anillo de hueso encierra un cerebro',
    'small-cavity': 'el cráneo no encierra un espacio del tamaño de un cerebro (¿un corte del cuello, de la cara, de la base del cráneo o del vértice?)',
    'cavity-not-brain': 'lo que encierra el cráneo no parece cerebro',
  },
  lead: (r) => `No parece un corte de TC de cráneo a la altura del cerebro: ${r.join('; ')}.`,
  close: 'La red solo se entrenó con cortes así: aquí sus puntuaciones pueden no significar nada, por cerca de 1 que estén.',
};

export function cautionStrings(lang: Lang): CautionStrings {
  return lang === 'es' ? ES : EN;
}

/** The checks' sentence (lead + close) for these reasons, or '' when only the feature distance (or nothing) flagged. */
export function checksText(lang: Lang, reasons: readonly CautionReason[]): { lead: string; close: string } {
  const s = cautionStrings(lang);
  const found = reasons.filter((r): r is ChecksReason => r !== 'far-features').map((r) => s.reasons[r]);
  if (found.length === 0) return { lead: '', close: '' };
  return { lead: s.lead(found), close: reasons.includes('far-features') ? '' : s.close };
}
