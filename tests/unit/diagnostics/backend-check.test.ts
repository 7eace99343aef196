import { describe, expect, it } from 'vitest';
import { checkBackends } from '../../../src/diagnostics/backend-check';

describe('checkBackends (tiny network on every Node backend against cpu)', () => {
  it('finds wasm complete and in agreement, and webgl unavailable in Node', async () => {
    const { kernels, results } = await checkBackends(['wasm', 'webgl']);
    expect(kernels).toContain('Conv2D');
    expect(kernels).toContain('DepthwiseConv2dNative');
    const wasm = results.find((r) => r.backend === 'wasm');
    expect(wasm?.missingKernels).toEqual([]);
    expect(wasm?.ok).toBe(true);
    for (const d of Object.values(wasm?.relativeDiff ?? {})) expect(d).toBeLessThan(1e-4);
    const methods = ['gradient', 'deconvnet', 'gradcam', 'guided-backprop', 'guided-gradcam'];
    expect(Object.keys(wasm?.relativeDiff ?? {})).toEqual(['logits', ...methods, ...methods.map((m) => `${m} (batched)`)]);
    const webgl = results.find((r) => r.backend === 'webgl');
    expect(webgl?.ok).toBe(false);
    expect(webgl?.error).toMatch(/not available|failed/);
  });
});
