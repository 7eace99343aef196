/**
 * Gradient registration for tfjs-core, in Node and in the browser.
 *
 * `@tensorflow/tfjs-core` alone has no gradient functions; `tf.grad` over conv2d/maxPool needs them.
 * - Browser (Vite): `@tensorflow/tfjs-core/dist/register_all_gradients` (ESM, tree-shaken bundle).
 * - Node (tsx, vitest): that ESM file cannot load (tfjs-core is CommonJS to Node, and the file uses
 *   directory imports), so the umbrella `@tensorflow/tfjs` CommonJS bundle is loaded instead: it
 *   registers every gradient into the same global registry. Its specifier is hidden from Vite so the
 *   browser bundle never carries it.
 * `initBackend` calls this; call it yourself only if you need gradients without `initBackend`.
 */

/** True in Node (CLI, vitest), false in browsers and web workers. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

const NODE_TFJS = '@tensorflow/tfjs';
let registering: Promise<void> | null = null;

/** Register tfjs gradient functions once per process/page; later calls return the same promise. */
export function registerGradients(): Promise<void> {
  registering ??= isNode()
    ? import(/* @vite-ignore */ NODE_TFJS).then(() => undefined)
    : import('@tensorflow/tfjs-core/dist/register_all_gradients').then(() => undefined);
  return registering;
}
