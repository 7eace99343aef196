/**
 * A network with some blocks re-initialised (src/model/randomise.ts), alive only while a callback runs:
 * the sanity-check island builds one cascade step at a time, so at most one extra set of weights is in
 * memory.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ResNetSpec } from '../model/arch';
import { disposeRandomised, randomisedWeights, type Block } from '../model/randomise';
import { createResNet, type ResNet } from '../model/resnet34';

/**
 * Build the network with `blocks` randomised (seeded), run `fn` on it, then free the network and the
 * random weights (the trained tensors are shared, never disposed here), also when `fn` throws.
 * @param trained the trained weights (not disposed)
 */
export async function withRandomisedNet<T>(
  trained: tf.NamedTensorMap,
  spec: ResNetSpec,
  blocks: readonly Block[],
  seed: number,
  fn: (net: ResNet) => Promise<T>,
): Promise<T> {
  const weights = randomisedWeights(trained, spec, blocks, seed);
  let net: ResNet | null = null;
  try {
    net = createResNet(weights, spec);
    return await fn(net);
  } finally {
    net?.dispose();
    disposeRandomised(weights, trained);
  }
}
