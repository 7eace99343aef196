/**
 * The evaluation lab's memory (issue #24 item 5), on the wasm backend the CLI uses: over several
 * phantoms with every method, the tensors held between phantoms stay the same in number and bytes, the
 * wasm heap settles after the first phantoms, and nothing is left once the runner is disposed; a
 * method's most memory at once does not grow with its sample count (SmoothGrad 25, Integrated Gradients
 * 32, occlusion 169 patches): their passes run one input at a time.
 * A tiny seeded ResNet keeps it quick; the full network holds the same tensors, only larger.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { initBackend } from '../../../src/model/backend';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { ALL_METHOD_NAMES, type MethodName } from '../../../src/explain/method';
import { explainAll } from '../../../src/explain/run';
import { bleedingSeeds, labRunner } from '../../../src/cli/lab-eval';
import { generatePhantom } from '../../../src/phantom/generate';
import { huToModelInput, MODEL_SIZE } from '../../../src/ct/window';

let trained: tf.NamedTensorMap;
let net: ResNet;
const bytesOf = (m: tf.NamedTensorMap): number => Object.values(m).reduce((a, t) => a + t.size * 4, 0);
/** The wasm module's heap: it grows when a allocation does not fit and never shrinks. */
const heapBytes = (): number => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;

describe('the lab over several phantoms with every method (wasm)', () => {
  beforeAll(async () => {
    await initBackend({ candidates: ['wasm'] });
    trained = seededWeights(TINY_RESNET, 3);
    net = createResNet(trained, TINY_RESNET);
    while (net.prepareBackward()); // the runner makes the trained network's kernels up front; made now, the counts below see only the runner's own
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(trained));
  });

  it('holds the same tensors after every phantom, settles the heap, and frees everything', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory();
    const runner = labRunner(net, trained, TINY_RESNET, { methods: [...ALL_METHOD_NAMES], steps: 2 });
    const held = tf.memory();
    // What the runner keeps: one random weight set, the size of the trained one (not one per cascade step).
    expect(held.numBytes - before.numBytes).toBe(bytesOf(trained));
    const after: { numTensors: number; numBytes: number }[] = [];
    const heaps: number[] = [];
    try {
      for (const seed of bleedingSeeds(3)) {
        const r = await runner.slice(seed);
        expect(Object.keys(r.methods)).toEqual([...ALL_METHOD_NAMES]);
        after.push({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes });
        heaps.push(heapBytes());
      }
    } finally {
      runner.dispose();
    }
    expect(after).toEqual(after.map(() => ({ numTensors: held.numTensors, numBytes: held.numBytes })));
    // The heap settles: whatever the first phantoms' allocation order left, later ones fit in it.
    expect(heaps.slice(1)).toEqual(heaps.slice(1).map(() => heaps[1]));
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  }, 400_000); // about a minute of one core; more while other work shares it

  it("a many-pass method's peak is a single pass's, not its sample count's", async () => {
    const p = generatePhantom(bleedingSeeds(1)[0] as number, { size: MODEL_SIZE });
    const input = huToModelInput(Float32Array.from(p.hu), MODEL_SIZE);
    const peak = async (method: MethodName): Promise<number> => {
      const base = tf.memory().numBytes;
      const profile = await tf.profile(async () => {
        await explainAll(net, input, MODEL_SIZE, [{ method, label: 0 }]);
      });
      return profile.peakBytes - base;
    };
    const single = await peak('gradient');
    const inputBytes = MODEL_SIZE * MODEL_SIZE * TINY_RESNET.inChannels * 4;
    for (const m of ['smoothgrad', 'integrated-gradients', 'occlusion'] as const) {
      // A few input-sized tensors more (the running sum, the baseline and the difference, the noisy or
      // scaled copy), never one per sample (25 to 169 of them with the activations of each).
      expect(await peak(m), m).toBeLessThanOrEqual(single + 8 * inputBytes);
    }
  }, 60_000);
});
