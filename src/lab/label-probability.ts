/**
 * The explained label's probability for many model inputs, as the deletion and insertion curves need it:
 * the lean forward pass (`net.predict`: nothing kept for explanations), one input at a time (on wasm a
 * batch costs the same per image and holds more memory). tfjs stays inside; plain numbers come out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { sigmoid } from '../explain/run';
import type { ResNet } from '../model/resnet34';

/** Called after each forward pass; may throw to stop (e.g. a cancelled run). */
export type OnPass = () => void | Promise<void>;

/**
 * @param inputs model inputs, each NHWC size·size·inChannels float32 in [-1, 1] (not retained)
 * @param label output index (0..5, LABELS order)
 * @returns sigmoid(logit[label]) per input, in [0, 1]; every tensor made here is disposed
 */
export async function labelProbabilities(net: ResNet, inputs: readonly Float32Array[], label: number, onPass?: OnPass): Promise<number[]> {
  const out: number[] = [];
  const size = Math.round(Math.sqrt((inputs[0]?.length ?? 0) / net.spec.inChannels));
  for (const input of inputs) {
    const x = tf.tensor4d(input, [1, size, size, net.spec.inChannels]);
    const logits = net.predict(x);
    x.dispose();
    try {
      out.push(sigmoid(((await logits.data()) as Float32Array)[label] as number));
    } finally {
      logits.dispose();
    }
    await onPass?.();
  }
  return out;
}
