/** Guided Backpropagation: only positive signal through positive ReLUs. Springenberg et al. 2014, arXiv:1412.6806. */
import * as tf from '@tensorflow/tfjs-core';
import type { Method } from './method';

export const guidedBackprop: Method = {
  name: 'guided-backprop',
  title: 'Guided Backpropagation',
  reference: 'Springenberg, Dosovitskiy, Brox & Riedmiller 2014, arXiv:1412.6806',
  kind: 'signed',
  compute: ({ net, state }, req) => tf.squeeze(net.backward(state, { rule: 'guided', start: { logit: req.label } }), [0]),
};
