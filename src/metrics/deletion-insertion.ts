/**
 * Deletion and insertion curves (Petsiuk et al. 2018, RISE, arXiv:1806.07421; METHODS.md): pixels ranked
 * by the map; deletion replaces the top-ranked pixels with a baseline in equal steps and follows the
 * explained label's probability; insertion starts from the baseline and restores them. The area under
 * each curve is by the trapezoid rule over the share of pixels changed, [0, 1]. A faithful map gives a
 * low deletion area and a high insertion area.
 */

/** Pixel indices from the most to the least salient (stable for ties). */
export function saliencyOrder(map: ArrayLike<number>): Uint32Array {
  const order = Array.from({ length: map.length }, (_, i) => i).sort((a, b) => (map[b] as number) - (map[a] as number) || a - b);
  return Uint32Array.from(order);
}

/** Area under y sampled at equal steps over [0, 1], trapezoid rule. */
export function curveArea(y: readonly number[]): number {
  if (y.length < 2) throw new Error('curveArea: need at least two points');
  let a = 0;
  for (let i = 1; i < y.length; i++) a += ((y[i - 1] as number) + (y[i] as number)) / 2;
  return a / (y.length - 1);
}

/** The label's probability on the unperturbed input and on the baseline: both curves' end points. */
export interface CurveEndpoints {
  readonly input: number;
  readonly baseline: number;
}

/** Scores a batch of model inputs (NHWC, each of length pixels·channels): the explained label's probability. */
export type BatchScore = (inputs: readonly Float32Array[]) => Promise<number[]>;

export interface PerturbationCurves {
  /** Probability after 0, 1/steps, …, 1 of the pixels were deleted / inserted (steps + 1 points). */
  readonly deletion: number[];
  readonly insertion: number[];
  readonly deletionArea: number;
  readonly insertionArea: number;
}

/**
 * Both curves for one map.
 * @param input the model input, NHWC, pixels·channels values
 * @param baseline what a removed pixel becomes (same layout), e.g. the blurred slice
 * @param order pixel ranking from `saliencyOrder` (length pixels)
 * @param steps number of equal steps (≥ 1)
 * @param score the explained label's probability for a batch of inputs
 * @param endpoints the probabilities of `input` and `baseline` when already known (every map of one slice
 *   shares them); otherwise scored here. Either way each is scored once: both curves start and end on them.
 * Scores 2·(steps − 1) inputs, plus 2 without `endpoints`.
 */
export async function perturbationCurves(input: Float32Array, baseline: Float32Array, order: Uint32Array, steps: number, score: BatchScore, endpoints?: CurveEndpoints): Promise<PerturbationCurves> {
  const pixels = order.length;
  const channels = input.length / pixels;
  if (!Number.isInteger(channels) || baseline.length !== input.length) throw new Error('perturbationCurves: input, baseline and order disagree in size');
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`perturbationCurves: steps must be a positive integer, got ${steps}`);
  let ends = endpoints;
  if (!ends) {
    const [pInput, pBaseline] = await score([input, baseline]);
    ends = { input: pInput as number, baseline: pBaseline as number };
  }
  // Interior points only: at step 0 and at the last step the curves sit on the input and the baseline.
  const deleted: Float32Array[] = [];
  const inserted: Float32Array[] = [];
  for (let s = 1; s < steps; s++) {
    const upto = Math.round((s / steps) * pixels);
    const del = input.slice();
    const ins = baseline.slice();
    for (let i = 0; i < upto; i++) {
      const p = (order[i] as number) * channels;
      for (let c = 0; c < channels; c++) {
        del[p + c] = baseline[p + c] as number;
        ins[p + c] = input[p + c] as number;
      }
    }
    deleted.push(del);
    inserted.push(ins);
  }
  const deletion = [ends.input, ...(await score(deleted)), ends.baseline];
  const insertion = [ends.baseline, ...(await score(inserted)), ends.input];
  return { deletion, insertion, deletionArea: curveArea(deletion), insertionArea: curveArea(insertion) };
}
