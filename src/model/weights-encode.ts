/**
 * Weight map → model.json + shard bytes (browser-safe; weights-node.ts writes them to disk).
 * The same bytes as models/train/tfjs_weights.py `encode`/`write_model`:
 *   float32: IEEE single, little endian.
 *   float16: IEEE half (via @petamoriken/float16, round to nearest even); |v| > 65504 is an error.
 *   uint8:   tfjs converter's affine scheme, range widened to include 0 and nudged so 0 is exact:
 *            lo = min(v, 0), hi = max(v, 0), scale = (hi - lo) / 255, zero = roundHalfEven(-lo / scale),
 *            min = -zero·scale, q = clip(roundHalfEven((v - min) / scale), 0, 255); decoded q·scale + min.
 *            Applied to tensors of at least `uint8MinSize` values (default 4096: conv kernels); biases
 *            and the head stay float32, as in the trainer. tfjs-core exposes no quantizer, hence this code.
 * Shards: the group's bytes cut every `shardBytes` (default 4 MiB), named group1-shard{i}of{k}.bin.
 */
import { Float16Array } from '@petamoriken/float16';
import type * as tf from '@tensorflow/tfjs-core';
import { weightShapes, type ResNetSpec } from './arch';
import { WEIGHTS_FORMAT, type ModelJson, type WeightDtype, type WeightEntry } from './weights';

export interface EncodeOptions {
  /** Storage of the values (default float32). */
  readonly dtype?: WeightDtype;
  /** uint8 only applies to tensors with at least this many values (default 4096, as the trainer). */
  readonly uint8MinSize?: number;
  /** Maximum shard size in bytes (default 4 MiB). */
  readonly shardBytes?: number;
  /** Free-form training information stored as `meta` (dtype and bytes are added). */
  readonly meta?: Record<string, unknown>;
}

/** model.json and its shards, in `model.weightsManifest[0].paths` order. */
export interface EncodedModel {
  readonly model: ModelJson;
  readonly shards: Uint8Array[];
}

/** Python's round(): halves go to the even neighbour (so uint8 codes match numpy's exactly). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Affine uint8 codes of `v` with the scheme above. */
export function quantizeUint8(v: Float32Array): { q: Uint8Array; scale: number; min: number } {
  let lo = 0;
  let hi = 0;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const scale = (hi - lo) / 255;
  if (scale === 0) return { q: new Uint8Array(v.length), scale: 1, min: 0 };
  const min = -roundHalfEven(-lo / scale) * scale;
  const q = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) q[i] = Math.min(255, Math.max(0, roundHalfEven(((v[i] as number) - min) / scale)));
  return { q, scale, min };
}

function encodeOne(name: string, shape: number[], v: Float32Array, dtype: WeightDtype, uint8MinSize: number): { entry: WeightEntry; bytes: Uint8Array } {
  if (dtype === 'float16') {
    const h = new Float16Array(v);
    for (let i = 0; i < h.length; i++) if (!Number.isFinite(h[i])) throw new Error(`${name}: value ${v[i]} overflows float16`);
    return { entry: { name, shape, dtype: 'float32', quantization: { dtype: 'float16' } }, bytes: new Uint8Array(h.buffer) };
  }
  if (dtype === 'uint8' && v.length >= uint8MinSize) {
    const { q, scale, min } = quantizeUint8(v);
    return { entry: { name, shape, dtype: 'float32', quantization: { dtype: 'uint8', scale, min, original_dtype: 'float32' } }, bytes: q };
  }
  return { entry: { name, shape, dtype: 'float32' }, bytes: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) };
}

/**
 * Encode a weight map for `spec` (names and shapes as weightShapes(spec); order taken from there).
 * Reads values with `data()`; does not dispose the caller's tensors.
 * @throws Error on a missing or mis-shaped weight, or a float16 overflow
 */
export async function encodeModelWeights(spec: ResNetSpec, weights: tf.NamedTensorMap, opts: EncodeOptions = {}): Promise<EncodedModel> {
  const dtype = opts.dtype ?? 'float32';
  const entries: WeightEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const [name, shape] of weightShapes(spec)) {
    const t = weights[name];
    if (!t) throw new Error(`encode: missing weight "${name}"`);
    if (t.shape.join() !== shape.join()) throw new Error(`encode: "${name}" has shape [${t.shape}], expected [${shape}]`);
    const values = Float32Array.from(await t.data());
    const { entry, bytes } = encodeOne(name, shape, values, dtype, opts.uint8MinSize ?? 4096);
    entries.push(entry);
    parts.push(bytes);
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const all = new Uint8Array(total);
  parts.reduce((o, p) => (all.set(p, o), o + p.length), 0);
  const shardBytes = opts.shardBytes ?? 4 * 1024 * 1024;
  const k = Math.max(1, Math.ceil(total / shardBytes));
  const shards = Array.from({ length: k }, (_, i) => all.slice(i * shardBytes, (i + 1) * shardBytes));
  const paths = shards.map((_, i) => `group1-shard${i + 1}of${k}.bin`);
  const model: ModelJson = {
    format: WEIGHTS_FORMAT,
    spec,
    weightsManifest: [{ paths, weights: entries }],
    meta: { ...opts.meta, dtype, bytes: total },
  };
  return { model, shards };
}
