// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { modelFiles } from './src/worker/model-files';
import { tfjsWasmThreads } from './src/build/tfjs-wasm-threads';
import { crossOriginIsolation } from './src/build/cross-origin-isolation';

// Cross-origin isolation lets the tfjs wasm backend use threads. The dev and preview servers send these
// headers; on a static host that cannot, coi-serviceworker adds them (src/build/cross-origin-isolation.ts).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  integrations: [mdx(), preact(), modelFiles(), crossOriginIsolation()],
  // $...$ and $$...$$ in the article become KaTeX HTML at build time (no client JS); MDX inherits this.
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) },
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'es'],
    routing: { prefixDefaultLocale: false },
  },
  server: { headers: isolation },
  vite: {
    plugins: [tfjsWasmThreads()],
    // The compute worker is bundled on its own: it needs the plugin as much as the page does.
    worker: { plugins: () => [tfjsWasmThreads()] },
    preview: { headers: isolation },
    // Backends are imported lazily; pre-bundle them so `npm run dev` never discovers them mid-session
    // (a late discovery reloads the page and fails the import with "Outdated Optimize Dep").
    optimizeDeps: {
      include: [
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-core/dist/register_all_gradients',
        '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-webgl',
        '@tensorflow/tfjs-backend-webgpu',
        '@tensorflow/tfjs-backend-wasm',
      ],
    },
  },
});
