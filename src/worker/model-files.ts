/**
 * Astro integration: serve the shipped weights (models/resnet34/: model.json + shards) at
 * `<base>models/resnet34/` in `astro dev` (sirv middleware) and copy them into the build, so the
 * compute worker can fetch them; and tell the page bundle whether they exist
 * (`__ICH_MODEL_AVAILABLE__`), so a site built without trained weights uses the seeded random network
 * without first asking for a file it knows is absent. Also makes workers ES modules (the worker
 * imports backends lazily, which needs code splitting).
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sirv from 'sirv';

/** Where the weights live in the repository, and their path under the site's base. */
export const MODEL_DIR = fileURLToPath(new URL('../../models/resnet34/', import.meta.url));
export const MODEL_ROUTE = 'models/resnet34/';

/** The integration; add it to `integrations` in astro.config.mjs. */
export function modelFiles(): AstroIntegration {
  let base = '/';
  const available = (): boolean => existsSync(`${MODEL_DIR}model.json`);
  return {
    name: 'ich-model-files',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, logger }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        logger.info(available() ? `serving ${MODEL_DIR} at ${base}${MODEL_ROUTE}` : `${MODEL_DIR}model.json not found: the site uses the seeded, untrained network`);
        updateConfig({ vite: { define: { __ICH_MODEL_AVAILABLE__: JSON.stringify(available()) }, worker: { format: 'es' } } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(`${base}${MODEL_ROUTE}`, sirv(MODEL_DIR, { dev: true }));
      },
      'astro:build:done': async ({ dir }) => {
        if (available()) await cp(MODEL_DIR, fileURLToPath(new URL(MODEL_ROUTE, dir)), { recursive: true });
      },
    },
  };
}
