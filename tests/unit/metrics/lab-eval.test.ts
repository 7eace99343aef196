/** The lab's randomisation and its run over phantoms, on a tiny seeded ResNet (cpu): reproducible, leak-free. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { CASCADE, cascadeSteps, disposeRandomised, mixWeights, randomisedWeights } from '../../../src/model/randomise';
import { evaluateLab, formatLab } from '../../../src/cli/lab-eval';

let trained: tf.NamedTensorMap;
let net: ResNet;

describe('weight randomisation (Adebayo et al. 2018) and the lab', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    trained = seededWeights(TINY_RESNET, 3);
    net = createResNet(trained, TINY_RESNET);
    while (net.prepareBackward()); // kernels made on first use are kept: made now, so counts see the lab's own
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(trained));
  });

  it('the cascade randomises from the top down, cumulatively', () => {
    expect(cascadeSteps()).toEqual([['fc'], ['fc', 'layer4'], ['fc', 'layer4', 'layer3'], ['fc', 'layer4', 'layer3', 'layer2'], ['fc', 'layer4', 'layer3', 'layer2', 'layer1'], [...CASCADE]]);
  });

  it('replaces exactly the named blocks, reproducibly from its seed, and frees only what it made', () => {
    const before = tf.memory().numTensors;
    const a = randomisedWeights(trained, TINY_RESNET, ['fc', 'layer4'], 7);
    const b = randomisedWeights(trained, TINY_RESNET, ['fc', 'layer4'], 7);
    for (const name of Object.keys(trained)) {
      const changed = name.startsWith('fc.') || name.startsWith('layer4.');
      expect(a[name] === trained[name]).toBe(!changed);
      if (changed) expect(Array.from(a[name]!.dataSync())).toEqual(Array.from(b[name]!.dataSync()));
    }
    // the stem is 'conv1', which no block's 'layer1.0.conv1' may be mistaken for
    const stemOnly = randomisedWeights(trained, TINY_RESNET, ['conv1'], 7);
    expect(stemOnly['conv1.weight'] === trained['conv1.weight']).toBe(false);
    expect(stemOnly['layer1.0.conv1.weight'] === trained['layer1.0.conv1.weight']).toBe(true);
    for (const m of [a, b, stemOnly]) disposeRandomised(m, trained);
    expect(tf.memory().numTensors).toBe(before);
    expect(trained['fc.weight']!.isDisposed).toBe(false);
  });

  it('one full random set mixed in per step gives the same weights as drawing each step alone, and makes no tensor', () => {
    const random = seededWeights(TINY_RESNET, 7);
    const before = tf.memory().numTensors;
    for (const blocks of cascadeSteps()) {
      const mixed = mixWeights(trained, random, blocks);
      expect(tf.memory().numTensors).toBe(before);
      const alone = randomisedWeights(trained, TINY_RESNET, blocks, 7);
      for (const name of Object.keys(trained)) {
        expect(mixed[name] === trained[name]).toBe(alone[name] === trained[name]);
        expect(Array.from(mixed[name]!.dataSync())).toEqual(Array.from(alone[name]!.dataSync()));
      }
      disposeRandomised(alone, trained);
    }
    tf.dispose(Object.values(random));
  });

  it('runs over a bleeding phantom: every figure in range, no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const r = await evaluateLab(net, trained, TINY_RESNET, 1, { methods: ['gradcam', 'gradient'], steps: 2, independent: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.slices).toBe(1);
    for (const row of Object.values(r.methods)) {
      expect([0, 1]).toContain(row.pointing_game);
      for (const v of [row.top5_iou, row.deletion_auc, row.insertion_auc]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      // NaN when no slice could be scored: a random net's map may have no positive mass at all
      if (!Number.isNaN(row.energy_pointing_game)) expect(row.energy_pointing_game).toBeGreaterThanOrEqual(0);
      // NaN where every randomised map was constant (Spearman is undefined there)
      for (const b of CASCADE) expect(Number.isNaN(row.randomisation_spearman[b]) || Math.abs(row.randomisation_spearman[b]) <= 1).toBe(true);
    }
    // the independent variant reports one figure per block randomised alone
    expect(Object.keys(r.methods['gradient']?.randomisation_spearman_independent ?? {})).toEqual([...CASCADE]);
    expect(formatLab(r)).toMatch(/\| gradcam \| [01]\.000 \|/);
  }, 120_000);
});
