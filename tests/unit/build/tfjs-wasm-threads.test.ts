import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { selfContainedFactory, tfjsWasmThreads } from '../../../src/build/tfjs-wasm-threads';

const require = createRequire(import.meta.url);
const file = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
const source = readFileSync(file, 'utf8');

/** The text tfjs hands each pthread worker: the exported factory's own source (backend_wasm.js). */
function workerText(code: string): string {
  const module = { exports: {} as unknown };
  runInNewContext(code, { module, exports: module.exports });
  return (module.exports as () => unknown).toString();
}

describe('tfjs-wasm-threads (Vite plugin)', () => {
  it("the factory tfjs sends to its threads declares _scriptDir itself, so minifying it cannot leave a free name", () => {
    expect(workerText(source)).not.toMatch(/var _scriptDir/); // the bug: declared outside, in the wrapper
    const text = workerText(selfContainedFactory(source));
    expect(text).toMatch(/^function\(WasmBackendModuleThreadedSimd\) \{\s*var _scriptDir = /);
  });

  it('transforms only that file, and refuses a changed tfjs instead of shipping a broken page', () => {
    const plugin = tfjsWasmThreads();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    expect(transform.call({}, source, file)?.code).toBe(selfContainedFactory(source));
    expect(transform.call({}, 'const x = 1;', '/src/other.js')).toBeNull();
    expect(() => selfContainedFactory('var WasmBackendModuleThreadedSimd = function() {};')).toThrow(/changed shape/);
  });
});
