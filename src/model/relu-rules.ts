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

/** 1[t > 0] as float32 (one Step kernel: cheaper than Greater then Cast on wasm). */
const positive = (t: tf.Tensor4D): tf.Tensor4D => tf.step(t, 0) as tf.Tensor4D;

/** The rules given the forward mask 1[f>0] on demand, so several rules at one ReLU can share it. */
const masked: Record<ReluRule, (r: tf.Tensor4D, mask: () => tf.Tensor4D) => tf.Tensor4D> = {
  /** True gradient, R·1[f>0] (Simonyan et al. 2013, arXiv:1312.6034). */
  gradient: (r, mask) => tf.mul(r, mask()) as tf.Tensor4D,
  /** Guided Backpropagation, R·1[f>0]·1[R>0] (Springenberg et al. 2014, arXiv:1412.6806, Fig. 1). */
  guided: (r, mask) => tf.mul(tf.relu(r), mask()) as tf.Tensor4D,
  /** DeconvNet, R·1[R>0], ignoring the forward sign (Zeiler & Fergus 2014, arXiv:1311.2901). */
  deconv: (r) => tf.relu(r),
};

/** The rule functions (definitions and papers on `masked` above). */
export const reluBackward: Record<ReluRule, RuleFn> = {
  gradient: (r, f) => masked.gradient(r, () => positive(f)),
  guided: (r, f) => masked.guided(r, () => positive(f)),
  deconv: (r, f) => masked.deconv(r, () => positive(f)),
};

/**
 * Several rules at once, one per batch element, for a backward pass that carries one signal per rule.
 * `r` is [N,H,W,C] with N = rules.length (element k follows rules[k]); `f` is the forward pass's
 * [1,H,W,C], shared. Each element goes through its own rule (the same functions as `reluBackward`, the
 * mask 1[f>0] made once), so it gets exactly what that rule gives it alone. Synchronous, inside `tf.tidy`.
 */
export function batchedReluBackward(rules: readonly ReluRule[]): RuleFn {
  if (rules.length === 1) return reluBackward[rules[0] as ReluRule];
  return (r, f) => {
    if (r.shape[0] !== rules.length) throw new Error(`batchedReluBackward: signal batch ${r.shape[0]}, expected ${rules.length} rules`);
    let pf: tf.Tensor4D | null = null;
    const mask = (): tf.Tensor4D => (pf ??= positive(f));
    // Splitting and re-joining along the batch axis copies whole contiguous blocks.
    const parts = tf.split(r, rules.length, 0) as tf.Tensor4D[];
    return tf.concat(parts.map((part, k) => masked[rules[k] as ReluRule](part, mask)), 0);
  };
}
