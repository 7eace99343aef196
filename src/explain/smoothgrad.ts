/**
 * SmoothGrad (Smilkov et al. 2017, arXiv:1706.03825; METHODS.md): the mean of the gradient over n copies
 * of the input with Gaussian noise N(0, σ²), σ a share of the input's range. The noise is a true normal
 * (Box–Muller, ./gaussian.ts) over a seeded uniform stream (mulberry32, src/phantom/rng.ts), so a map is
 * reproducible on every backend. n forward and backward passes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../phantom/rng';
import { standardNormals } from './gaussian';
import { disposeForward } from '../model/resnet34';
import type { Method } from './method';

/** Copies (n), noise as a share of the input range (the model input spans [-1, 1]: range 2), seed. */
export const SMOOTHGRAD = { samples: 25, noiseShare: 0.15, seed: 1 } as const;

/** The noise each copy gets, in order (for tests): row-major like the input, N(0, σ²) with σ = noiseShare · 2. */
export function smoothGradNoise(length: number, samples: number = SMOOTHGRAD.samples, seed: number = SMOOTHGRAD.seed): Float32Array[] {
  const rng = new Rng(seed);
  const sigma = SMOOTHGRAD.noiseShare * 2;
  const uniform = (): number => rng.next();
  return Array.from({ length: samples }, () => Float32Array.from(standardNormals(uniform, length), (z) => z * sigma));
}

export const smoothgrad: Method = {
  name: 'smoothgrad',
  title: 'SmoothGrad',
  reference: 'Smilkov et al. 2017, arXiv:1706.03825',
  kind: 'signed',
  compute: ({ net, input }, req) => {
    let sum = tf.zerosLike(input);
    for (const noise of smoothGradNoise(input.size)) {
      // Each pass in its own tidy: a backward pass's intermediates would otherwise pile up until the end.
      const next = tf.tidy(() => {
        const state = net.forward(tf.add(input, tf.tensor4d(noise, input.shape)) as tf.Tensor4D);
        const g = net.backward(state, { rule: 'gradient', start: { logit: req.label } });
        disposeForward(state);
        return tf.add(sum, g) as tf.Tensor4D;
      });
      sum.dispose();
      sum = next;
    }
    return tf.squeeze(tf.div(sum, SMOOTHGRAD.samples), [0]) as tf.Tensor3D;
  },
};
