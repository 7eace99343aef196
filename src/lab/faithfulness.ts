/**
 * Deletion and insertion curves of one map on one slice (Petsiuk et al. 2018; METHODS.md
 * "Faithfulness"): pixels ranked by Σ|map|, removed toward (or restored from) a baseline in equal steps,
 * the explained label's probability after each step. 2·(steps − 1) forward passes, plus 2 for the end
 * points unless the caller shares them between the maps of one slice.
 */
import { perturbationCurves, saliencyOrder, type CurveEndpoints, type PerturbationCurves } from '../metrics/deletion-insertion';
import { perPixel, type PlainMap } from '../metrics/per-pixel';
import type { ResNet } from '../model/resnet34';
import { labelProbabilities, type OnPass } from './label-probability';

/** Forward passes one map's two curves take (without `sharedEndpoints`, the map scores them itself). */
export const passesPerMap = (steps: number, sharedEndpoints = false): number => 2 * (steps - 1) + (sharedEndpoints ? 0 : 2);

/** Forward passes the curves of `maps` maps of one slice take when the maps share the end points (2). */
export const slicePasses = (maps: number, steps: number): number => 2 + maps * passesPerMap(steps, true);

/**
 * @param input the model input, NHWC size·size·inChannels float32 (not retained)
 * @param baseline same layout: what a removed pixel becomes (e.g. `blurInput(input, …)`)
 * @param map the explanation map of `input` (size·size pixels)
 * @param steps equal steps, ≥ 1
 * @param label output index whose probability the curves follow
 * @param onPass after each forward pass (progress; may throw to stop)
 * @param endpoints the label's probability on `input` and on `baseline`, when already known
 * @returns probabilities in [0, 1] at 0, 1/steps, …, 1 of the pixels changed, and the trapezoid areas in [0, 1]
 */
export async function faithfulness(
  net: ResNet,
  input: Float32Array,
  baseline: Float32Array,
  map: PlainMap,
  steps: number,
  label: number,
  onPass?: OnPass,
  endpoints?: CurveEndpoints,
): Promise<PerturbationCurves> {
  return perturbationCurves(input, baseline, saliencyOrder(perPixel(map, true)), steps, (xs) => labelProbabilities(net, xs, label, onPass), endpoints);
}
