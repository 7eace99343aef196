/**
 * The engine on tfjs's WebGPU backend in Node (through the `webgpu` package, Dawn) against the cpu
 * backend: the seeded TINY_RESNET's logits and a Guided Backprop map agree within 1e-4 of the largest
 * value. Skipped where Dawn finds no WebGPU adapter (no GPU, no usable Vulkan driver), or where the
 * optional `webgpu` package is missing: it never fails for want of a GPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { initBackend } from '../../../src/model/backend';
import { createResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { openSession } from '../../../src/explain/run';
import { TINY_INPUT, TINY_SIZE } from '../helpers/tiny-resnet';

/** Dawn's GPU object and its adapter, or null (with why) when there is none. */
async function findAdapter(): Promise<{ gpu: GPU; adapter: GPUAdapter } | { gpu: null; reason: string }> {
  try {
    const webgpu = await import('webgpu');
    Object.assign(globalThis, webgpu.globals);
    const gpu = webgpu.create([]);
    const adapter = await gpu.requestAdapter();
    return adapter === null ? { gpu: null, reason: 'no WebGPU adapter on this machine' } : { gpu, adapter };
  } catch (e) {
    return { gpu: null, reason: `the webgpu package cannot load here (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}

const found = await findAdapter();
const skipped = found.gpu === null ? ` (skipped: ${found.reason})` : '';

/** Logits and the Guided Backprop map of label 1 on the current backend, from freshly seeded weights. */
async function compute(): Promise<{ logits: Float32Array; map: Float32Array }> {
  const weights = seededWeights(TINY_RESNET, 3);
  const net = createResNet(weights, TINY_RESNET);
  try {
    const session = await openSession(net, TINY_INPUT, TINY_SIZE);
    const map = await session.explain({ method: 'guided-backprop', label: 1 });
    const logits = session.logits.slice();
    session.dispose();
    return { logits, map: map.data.slice() };
  } finally {
    net.dispose();
    tf.dispose(Object.values(weights));
  }
}

/** Largest |a - b| over the largest |b|. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / Math.max(scale, 1e-30);
}

describe('webgpu backend in Node (Dawn)', () => {
  let cpu: { logits: Float32Array; map: Float32Array } | null = null;
  let gpu: { logits: Float32Array; map: Float32Array } | null = null;

  beforeAll(async () => {
    if (found.gpu === null) return;
    await initBackend({ candidates: ['cpu'] });
    cpu = await compute();
    // tfjs-backend-webgpu registers itself on import only where navigator.gpu exists (Node 21+ has a navigator).
    const nav = (globalThis as { navigator?: object }).navigator;
    if (nav !== undefined) Object.defineProperty(nav, 'gpu', { value: found.gpu, configurable: true, writable: true });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu: found.gpu }, configurable: true, writable: true });
    await initBackend({ candidates: ['webgpu'] });
    gpu = await compute();
  });

  afterAll(() => {
    if (found.gpu === null) return;
    const backend = tf.findBackend('webgpu') as { device?: GPUDevice } | null;
    const device = backend?.device;
    if (backend !== null) tf.removeBackend('webgpu');
    device?.destroy();
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    if (nav !== undefined) delete nav.gpu;
  });

  // Skipped where there is no GPU: no WebGPU adapter on this machine (or the optional webgpu package is missing).
  it.skipIf(found.gpu === null)(`logits and a Guided Backprop map match the cpu backend within 1e-4${skipped}`, () => {
    if (cpu === null || gpu === null) throw new Error('beforeAll did not run');
    expect(gpu.logits.length).toBe(TINY_RESNET.classes);
    expect(gpu.map.length).toBe(cpu.map.length);
    expect(gpu.map.some((v) => v !== 0)).toBe(true);
    expect(relativeError(gpu.logits, cpu.logits)).toBeLessThan(1e-4);
    expect(relativeError(gpu.map, cpu.map)).toBeLessThan(1e-4);
  });
});
