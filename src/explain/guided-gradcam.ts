/**
 * Guided Grad-CAM: the Guided Backpropagation map times the upsampled, rectified Grad-CAM map (not
 * min-max normalised before the product). Selvaraju et al. 2017, arXiv:1610.02391.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Method } from './method';

export const guidedGradcam: Method = {
  name: 'guided-gradcam',
  title: 'Guided Grad-CAM',
  reference: 'Selvaraju et al. 2017, arXiv:1610.02391',
  kind: 'signed',
  compute: (ctx, req) => tf.mul(ctx.map({ ...req, method: 'guided-backprop' }), ctx.map({ ...req, method: 'gradcam' })),
};
