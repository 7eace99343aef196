/**
 * A seeded random model in the trained model's format, so everything runs before trained weights exist.
 *
 * Values come from the project's integer PRNG (src/phantom/rng.ts, mulberry32), built in Float32Arrays,
 * so the same seed gives the same weights on every backend and engine. Draw order: weightShapes(spec)
 * order, each tensor's values row-major.
 *   conv kernels: He-normal, std = sqrt(2 / (k·k·inC)); each block's conv2 is further scaled by
 *     RESIDUAL_SCALE, because with BatchNorm folded away nothing else stops the residual sum from
 *     doubling its variance at each of the 16 blocks (1 + 0.2² per block instead of 2: activations stay
 *     O(1) and the logits moderate).
 *   fc.weight: std = sqrt(1 / in); every bias: std 0.01.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../phantom/rng';
import { weightShapes, type ResNetSpec } from './arch';

/** Factor on every block's second convolution (the residual branch). */
export const RESIDUAL_SCALE = 0.2;

/** Standard deviation for one named weight of the given shape. */
function stdFor(name: string, shape: readonly number[]): number {
  if (name.endsWith('.bias')) return 0.01;
  const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1); // HWIO: k·k·inC; fc [in, out]: in
  if (name === 'fc.weight') return Math.sqrt(1 / fanIn);
  const he = Math.sqrt(2 / fanIn);
  return name.endsWith('.conv2.weight') ? he * RESIDUAL_SCALE : he;
}

/**
 * Seeded random weights for `spec`, named and shaped as `weightShapes(spec)`.
 * @param only when given, only the weights it accepts become tensors (the others are still drawn, so
 *   every value is the same as in the full set)
 * @returns new float32 tensors; the caller owns and disposes them
 */
export function seededWeights(spec: ResNetSpec, seed: number, only?: (name: string) => boolean): tf.NamedTensorMap {
  const rng = new Rng(seed);
  const out: tf.NamedTensorMap = {};
  for (const [name, shape] of weightShapes(spec)) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const std = stdFor(name, shape);
    for (let i = 0; i < values.length; i++) values[i] = rng.normal() * std;
    if (!only || only(name)) out[name] = tf.tensor(values, shape, 'float32');
  }
  return out;
}
