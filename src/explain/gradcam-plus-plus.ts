/**
 * Grad-CAM++ (Chattopadhay et al. 2018, arXiv:1710.11063, eq. 19; METHODS.md). With the score an
 * exponential of the logit, the higher-order terms reduce to powers of the first-order gradient g = ∂y/∂A:
 *   a_ij^k = g² / (2 g² + Σ_ab A_ab^k · g³),   w_k = Σ_ij a_ij^k · ReLU(g_ij^k),
 *   map = ReLU(Σ_k w_k A^k), upsampled bilinearly like Grad-CAM.
 * Convention: the paper's formula exactly, with an explicit guard: a_ij^k = 0 where the denominator is 0
 * (then g = 0 too, or the terms cancel). Not pytorch-grad-cam's, which adds 1e-6 to the denominator:
 * on this network the denominator is about 1e-8 at layers 1–2, so that epsilon rescales the weights
 * (up to 3× there, issue #24); at layer4 the two agree to 1e-3 (tests/unit/golden/lab-methods.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { upsampleCam } from './gradcam';
import type { Method } from './method';

/**
 * The Grad-CAM++ map at feature-map size from activations `a` and gradients `g` ([1, h, w, C] each),
 * by the convention above.
 * @returns [h, w], non-negative
 */
export function gradcamPlusPlusCam(a: tf.Tensor4D, g: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const g2 = tf.square(g);
    const g3 = tf.mul(g2, g);
    const sumA = tf.sum(a, [1, 2], true); // [1,1,1,C]
    const denom = tf.add(tf.mul(g2, 2), tf.mul(sumA, g3));
    const nonZero = tf.notEqual(denom, 0);
    const alpha = tf.where(nonZero, tf.div(g2, tf.where(nonZero, denom, tf.onesLike(denom))), tf.zerosLike(denom));
    const w = tf.sum(tf.mul(alpha, tf.relu(g)), [1, 2], true);
    return tf.squeeze(tf.relu(tf.sum(tf.mul(a, w), 3)), [0]) as tf.Tensor2D;
  });
}

export const gradcamPlusPlus: Method = {
  name: 'gradcam-plus-plus',
  title: 'Grad-CAM++',
  reference: 'Chattopadhay et al. 2018, arXiv:1710.11063',
  kind: 'cam',
  compute: ({ net, state }, req) => {
    const layer = req.layer ?? 'layer4';
    const g = net.backward(state, { rule: 'gradient', start: { logit: req.label }, stopAt: layer });
    return upsampleCam(gradcamPlusPlusCam(state.stages[layer], g), state.inH, state.inW);
  },
};
