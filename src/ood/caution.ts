/**
 * The caution beside the scores: one verdict from three independent checks, each of which misses what
 * another sees.
 *   1. The decoder's warnings (src/ct/plausibility.ts, src/ct/raster.ts): numbers that cannot be a head CT
 *      (no air, no brain-like peak, values beyond 4000 HU: a segmentation mask, a missing rescale), a
 *      colour picture, a plane that is not axial, a tiny picture.
 *   2. The slice itself (./head-ct.ts): a head with a cranial cavity enclosed by bone, at brain level.
 *   3. The network's feature distance (./feature-distance.ts): far from the training slices' features.
 * The slice is flagged when any check finds a reason; the reasons are listed in the order above.
 */
import type { SliceWarning } from '../ct/slice';
import type { HeadCtCheck, HeadCtReason } from './head-ct';

/** One reason for the caution. */
export type CautionReason =
  | 'colour'
  | 'implausible-hu'
  | 'not-axial'
  | 'small-image'
  | HeadCtReason
  | 'far-features';

/** The decoder warnings that flag a slice, and the reason each gives. */
const WARNING_REASON: Partial<Record<SliceWarning['code'], CautionReason>> = {
  'colour-image': 'colour',
  'hu-no-air': 'implausible-hu',
  'hu-no-brain': 'implausible-hu',
  'hu-too-high': 'implausible-hu',
  'not-axial': 'not-axial',
  'small-image': 'small-image',
};

export interface CautionInput {
  /** The decoder's warnings for a file (none for a built-in slice). */
  readonly warnings: readonly Pick<SliceWarning, 'code'>[];
  /** The head-CT check of the slice on the model grid, or null while not made. */
  readonly head: HeadCtCheck | null;
  /** The feature distance and its threshold, or null while computing or where there is no reference. */
  readonly features: { readonly score: number; readonly threshold: number } | null;
}

export interface Caution {
  /** 'far': flagged; 'near': every check made and none found a reason; '': not known yet. */
  readonly state: '' | 'far' | 'near';
  readonly reasons: readonly CautionReason[];
}

/** Combine the checks (see the file comment). */
export function combineCaution(c: CautionInput): Caution {
  const reasons: CautionReason[] = [];
  const add = (r: CautionReason): void => {
    if (!reasons.includes(r)) reasons.push(r);
  };
  for (const w of c.warnings) {
    const r = WARNING_REASON[w.code];
    if (r) add(r);
  }
  for (const r of c.head?.reasons ?? []) add(r);
  if (c.features && c.features.score > c.features.threshold) add('far-features');
  if (reasons.length > 0) return { state: 'far', reasons };
  return { state: c.head && c.features ? 'near' : '', reasons };
}
