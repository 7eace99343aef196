/**
 * The site's built-in sample slices: fixed seeds whose phantoms show one subtype each (two or more per
 * subtype) plus normal slices. Generated on demand by generatePhantom(seed, { size }); nothing is stored.
 * tests/unit/phantom/samples.test.ts checks that every sample really shows its subtype.
 */
import type { Subtype } from './bleeds';
import type { PhantomSize } from './generate';

/** One built-in sample. `shows` is the single subtype it shows, or 'normal' (no bleed). */
export interface Sample {
  readonly name: string;
  readonly seed: number;
  readonly size: PhantomSize;
  readonly shows: Subtype | 'normal';
}

/** Curated samples, in display order. Seeds were picked by scanning 1000..1400 for single-subtype slices. */
export const SAMPLES: readonly Sample[] = [
  { name: 'Normal, basal ganglia', seed: 1002, size: 512, shows: 'normal' },
  { name: 'Normal, basal ganglia (second head)', seed: 1005, size: 512, shows: 'normal' },
  { name: 'Normal, suprasellar cistern', seed: 1006, size: 512, shows: 'normal' },
  { name: 'Epidural haematoma', seed: 1082, size: 512, shows: 'epidural' },
  { name: 'Epidural haematoma, high convexity', seed: 1091, size: 512, shows: 'epidural' },
  { name: 'Intraparenchymal haemorrhage, lobar', seed: 1000, size: 512, shows: 'intraparenchymal' },
  { name: 'Intraparenchymal haemorrhage', seed: 1059, size: 512, shows: 'intraparenchymal' },
  { name: 'Intraventricular haemorrhage', seed: 1016, size: 512, shows: 'intraventricular' },
  { name: 'Intraventricular haemorrhage (second)', seed: 1069, size: 512, shows: 'intraventricular' },
  { name: 'Subarachnoid haemorrhage', seed: 1026, size: 512, shows: 'subarachnoid' },
  { name: 'Subarachnoid haemorrhage, convexity', seed: 1038, size: 512, shows: 'subarachnoid' },
  { name: 'Subdural haematoma', seed: 1004, size: 512, shows: 'subdural' },
  { name: 'Subdural haematoma (second)', seed: 1077, size: 512, shows: 'subdural' },
];
