/**
 * Grad-CAM++ (Chattopadhay et al. 2018, arXiv:1710.11063; METHODS.md). With the score an exponential of
 * the logit, the higher-order terms reduce to powers of the first-order gradient g = ∂y/∂A:
 *   a_ij^k = g² / (2 g² + Σ_ab A_ab^k · g³)   (0 where g = 0),   w_k = Σ_ij a_ij^k · ReLU(g_ij^k),
 *   map = ReLU(Σ_k w_k A^k), upsampled bilinearly like Grad-CAM.
 * The same closed form as pytorch-grad-cam's GradCAMPlusPlus.
 */
import * as tf from '@tensorflow/tfjs-core';
import { upsampleCam } from './gradcam';
import type { Method } from './method';

export const gradcamPlusPlus: Method = {
  name: 'gradcam-plus-plus',
  title: 'Grad-CAM++',
  reference: 'Chattopadhay et al. 2018, arXiv:1710.11063',
  kind: 'cam',
  compute: ({ net, state }, req) => {
    const layer = req.layer ?? 'layer4';
    const a = state.stages[layer];
    const g = net.backward(state, { rule: 'gradient', start: { logit: req.label }, stopAt: layer });
    const g2 = tf.square(g);
    const g3 = tf.mul(g2, g);
    const sumA = tf.sum(a, [1, 2], true); // [1,1,1,C]
    const denom = tf.add(tf.mul(g2, 2), tf.mul(sumA, g3));
    const alpha = tf.where(tf.notEqual(denom, 0), tf.div(g2, tf.where(tf.notEqual(denom, 0), denom, tf.onesLike(denom))), tf.zerosLike(denom));
    const w = tf.sum(tf.mul(alpha, tf.relu(g)), [1, 2], true);
    const cam = tf.squeeze(tf.relu(tf.sum(tf.mul(a, w), 3)), [0]) as tf.Tensor2D;
    return upsampleCam(cam, state.inH, state.inW);
  },
};
