/**
 * Astro integration: cross-origin isolation on hosts that cannot send headers.
 *
 * tfjs's wasm backend runs threads only on a cross-origin isolated page (SharedArrayBuffer). `astro dev`
 * and `astro preview` send COOP/COEP themselves (astro.config.mjs); a static host such as GitHub Pages
 * cannot. There the page loads coi-serviceworker (MIT, npm `coi-serviceworker`): a service worker that
 * adds the two headers to every same-origin response and reloads the page once, the first time. Where
 * the page is already isolated it does nothing. Its script must sit at the site's base, since a service
 * worker controls only pages under its own folder; this serves it there in `astro dev` and copies it
 * into the build. Base.astro loads it first in <head>.
 */
import { createReadStream } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { COI_SCRIPT } from '../layouts/coi-script';

const SOURCE = createRequire(import.meta.url).resolve(`coi-serviceworker/${COI_SCRIPT}`);

export function crossOriginIsolation(): AstroIntegration {
  let base = '/';
  return {
    name: 'ich-cross-origin-isolation',
    hooks: {
      'astro:config:setup': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(`${base}${COI_SCRIPT}`, (_req, res) => {
          res.setHeader('Content-Type', 'text/javascript');
          createReadStream(SOURCE).pipe(res);
        });
      },
      'astro:build:done': async ({ dir }) => {
        await copyFile(SOURCE, fileURLToPath(new URL(COI_SCRIPT, dir)));
      },
    },
  };
}
