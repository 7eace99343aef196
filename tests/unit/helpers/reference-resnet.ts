/**
 * An independent reference for tests: the same network through tfjs autodiff (`tf.grad`), with the
 * ReLU rule as a `tf.customGrad` and tfjs's own max-pool. Only for small models on the cpu backend,
 * whose MaxPoolGrad sends ties to the first maximum like PyTorch.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { layout, type ConvSpec, type ResNetSpec } from '../../../src/model/arch';
import type { ReluRule } from '../../../src/model/relu-rules';

function ruledRelu(rule: ReluRule): (x: tf.Tensor) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([x]);
    return {
      value: tf.relu(x),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const f = saved[0] as tf.Tensor;
        if (rule === 'gradient') return tf.mul(dy, tf.step(f, 0));
        if (rule === 'guided') return tf.mul(tf.mul(dy, tf.step(f, 0)), tf.step(dy, 0));
        return tf.mul(dy, tf.step(dy, 0));
      },
    };
  }) as (x: tf.Tensor) => tf.Tensor;
}

/** Forward pass returning every block output (post-ReLU) and the logits. */
export function referenceForward(
  weights: tf.NamedTensorMap,
  spec: ResNetSpec,
  x: tf.Tensor4D,
  rule: ReluRule,
): { logits: tf.Tensor1D; outs: Record<string, tf.Tensor4D> } {
  const relu = ruledRelu(rule);
  const c = (h: tf.Tensor4D, s: ConvSpec): tf.Tensor4D =>
    tf.add(
      tf.conv2d(h, weights[`${s.name}.weight`] as tf.Tensor4D, s.stride, [[0, 0], [s.pad, s.pad], [s.pad, s.pad], [0, 0]]),
      weights[`${s.name}.bias`] as tf.Tensor1D,
    );
  const { stem, blocks } = layout(spec);
  let h = tf.maxPool(relu(c(x, stem)) as tf.Tensor4D, 3, 2, 1) as tf.Tensor4D;
  const outs: Record<string, tf.Tensor4D> = {};
  for (const bl of blocks) {
    const main = c(relu(c(h, bl.conv1)) as tf.Tensor4D, bl.conv2);
    const short = bl.downsample ? c(h, bl.downsample) : h;
    h = relu(tf.add(main, short)) as tf.Tensor4D;
    outs[bl.name] = h;
  }
  const logits = tf.add(tf.matMul(tf.mean(h, [1, 2]) as tf.Tensor2D, weights['fc.weight'] as tf.Tensor2D), weights['fc.bias'] as tf.Tensor1D);
  return { logits: tf.reshape(logits, [spec.classes]), outs };
}
