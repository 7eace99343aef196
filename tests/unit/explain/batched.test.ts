/**
 * One backward pass for the three ReLU rules (src/explain/batched.ts, ResNet.backwardBatch): which maps a
 * pass is planned for, and, on a tiny seeded network (cpu), each batch element against the single-rule
 * backward pass, Grad-CAM from the gradient's signal against Grad-CAM's own pass, and the session's cache.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../../src/model/arch';
import { disposeForward } from '../../../src/model/resnet34';
import type { ReluRule } from '../../../src/model/relu-rules';
import { planBatches } from '../../../src/explain/batched';
import { METHOD_NAMES, type ExplainRequest } from '../../../src/explain/method';
import { canonicalRequest, openSession, type ExplanationMap } from '../../../src/explain/run';
import { relErr } from '../helpers/compare';
import { TINY_INPUT, TINY_SIZE, useTinyResNet } from '../helpers/tiny-resnet';

describe('planBatches', () => {
  const grid = (label: number, layer = 'layer4' as const): ExplainRequest[] => METHOD_NAMES.map((method) => canonicalRequest({ method, label, layer }));

  it('plans the comparison grid as one pass: three rules, Grad-CAM at its layer', () => {
    expect(planBatches(grid(2))).toEqual([{ label: 2, rules: ['gradient', 'guided', 'deconv'], cams: ['layer4'] }]);
    expect(planBatches(grid(0, 'layer2' as never))).toEqual([{ label: 0, rules: ['gradient', 'guided', 'deconv'], cams: ['layer2'] }]);
  });

  it('plans one pass per label, in rule order, with every Grad-CAM layer asked for', () => {
    const reqs: ExplainRequest[] = [
      { method: 'deconvnet', label: 1 },
      { method: 'gradcam', label: 1, layer: 'layer1' },
      { method: 'gradient', label: 1 },
      { method: 'guided-gradcam', label: 1, layer: 'layer3' },
      { method: 'guided-backprop', label: 4 },
      { method: 'deconvnet', label: 4 },
    ];
    expect(planBatches(reqs)).toEqual([
      { label: 1, rules: ['gradient', 'guided', 'deconv'], cams: ['layer1', 'layer3'] },
      { label: 4, rules: ['guided', 'deconv'], cams: [] },
    ]);
  });

  it('plans nothing that makes fewer than two maps, and leaves Grad-CAM alone without the gradient rule', () => {
    expect(planBatches([{ method: 'gradient', label: 0 }])).toEqual([]);
    expect(planBatches([{ method: 'gradcam', label: 0, layer: 'layer4' }])).toEqual([]);
    // Guided Grad-CAM needs Guided Backprop and Grad-CAM: only one of them comes from a guided pass.
    expect(planBatches([{ method: 'guided-gradcam', label: 0, layer: 'layer4' }])).toEqual([]);
    expect(planBatches([{ method: 'guided-backprop', label: 0 }, { method: 'deconvnet', label: 0 }, { method: 'gradcam', label: 0, layer: 'layer4' }])).toEqual([
      { label: 0, rules: ['guided', 'deconv'], cams: [] },
    ]);
    // Feature-map DeconvNet starts from another signal; the lab methods run their own passes.
    expect(planBatches([{ method: 'deconvnet', label: -1, feature: { block: 'layer2.1', channel: 3 } }, { method: 'smoothgrad', label: 0 }, { method: 'gradient', label: 0 }])).toEqual([]);
  });

  it('skips what is already computed', () => {
    const done = (r: ExplainRequest): boolean => r.method === 'gradient' || r.method === 'gradcam';
    expect(planBatches(grid(3), done)).toEqual([{ label: 3, rules: ['guided', 'deconv'], cams: [] }]);
    expect(planBatches(grid(3), () => true)).toEqual([]);
  });
});

describe('backwardBatch on a tiny seeded ResNet (cpu)', () => {
  const tiny = useTinyResNet(21);
  const SIZE = 40;

  it('gives each batch element the single-rule pass, at the input and at every stage', () => {
    const x = tf.randomNormal([1, SIZE, SIZE, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const state = tiny.net().forward(x);
    const before = tf.memory().numTensors;
    for (const rules of [['gradient', 'guided', 'deconv'], ['deconv', 'gradient'], ['guided']] as ReluRule[][]) {
      for (const label of [0, 4]) {
        tf.tidy(() => {
          const pass = tiny.net().backwardBatch(state, { rules, start: { logit: label }, keepAt: STAGES });
          expect(pass.input.shape).toEqual([rules.length, SIZE, SIZE, 3]);
          rules.forEach((rule, k) => {
            const one = (t: tf.Tensor4D): Float32Array => tf.slice(t, [k, 0, 0, 0], [1, -1, -1, -1]).dataSync() as Float32Array;
            const alone = tiny.net().backward(state, { rule, start: { logit: label } }).dataSync();
            expect(relErr(one(pass.input), alone), `${rules} ${rule} input`).toBeLessThan(1e-6);
            for (const stage of STAGES) {
              const atStage = tiny.net().backward(state, { rule, start: { logit: label }, stopAt: stage }).dataSync();
              expect(relErr(one(pass.stages[stage] as tf.Tensor4D), atStage), `${rules} ${rule} ${stage}`).toBeLessThan(1e-6);
            }
          });
        });
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeForward(state);
    x.dispose();
  });

  it('starts from a feature map too, and refuses a kept stage above the start or no rule', () => {
    const x = tf.randomNormal([1, SIZE, SIZE, 3], 0, 1, 'float32', 6) as tf.Tensor4D;
    const state = tiny.net().forward(x);
    tf.tidy(() => {
      const start = { block: 'layer3.0', channel: 2 };
      const pass = tiny.net().backwardBatch(state, { rules: ['deconv', 'gradient'], start, keepAt: ['layer2'] });
      const first = tf.slice(pass.input, [0, 0, 0, 0], [1, -1, -1, -1]).dataSync();
      expect(relErr(first, tiny.net().backward(state, { rule: 'deconv', start }).dataSync())).toBeLessThan(1e-6);
      expect(() => tiny.net().backwardBatch(state, { rules: ['gradient'], start, keepAt: ['layer4'] })).toThrow(/layer4 lies above the start/);
      expect(() => tiny.net().backwardBatch(state, { rules: [], start: { logit: 0 } })).toThrow(/no rule/);
    });
    disposeForward(state);
    x.dispose();
  });
});

describe('ExplainSession.prefetch / explainMany on a tiny seeded ResNet (cpu)', () => {
  const tiny = useTinyResNet();
  const [SIZE, input] = [TINY_SIZE, TINY_INPUT];

  it('equals the methods run one by one, marks the shared pass, and keeps the tensor count flat', async () => {
    const requests: ExplainRequest[] = [...METHOD_NAMES.map((method) => ({ method, label: 2, layer: 'layer3' as const })), { method: 'gradcam', label: 2, layer: 'layer1' }];
    const start = tf.memory().numTensors;
    const separate: ExplanationMap[] = [];
    for (const r of requests) {
      const s = await openSession(tiny.net(), input, SIZE);
      separate.push(await s.explain(r));
      s.dispose();
    }
    expect(tf.memory().numTensors).toBe(start);

    const s = await openSession(tiny.net(), input, SIZE);
    const opened = tf.memory().numTensors;
    const maps = await s.explainMany(requests);
    // One cached map per distinct request, nothing else.
    expect(tf.memory().numTensors).toBe(opened + requests.length);
    maps.forEach((m, i) => {
      const ref = separate[i];
      expect(m.request).toEqual(ref?.request);
      expect([m.height, m.width, m.channels, m.kind]).toEqual([ref?.height, ref?.width, ref?.channels, ref?.kind]);
      expect(relErr(m.data, ref?.data ?? []), `${m.request.method} ${m.request.layer ?? ''}`).toBeLessThan(1e-6);
    });
    // The batched pass made gradient, guided, deconv and the two Grad-CAMs; Guided Grad-CAM is their product.
    expect(maps.map((m) => m.shared ?? 0)).toEqual([5, 5, 5, 5, 0, 5]);
    expect(new Set(maps.filter((m) => m.shared).map((m) => m.ms)).size).toBe(1);
    // Asked again: all cached, nothing computed, nothing new held.
    const again = await s.explainMany(requests);
    expect(again.every((m) => m.ms === 0 && m.shared === undefined)).toBe(true);
    expect(tf.memory().numTensors).toBe(opened + requests.length);
    s.dispose();
    expect(tf.memory().numTensors).toBe(start);
    await expect(s.prefetch(requests)).rejects.toThrow(/disposed/);
  });

  it('computes only what is missing', async () => {
    const s = await openSession(tiny.net(), input, SIZE);
    const grad = await s.explain({ method: 'gradient', label: 1 });
    const maps = await s.explainMany(METHOD_NAMES.map((method) => ({ method, label: 1 })));
    expect(maps[0]?.data).toEqual(grad.data);
    expect(maps[0]?.ms).toBe(0);
    // Guided Backprop and DeconvNet together; Grad-CAM (no gradient signal in that pass) on its own.
    expect(maps.map((m) => m.shared ?? 0)).toEqual([0, 2, 0, 2, 0]);
    s.dispose();
  });
});
