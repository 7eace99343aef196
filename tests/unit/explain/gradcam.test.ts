import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { camFromGradient, upsampleCam } from '../../../src/explain/gradcam';

describe('Grad-CAM formula on a hand-built case', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('weights maps by their mean gradient, sums, rectifies', () => {
    // Two 2x2 feature maps (channels last): A0 = [[1,2],[3,4]], A1 = [[4,0],[0,1]].
    const a = tf.tensor4d([1, 4, 2, 0, 3, 0, 4, 1], [1, 2, 2, 2]);
    // Gradients: channel 0 mean 0.5 (values 1,0,0,1); channel 1 mean -1 (values -1,-1,-1,-1).
    const g = tf.tensor4d([1, -1, 0, -1, 0, -1, 1, -1], [1, 2, 2, 2]);
    // 0.5·A0 − 1·A1 = [[0.5−4, 1−0],[1.5−0, 2−1]] = [[−3.5, 1],[1.5, 1]] → ReLU → [[0, 1],[1.5, 1]].
    const cam = camFromGradient(a, g);
    expect(cam.shape).toEqual([2, 2]);
    expect(Array.from(cam.dataSync())).toEqual([0, 1, 1.5, 1]);
    tf.dispose([a, g, cam]);
  });

  it('upsamples bilinearly with half-pixel centres (PyTorch align_corners=False)', () => {
    const cam = tf.tensor2d([0, 4, 8, 12], [2, 2]);
    const up = upsampleCam(cam, 4, 4);
    // PyTorch F.interpolate(bilinear, align_corners=False) of [[0,4],[8,12]] to 4x4, row 0 and row 1:
    // src x = (dst + 0.5)/2 − 0.5 → −0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    const rows = Array.from(up.dataSync());
    expect(rows.slice(0, 4)).toEqual([0, 1, 3, 4]);
    expect(rows.slice(4, 8)).toEqual([2, 3, 5, 6]);
    expect(rows.slice(12, 16)).toEqual([8, 9, 11, 12]);
    tf.dispose([cam, up]);
  });
});
