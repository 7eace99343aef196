/**
 * Whether the six outputs contradict each other. They are separate sigmoids (one per label, trained
 * together with binary cross-entropy, as in the RSNA challenge), so nothing makes "any" agree with the
 * subtypes: a subtype can be at or above its threshold while "any" is below its own, or the reverse.
 */

/** One slice's outputs: probabilities and thresholds in LABELS order (index 0 is "any"). */
export interface Outputs {
  readonly values: readonly number[];
  readonly thresholds: readonly number[];
}

/** The contradiction, if any: the subtypes (indices 1..5) at or above threshold, and whether "any" is. */
export type Disagreement = { readonly anyAbove: true; readonly subtypes: readonly [] } | { readonly anyAbove: false; readonly subtypes: readonly number[] };

/**
 * @returns null when the outputs agree ("any" above and some subtype above, or neither); otherwise
 *   which side "any" is on and the subtype indices at or above their thresholds.
 */
export function disagreement(o: Outputs): Disagreement | null {
  const above = (i: number): boolean => (o.values[i] ?? 0) >= (o.thresholds[i] ?? 0.5);
  const subtypes = o.values.map((_, i) => i).filter((i) => i > 0 && above(i));
  if (above(0) && subtypes.length === 0) return { anyAbove: true, subtypes: [] };
  if (!above(0) && subtypes.length > 0) return { anyAbove: false, subtypes };
  return null;
}
