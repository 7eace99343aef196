/**
 * Backward rules through a ReLU: the only place where the gradient methods differ (METHODS.md).
 * `f` is the ReLU's forward input, `r` the signal arriving from above; both [1,H,W,C] float32.
 * Synchronous, run inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';

export type ReluRule = 'gradient' | 'guided' | 'deconv';

export const RELU_RULES = ['gradient', 'guided', 'deconv'] as const satisfies readonly ReluRule[];

type Rule = (r: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor4D;

const positive = (t: tf.Tensor4D): tf.Tensor4D => tf.cast(tf.greater(t, 0), 'float32') as tf.Tensor4D;

/** The rule functions, each with the paper that defines it. */
export const reluBackward: Record<ReluRule, Rule> = {
  /** True gradient, R·1[f>0] (Simonyan et al. 2013, arXiv:1312.6034). */
  gradient: (r, f) => tf.mul(r, positive(f)) as tf.Tensor4D,
  /** Guided Backpropagation, R·1[f>0]·1[R>0] (Springenberg et al. 2014, arXiv:1412.6806, Fig. 1). */
  guided: (r, f) => tf.mul(tf.relu(r), positive(f)) as tf.Tensor4D,
  /** DeconvNet, R·1[R>0], ignoring the forward sign (Zeiler & Fergus 2014, arXiv:1311.2901). */
  deconv: (r) => tf.relu(r),
};
