/**
 * The subtypes gallery's data: one built-in phantom per haemorrhage subtype, and the picture of it in
 * the brain window with its ground-truth mask outlined. Plain arrays, no DOM; the island draws them.
 */
import { WINDOWS } from '../ct/window';
import { windowedRgba } from '../maps/overlay';
import { SAMPLES, type Sample } from '../phantom/samples';
import { subtypeBit, type Subtype } from '../phantom/bleeds';
import type { Phantom, PhantomSize } from '../phantom/generate';
import { outlineMask } from './compose';

/**
 * Size the gallery generates at: 224 (1.03 mm pixels, 20-140 ms a slice here) rather than 512
 * (130-450 ms), since each tile is shown about 220 CSS pixels wide. Same field of view, same bleeds.
 */
export const GALLERY_SIZE: PhantomSize = 224;

/** A built-in sample by seed, checked to show `subtype`, so the gallery never drifts from SAMPLES. */
function sample(seed: number, subtype: Subtype): Sample {
  const s = SAMPLES.find((x) => x.seed === seed);
  if (!s || s.shows !== subtype) throw new Error(`gallery: sample ${seed} does not show ${subtype}`);
  return s;
}

/**
 * The five tiles in the article's order. Seeds chosen by eye from SAMPLES for the clearest textbook
 * shape at 224: a lens at the high convexity, a broad crescent, blood in convexity sulci, a round
 * lobar clot, a blood-filled lateral ventricle.
 */
export const GALLERY: readonly { readonly subtype: Subtype; readonly sample: Sample }[] = [
  { subtype: 'epidural', sample: sample(1091, 'epidural') },
  { subtype: 'subdural', sample: sample(1077, 'subdural') },
  { subtype: 'subarachnoid', sample: sample(1026, 'subarachnoid') },
  { subtype: 'intraparenchymal', sample: sample(1000, 'intraparenchymal') },
  { subtype: 'intraventricular', sample: sample(1016, 'intraventricular') },
];

/**
 * RGBA (size×size×4, 0..255) of a phantom in the brain window (L40/W80), with the boundary of
 * `subtype`'s mask painted in the explorer's outline colour when `outline` is true.
 */
export function galleryRgba(p: Phantom, subtype: Subtype, outline: boolean): Uint8ClampedArray {
  const size = p.meta.size;
  const rgba = windowedRgba(Float32Array.from(p.hu), size, size, WINDOWS.brain);
  if (outline) outlineMask(rgba, p.masks, size, 1 << subtypeBit(subtype));
  return rgba;
}
