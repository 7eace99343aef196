import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedReluBackward, reluBackward } from '../../../src/model/relu-rules';

// Loss = Σ s_i · relu(f_i) with alternating signs s = (+1, −1, +1, −1, ...), so R = s arrives at the ReLU.
const f = [-2, -1, 0.5, 3, 0, 4, -0.5, 1];
const r = [1, -1, 1, -1, 1, -1, 1, -1];
const expected = {
  // 1[f>0]·R
  gradient: [0, 0, 1, -1, 0, -1, 0, -1],
  // 1[f>0]·1[R>0]·R
  guided: [0, 0, 1, 0, 0, 0, 0, 0],
  // 1[R>0]·R, forward sign ignored
  deconv: [1, 0, 1, 0, 1, 0, 1, 0],
};

describe('ReLU backward rules on an alternating-sign loss', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const rule of ['gradient', 'guided', 'deconv'] as const) {
    it(`${rule} gives the written-out gradient`, () => {
      const out = tf.tidy(() => reluBackward[rule](tf.tensor4d(r, [1, 2, 2, 2]), tf.tensor4d(f, [1, 2, 2, 2])).dataSync());
      expect(Array.from(out, (v) => v + 0)).toEqual(expected[rule]); // +0 folds -0
    });
  }
});

describe('batchedReluBackward: one rule per batch element', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  it('gives each element exactly what its rule gives alone, whatever the order', () => {
    for (const rules of [['gradient', 'guided', 'deconv'], ['deconv', 'gradient'], ['guided', 'guided', 'deconv', 'gradient']] as const) {
      const out = tf.tidy(() => {
        const rr = tf.tensor4d(rules.flatMap(() => r), [rules.length, 2, 2, 2]);
        return batchedReluBackward(rules)(rr, tf.tensor4d(f, [1, 2, 2, 2])).dataSync();
      });
      expect(Array.from(out, (v) => v + 0)).toEqual(rules.flatMap((rule) => expected[rule]));
    }
  });
  it('rejects a batch that does not match its rules', () => {
    expect(() => tf.tidy(() => batchedReluBackward(['gradient', 'guided'])(tf.zeros([3, 2, 2, 2]), tf.zeros([1, 2, 2, 2])))).toThrow(/batch 3, expected 2/);
  });
});
