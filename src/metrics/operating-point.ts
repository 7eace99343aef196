/** Sensitivity and specificity at a fixed decision threshold (score ≥ threshold is positive). */

export interface OperatingPoint {
  readonly threshold: number;
  /** True-positive rate, NaN without positives. */
  readonly sensitivity: number;
  /** True-negative rate, NaN without negatives. */
  readonly specificity: number;
}

/** @param labels 0/1; @param scores probabilities in [0, 1]; same length */
export function operatingPoint(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): OperatingPoint {
  if (labels.length !== scores.length) throw new Error(`operatingPoint: ${labels.length} labels but ${scores.length} scores`);
  let tp = 0;
  let fn = 0;
  let tn = 0;
  let fp = 0;
  for (let i = 0; i < labels.length; i++) {
    const yes = (scores[i] as number) >= threshold;
    if (labels[i] === 1) yes ? tp++ : fn++;
    else yes ? fp++ : tn++;
  }
  return { threshold, sensitivity: tp / (tp + fn), specificity: tn / (tn + fp) };
}
