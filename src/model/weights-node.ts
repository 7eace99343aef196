/**
 * Node only: weights from and to a directory (model.json + shards), and the default model.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs-core';
import { RESNET34, type ResNetSpec } from './arch';
import { loadModel, parseModelJson, type LoadedWeights, type ModelJson, type ProgressFn } from './weights';
import { encodeModelWeights, type EncodeOptions } from './weights-encode';
import { seededWeights } from './weights-seeded';

/** Where trained weights live: <repo>/models/resnet34/ (model.json + shards). */
export const DEFAULT_WEIGHTS_DIR = fileURLToPath(new URL('../../models/resnet34/', import.meta.url));

/**
 * Load `dir/model.json` and its shards; progress is reported per shard.
 * @returns float32 tensors the caller disposes
 * @throws Error on a missing file, a bad manifest or a manifest/network mismatch
 */
export async function loadWeightsFromDir(dir: string, onProgress?: ProgressFn): Promise<LoadedWeights> {
  const file = join(dir, 'model.json');
  const model = parseModelJson(JSON.parse(await readFile(file, 'utf8')), file);
  return loadModel(
    model,
    async (path, onBytes) => {
      const bytes = new Uint8Array(await readFile(join(dir, path)));
      onBytes(bytes.length);
      return bytes;
    },
    file,
    onProgress,
  );
}

/**
 * Write `dir/model.json` and its shards (stale group1-shard*.bin files removed).
 * @returns the model.json written
 */
export async function saveWeightsToDir(dir: string, spec: ResNetSpec, weights: tf.NamedTensorMap, opts: EncodeOptions = {}): Promise<ModelJson> {
  const { model, shards } = await encodeModelWeights(spec, weights, opts);
  await mkdir(dir, { recursive: true });
  const paths = model.weightsManifest[0]?.paths ?? [];
  for (const old of await readdir(dir)) if (/^group1-shard\d+of\d+\.bin$/.test(old) && !paths.includes(old)) await unlink(join(dir, old));
  await Promise.all(shards.map((s, i) => writeFile(join(dir, paths[i] as string), s)));
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(model, null, 1)}\n`);
  return model;
}

/** The default model and where it came from. */
export interface DefaultWeights extends LoadedWeights {
  readonly source: 'file' | 'seeded';
  /** The model.json read, for source 'file'. */
  readonly path?: string;
  /** One line for logs: which weights are in use. */
  readonly note: string;
}

/**
 * Trained weights from `dir` (default models/resnet34/) when model.json exists there, otherwise the
 * seeded random ResNet34 (seed 0), saying so in `note`. The caller disposes `weights`.
 */
export async function defaultWeights(dir: string = DEFAULT_WEIGHTS_DIR): Promise<DefaultWeights> {
  const path = join(dir, 'model.json');
  if (existsSync(path)) {
    const loaded = await loadWeightsFromDir(dir);
    return { ...loaded, source: 'file', path, note: `weights: ${path}` };
  }
  return {
    spec: RESNET34,
    weights: seededWeights(RESNET34, 0),
    meta: { seeded: 0 },
    source: 'seeded',
    note: `weights: ${path} not found; using a seeded random ResNet34 (seed 0), not a trained model`,
  };
}
