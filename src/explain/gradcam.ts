/**
 * Grad-CAM: weight each feature map of a stage by the mean gradient of the logit over it, sum, rectify,
 * upsample bilinearly. Selvaraju et al. 2017, arXiv:1610.02391.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Stage } from '../model/arch';
import type { ForwardState, ResNet } from '../model/resnet34';
import type { Method } from './method';

/**
 * The Grad-CAM map at the stage's own resolution: ReLU(Σ_k α_k A_k), α_k = mean_ij ∂y_c/∂A_k[i,j].
 * Synchronous (inside `tf.tidy`). @returns [h,w] float32, ≥ 0, not normalised.
 */
export function gradCamRaw(net: ResNet, state: ForwardState, label: number, layer: Stage): tf.Tensor2D {
  const grad = net.backward(state, { rule: 'gradient', start: { logit: label }, stopAt: layer });
  return camFromGradient(state.stages[layer], grad);
}

/**
 * The Grad-CAM formula itself, on a feature map and its gradient (both [1,h,w,C]).
 * @returns [h,w] = ReLU(Σ_k mean_ij(grad_k) · A_k).
 */
export function camFromGradient(a: tf.Tensor4D, grad: tf.Tensor4D): tf.Tensor2D {
  const alpha = tf.mean(grad, [1, 2], true); // [1,1,1,C]
  return tf.squeeze(tf.relu(tf.sum(tf.mul(a, alpha), 3)), [0]) as tf.Tensor2D;
}

/**
 * Bilinear upsampling with half-pixel centres, the same as PyTorch's
 * `F.interpolate(mode='bilinear', align_corners=False)`. [h,w] → [H,W,1].
 */
export function upsampleCam(cam: tf.Tensor2D, height: number, width: number): tf.Tensor3D {
  return tf.image.resizeBilinear(tf.expandDims(cam, 2) as tf.Tensor3D, [height, width], false, true);
}

export const gradcam: Method = {
  name: 'gradcam',
  title: 'Grad-CAM',
  reference: 'Selvaraju et al. 2017, arXiv:1610.02391',
  kind: 'cam',
  compute: ({ net, state }, req) =>
    upsampleCam(gradCamRaw(net, state, req.label, req.layer ?? 'layer4'), state.inH, state.inW),
};
