/**
 * Backward rules through a ReLU: the only place where the gradient methods differ (METHODS.md).
 * `f` is the ReLU's forward input, `r` the signal arriving from above; both [1,H,W,C] float32.
 * Synchronous, run inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';

export type ReluRule = 'gradient' | 'guided' | 'deconv';

export const RELU_RULES = ['gradient', 'guided', 'deconv'] as const satisfies readonly ReluRule[];

/** One backward step through a ReLU: (signal from above, forward input) → signal below. */
export type RuleFn = (r: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor4D;

const positive = (t: tf.Tensor4D): tf.Tensor4D => tf.cast(tf.greater(t, 0), 'float32') as tf.Tensor4D;

/** The rule functions, each with the paper that defines it. */
export const reluBackward: Record<ReluRule, RuleFn> = {
  /** True gradient, R·1[f>0] (Simonyan et al. 2013, arXiv:1312.6034). */
  gradient: (r, f) => tf.mul(r, positive(f)) as tf.Tensor4D,
  /** Guided Backpropagation, R·1[f>0]·1[R>0] (Springenberg et al. 2014, arXiv:1412.6806, Fig. 1). */
  guided: (r, f) => tf.mul(tf.relu(r), positive(f)) as tf.Tensor4D,
  /** DeconvNet, R·1[R>0], ignoring the forward sign (Zeiler & Fergus 2014, arXiv:1311.2901). */
  deconv: (r) => tf.relu(r),
};

/**
 * Several rules at once, one per batch element, for a backward pass that carries one signal per rule.
 * `r` is [N,H,W,C] with N = rules.length (element k follows rules[k]); `f` is the forward pass's
 * [1,H,W,C], shared. Each element goes through its own rule function above, so it gets exactly what
 * that rule gives it alone. Synchronous, inside `tf.tidy`.
 */
export function batchedReluBackward(rules: readonly ReluRule[]): RuleFn {
  const fns = rules.map((rule) => reluBackward[rule]);
  if (fns.length === 1) return fns[0] as RuleFn;
  return (r, f) => {
    if (r.shape[0] !== fns.length) throw new Error(`batchedReluBackward: signal batch ${r.shape[0]}, expected ${fns.length} rules`);
    // Splitting and re-joining along the batch axis copies whole contiguous blocks.
    const parts = tf.split(r, fns.length, 0) as tf.Tensor4D[];
    return tf.concat(parts.map((part, k) => (fns[k] as RuleFn)(part, f)), 0);
  };
}
