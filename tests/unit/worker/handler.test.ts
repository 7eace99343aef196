/**
 * The compute worker's handler driven directly in Node on wasm, with a tiny seeded ResNet: init
 * (seeded, 404 fallback, a served trained model with thresholds), forward, explain, and every error
 * path answering with an `error` message while the handler keeps working.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS, TINY_RESNET } from '../../../src/model/arch';
import { createResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { encodeModelWeights } from '../../../src/model/weights-encode';
import { huToModelInput } from '../../../src/ct/window';
import { explainAll, openSession, type ExplanationMap } from '../../../src/explain/run';
import { METHOD_NAMES, type ExplainRequest } from '../../../src/explain/method';
import { relErr } from '../helpers/compare';
import { createHandler, thresholdsFrom, type Handler } from '../../../src/worker/handler';
import type { WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';
import { useBackend } from '../helpers/tf';

const SIZE = 32;
/** A hand-checkable HU pattern: a 200 HU square (brain window: white) on 0 HU (brain window: 0.25 grey). */
const hu = Float32Array.from({ length: SIZE * SIZE }, (_, i) => {
  const x = i % SIZE;
  const y = Math.floor(i / SIZE);
  return x >= 8 && x < 16 && y >= 10 && y < 20 ? 200 : 0;
});

/** Send one request, collect every response it produced. */
async function ask(h: Handler, req: WorkerRequest): Promise<WorkerResponse[]> {
  const out: WorkerResponse[] = [];
  await h.handle(req, (m) => out.push(m));
  return out;
}

const notFound: typeof fetch = async () => new Response('not found', { status: 404 });

/** A fetch that serves model.json and its shards from memory, like a static host. */
async function servedModel(seed: number, meta: Record<string, unknown>): Promise<typeof fetch> {
  const weights = seededWeights(TINY_RESNET, seed);
  const { model, shards } = await encodeModelWeights(TINY_RESNET, weights, { shardBytes: 1000, meta });
  tf.dispose(Object.values(weights));
  const files = new Map<string, Uint8Array>([['model.json', new TextEncoder().encode(JSON.stringify(model))]]);
  model.weightsManifest[0]?.paths.forEach((p, i) => files.set(p, shards[i] as Uint8Array));
  return async (input) => {
    const name = String(input instanceof Request ? input.url : input).split('/').pop() ?? '';
    const body = files.get(name);
    return body ? new Response(body.slice(), { status: 200 }) : new Response('', { status: 404 });
  };
}

describe('compute worker handler (wasm, tiny seeded ResNet)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('answers requests before init with not-ready, and an unknown backend with an init error', async () => {
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET });
    const [r] = await ask(h, { type: 'explain', id: 1, sliceKey: 'a', request: { method: 'gradient', label: 0 } });
    expect(r).toMatchObject({ type: 'error', id: 1, code: 'not-ready' });
    const [e] = await ask(h, { type: 'init', id: 2, preferredBackend: 'quantum', modelUrl: null });
    expect(e).toMatchObject({ type: 'error', id: 2, code: 'init' });
    expect(e?.type === 'error' && e.message).toMatch(/Unknown backend "quantum"/);
  });

  it('a bad ?threads= value is ignored and named in the ready info, and the model still loads', async () => {
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET });
    const [r] = await ask(h, { type: 'init', id: 1, modelUrl: null, wasmThreads: 'zero' });
    expect(r?.type).toBe('ready');
    expect(r?.type === 'ready' && r.threads).toEqual({ count: 1, reason: 'node', note: 'tfjs runs WebAssembly on one thread in Node', ignored: 'zero' });
    h.dispose();
  });

  describe('with the seeded fallback', () => {
    let h: Handler;
    let before: number;
    afterAll(() => {
      h.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('falls back to the untrained random network when model.json is 404', async () => {
      before = tf.memory().numTensors;
      h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: notFound });
      const [r] = await ask(h, { type: 'init', id: 1, modelUrl: 'http://site.test/models/resnet34/model.json' });
      expect(r).toMatchObject({ type: 'ready', id: 1, backend: 'wasm', weights: 'untrained-random', thresholds: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5] });
      if (r?.type !== 'ready') throw new Error('not ready');
      expect(r.weightsNote).toMatch(/HTTP 404/);
      expect(r.tried).toEqual([{ name: 'wasm', ok: true }]);
      // TINY_RESNET: blocks [1, 2, 1, 1], widths [4, 8, 8, 8].
      expect(r.blocks).toEqual([
        { name: 'layer1.0', channels: 4 },
        { name: 'layer2.0', channels: 8 },
        { name: 'layer2.1', channels: 8 },
        { name: 'layer3.0', channels: 8 },
        { name: 'layer4.0', channels: 8 },
      ]);
      // A second init answers ready again without reloading.
      const [again] = await ask(h, { type: 'init', id: 2, modelUrl: null });
      expect(again).toMatchObject({ type: 'ready', id: 2, weights: 'untrained-random' });
    });

    it('runs the forward pass and every map equals the engine computing directly', async () => {
      const [f] = await ask(h, { type: 'slice', id: 3, sliceKey: 'square', size: SIZE, hu: hu.slice() });
      if (f?.type !== 'forward') throw new Error(`expected forward, got ${JSON.stringify(f)}`);
      expect(f.sliceKey).toBe('square');
      f.probabilities.forEach((p, i) => expect(p).toBeCloseTo(1 / (1 + Math.exp(-(f.logits[i] as number))), 6));

      const weights = seededWeights(TINY_RESNET, 0);
      const net = createResNet(weights, TINY_RESNET);
      const requests = [
        { method: 'gradient', label: 5 },
        { method: 'gradcam', label: 0, layer: 'layer3' },
        { method: 'deconvnet', label: 0, feature: { block: 'layer2.1', channel: 3 } },
      ] as const;
      const direct = await explainAll(net, huToModelInput(hu, SIZE), SIZE, requests);
      net.dispose();
      tf.dispose(Object.values(weights));
      expect(Array.from(f.logits)).toEqual(Array.from(direct.logits));

      for (const [i, request] of requests.entries()) {
        const [m] = await ask(h, { type: 'explain', id: 10 + i, sliceKey: 'square', request });
        if (m?.type !== 'map') throw new Error(`expected map, got ${JSON.stringify(m)}`);
        const want = direct.maps[i];
        expect([m.map.height, m.map.width, m.map.channels]).toEqual([want?.height, want?.width, want?.channels]);
        expect(Array.from(m.map.data)).toEqual(Array.from(want?.data ?? []));
      }
    });

    it('computes the grid’s maps in one batched pass when asked with `together`, equal to one pass per method', async () => {
      const [f] = await ask(h, { type: 'slice', id: 30, sliceKey: 'grid', size: SIZE, hu: hu.slice() });
      expect(f?.type).toBe('forward');
      const grid: ExplainRequest[] = METHOD_NAMES.map((method) => ({ method, label: 2, layer: 'layer3' }));
      const weights = seededWeights(TINY_RESNET, 0);
      const net = createResNet(weights, TINY_RESNET);
      const separate: ExplanationMap[] = [];
      for (const r of grid) {
        const s = await openSession(net, huToModelInput(hu, SIZE), SIZE);
        separate.push(await s.explain(r));
        s.dispose();
      }
      net.dispose();
      tf.dispose(Object.values(weights));
      const shared: (number | undefined)[] = [];
      for (const [i, request] of grid.entries()) {
        const [m] = await ask(h, { type: 'explain', id: 31 + i, sliceKey: 'grid', request, together: grid });
        if (m?.type !== 'map') throw new Error(`expected map, got ${JSON.stringify(m)}`);
        expect(relErr(m.map.data, separate[i]?.data ?? [])).toBeLessThan(1e-6);
        shared.push(m.map.shared);
      }
      // gradient, deconvnet, Grad-CAM and Guided Backprop from one pass; Guided Grad-CAM is their product.
      expect(shared).toEqual([4, 4, 4, 4, undefined]);
      const bogus = [{ method: 'lime', label: 0 }] as unknown as ExplainRequest[];
      const [bad] = await ask(h, { type: 'explain', id: 40, sliceKey: 'grid', request: { method: 'gradient', label: 0 }, together: bogus });
      expect(bad).toMatchObject({ type: 'error', id: 40, code: 'bad-request' });
      // Back to the slice the next test expects.
      await ask(h, { type: 'slice', id: 41, sliceKey: 'square', size: SIZE, hu: hu.slice() });
    });

    it('turns stale, malformed and failing requests into error messages and keeps working', async () => {
      const [stale] = await ask(h, { type: 'explain', id: 20, sliceKey: 'other', request: { method: 'gradient', label: 0 } });
      expect(stale).toMatchObject({ type: 'error', id: 20, code: 'stale' });
      const bogus = { method: 'lime', label: 0 } as unknown as { method: 'gradient'; label: number };
      const [bad] = await ask(h, { type: 'explain', id: 21, sliceKey: 'square', request: bogus });
      expect(bad).toMatchObject({ type: 'error', id: 21, code: 'bad-request' });
      const [block] = await ask(h, { type: 'explain', id: 22, sliceKey: 'square', request: { method: 'deconvnet', label: 0, feature: { block: 'layer9.0', channel: 0 } } });
      expect(block).toMatchObject({ type: 'error', id: 22, code: 'compute' });
      const [short] = await ask(h, { type: 'slice', id: 23, sliceKey: 'short', size: SIZE, hu: new Float32Array(10) });
      expect(short).toMatchObject({ type: 'error', id: 23, code: 'compute' });
      // The failed slice replaced nothing usable: the old key is gone, a new slice works.
      const [ok] = await ask(h, { type: 'slice', id: 24, sliceKey: 'again', size: SIZE, hu: hu.slice() });
      expect(ok?.type).toBe('forward');
      const [m] = await ask(h, { type: 'explain', id: 25, sliceKey: 'again', request: { method: 'guided-gradcam', label: 1 } });
      expect(m?.type).toBe('map');
    });
  });

  it('prepareWhenIdle: the backward kernels are made between requests, the maps are unchanged, and all go on dispose', async () => {
    const before = tf.memory().numTensors;
    const served = await servedModel(7, {});
    const idle = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: served, prepareWhenIdle: true });
    const plain = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: served });
    const url = 'http://site.test/models/resnet34/model.json';
    const [ready] = (await ask(idle, { type: 'init', id: 1, modelUrl: url })).filter((m) => m.type === 'ready');
    // the backend started while the weights were read: both times are within the time to ready
    if (ready?.type !== 'ready' || !ready.startup) throw new Error('no startup times');
    expect(ready.startup.backendMs).toBeLessThanOrEqual(ready.startup.readyMs);
    expect(ready.startup.weightsMs).toBeLessThanOrEqual(ready.startup.readyMs);
    await ask(plain, { type: 'init', id: 1, modelUrl: url });
    const afterInit = tf.memory().numTensors;
    // Idle: one convolution's kernels per macrotask until none is left.
    let count = afterInit;
    for (let k = 0; k < 200; k++) {
      await new Promise((r) => setTimeout(r, 5));
      const now = tf.memory().numTensors;
      if (now === count && now > afterInit) break;
      count = now;
    }
    expect(tf.memory().numTensors).toBeGreaterThan(afterInit);
    const maps = [];
    for (const h of [idle, plain]) {
      await ask(h, { type: 'slice', id: 2, sliceKey: 's', size: SIZE, hu: hu.slice() });
      const [m] = await ask(h, { type: 'explain', id: 3, sliceKey: 's', request: { method: 'guided-backprop', label: 0 } });
      if (m?.type !== 'map') throw new Error('no map');
      maps.push(Array.from(m.map.data));
    }
    expect(maps[0]).toEqual(maps[1]);
    idle.dispose();
    plain.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads a served trained model with progress and its per-label thresholds', async () => {
    const before = tf.memory().numTensors;
    const thresholds = { any: 0.4, epidural: 0.2, intraparenchymal: 0.3, intraventricular: 0.25, subarachnoid: 0.35, subdural: 0.3 };
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: await servedModel(7, { thresholds }) });
    const out = await ask(h, { type: 'init', id: 1, modelUrl: 'http://site.test/models/resnet34/model.json' });
    const ready = out.at(-1);
    expect(ready).toMatchObject({ type: 'ready', weights: 'trained', thresholds: [0.4, 0.2, 0.3, 0.25, 0.35, 0.3] });
    const progress = out.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(2); // shards of 1000 bytes
    const last = progress.at(-1);
    expect(last?.type === 'progress' && last.loaded === last.total && last.total > 0).toBe(true);

    // The served weights (seed 7), not the fallback (seed 0), produce the logits.
    const [f] = await ask(h, { type: 'slice', id: 2, sliceKey: 's', size: SIZE, hu: hu.slice() });
    const weights = seededWeights(TINY_RESNET, 7);
    const net = createResNet(weights, TINY_RESNET);
    const direct = await explainAll(net, huToModelInput(hu, SIZE), SIZE, []);
    net.dispose();
    tf.dispose(Object.values(weights));
    if (f?.type !== 'forward') throw new Error('no forward');
    Array.from(f.logits).forEach((v, i) => expect(v).toBeCloseTo(direct.logits[i] as number, 5));
    h.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a broken trained model as an init error instead of falling back', async () => {
    const broken: typeof fetch = async (input) =>
      String(input).endsWith('model.json') ? new Response('{"format": "something-else"}') : new Response('', { status: 404 });
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: broken });
    const [r] = await ask(h, { type: 'init', id: 1, modelUrl: 'http://site.test/m/model.json' });
    expect(r).toMatchObject({ type: 'error', code: 'init' });
    expect(r?.type === 'error' && r.message).toMatch(/format "something-else"/);
  });

  it('reads thresholds from meta, 0.5 where missing or out of range', () => {
    expect(thresholdsFrom({})).toEqual(LABELS.map(() => 0.5));
    expect(thresholdsFrom({ thresholds: { any: 0.3, subdural: 1.5, epidural: 'x' } })).toEqual([0.3, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });
});
