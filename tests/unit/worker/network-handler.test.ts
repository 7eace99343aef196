/**
 * A second network in the compute worker (network-protocol.ts), driven through the real handler on
 * wasm with two tiny ResNets served from memory: the comparison equals each network computed directly,
 * a load is fetched once and only when asked, every error path answers `error` and leaves the handler
 * working, and no tensor outlives a comparison, an unload, a failed load or the handler.
 * Nothing here assumes the two networks agree or differ: each output is checked against its own network.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABELS, TINY_RESNET, type Stage } from '../../../src/model/arch';
import { createResNet } from '../../../src/model/resnet34';
import { disposeWeights, loadWeightsFromUrl, seededWeights } from '../../../src/model/weights';
import { encodeModelWeights } from '../../../src/model/weights-encode';
import { huToModelInput } from '../../../src/ct/window';
import { explainAll } from '../../../src/explain/run';
import { createHandler, type Handler } from '../../../src/worker/handler';
import { createClient, type WorkerLike } from '../../../src/worker/client';
import type { WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';
import type { NetworkOutput } from '../../../src/worker/network-protocol';
import { useBackend } from '../helpers/tf';

const SIZE = 32;
const hu = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (i % SIZE >= 8 && i % SIZE < 16 && Math.floor(i / SIZE) >= 10 && Math.floor(i / SIZE) < 20 ? 70 : 30));
const MAIN_URL = 'http://site.test/models/resnet34/model.json';
const BEFORE_URL = 'http://site.test/models/resnet34-before/model.json';
const LAYERS: readonly Stage[] = ['layer4', 'layer3'];

/** A static host serving one seeded tiny model per folder; `requests` records every URL asked for. */
async function site(models: Record<string, { seed: number; sha256: string }>): Promise<{ fetch: typeof fetch; requests: string[] }> {
  const files = new Map<string, Uint8Array>();
  for (const [folder, { seed, sha256 }] of Object.entries(models)) {
    const weights = seededWeights(TINY_RESNET, seed);
    const { model, shards } = await encodeModelWeights(TINY_RESNET, weights, { shardBytes: 1000, meta: { sha256, date: '2026-12-01', thresholds: { any: 0.4 } } });
    tf.dispose(Object.values(weights));
    files.set(`${folder}model.json`, new TextEncoder().encode(JSON.stringify(model)));
    model.weightsManifest[0]?.paths.forEach((p, i) => files.set(`${folder}${p}`, shards[i] as Uint8Array));
  }
  const requests: string[] = [];
  const fetchFn: typeof fetch = async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push(url);
    const body = files.get(new URL(url).pathname);
    return body ? new Response(body.slice(), { status: 200 }) : new Response('', { status: 404 });
  };
  return { fetch: fetchFn, requests };
}

const TWO = { '/models/resnet34/': { seed: 7, sha256: 'a'.repeat(64) }, '/models/resnet34-before/': { seed: 11, sha256: 'b'.repeat(64) } };

async function ask(h: Handler, req: WorkerRequest): Promise<WorkerResponse[]> {
  const out: WorkerResponse[] = [];
  await h.handle(req, (m) => out.push(m));
  return out;
}

/** What the engine computes directly for the network at `url`: probabilities and Grad-CAM of "any" at each layer. */
async function direct(url: string, fetchFn: typeof fetch): Promise<{ probabilities: Float32Array; maps: Float32Array[] }> {
  const w = await loadWeightsFromUrl(url, { fetch: fetchFn });
  const net = createResNet(w.weights, w.spec);
  const r = await explainAll(net, huToModelInput(hu, SIZE), SIZE, LAYERS.map((layer) => ({ method: 'gradcam', label: 0, layer })));
  net.dispose();
  disposeWeights(w.weights);
  return { probabilities: r.probabilities, maps: r.maps.map((m) => m.data) };
}

function expectOwnNetwork(o: NetworkOutput | undefined, want: { probabilities: Float32Array; maps: Float32Array[] }): void {
  if (!o) throw new Error('missing output');
  expect(o.probabilities).toHaveLength(LABELS.length);
  expect(Array.from(o.probabilities)).toEqual(Array.from(want.probabilities));
  o.probabilities.forEach((p, i) => expect(p).toBeCloseTo(1 / (1 + Math.exp(-(o.logits[i] as number))), 6));
  expect(o.maps.map((m) => [m.request.layer, m.kind, m.height, m.width, m.channels])).toEqual(LAYERS.map((l) => [l, 'cam', SIZE, SIZE, 1]));
  o.maps.forEach((m, i) => expect(Array.from(m.data)).toEqual(Array.from(want.maps[i] ?? [])));
}

describe('a second network in the compute worker (wasm, tiny ResNets)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('loads the other weights only when asked, and compares one slice through both, each equal to its own network', async () => {
    const host = await site(TWO);
    const before = tf.memory().numTensors;
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: host.fetch });
    // Asked before init: not ready, and nothing fetched.
    expect(await ask(h, { type: 'network-load', id: 1, network: 'before', modelUrl: BEFORE_URL })).toEqual([expect.objectContaining({ type: 'error', id: 1, code: 'not-ready' })]);
    await ask(h, { type: 'init', id: 2, modelUrl: MAIN_URL });
    expect(host.requests.some((u) => u.includes('resnet34-before'))).toBe(false);

    const loaded = await ask(h, { type: 'network-load', id: 3, network: 'before', modelUrl: BEFORE_URL });
    const ready = loaded.at(-1);
    expect(ready).toMatchObject({ type: 'network-ready', id: 3, network: 'before', sha256: 'b'.repeat(64), thresholds: [0.4, 0.5, 0.5, 0.5, 0.5, 0.5] });
    expect(ready?.type === 'network-ready' && ready.modelVersion).toMatch(/^ResNet34, trained 2026-12-01 .*sha256 bbbbbbbbbbbb/);
    const progress = loaded.filter((m) => m.type === 'network-progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((m) => m.id === 3)).toBe(true);
    // No `progress` message: that one is the page's own model's.
    expect(loaded.some((m) => m.type === 'progress')).toBe(false);

    // The same id and URL again: ready at once, nothing fetched again.
    const asked = host.requests.length;
    expect(await ask(h, { type: 'network-load', id: 4, network: 'before', modelUrl: BEFORE_URL })).toEqual([expect.objectContaining({ type: 'network-ready', id: 4, network: 'before' })]);
    expect(host.requests.length).toBe(asked);

    const [r] = await ask(h, { type: 'compare', id: 5, sliceKey: 'square', size: SIZE, hu: hu.slice(), networks: ['before', 'main'], label: 0, layers: LAYERS });
    if (r?.type !== 'compare-result') throw new Error(`expected compare-result, got ${JSON.stringify(r)}`);
    expect(r.sliceKey).toBe('square');
    expect(r.outputs.map((o) => [o.network, o.sha256])).toEqual([
      ['before', 'b'.repeat(64)],
      ['main', 'a'.repeat(64)],
    ]);
    expectOwnNetwork(r.outputs[0], await direct(BEFORE_URL, host.fetch));
    expectOwnNetwork(r.outputs[1], await direct(MAIN_URL, host.fetch));
    h.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensor: a comparison leaves the count as it was, an unload releases the network, a failed load leaves nothing', async () => {
    const host = await site(TWO);
    const start = tf.memory().numTensors;
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: host.fetch });
    await ask(h, { type: 'init', id: 1, modelUrl: MAIN_URL });
    const compare = (id: number, networks: string[]): Promise<WorkerResponse[]> => ask(h, { type: 'compare', id, sliceKey: 's', size: SIZE, hu: hu.slice(), networks, label: 0, layers: LAYERS });
    // The page's network makes its backward kernels on first use and keeps them: count after that.
    expect((await compare(2, ['main']))[0]?.type).toBe('compare-result');
    const withMain = tf.memory().numTensors;

    await ask(h, { type: 'network-load', id: 3, network: 'before', modelUrl: BEFORE_URL });
    const loadedCount = tf.memory().numTensors;
    expect(loadedCount).toBeGreaterThan(withMain);
    expect((await compare(4, ['main', 'before']))[0]?.type).toBe('compare-result');
    const warm = tf.memory().numTensors; // the second network's backward kernels, made once
    expect((await compare(5, ['main', 'before']))[0]?.type).toBe('compare-result');
    expect((await compare(6, ['before']))[0]?.type).toBe('compare-result');
    expect(tf.memory().numTensors).toBe(warm);

    expect(await ask(h, { type: 'network-unload', id: 7, network: 'before' })).toEqual([{ type: 'network-unloaded', id: 7, network: 'before', released: true }]);
    expect(tf.memory().numTensors).toBe(withMain);
    expect(await ask(h, { type: 'network-unload', id: 8, network: 'before' })).toEqual([{ type: 'network-unloaded', id: 8, network: 'before', released: false }]);
    // Unloaded: a comparison that names it is refused.
    expect((await compare(9, ['main', 'before']))[0]).toMatchObject({ type: 'error', id: 9, code: 'bad-request' });

    // A missing model: an error (never the seeded stand-in), no tensor kept, and the id free again.
    const [missing] = await ask(h, { type: 'network-load', id: 10, network: 'gone', modelUrl: 'http://site.test/models/nowhere/model.json' });
    expect(missing).toMatchObject({ type: 'error', id: 10, code: 'init' });
    expect(missing?.type === 'error' && missing.message).toMatch(/HTTP 404/);
    expect(tf.memory().numTensors).toBe(withMain);

    // Loaded again after the unload: equal outputs to the first time.
    await ask(h, { type: 'network-load', id: 11, network: 'before', modelUrl: BEFORE_URL });
    expect((await compare(12, ['main', 'before']))[0]?.type).toBe('compare-result');
    h.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('refuses bad requests with an error and keeps working', async () => {
    const host = await site(TWO);
    const before = tf.memory().numTensors;
    const h = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: host.fetch });
    const base = { type: 'compare', sliceKey: 's', size: SIZE, label: 0, layers: LAYERS, networks: ['main'] } as const;
    expect((await ask(h, { ...base, id: 1, hu: hu.slice() }))[0]).toMatchObject({ type: 'error', code: 'not-ready' });
    await ask(h, { type: 'init', id: 2, modelUrl: MAIN_URL });
    await ask(h, { type: 'network-load', id: 3, network: 'before', modelUrl: BEFORE_URL });
    const refused: [string, WorkerRequest][] = [
      ['main as a name', { type: 'network-load', id: 10, network: 'main', modelUrl: BEFORE_URL }],
      ['an id holding other weights', { type: 'network-load', id: 11, network: 'before', modelUrl: MAIN_URL }],
      ['an unknown network', { ...base, id: 12, hu: hu.slice(), networks: ['main', 'later'] }],
      ['no network', { ...base, id: 13, hu: hu.slice(), networks: [] }],
      ['a network twice', { ...base, id: 14, hu: hu.slice(), networks: ['main', 'main'] }],
      ['a label out of range', { ...base, id: 15, hu: hu.slice(), label: 6 }],
      ['an unknown layer', { ...base, id: 16, hu: hu.slice(), layers: ['layer5' as Stage] }],
      ['no layer', { ...base, id: 17, hu: hu.slice(), layers: [] }],
    ];
    for (const [why, req] of refused) {
      const out = await ask(h, req);
      expect(out, why).toEqual([expect.objectContaining({ type: 'error', id: req.id, code: 'bad-request' })]);
    }
    const [wrongSize] = await ask(h, { ...base, id: 18, hu: hu.slice(0, 100), size: SIZE });
    expect(wrongSize).toMatchObject({ type: 'error', id: 18, code: 'compute' });
    // Still working, and the explorer's slice requests are untouched by comparisons.
    const [f] = await ask(h, { type: 'slice', id: 19, sliceKey: 'x', size: SIZE, hu: hu.slice() });
    expect(f?.type).toBe('forward');
    expect((await ask(h, { ...base, id: 20, hu: hu.slice(), networks: ['before', 'main'] }))[0]?.type).toBe('compare-result');
    const [m] = await ask(h, { type: 'explain', id: 21, sliceKey: 'x', request: { method: 'gradcam', label: 0 } });
    expect(m?.type).toBe('map');
    h.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('through the page client: one load per id with its own progress, then both networks on one slice', async () => {
    const host = await site(TWO);
    const before = tf.memory().numTensors;
    const handler = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET, fetch: host.fetch });
    const make = (): WorkerLike => {
      const w: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage(msg) {
          void handler.handle(structuredClone(msg), (r: WorkerResponse) => w.onmessage?.({ data: structuredClone(r) } as MessageEvent<WorkerResponse>));
        },
      };
      return w;
    };
    const c = createClient(make, { modelUrl: MAIN_URL });
    await expect(c.loadNetwork('before', BEFORE_URL)).rejects.toThrow(/init first/);
    const initProgress: number[] = [];
    await c.init((loaded) => initProgress.push(loaded));
    const seen = initProgress.length;
    const progress: [number, number][] = [];
    const [a, b] = await Promise.all([c.loadNetwork('before', BEFORE_URL, (l, t) => progress.push([l, t])), c.loadNetwork('before', BEFORE_URL)]);
    expect(a).toEqual(b);
    expect(a.network).toBe('before');
    expect(host.requests.filter((u) => u === BEFORE_URL)).toHaveLength(1);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(initProgress.length).toBe(seen); // the second network's bytes are not the page model's progress
    const outputs = await c.compare('square', hu, ['main', 'before'], 0, LAYERS);
    expectOwnNetwork(outputs[0], await direct(MAIN_URL, host.fetch));
    expectOwnNetwork(outputs[1], await direct(BEFORE_URL, host.fetch));
    handler.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
