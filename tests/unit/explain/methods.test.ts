import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../../src/model/arch';
import { METHOD_NAMES } from '../../../src/explain/method';
import { openSession, explainAll } from '../../../src/explain/run';
import { methodByName } from '../../../src/explain/registry';
import { TINY_INPUT as input, TINY_SIZE as SIZE, useTinyResNet } from '../helpers/tiny-resnet';

describe('every method on a tiny seeded ResNet (cpu)', () => {
  const tiny = useTinyResNet();

  it('gives maps of the right shape and kind for every method, label and layer', async () => {
    const session = await openSession(tiny.net(), input, SIZE);
    expect(session.logits).toHaveLength(6);
    const nonZero = new Set<string>();
    for (const method of METHOD_NAMES) {
      for (const label of [0, 5]) {
        for (const layer of STAGES) {
          const map = await session.explain({ method, label, layer });
          const kind = methodByName(method).kind;
          expect(map.kind).toBe(kind);
          expect([map.height, map.width, map.channels]).toEqual([SIZE, SIZE, kind === 'cam' ? 1 : 3]);
          expect(map.data.every(Number.isFinite)).toBe(true);
          if (kind === 'cam') expect(Math.min(...map.data)).toBeGreaterThanOrEqual(0);
          if (map.data.some((v) => v !== 0)) nonZero.add(method);
        }
      }
    }
    // Random weights can zero a CAM for one label, but never every map of a method.
    expect([...nonZero].sort()).toEqual([...METHOD_NAMES].sort());
    session.dispose();
  });

  it('starts DeconvNet from a channel of every block', async () => {
    const session = await openSession(tiny.net(), input, SIZE);
    for (const block of tiny.net().blockNames) {
      const map = await session.explain({ method: 'deconvnet', label: 0, feature: { block, channel: 1 } });
      expect([map.height, map.width, map.channels]).toEqual([SIZE, SIZE, 3]);
      expect(map.request.feature).toEqual({ block, channel: 1 });
    }
    await expect(session.explain({ method: 'deconvnet', label: 0, feature: { block: 'layer9.0', channel: 0 } })).rejects.toThrow(/unknown block/);
    session.dispose();
  });

  it('Guided Grad-CAM is the product of Guided Backprop and upsampled Grad-CAM', async () => {
    const { maps } = await explainAll(tiny.net(), input, SIZE, [
      { method: 'guided-backprop', label: 2 },
      { method: 'gradcam', label: 2, layer: 'layer3' },
      { method: 'guided-gradcam', label: 2, layer: 'layer3' },
    ]);
    const [gb, cam, ggc] = maps as [typeof maps[0], typeof maps[0], typeof maps[0]];
    for (let i = 0; i < ggc.data.length; i++) {
      const expected = (gb.data[i] as number) * (cam.data[Math.floor(i / 3)] as number);
      expect(ggc.data[i]).toBeCloseTo(expected, 6);
    }
  });

  it.each([0, 1, 2, 3, 4, 5])('Grad-CAM at layer4 equals CAM from the dense weights (label %i)', async (label) => {
    const session = await openSession(tiny.net(), input, SIZE);
    const cam = await session.explain({ method: 'gradcam', label, layer: 'layer4' });
    // CAM (Zhou et al. 2016): ReLU(Σ_k w_ck A_k) / (h·w), upsampled the same way.
    const expected = tf.tidy(() => {
      const x = tf.tensor4d(input, [1, SIZE, SIZE, 3]);
      const st = tiny.net().forward(x);
      const a = st.stages.layer4;
      const [, h, w, c] = a.shape;
      const wc = tf.reshape(tf.slice(tiny.weights()['fc.weight'] as tf.Tensor2D, [0, label], [c, 1]), [1, 1, 1, c]);
      const raw = tf.div(tf.relu(tf.sum(tf.mul(a, wc), 3)), h * w);
      const up = tf.image.resizeBilinear(tf.reshape(raw, [h, w, 1]) as tf.Tensor3D, [SIZE, SIZE], false, true);
      const vals = up.dataSync();
      tf.dispose([st.logits, st.stemPre, ...st.pool.masks, ...st.blocks.flatMap((b) => [b.f1, b.f2, b.out])]);
      return tf.tensor(vals);
    });
    const exp = expected.dataSync();
    let maxErr = 0;
    let maxVal = 0;
    exp.forEach((v, i) => {
      maxErr = Math.max(maxErr, Math.abs(v - (cam.data[i] as number)));
      maxVal = Math.max(maxVal, Math.abs(v));
    });
    // A label whose weighted sum is negative everywhere gives an all-zero map in both.
    expect(maxErr / Math.max(maxVal, 1e-30)).toBeLessThanOrEqual(1e-5);
    expected.dispose();
    session.dispose();
  });

  it('leaves tf.memory().numTensors unchanged after every method', async () => {
    for (const method of METHOD_NAMES) {
      const before = tf.memory().numTensors;
      await explainAll(tiny.net(), input, SIZE, [{ method, label: 1 }]);
      expect(tf.memory().numTensors, method).toBe(before);
    }
  });

  it('rejects an unknown method and an out-of-range label with clear messages, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const session = await openSession(tiny.net(), input, SIZE);
    await expect(session.explain({ method: 'lrp' as never, label: 0 })).rejects.toThrow(/unknown method "lrp"/);
    await expect(session.explain({ method: 'gradient', label: 6 })).rejects.toThrow(/out of range/);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
