/**
 * DeconvNet: the signal is rectified on its way down, whatever the forward sign; max-pools route it
 * through their switches. Starts from a class logit, or (as Zeiler & Fergus did) from one feature map
 * with all other channels zeroed. Zeiler & Fergus 2014, arXiv:1311.2901.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Method } from './method';

export const deconvnet: Method = {
  name: 'deconvnet',
  title: 'DeconvNet',
  reference: 'Zeiler & Fergus 2014, arXiv:1311.2901',
  kind: 'signed',
  compute: ({ net, state }, req) =>
    tf.squeeze(net.backward(state, { rule: 'deconv', start: req.feature ?? { logit: req.label } }), [0]),
};
