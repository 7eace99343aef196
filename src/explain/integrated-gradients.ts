/**
 * Integrated Gradients (Sundararajan et al. 2017, arXiv:1703.01365; METHODS.md):
 * (x − x') ⊙ (1/m) Σ_{k=1..m} ∂y/∂x at x' + (k/m)(x − x'), a right Riemann sum of the path integral.
 * Baseline x' = air: −1000 HU is below every window, so every channel of the model input is −1.
 * Completeness: Σ attributions ≈ y(x) − y(x'), closer as m grows. m forward and backward passes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { disposeForward } from '../model/resnet34';
import type { Method } from './method';

export const INTEGRATED_GRADIENTS = { steps: 32, baseline: -1 } as const;

export const integratedGradients: Method = {
  name: 'integrated-gradients',
  title: 'Integrated Gradients',
  reference: 'Sundararajan, Taly & Yan 2017, arXiv:1703.01365',
  kind: 'signed',
  compute: ({ net, input }, req) => {
    const { steps, baseline } = INTEGRATED_GRADIENTS;
    const base = tf.fill(input.shape, baseline) as tf.Tensor4D;
    const delta = tf.sub(input, base) as tf.Tensor4D;
    let sum = tf.zerosLike(input);
    for (let k = 1; k <= steps; k++) {
      // Each pass in its own tidy: a backward pass's intermediates would otherwise pile up until the end.
      const next = tf.tidy(() => {
        const state = net.forward(tf.add(base, tf.mul(delta, k / steps)) as tf.Tensor4D);
        const g = net.backward(state, { rule: 'gradient', start: { logit: req.label } });
        disposeForward(state);
        return tf.add(sum, g) as tf.Tensor4D;
      });
      sum.dispose();
      sum = next;
    }
    return tf.squeeze(tf.mul(delta, tf.div(sum, steps)), [0]) as tf.Tensor3D;
  },
};
