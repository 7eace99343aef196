/**
 * Occlusion sensitivity (Zeiler & Fergus 2014, arXiv:1311.2901, the DeconvNet paper itself): slide a
 * square patch filled with the baseline (air: −1 in every channel of the model input) over the image and
 * record the drop of the explained logit, y(x) − y(x with the patch). Each pixel gets the mean drop over
 * the patches that cover it, in every channel (as Captum's Occlusion attributes a window). Signed: a
 * negative value means hiding the pixel raises the score. One lean forward pass (`net.predict`) per patch position.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Method } from './method';

/** Patch side and stride in pixels, and the fill value. 224 px: 13 × 13 = 169 positions. */
export const OCCLUSION = { patch: 32, stride: 16, baseline: -1 } as const;

/** Patch origins along one axis of length n: 0, stride, …, n − patch (the last always included). */
export function patchOrigins(n: number, patch: number, stride: number): number[] {
  const out: number[] = [];
  for (let o = 0; o + patch <= n; o += stride) out.push(o);
  if (out[out.length - 1] !== n - patch && n >= patch) out.push(n - patch);
  return out;
}

export const occlusion: Method = {
  name: 'occlusion',
  title: 'Occlusion sensitivity',
  reference: 'Zeiler & Fergus 2014, arXiv:1311.2901',
  kind: 'signed',
  compute: ({ net, input }, req) => {
    const [, h, w, c] = input.shape;
    const { patch, stride, baseline } = OCCLUSION;
    const x = input.dataSync() as Float32Array;
    // Scores only: the lean pass for the unoccluded input too, so an occluded patch that changes nothing drops by exactly 0.
    const logit = (t: tf.Tensor4D): number => {
      const l = net.predict(t);
      const v = (l.dataSync() as Float32Array)[req.label] as number;
      l.dispose();
      return v;
    };
    const y0 = logit(input);
    const sum = new Float32Array(h * w);
    const count = new Float32Array(h * w);
    for (const top of patchOrigins(h, patch, stride)) {
      for (const left of patchOrigins(w, patch, stride)) {
        const xo = x.slice();
        for (let r = top; r < top + patch; r++) xo.fill(baseline, (r * w + left) * c, (r * w + left + patch) * c);
        const t = tf.tensor4d(xo, input.shape);
        const drop = y0 - logit(t);
        t.dispose();
        for (let r = top; r < top + patch; r++) {
          for (let q = left; q < left + patch; q++) {
            const i = r * w + q;
            sum[i] = (sum[i] as number) + drop;
            count[i] = (count[i] as number) + 1;
          }
        }
      }
    }
    const out = new Float32Array(h * w * c);
    for (let i = 0; i < h * w; i++) {
      const v = (count[i] as number) > 0 ? (sum[i] as number) / (count[i] as number) : 0;
      for (let k = 0; k < c; k++) out[i * c + k] = v;
    }
    return tf.tensor3d(out, [h, w, c]);
  },
};
