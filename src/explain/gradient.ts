/** Vanilla gradient (saliency): d logit / d input, true ReLU gradient. Simonyan et al. 2013, arXiv:1312.6034. */
import * as tf from '@tensorflow/tfjs-core';
import type { Method } from './method';

export const gradient: Method = {
  name: 'gradient',
  title: 'Gradient (saliency)',
  reference: 'Simonyan, Vedaldi & Zisserman 2013, arXiv:1312.6034',
  kind: 'signed',
  compute: ({ net, state }, req) => tf.squeeze(net.backward(state, { rule: 'gradient', start: { logit: req.label } }), [0]),
};
