import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESNET34, TINY_RESNET, weightShapes } from '../../../src/model/arch';
import { createResNet, disposeForward } from '../../../src/model/resnet34';
import { disposeWeights, loadWeightsFromUrl, seededWeights, type ModelJson } from '../../../src/model/weights';
import { encodeModelWeights, quantizeUint8 } from '../../../src/model/weights-encode';
import { defaultWeights, loadWeightsFromDir, saveWeightsToDir } from '../../../src/model/weights-node';
import { RESIDUAL_SCALE } from '../../../src/model/weights-seeded';
import { useBackend } from '../helpers/tf';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'weights-test-'));
  dirs.push(d);
  return d;
}

async function values(map: tf.NamedTensorMap): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [k, t] of Object.entries(map)) out.set(k, (await t.data()) as Float32Array);
  return out;
}

beforeAll(async () => {
  await useBackend('wasm');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('quantizers, by hand', () => {
  it('uint8: range widened to 0, zero exact, halves to even like numpy', () => {
    // lo -1, hi 2: scale 3/255, zero code 85, min -1; 0.6 → 1.6/scale = 136
    const a = quantizeUint8(Float32Array.from([-1, 0, 0.6, 2]));
    expect(Array.from(a.q)).toEqual([0, 85, 136, 255]);
    expect(a.scale).toBeCloseTo(3 / 255, 12);
    expect(a.min).toBeCloseTo(-1, 12);
    // lo 0, hi 255: scale 1; 2.5 → 2 and 3.5 → 4 (round half to even)
    expect(Array.from(quantizeUint8(Float32Array.from([0, 2.5, 3.5, 255])).q)).toEqual([0, 2, 4, 255]);
    expect(quantizeUint8(new Float32Array(3))).toEqual({ q: new Uint8Array(3), scale: 1, min: 0 });
  });
});

describe('save and load (TINY_RESNET, small shards so weights span shard boundaries)', () => {
  it('float32 round trip is exact, over several shards', async () => {
    const before = tf.memory().numTensors;
    const w = seededWeights(TINY_RESNET, 3);
    const dir = tempDir();
    const model = await saveWeightsToDir(dir, TINY_RESNET, w, { shardBytes: 1000, meta: { note: 'test' } });
    expect(model.weightsManifest[0]?.paths.length).toBeGreaterThan(3);
    expect(model.meta).toMatchObject({ note: 'test', dtype: 'float32' });
    const loaded = await loadWeightsFromDir(dir);
    expect(loaded.spec).toEqual(TINY_RESNET);
    const [a, b] = [await values(w), await values(loaded.weights)];
    expect([...b.keys()]).toEqual([...weightShapes(TINY_RESNET).keys()]);
    for (const [k, v] of a) expect(b.get(k)).toEqual(v);
    disposeWeights(w);
    disposeWeights(loaded.weights);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('float16: hand-checked values and relative error ≤ 2^-11 (tf.io.decodeWeights decodes)', async () => {
    const w = seededWeights(TINY_RESNET, 4);
    const name = 'fc.bias';
    w[name]?.dispose();
    w[name] = tf.tensor1d([1 / 3, 65504, 1e-8, 0.1, -2.5, 0]);
    const dir = tempDir();
    await saveWeightsToDir(dir, TINY_RESNET, w, { dtype: 'float16' });
    const loaded = await loadWeightsFromDir(dir);
    expect(Array.from(await (loaded.weights[name] as tf.Tensor).data())).toEqual([0.333251953125, 65504, 0, 0.0999755859375, -2.5, 0]);
    const [a, b] = [await values(w), await values(loaded.weights)];
    for (const [k, v] of a) {
      const d = b.get(k) as Float32Array;
      v.forEach((x, i) => expect(Math.abs((d[i] as number) - x)).toBeLessThanOrEqual(Math.max(Math.abs(x) * 2 ** -11, 2 ** -25)));
    }
    w[name]?.dispose();
    w[name] = tf.tensor1d([0, 0, 0, 70000, 0, 0]);
    await expect(encodeModelWeights(TINY_RESNET, w, { dtype: 'float16' })).rejects.toThrow('fc.bias: value 70000 overflows float16');
    disposeWeights(w);
    disposeWeights(loaded.weights);
  });

  it('uint8: every value within scale/2; small tensors stay float32 by default', async () => {
    const w = seededWeights(TINY_RESNET, 5);
    const dir = tempDir();
    const model = await saveWeightsToDir(dir, TINY_RESNET, w, { dtype: 'uint8', uint8MinSize: 0 });
    const loaded = await loadWeightsFromDir(dir);
    const [a, b] = [await values(w), await values(loaded.weights)];
    for (const e of model.weightsManifest[0]?.weights ?? []) {
      const scale = (e.quantization as { scale?: number } | undefined)?.scale as number;
      expect(e.quantization?.dtype).toBe('uint8');
      const v = a.get(e.name) as Float32Array;
      const d = b.get(e.name) as Float32Array;
      v.forEach((x, i) => expect(Math.abs((d[i] as number) - x)).toBeLessThanOrEqual(scale / 2 + 1e-7));
    }
    const byDefault = await encodeModelWeights(TINY_RESNET, w, { dtype: 'uint8' });
    const entries = byDefault.model.weightsManifest[0]?.weights ?? [];
    // every TINY_RESNET tensor has fewer than 4096 values, so by default all stay float32
    expect(entries.filter((e) => e.quantization).map((e) => e.name)).toEqual([]);
    const big = await encodeModelWeights(TINY_RESNET, w, { dtype: 'uint8', uint8MinSize: 500 });
    const q = (big.model.weightsManifest[0]?.weights ?? []).filter((e) => e.quantization).map((e) => e.name);
    expect(q).toEqual(['conv1.weight', 'layer2.0.conv2.weight', 'layer2.1.conv1.weight', 'layer2.1.conv2.weight', 'layer3.0.conv1.weight', 'layer3.0.conv2.weight', 'layer4.0.conv1.weight', 'layer4.0.conv2.weight']);
    disposeWeights(w);
    disposeWeights(loaded.weights);
  });
});

describe('mismatched manifests: clear errors, no tensors created', () => {
  async function savedTiny(): Promise<{ dir: string; model: ModelJson }> {
    const w = seededWeights(TINY_RESNET, 6);
    const dir = tempDir();
    const model = await saveWeightsToDir(dir, TINY_RESNET, w, { shardBytes: 2000 });
    disposeWeights(w);
    return { dir, model };
  }
  function rewrite(dir: string, edit: (m: Record<string, unknown>) => void): void {
    const m = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    edit(m);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(m));
  }

  it.each([
    ['spec of another network', (m: Record<string, unknown>) => (m['spec'] = RESNET34), /weights do not match the network: "conv1.weight" has shape \[7,7,3,4\], expected \[7,7,3,64\];.*\(and \d+ more\)/],
    ['a renamed weight', (m: Record<string, unknown>) => ((m['weightsManifest'] as Array<{ weights: Array<{ name: string }> }>)[0]!.weights[0]!.name = 'stem.weight'), /unexpected weight "stem.weight"; missing weight "conv1.weight"/],
    ['a wrong format', (m: Record<string, unknown>) => (m['format'] = 'tfjs-layers'), /format "tfjs-layers", expected "ich-resnet34\/1"/],
    ['a quantization tfjs cannot decode', (m: Record<string, unknown>) => ((m['weightsManifest'] as Array<{ weights: Array<{ quantization?: unknown }> }>)[0]!.weights[1]!.quantization = { dtype: 'int4' }), /"conv1.bias" has quantization int4/],
  ])('%s', async (_, edit, message) => {
    const { dir } = await savedTiny();
    rewrite(dir, edit);
    const before = tf.memory().numTensors;
    await expect(loadWeightsFromDir(dir)).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a short shard', async () => {
    const { dir, model } = await savedTiny();
    const last = model.weightsManifest[0]?.paths.at(-1) as string;
    const bytes = readFileSync(join(dir, last));
    writeFileSync(join(dir, last), bytes.subarray(0, bytes.length - 4));
    await expect(loadWeightsFromDir(dir)).rejects.toThrow(/hold \d+ bytes, the manifest needs \d+/);
  });
});

describe('loading from a URL (a real local HTTP server)', () => {
  let server: Server;
  let base = '';
  let dir = '';
  let shardRequests = 0;
  beforeAll(async () => {
    dir = tempDir();
    const w = seededWeights(TINY_RESNET, 7);
    await saveWeightsToDir(dir, TINY_RESNET, w, { shardBytes: 4096 });
    disposeWeights(w);
    server = createServer((req, res) => {
      if (!(req.url ?? '').endsWith('.json')) shardRequests++;
      try {
        const body = readFileSync(join(dir, (req.url ?? '/').slice(1)));
        res.writeHead(200, { 'content-type': extname(req.url ?? '') === '.json' ? 'application/json' : 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('streams every shard with monotonic progress ending at the manifest total, same values as disk', async () => {
    const calls: Array<[number, number]> = [];
    const fromUrl = await loadWeightsFromUrl(`${base}model.json`, { onProgress: (l, t) => calls.push([l, t]) });
    const fromDisk = await loadWeightsFromDir(dir);
    const total = calls[0]?.[1] as number;
    expect(calls[0]).toEqual([0, total]);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.length).toBeGreaterThan(3);
    for (let i = 1; i < calls.length; i++) expect((calls[i] as [number, number])[0]).toBeGreaterThanOrEqual((calls[i - 1] as [number, number])[0]);
    const [a, b] = [await values(fromUrl.weights), await values(fromDisk.weights)];
    for (const [k, v] of a) expect(b.get(k)).toEqual(v);
    expect(total).toBe([...a.values()].reduce((s, v) => s + v.length * 4, 0));
    disposeWeights(fromUrl.weights);
    disposeWeights(fromDisk.weights);
    await expect(loadWeightsFromUrl(`${base}missing/model.json`)).rejects.toThrow(/missing\/model\.json: HTTP 404/);
  });

  it('with the Cache API: shards come from the cache on a return visit; a new model version replaces the old cache', async () => {
    const stored = new Map<string, Map<string, Uint8Array>>();
    const storage = {
      async keys() {
        return [...stored.keys()];
      },
      async delete(name: string) {
        return stored.delete(name);
      },
      async open(name: string) {
        const c = stored.get(name) ?? new Map<string, Uint8Array>();
        stored.set(name, c);
        return {
          async match(url: string) {
            const b = c.get(url);
            return b ? new Response(b.slice()) : undefined;
          },
          async put(url: string, r: Response) {
            c.set(url, new Uint8Array(await r.arrayBuffer()));
          },
        };
      },
    } as unknown as CacheStorage;
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { meta: Record<string, unknown> };
    for (const v of ['aaa', 'bbb']) writeFileSync(join(dir, `model-${v}.json`), JSON.stringify({ ...json, meta: { ...json.meta, sha256: v } }));
    shardRequests = 0;
    const first = await loadWeightsFromUrl(`${base}model-aaa.json`, { cache: storage });
    const fetched = shardRequests;
    expect(fetched).toBeGreaterThan(1);
    const again = await loadWeightsFromUrl(`${base}model-aaa.json`, { cache: storage });
    expect(shardRequests).toBe(fetched); // nothing more over the network
    const [a, b] = [await values(first.weights), await values(again.weights)];
    for (const [k, v] of a) expect(b.get(k)).toEqual(v);
    const next = await loadWeightsFromUrl(`${base}model-bbb.json`, { cache: storage });
    expect(shardRequests).toBe(2 * fetched);
    expect([...stored.keys()]).toEqual(['ich-model-bbb']);
    for (const w of [first, again, next]) disposeWeights(w.weights);
  });
});

describe('seeded weights and the default model', () => {
  it('deterministic, named as weightShapes, He-normal scale with the residual branch scaled', async () => {
    const a = seededWeights(TINY_RESNET, 1);
    const b = seededWeights(TINY_RESNET, 1);
    const c = seededWeights(TINY_RESNET, 2);
    const [va, vb, vc] = [await values(a), await values(b), await values(c)];
    for (const [name, shape] of weightShapes(TINY_RESNET)) {
      expect((a[name] as tf.Tensor).shape).toEqual(shape);
      expect(vb.get(name)).toEqual(va.get(name));
      expect(vc.get(name)).not.toEqual(va.get(name));
    }
    const std = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    // layer2.1.conv1: 3·3·8 = 72 fan-in, 576 values: std ≈ sqrt(2/72) within sampling error (≈ 3 % per SD)
    const ratio1 = std(va.get('layer2.1.conv1.weight') as Float32Array) / Math.sqrt(2 / 72);
    const ratio2 = std(va.get('layer2.1.conv2.weight') as Float32Array) / (Math.sqrt(2 / 72) * RESIDUAL_SCALE);
    for (const r of [ratio1, ratio2]) expect(Math.abs(r - 1)).toBeLessThan(0.1);
    for (const m of [a, b, c]) disposeWeights(m);
  });

  it('ResNet34 seed 0 at 224x224 and 128x128: finite, moderate logits that depend on the input (wasm)', async () => {
    const w = seededWeights(RESNET34, 0);
    const net = createResNet(w, RESNET34);
    const logits: number[][] = [];
    for (const [seed, size] of [[1, 224], [2, 128]] as const) {
      const x = tf.randomUniform([1, size, size, 3], -1, 1, 'float32', seed) as tf.Tensor4D;
      const state = net.forward(x);
      logits.push(Array.from(await state.logits.data()));
      disposeForward(state);
      x.dispose();
    }
    for (const l of logits) {
      expect(l).toHaveLength(6);
      for (const v of l) {
        expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(v)).toBeLessThan(10);
      }
      expect(Math.max(...l.map(Math.abs))).toBeGreaterThan(0.1);
    }
    expect(logits[0]).not.toEqual(logits[1]);
    disposeWeights(w);
  });

  it('defaultWeights: the file when model.json exists, else the seeded ResNet34 and a note saying so', async () => {
    const empty = tempDir();
    const seeded = await defaultWeights(empty);
    expect(seeded.source).toBe('seeded');
    expect(seeded.spec).toEqual(RESNET34);
    expect(seeded.note).toMatch(/model\.json not found; using a seeded random ResNet34 \(seed 0\), not a trained model/);
    disposeWeights(seeded.weights);
    const dir = tempDir();
    const w = seededWeights(TINY_RESNET, 9);
    await saveWeightsToDir(dir, TINY_RESNET, w);
    disposeWeights(w);
    const file = await defaultWeights(dir);
    expect(file.source).toBe('file');
    expect(file.spec).toEqual(TINY_RESNET);
    expect(file.path).toBe(join(dir, 'model.json'));
    disposeWeights(file.weights);
  });
});
