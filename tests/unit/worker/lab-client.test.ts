/**
 * The evaluation lab through the page's client and the real worker handler, in-process (messages
 * structured-cloned as postMessage would), on the tiny seeded ResNet (wasm): each job's result agrees
 * with the lab modules run directly, progress counts up to its total, a cancelled job rejects with
 * StaleError and frees its tensors, and the explorer's requests are answered while a lab job runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { huToModelInput } from '../../../src/ct/window';
import { explainAll } from '../../../src/explain/run';
import { CASCADE } from '../../../src/model/randomise';
import { localise, summariseLocalisation } from '../../../src/metrics/localisation';
import { createClient, StaleError, type WorkerLike } from '../../../src/worker/client';
import { createHandler } from '../../../src/worker/handler';
import type { WorkerResponse } from '../../../src/worker/protocol';
import { jobUnits } from '../../../src/lab/jobs';
import { useBackend } from '../helpers/tf';

const SIZE = 32;
/** A 200 HU square (a "bleed") on 30 HU, and its mask. */
const inSquare = (i: number): boolean => i % SIZE >= 8 && i % SIZE < 16 && Math.floor(i / SIZE) >= 10 && Math.floor(i / SIZE) < 20;
const hu = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (inSquare(i) ? 200 : 30));
const mask = Uint8Array.from({ length: SIZE * SIZE }, (_, i) => (inSquare(i) ? 1 : 0));
const METHODS = ['gradient', 'gradcam', 'guided-backprop', 'guided-gradcam'] as const;

function client() {
  const handler = createHandler({ backend: { candidates: ['wasm'] }, fallbackSpec: TINY_RESNET });
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
  const c = createClient(make, { modelUrl: null });
  return { c, handler, warm: () => warmKernels(c) };
}

/**
 * The network makes its backward kernels on first use and keeps them (resnet34.ts): one Guided Backprop
 * map walks every convolution, so a tensor count taken after this sees a job's own tensors only.
 */
async function warmKernels(c: ReturnType<typeof createClient>): Promise<void> {
  const v = c.view();
  await v.setSlice('warm-up', hu);
  await v.explain({ method: 'guided-backprop', label: 0 });
}

describe('evaluation lab in the worker (in-process, wasm, tiny seeded ResNet)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('localisation: the figures of the lab module on the same maps; progress counts every map', async () => {
    const { c, handler } = client();
    await c.init();
    const seen: [number, number][] = [];
    const r = await c.lab(0, { kind: 'localisation', methods: METHODS }, [{ hu, mask }], (d, t) => seen.push([d, t])).result;
    if (r.kind !== 'localisation') throw new Error(r.kind);
    // the handler's fallback network is seededWeights(spec, 0): the same maps computed directly
    const w = seededWeights(TINY_RESNET, 0);
    const net = createResNet(w, TINY_RESNET);
    const direct = await explainAll(net, huToModelInput(hu, SIZE), SIZE, METHODS.map((method) => ({ method, label: 0 })));
    net.dispose();
    tf.dispose(Object.values(w));
    expect(r.rows).toEqual([direct.maps.map((m) => localise(m, mask))]);
    expect(r.summary).toEqual(r.rows[0]!.map((row) => summariseLocalisation([row])));
    expect(r.maps.map((m) => m.length)).toEqual(METHODS.map(() => SIZE * SIZE));
    expect(r.probabilities[0]).toBeCloseTo(direct.probabilities[0] as number, 6);
    expect(seen).toEqual([1, 2, 3, 4].map((d) => [d, 4]));
    handler.dispose();
  });

  it('localisation over several slices: one row per slice, the summary counts hits and averages; a missing mask fails', async () => {
    const { c, handler } = client();
    await c.init();
    const shifted = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (inSquare(i - 6) ? 200 : 30));
    const shiftedMask = Uint8Array.from({ length: SIZE * SIZE }, (_, i) => (inSquare(i - 6) ? 1 : 0));
    const seen: number[] = [];
    const r = await c.lab(0, { kind: 'localisation', methods: ['gradcam', 'gradient'] }, [{ hu, mask }, { hu: shifted, mask: shiftedMask }], (_d, t) => seen.push(t)).result;
    if (r.kind !== 'localisation') throw new Error(r.kind);
    expect(seen.every((t) => t === 4)).toBe(true);
    expect(r.rows).toHaveLength(2);
    expect(r.probabilities).toHaveLength(2);
    for (const [i, s] of r.summary.entries()) {
      const a = r.rows[0]![i]!;
      const b = r.rows[1]![i]!;
      expect(s.scored).toBe(2);
      expect(s.hits).toBe((a.pointing ?? 0) + (b.pointing ?? 0));
      expect(s.topIoU).toBeCloseTo(((a.topIoU ?? 0) + (b.topIoU ?? 0)) / 2, 12);
    }
    await expect(c.lab(0, { kind: 'localisation', methods: ['gradcam'] }, [{ hu }]).result).rejects.toThrow(/no mask/);
    handler.dispose();
  });

  it('sanity: six cascade steps fc → conv1, a |map| per method and step, streamed column by column, ρ in [-1, 1]; no tensor left', async () => {
    const { c, handler, warm } = client();
    await c.init();
    await warm();
    const before = tf.memory().numTensors;
    let last = 0;
    const job = { kind: 'sanity', methods: METHODS, seed: 12345 } as const;
    const columns: number[][][] = [];
    const r = await c.lab(0, job, [{ hu }], (d) => (last = d), (k, maps) => (columns[k] = maps.map((m) => Array.from(m)))).result;
    expect(tf.memory().numTensors).toBe(before);
    if (r.kind !== 'sanity') throw new Error(r.kind);
    // the strip's columns arrived before the result, the same maps
    expect(columns).toEqual([r.trained, ...r.steps.map((s) => s.maps)].map((col) => col.map((m) => Array.from(m))));
    expect(last).toBe(jobUnits(job));
    expect(r.steps.map((s) => s.block)).toEqual([...CASCADE]);
    expect(r.trained).toHaveLength(METHODS.length);
    for (const s of r.steps) {
      expect(s.maps.map((m) => m.length)).toEqual(METHODS.map(() => SIZE * SIZE));
      for (const q of s.similarity) expect(Number.isNaN(q.spearmanAbs) || Math.abs(q.spearmanAbs) <= 1 + 1e-9).toBe(true);
    }
    for (const m of [...r.trained, ...r.steps.flatMap((s) => s.maps)]) expect(Math.min(...m)).toBeGreaterThanOrEqual(0);
    // reproducible from its seed
    const again = await c.lab(0, job, [{ hu }]).result;
    if (again.kind !== 'sanity') throw new Error(again.kind);
    expect(again.steps.map((s) => s.similarity)).toEqual(r.steps.map((s) => s.similarity));
    handler.dispose();
  });

  it('faithfulness: steps + 1 points per curve, starting at the slice’s and the baseline’s probability', async () => {
    const { c, handler } = client();
    await c.init();
    const r = await c.lab(0, { kind: 'faithfulness', methods: ['gradcam', 'gradient'], steps: 3 }, [{ hu }]).result;
    if (r.kind !== 'faithfulness') throw new Error(r.kind);
    for (const k of r.curves) {
      expect(k.deletion).toHaveLength(4);
      expect(k.deletion[0]).toBeCloseTo(r.original, 9);
      expect(k.insertion[0]).toBeCloseTo(r.baseline, 9);
      expect(k.deletion[3]).toBeCloseTo(r.baseline, 6);
      expect(k.insertion[3]).toBeCloseTo(r.original, 6);
    }
    handler.dispose();
  });

  it('a cancelled job rejects with StaleError and leaves no tensor; the explorer is answered meanwhile', async () => {
    const { c, handler, warm } = client();
    await c.init();
    await warm();
    const view = c.view();
    await view.setSlice('a', hu);
    const before = tf.memory().numTensors;
    let cancelAt = 0;
    const run = c.lab(0, { kind: 'faithfulness', methods: METHODS, steps: 20 }, [{ hu }], (d) => {
      if (d === 3) {
        cancelAt = d;
        run.cancel();
      }
    });
    // an explorer request sent after the job started is answered before the job ends
    // (a new slice replaces the worker's session: the same number of tensors)
    const fwd = view.setSlice('b', hu.map((v) => v + 5)).then(() => 'explorer');
    const first = await Promise.race([fwd, run.result.then(() => 'lab', () => 'lab-stopped')]);
    expect(first).toBe('explorer');
    await expect(run.result).rejects.toBeInstanceOf(StaleError);
    expect(cancelAt).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    // the next job runs normally; a cancel after the end is harmless
    const next = c.lab(0, { kind: 'localisation', methods: ['gradcam'] }, [{ hu, mask }]);
    expect((await next.result).kind).toBe('localisation');
    next.cancel();
    expect((await c.lab(0, { kind: 'localisation', methods: ['gradient'] }, [{ hu, mask }]).result).kind).toBe('localisation');
    handler.dispose();
  });
});
