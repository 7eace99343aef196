/**
 * Model weights: the `model.json` format (a tfjs weights manifest plus our ResNet spec and free-form
 * training metadata), checked against `weightShapes(spec)` and decoded by tfjs's own
 * `tf.io.decodeWeights` (float32, float16 and uint8 entries). Browser- and Node-safe; Node file access
 * lives in weights-node.ts, writing in weights-encode.ts, the seeded stand-in in weights-seeded.ts.
 *
 *   { "format": "ich-resnet34/1", "spec": ResNetSpec,
 *     "weightsManifest": [{ "paths": ["group1-shard1of6.bin", ...],
 *                           "weights": [{ "name", "shape", "dtype": "float32", "quantization"? }] }],
 *     "meta": { ... } }
 *
 * Each group's shards concatenate, in order, to the weights' bytes in manifest order (a weight may
 * span two shards), exactly as tfjs and models/train/tfjs_weights.py lay them out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { weightShapes, type ResNetSpec } from './arch';

export { seededWeights } from './weights-seeded';

/** The `format` string this code reads and writes. */
export const WEIGHTS_FORMAT = 'ich-resnet34/1';

/** Storage type of one weight's values. */
export type WeightDtype = 'float32' | 'float16' | 'uint8';

/**
 * uint8 with one affine per output channel (`axis` = the last; value = q · scales[c] + mins[c], computed
 * in double and stored as float32): this project's extension of the tfjs manifest, which tfjs's
 * `decodeWeights` cannot read, so `loadModel` decodes it itself (models/train/tfjs_weights.py writes it).
 */
export interface PerChannelUint8 {
  readonly dtype: 'uint8';
  readonly axis: number;
  readonly scales: readonly number[];
  readonly mins: readonly number[];
  readonly original_dtype?: string;
}

/** One manifest entry (tfjs `WeightsManifestEntry` plus the converter's `original_dtype`). */
export interface WeightEntry {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32';
  readonly quantization?:
    | {
        readonly dtype: 'float16' | 'uint8';
        readonly scale?: number;
        readonly min?: number;
        readonly original_dtype?: string;
      }
    | PerChannelUint8;
}

/** One group of shards. */
export interface WeightGroup {
  readonly paths: string[];
  readonly weights: WeightEntry[];
}

/** The parsed model.json. */
export interface ModelJson {
  readonly format: typeof WEIGHTS_FORMAT;
  readonly spec: ResNetSpec;
  readonly weightsManifest: WeightGroup[];
  readonly meta: Record<string, unknown>;
}

/** Decoded weights. The caller owns `weights` (float32 tensors, named as in arch.ts): dispose with `disposeWeights`. */
export interface LoadedWeights {
  readonly spec: ResNetSpec;
  readonly weights: tf.NamedTensorMap;
  readonly meta: Record<string, unknown>;
}

/** Called as bytes arrive: `loaded` of `total` shard bytes (total from the manifest). */
export type ProgressFn = (loaded: number, total: number) => void;

/** Reads one shard (path relative to model.json), reporting each chunk's byte count. */
export type ShardReader = (path: string, onBytes: (n: number) => void) => Promise<Uint8Array>;

const BYTES: Record<WeightDtype, number> = { float32: 4, float16: 2, uint8: 1 };

/** Bytes one entry occupies in its group. */
export function entryBytes(e: WeightEntry): number {
  return e.shape.reduce((a, b) => a * b, 1) * BYTES[e.quantization?.dtype ?? 'float32'];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSpec(v: unknown): v is ResNetSpec {
  if (!isRecord(v)) return false;
  const four = (a: unknown): boolean => Array.isArray(a) && a.length === 4 && a.every((n) => Number.isInteger(n) && n > 0);
  return [v['inChannels'], v['stem'], v['classes']].every((n) => Number.isInteger(n) && (n as number) > 0) && four(v['blocks']) && four(v['widths']);
}

/**
 * Check a parsed model.json's structure.
 * @param where the file or URL, for messages
 * @throws Error naming what is wrong
 */
export function parseModelJson(json: unknown, where: string): ModelJson {
  if (!isRecord(json)) throw new Error(`${where}: not a JSON object`);
  if (json['format'] !== WEIGHTS_FORMAT) throw new Error(`${where}: format ${JSON.stringify(json['format'])}, expected "${WEIGHTS_FORMAT}"`);
  if (!isSpec(json['spec'])) throw new Error(`${where}: "spec" is not a ResNet spec (inChannels, stem, blocks[4], widths[4], classes)`);
  const groups = json['weightsManifest'];
  const okGroup = (g: unknown): boolean =>
    isRecord(g) && Array.isArray(g['paths']) && g['paths'].every((p) => typeof p === 'string') && Array.isArray(g['weights']);
  if (!Array.isArray(groups) || !groups.every(okGroup)) throw new Error(`${where}: "weightsManifest" must be a list of { paths, weights }`);
  return { format: WEIGHTS_FORMAT, spec: json['spec'], weightsManifest: groups as WeightGroup[], meta: isRecord(json['meta']) ? json['meta'] : {} };
}

/**
 * Compare the manifest's names, shapes and dtypes with `weightShapes(spec)`.
 * @throws Error listing up to five problems (missing, unexpected, wrong shape, unsupported dtype)
 */
export function checkManifest(model: ModelJson, where: string): void {
  const want = weightShapes(model.spec);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const g of model.weightsManifest) {
    for (const e of g.weights) {
      seen.add(e.name);
      const shape = want.get(e.name);
      if (!shape) problems.push(`unexpected weight "${e.name}"`);
      else if (e.shape.join() !== shape.join()) problems.push(`"${e.name}" has shape [${e.shape}], expected [${shape}]`);
      if (e.dtype !== 'float32') problems.push(`"${e.name}" has dtype ${e.dtype}, expected float32`);
      const q = e.quantization?.dtype;
      if (q !== undefined && q !== 'float16' && q !== 'uint8') problems.push(`"${e.name}" has quantization ${q}`);
      const pc = perChannel(e);
      if (pc) {
        const c = e.shape[e.shape.length - 1] ?? 0;
        if (pc.axis !== e.shape.length - 1 || pc.scales.length !== c || pc.mins.length !== c) {
          problems.push(`"${e.name}" has per-channel uint8 on axis ${pc.axis} with ${pc.scales.length} scales, expected the last axis and ${c}`);
        }
      }
    }
  }
  for (const name of want.keys()) if (!seen.has(name)) problems.push(`missing weight "${name}"`);
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new Error(`${where}: weights do not match the network: ${problems.slice(0, 5).join('; ')}${more}`);
  }
}

/** The per-channel uint8 quantization of an entry, or null for the tfjs dtypes. */
function perChannel(e: WeightEntry): PerChannelUint8 | null {
  const q = e.quantization as Partial<PerChannelUint8> | undefined;
  return q && q.dtype === 'uint8' && Array.isArray(q.scales) && Array.isArray(q.mins) ? (q as PerChannelUint8) : null;
}

/** Decode one per-channel uint8 entry: value = q · scales[c] + mins[c], c = index mod channels. */
function decodePerChannel(bytes: Uint8Array, e: WeightEntry, q: PerChannelUint8): tf.Tensor {
  const c = q.scales.length;
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] as number) * (q.scales[i % c] as number) + (q.mins[i % c] as number);
  return tf.tensor(out, e.shape, 'float32');
}

/** Total shard bytes the manifest describes. */
export function manifestBytes(model: ModelJson): number {
  return model.weightsManifest.reduce((sum, g) => sum + g.weights.reduce((s, e) => s + entryBytes(e), 0), 0);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Read every shard through `read`, check sizes, and decode with `tf.io.decodeWeights`.
 * @param beforeDecode awaited after the bytes are read and before any tensor is made (a backend still starting)
 * @returns float32 tensors named as in arch.ts; the caller disposes them
 * @throws Error on a manifest/network mismatch (before any tensor exists) or a wrong shard size
 */
export async function loadModel(model: ModelJson, read: ShardReader, where: string, onProgress?: ProgressFn, beforeDecode?: Promise<unknown>): Promise<LoadedWeights> {
  checkManifest(model, where);
  const total = manifestBytes(model);
  let loaded = 0;
  onProgress?.(0, total);
  const bump = (n: number): void => {
    loaded += n;
    onProgress?.(Math.min(loaded, total), total);
  };
  const groups: Uint8Array[] = [];
  for (const g of model.weightsManifest) {
    const parts: Uint8Array[] = [];
    for (const p of g.paths) parts.push(await read(p, bump));
    const data = concat(parts);
    const need = g.weights.reduce((s, e) => s + entryBytes(e), 0);
    if (data.length !== need) throw new Error(`${where}: shards ${g.paths.join(', ')} hold ${data.length} bytes, the manifest needs ${need}`);
    groups.push(data);
  }
  await beforeDecode; // e.g. the backend still starting while the bytes arrived
  const weights: tf.NamedTensorMap = {};
  try {
    model.weightsManifest.forEach((g, i) => {
      const data = groups[i] as Uint8Array;
      if (!g.weights.some((e) => perChannel(e))) {
        const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
        Object.assign(weights, tf.io.decodeWeights(buffer, g.weights));
        return;
      }
      // A group with per-channel entries: those decoded here, every other entry by tfjs on its own bytes.
      let offset = 0;
      for (const e of g.weights) {
        const n = entryBytes(e);
        const bytes = data.subarray(offset, offset + n);
        offset += n;
        const pc = perChannel(e);
        if (pc) weights[e.name] = decodePerChannel(bytes, e, pc);
        else Object.assign(weights, tf.io.decodeWeights(bytes.slice().buffer as ArrayBuffer, [e]));
      }
    });
  } catch (e) {
    disposeWeights(weights);
    throw e;
  }
  return { spec: model.spec, weights, meta: model.meta };
}

/** Prefix of the Cache API caches that hold model shards; the suffix is the model's SHA-256. */
export const MODEL_CACHE_PREFIX = 'ich-model-';

/**
 * Browser (or any fetch): load `model.json` from `url` and its shards next to it, reporting progress
 * over all shard bytes as they stream in. With `cache` (the Cache API, where the page may use it), the
 * shards are kept for return visits in a cache named by the model's SHA-256 (`meta.sha256`), so a new
 * model replaces the old one and older caches are deleted; model.json itself is always fetched (small).
 * Any cache failure (quota, private mode) falls back to the network.
 */
export async function loadWeightsFromUrl(
  url: string | URL,
  opts: { onProgress?: ProgressFn; fetch?: typeof fetch; cache?: CacheStorage; beforeDecode?: Promise<unknown> } = {},
): Promise<LoadedWeights> {
  const get = opts.fetch ?? fetch;
  const base = new URL(url, (globalThis as { location?: { href: string } }).location?.href);
  const res = await get(base);
  if (!res.ok) throw new Error(`${base}: HTTP ${res.status}`);
  const model = parseModelJson(await res.json(), base.href);
  const version = typeof model.meta?.['sha256'] === 'string' ? (model.meta['sha256'] as string) : null;
  const cache = opts.cache && version ? await openModelCache(opts.cache, `${MODEL_CACHE_PREFIX}${version}`) : null;
  const read: ShardReader = async (path, onBytes) => {
    const shardUrl = new URL(path, base);
    const hit = await cache?.match(shardUrl.href).catch(() => undefined);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      onBytes(bytes.length);
      return bytes;
    }
    const r = await get(shardUrl);
    if (!r.ok || !r.body) throw new Error(`${shardUrl}: HTTP ${r.status}`);
    const chunks: Uint8Array[] = [];
    const reader = r.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      onBytes(value.length);
    }
    const bytes = concat(chunks);
    await cache?.put(shardUrl.href, new Response(bytes.slice().buffer as ArrayBuffer)).catch(() => undefined);
    return bytes;
  };
  return loadModel(model, read, base.href, opts.onProgress, opts.beforeDecode);
}

/** Open this model's cache and delete other models' caches; null when the Cache API refuses. */
async function openModelCache(storage: CacheStorage, name: string): Promise<Cache | null> {
  try {
    for (const old of await storage.keys()) if (old.startsWith(MODEL_CACHE_PREFIX) && old !== name) await storage.delete(old);
    return await storage.open(name);
  } catch {
    return null;
  }
}

/** Dispose every tensor of a weight map. */
export function disposeWeights(weights: tf.NamedTensorMap): void {
  tf.dispose(Object.values(weights));
}
