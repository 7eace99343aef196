/** Seeded He-normal weights for test networks (tfjs's seeded randomNormal: the same on every backend). */
import * as tf from '@tensorflow/tfjs-core';
import { weightShapes, type ResNetSpec } from '../../../src/model/arch';

export function randomWeights(spec: ResNetSpec, seed: number): tf.NamedTensorMap {
  const map: tf.NamedTensorMap = {};
  let i = 0;
  for (const [name, shape] of weightShapes(spec)) {
    const fanIn = shape.length === 4 ? (shape[0] as number) * (shape[1] as number) * (shape[2] as number) : (shape[0] as number);
    // Residual branches scaled down so activations stay moderate through many blocks without BatchNorm.
    const scale = name.includes('conv2') ? 0.3 : 1;
    const std = name.endsWith('bias') ? 0.05 : scale * Math.sqrt(2 / fanIn);
    map[name] = tf.randomNormal(shape, 0, std, 'float32', seed * 1000 + i++);
  }
  return map;
}
