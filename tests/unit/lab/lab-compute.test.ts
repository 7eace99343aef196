/**
 * The lab's per-slice tensor work (src/lab/), on a tiny seeded ResNet (cpu): probabilities agree with the
 * explain session's, the curves start and end where they must, nothing leaks, and a randomised net is
 * freed even when its callback throws.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { explainAll, sigmoid } from '../../../src/explain/run';
import { labelProbabilities } from '../../../src/lab/label-probability';
import { faithfulness, passesPerMap } from '../../../src/lab/faithfulness';
import { withRandomisedNet } from '../../../src/lab/randomised-net';
import { blurInput } from '../../../src/metrics/blur-baseline';

const SIZE = 32;
let trained: tf.NamedTensorMap;
let net: ResNet;
const input = Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => Math.sin(i * 0.37) * 0.8);

describe('lab compute on one slice', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    trained = seededWeights(TINY_RESNET, 5);
    net = createResNet(trained, TINY_RESNET);
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(trained));
  });

  it('labelProbabilities: the sigmoid of the session’s logit, one pass per input, no tensor left', async () => {
    const before = tf.memory().numTensors;
    let passes = 0;
    const ps = await labelProbabilities(net, [input, input.map((v) => -v)], 2, () => {
      passes++;
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(passes).toBe(2);
    const ref = await explainAll(net, input, SIZE, []);
    expect(ps[0]).toBeCloseTo(sigmoid(ref.logits[2] as number), 6);
    expect(ps[1]).not.toBeCloseTo(ps[0] as number, 6);
  });

  it('faithfulness: deletion runs from p(input) to p(baseline), insertion the other way; 2·(steps+1) passes', async () => {
    const baseline = blurInput(input, SIZE, 3, 2);
    const { maps } = await explainAll(net, input, SIZE, [{ method: 'gradient', label: 0 }]);
    const [pIn, pBase] = await labelProbabilities(net, [input, baseline], 0);
    const before = tf.memory().numTensors;
    let passes = 0;
    const c = await faithfulness(net, input, baseline, maps[0]!, 4, 0, () => {
      passes++;
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(passes).toBe(passesPerMap(4));
    expect(c.deletion).toHaveLength(5);
    expect(c.deletion[0]).toBeCloseTo(pIn!, 6);
    expect(c.deletion[4]).toBeCloseTo(pBase!, 6);
    expect(c.insertion[0]).toBeCloseTo(pBase!, 6);
    expect(c.insertion[4]).toBeCloseTo(pIn!, 6);
    for (const a of [c.deletionArea, c.insertionArea]) expect(a).toBeGreaterThanOrEqual(0);
  });

  it('faithfulness stops when its progress callback throws, and still frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const { maps } = await explainAll(net, input, SIZE, [{ method: 'gradcam', label: 0 }]);
    let passes = 0;
    const run = faithfulness(net, input, input.map(() => 0), maps[0]!, 4, 0, () => {
      if (++passes === 3) throw new Error('cancelled');
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(passes).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('withRandomisedNet: a different network while the callback runs, nothing kept after (also on a throw)', async () => {
    const before = tf.memory().numTensors;
    const trainedLogits = (await explainAll(net, input, SIZE, [])).logits;
    const randomLogits = await withRandomisedNet(trained, TINY_RESNET, ['fc'], 9, async (r) => (await explainAll(r, input, SIZE, [])).logits);
    expect(Array.from(randomLogits)).not.toEqual(Array.from(trainedLogits));
    await expect(withRandomisedNet(trained, TINY_RESNET, ['fc', 'layer4'], 9, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    expect(trained['fc.weight']!.isDisposed).toBe(false);
  });
});
