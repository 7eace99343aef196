/**
 * The batched backward pass on the full ResNet34 (wasm, as the site runs it): every map of one slice
 * from `explainMany` (gradient, Guided Backprop and DeconvNet as one batch of three, Grad-CAM at layer4
 * and layer2 from the gradient's signal, Guided Grad-CAM from those) equals the methods run one pass
 * each, to 1e-6 of the map's maximum; on the seeded weights, and on the shipped weights with the golden
 * slices' inputs (tests/fixtures/golden, as tests/unit/golden/resnet34.test.ts). The tensor count is
 * flat after the batched call and back to the start after dispose.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESNET34 } from '../../../src/model/arch';
import { MODEL_SIZE } from '../../../src/ct/window';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { disposeWeights, seededWeights, type LoadedWeights } from '../../../src/model/weights';
import { loadWeightsFromDir } from '../../../src/model/weights-node';
import { METHOD_NAMES, type ExplainRequest } from '../../../src/explain/method';
import { openSession, type ExplanationMap } from '../../../src/explain/run';
import { useBackend } from '../helpers/tf';
import { relErr } from '../helpers/compare';

const REL = 1e-6;
const requests = (label: number): ExplainRequest[] => [
  ...METHOD_NAMES.map((method) => ({ method, label, layer: 'layer4' as const })),
  { method: 'gradcam', label, layer: 'layer2' },
];

/** Separate passes (one session, each method its own backward pass) against explainMany; returns the worst relative error. */
async function compare(net: ResNet, input: Float32Array, label: number): Promise<number> {
  while (net.prepareBackward()); // kernels made on first use are kept: made now, so the count sees the passes' own
  const start = tf.memory().numTensors;
  const reqs = requests(label);
  const one = await openSession(net, input, MODEL_SIZE);
  const separate: ExplanationMap[] = [];
  for (const r of reqs) separate.push(await one.explain(r));
  one.dispose();
  expect(separate.every((m) => m.shared === undefined)).toBe(true);

  const s = await openSession(net, input, MODEL_SIZE);
  const opened = tf.memory().numTensors;
  const maps = await s.explainMany(reqs);
  expect(tf.memory().numTensors).toBe(opened + reqs.length); // the cached maps, nothing else
  // Gradient, DeconvNet, Grad-CAM (layer4), Guided Backprop, and Grad-CAM (layer2): one pass of five maps.
  expect(maps.map((m) => m.shared ?? 0)).toEqual([5, 5, 5, 5, 0, 5]);
  let worst = 0;
  maps.forEach((m, i) => {
    const ref = separate[i] as ExplanationMap;
    expect(m.request).toEqual(ref.request);
    // The three gradients are never all zero; Grad-CAM may be (every weighted sum negative: no evidence for the label), and Guided Grad-CAM with it.
    if (m.shared && ref.kind === 'signed') expect(ref.data.some((v) => v !== 0), `${ref.request.method} all zero`).toBe(true);
    const err = relErr(m.data, ref.data);
    expect(err, `${m.request.method} ${m.request.layer ?? ''}`).toBeLessThan(REL);
    worst = Math.max(worst, err);
  });
  s.dispose();
  expect(tf.memory().numTensors).toBe(start);
  return worst;
}

describe('batched backward pass on ResNet34 (wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('seeded weights (seed 0): explainMany equals one pass per method', async () => {
    const weights = seededWeights(RESNET34, 0);
    const net = createResNet(weights, RESNET34);
    const n = MODEL_SIZE;
    const input = Float32Array.from({ length: n * n * 3 }, (_, i) => Math.tanh(Math.sin(0.031 * (i / 3)) + Math.cos(0.17 * Math.floor(i / (3 * n))) + (i % 3) * 0.4));
    const worst = await compare(net, input, 0);
    console.log(`batched vs separate, seeded ResNet34: max relative difference ${worst.toExponential(2)}`);
    net.dispose();
    tf.dispose(Object.values(weights));
  });

  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const dir = process.env['GOLDEN_DIR'] ?? join(repo, 'tests/fixtures/golden');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^slice-\d+\.json$/.test(f)).sort() : [];
  describe.skipIf(files.length === 0)(`shipped weights, golden slice inputs (${dir})`, () => {
    let loaded: LoadedWeights;
    let net: ResNet;
    beforeAll(async () => {
      const first = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8')) as { model: { path: string } };
      loaded = await loadWeightsFromDir(dirname(isAbsolute(first.model.path) ? first.model.path : join(repo, first.model.path)));
      net = createResNet(loaded.weights, RESNET34);
    });
    afterAll(() => {
      net.dispose();
      disposeWeights(loaded.weights);
    });
    for (const file of files) {
      it(`${file}: explainMany equals one pass per method`, async () => {
        const g = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { binary: string; tensors: Record<string, { offset: number; shape: number[] }> };
        const e = g.tensors['input'] as { offset: number; shape: number[] };
        const bin = readFileSync(join(dir, g.binary));
        const input = new Float32Array(bin.buffer.slice(bin.byteOffset + e.offset, bin.byteOffset + e.offset + e.shape.reduce((a, b) => a * b, 1) * 4));
        const worst = await compare(net, input, 0);
        console.log(`batched vs separate, shipped weights, ${file}: max relative difference ${worst.toExponential(2)}`);
      });
    }
  });
});
