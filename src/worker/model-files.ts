/**
 * Astro integration: serve the shipped weights (models/resnet34/: model.json + shards) at
 * `<base>models/resnet34/` in `astro dev` (sirv middleware) and copy them into the build, so the
 * compute worker can fetch them; and tell the page bundle whether they exist
 * (`__ICH_MODEL_AVAILABLE__`), so a site built without trained weights uses the seeded random network
 * without first asking for a file it knows is absent. Also makes workers ES modules (the worker
 * imports backends lazily, which needs code splitting).
 *
 * The earlier network (models/resnet34-before/, the "before" of the article's before-and-after lesson)
 * is served and copied the same way at `<base>models/resnet34-before/`; the page learns whether it is
 * there and how many bytes it weighs (`__ICH_BEFORE_MODEL__`), and downloads it only when a reader asks.
 * The score chart's key learns where the shipped thresholds were chosen (`__ICH_THRESHOLD_ORIGINS__`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sirv from 'sirv';
import { thresholdOrigins, type ThresholdOrigins } from '../model/threshold-origin';

/** Where the weights live in the repository, and their path under the site's base. */
export const MODEL_DIR = fileURLToPath(new URL('../../models/resnet34/', import.meta.url));
export const MODEL_ROUTE = 'models/resnet34/';
/** The earlier network, loaded only on a reader's request (src/components/BeforeAfter.tsx). */
export const BEFORE_MODEL_DIR = fileURLToPath(new URL('../../models/resnet34-before/', import.meta.url));
export const BEFORE_MODEL_ROUTE = 'models/resnet34-before/';

/**
 * Bytes a reader downloads for the weights in `dir`: model.json plus every shard its manifest names;
 * null when model.json is absent, unreadable or names a missing shard.
 */
export function modelBytes(dir: string): number | null {
  try {
    const json = readFileSync(`${dir}model.json`);
    const manifest = (JSON.parse(json.toString('utf8')) as { weightsManifest?: { paths?: string[] }[] }).weightsManifest ?? [];
    let bytes = json.length;
    for (const group of manifest) for (const p of group.paths ?? []) bytes += statSync(`${dir}${p}`).size;
    return bytes;
  } catch {
    return null;
  }
}

/** Where the shipped model's thresholds were chosen (meta.thresholdsFrom), for the score chart's key; null without it. */
export function shippedThresholdOrigins(dir: string = MODEL_DIR): ThresholdOrigins | null {
  try {
    return thresholdOrigins((JSON.parse(readFileSync(`${dir}model.json`, 'utf8')) as { meta?: unknown }).meta);
  } catch {
    return null;
  }
}

/** The integration; add it to `integrations` in astro.config.mjs. */
export function modelFiles(): AstroIntegration {
  let base = '/';
  const available = (): boolean => existsSync(`${MODEL_DIR}model.json`);
  const served: readonly (readonly [string, string])[] = [
    [MODEL_ROUTE, MODEL_DIR],
    [BEFORE_MODEL_ROUTE, BEFORE_MODEL_DIR],
  ];
  return {
    name: 'ich-model-files',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, logger }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        logger.info(available() ? `serving ${MODEL_DIR} at ${base}${MODEL_ROUTE}` : `${MODEL_DIR}model.json not found: the site uses the seeded, untrained network`);
        const beforeBytes = modelBytes(BEFORE_MODEL_DIR);
        logger.info(beforeBytes !== null ? `serving ${BEFORE_MODEL_DIR} at ${base}${BEFORE_MODEL_ROUTE} (on request only)` : `${BEFORE_MODEL_DIR}: no complete model, the before-and-after lesson shows one network`);
        const before = { available: beforeBytes !== null, bytes: beforeBytes ?? 0 };
        updateConfig({ vite: { define: { __ICH_MODEL_AVAILABLE__: JSON.stringify(available()), __ICH_BEFORE_MODEL__: JSON.stringify(before), __ICH_THRESHOLD_ORIGINS__: JSON.stringify(shippedThresholdOrigins()) }, worker: { format: 'es' } } });
      },
      'astro:server:setup': ({ server }) => {
        for (const [route, dir] of served) server.middlewares.use(`${base}${route}`, sirv(dir, { dev: true }));
      },
      'astro:build:done': async ({ dir }) => {
        if (available()) await cp(MODEL_DIR, fileURLToPath(new URL(MODEL_ROUTE, dir)), { recursive: true });
        if (modelBytes(BEFORE_MODEL_DIR) !== null) await cp(BEFORE_MODEL_DIR, fileURLToPath(new URL(BEFORE_MODEL_ROUTE, dir)), { recursive: true });
      },
    },
  };
}
