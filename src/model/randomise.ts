/**
 * Weight randomisation for the sanity checks (Adebayo et al. 2018, arXiv:1810.03292; METHODS.md):
 * re-initialise blocks of the trained network with the project's seeded initialisation
 * (weights-seeded.ts), BatchNorm-folded biases included. Cascading randomises from the top down,
 * cumulatively; independent randomises one block at a time.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ResNetSpec } from './arch';
import { seededWeights } from './weights-seeded';

/** The network's blocks from the top (logits) down (input), as the cascade visits them. */
export const CASCADE = ['fc', 'layer4', 'layer3', 'layer2', 'layer1', 'conv1'] as const;
export type Block = (typeof CASCADE)[number];

const inBlock = (name: string, block: Block): boolean => name === block || name.startsWith(`${block}.`);

/**
 * The trained weights with `blocks` taken from `random` (a full seeded set, `seededWeights(spec, seed)`):
 * no tensor is made or copied, so one random set serves every step of a cascade.
 * @returns a new map of the given tensors (dispose nothing through it)
 */
export function mixWeights(trained: tf.NamedTensorMap, random: tf.NamedTensorMap, blocks: readonly Block[]): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const [name, t] of Object.entries(trained)) {
    const r = random[name];
    if (blocks.some((b) => inBlock(name, b)) && !r) throw new Error(`randomise: no random "${name}"`);
    out[name] = blocks.some((b) => inBlock(name, b)) ? (r as tf.Tensor) : t;
  }
  return out;
}

/**
 * The trained weights with `blocks` replaced by seeded random ones. Only the randomised blocks' tensors
 * are made (the draw order is the full set's, so a block's values do not depend on which others are drawn).
 * @returns a new map; tensors of randomised blocks are new (the caller disposes them with `disposeRandomised`),
 *   the others are the trained tensors themselves (not copied, not to be disposed through this map)
 */
export function randomisedWeights(trained: tf.NamedTensorMap, spec: ResNetSpec, blocks: readonly Block[], seed: number): tf.NamedTensorMap {
  return mixWeights(trained, seededWeights(spec, seed, (name) => blocks.some((b) => inBlock(name, b))), blocks);
}

/** Dispose the tensors `randomisedWeights` made, leaving the trained ones alone. */
export function disposeRandomised(map: tf.NamedTensorMap, trained: tf.NamedTensorMap): void {
  tf.dispose(Object.entries(map).filter(([name, t]) => trained[name] !== t).map(([, t]) => t));
}

/** The cascade's block sets: [fc], [fc, layer4], …, all six. */
export function cascadeSteps(): Block[][] {
  return CASCADE.map((_, i) => CASCADE.slice(0, i + 1));
}
