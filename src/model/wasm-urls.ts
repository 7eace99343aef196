/// <reference types="vite/client" />
/**
 * Browser only (Vite/Astro): URLs of the tfjs wasm binaries, which Vite copies into the build as assets.
 * Pass to `initBackend({ wasmPaths: WASM_URLS })` in the page or worker. Node does not need this (the
 * wasm package's Node build reads the binaries from its own dist/ folder), and must not import it:
 * `?url` imports exist only under Vite.
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmPaths } from './backend';

/** Binary name → served URL, for `setWasmPaths`. */
export const WASM_URLS: WasmPaths = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};
