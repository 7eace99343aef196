/**
 * The page-side client over the real handler, bridged in-process (messages cloned with
 * structuredClone as postMessage would): views on different slices take turns on the one worker,
 * superseded work rejects with StaleError, repeated maps come from the cache.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createClient, StaleError, WorkerError, type WorkerLike } from '../../../src/worker/client';
import { createHandler } from '../../../src/worker/handler';
import type { WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';
import { useBackend } from '../helpers/tf';

const SIZE = 32;
const flat = (v: number): Float32Array => new Float32Array(SIZE * SIZE).fill(v);
/** Left half 60 HU, right half 20 HU: the two halves differ in the brain window. */
const halves = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (i % SIZE < SIZE / 2 ? 60 : 20));

/** The handler behind a Worker-shaped object; counts the slices it was sent. */
function inProcessWorker(): { make: () => WorkerLike; sent: WorkerRequest['type'][] } {
  const handler = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET });
  const sent: WorkerRequest['type'][] = [];
  const make = (): WorkerLike => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(msg) {
        sent.push(msg.type);
        void handler.handle(structuredClone(msg), (r: WorkerResponse) => w.onmessage?.({ data: structuredClone(r) } as MessageEvent<WorkerResponse>));
      },
    };
    return w;
  };
  return { make, sent };
}

describe('compute client (in-process handler, wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('shares one model between views and re-sends a view’s slice when another view moved the worker', async () => {
    const { make, sent } = inProcessWorker();
    const client = createClient(make, { modelUrl: null });
    const [a, b] = await Promise.all([client.init(), client.init()]);
    expect(a).toBe(b);
    expect(sent.filter((t) => t === 'init')).toHaveLength(1);

    const v1 = client.view();
    const v2 = client.view();
    const f1 = await v1.setSlice('halves', halves);
    const f2 = await v2.setSlice('flat', flat(40));
    expect(Array.from(f1.logits)).not.toEqual(Array.from(f2.logits));
    const m1 = await v1.explain({ method: 'gradient', label: 0 }); // worker holds "flat": re-sends "halves"
    expect(sent.filter((t) => t === 'slice')).toHaveLength(3);
    const again = await v1.explain({ method: 'gradient', label: 0 });
    expect(again.ms).toBe(0); // cached, nothing sent
    expect(Array.from(again.data)).toEqual(Array.from(m1.data));
    expect(sent.filter((t) => t === 'explain')).toHaveLength(1);
    // The same slice key in another view reuses the map too.
    const v3 = client.view();
    await v3.setSlice('halves', halves);
    expect((await v3.explain({ method: 'gradient', label: 0 })).ms).toBe(0);
  });

  it('sends the grid’s other maps with its first request, and none already cached', async () => {
    const { make, sent } = inProcessWorker();
    const client = createClient(make, { modelUrl: null });
    await client.init();
    const v = client.view();
    await v.setSlice('halves', halves);
    const grid = [
      { method: 'gradient', label: 1 },
      { method: 'deconvnet', label: 1 },
      { method: 'guided-backprop', label: 1 },
    ] as const;
    const alone = await v.explain({ method: 'deconvnet', label: 1 });
    expect(alone.shared).toBeUndefined();
    const maps = await Promise.all(grid.map((r) => v.explain(r, false, grid)));
    // The first request carried the other uncached one: gradient and Guided Backprop in one pass.
    expect(maps.map((m) => m.shared)).toEqual([2, undefined, 2]);
    expect(maps[1]?.ms).toBe(0);
    expect(sent.filter((t) => t === 'explain')).toHaveLength(3);
  });

  it('rejects superseded work with StaleError and delivers only the newest', async () => {
    const { make } = inProcessWorker();
    const client = createClient(make, { modelUrl: null });
    await client.init();
    const v = client.view();
    const first = v.setSlice('one', flat(0));
    const second = v.setSlice('two', halves);
    await expect(first).rejects.toBeInstanceOf(StaleError);
    await expect(second).resolves.toHaveProperty('forwardMs');
    const older = v.explain({ method: 'gradcam', label: 0, layer: 'layer4' });
    const newer = v.explain({ method: 'gradcam', label: 0, layer: 'layer1' });
    const both = v.explain({ method: 'guided-backprop', label: 0 }, false); // not latest-only: a grid cell
    await expect(older).rejects.toBeInstanceOf(StaleError);
    await expect(newer).resolves.toMatchObject({ kind: 'cam', request: { layer: 'layer1' } });
    await expect(both).resolves.toMatchObject({ kind: 'signed', channels: 3 });
  });

  it('passes worker errors through as WorkerError with their code', async () => {
    const { make } = inProcessWorker();
    const client = createClient(make, { modelUrl: null, preferredBackend: 'nope' });
    await expect(client.init()).rejects.toMatchObject({ name: 'WorkerError', code: 'init' });
    const v = client.view();
    await expect(v.explain({ method: 'gradient', label: 0 })).rejects.toThrow(/no slice/);
    await expect(v.setSlice('x', halves)).rejects.toBeInstanceOf(WorkerError);
  });
});
