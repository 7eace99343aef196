/**
 * Vite plugin: makes tfjs's threaded wasm backend survive bundling.
 *
 * tfjs-backend-wasm starts each pthread worker from `WasmBackendModuleThreadedSimd.toString()` (see
 * backend_wasm.js, `mainScriptUrlOrBlob`), so that function must not depend on anything around it. The
 * Emscripten build wraps it in an arrow function that declares `_scriptDir`; once minified, the
 * function's `typeof _scriptDir` guards are folded away (the minifier sees a declared variable), and the
 * worker, which only receives the inner function's text, dies with "e is not defined". Declaring
 * `_scriptDir` inside the function makes its text self-contained. In a browser the value is the same
 * (`document.currentScript` is null for module scripts and workers); only Node's `__filename` fallback
 * goes, and Node never loads this file through Vite.
 */
import type { Plugin } from 'vite';

const FILE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const OUTER = `var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;
  if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;
  return (
function(WasmBackendModuleThreadedSimd) {`;
const INNER = `return (
function(WasmBackendModuleThreadedSimd) {
  var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;`;

/** Rewrite the threaded factory's source; throws when tfjs's text is not the one this was written for. */
export function selfContainedFactory(code: string): string {
  if (!code.includes(OUTER)) throw new Error('tfjs-wasm-threads: the threaded wasm factory changed shape; review src/build/tfjs-wasm-threads.ts');
  return code.replace(OUTER, INNER);
}

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      return FILE.test(id.split('?')[0] ?? id) ? { code: selfContainedFactory(code), map: null } : null;
    },
  };
}
