/**
 * The same engine as bench/model.ts (the site's weights loader, createResNet, openSession, explain and
 * explainMany) on tfjs's WebGPU backend outside the browser, through the `webgpu` package (Dawn for
 * Node, a devDependency, imported here only). Same figures: forward, each method, every map of one
 * slice both ways, medians of BENCH_REPS runs (default 5) after one warm-up, one JSON line; plus the
 * adapter (vendor, architecture, device, fallback or not) and the goal: every map of one slice in under
 * 100 ms.
 *
 * With no WebGPU adapter (no GPU, no usable Vulkan driver) it says so in one line and returns, so that
 * `npm run bench` goes on. A software (fallback) adapter, such as Mesa's lavapipe, is used only when
 * this benchmark is named (`npm run bench -- webgpu`): its figures are CPU figures, not a GPU's.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { engineFigures } from '../bench-engine';
import { initBackend } from '../../model/backend';
import { createResNet } from '../../model/resnet34';
import { disposeWeights } from '../../model/weights';
import { defaultWeights } from '../../model/weights-node';

/** The goal of issue #14, in ms: every map of one slice (forward pass included). */
const GOAL_MS = 100;

interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  fallback: boolean;
}

/** What tfjs-backend-webgpu reads: `navigator.gpu` (Node 21+ has a `navigator` of its own). */
function exposeGpu(gpu: GPU | undefined): void {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (gpu === undefined) {
    if (nav !== undefined && 'gpu' in nav) delete (nav as { gpu?: GPU }).gpu;
    return;
  }
  if (nav !== undefined) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}

export async function run(): Promise<void> {
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await import('webgpu');
  } catch (e) {
    console.log(`webgpu: skipped, the "webgpu" package (Dawn for Node) is not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    return;
  }
  Object.assign(globalThis, webgpu.globals);
  const gpu = webgpu.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) {
    console.log('webgpu: skipped, no WebGPU adapter on this machine (Dawn found no GPU or usable Vulkan driver)');
    return;
  }
  const raw = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const info: AdapterInfo = {
    vendor: raw.vendor,
    architecture: raw.architecture,
    device: raw.device,
    description: raw.description,
    fallback: raw.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
  };
  const adapterLine = `adapter: ${info.description || info.device} (vendor ${info.vendor || '?'}, architecture ${info.architecture || '?'}, device ${info.device || '?'})${info.fallback ? '; a software (fallback) adapter, not a GPU' : ''}`;
  const named = process.argv.slice(2).includes('webgpu');
  if (info.fallback && !named) {
    console.log(`webgpu: skipped, only a software (fallback) WebGPU adapter here; name it to run anyway (npm run bench -- webgpu). ${adapterLine}`);
    return;
  }

  // tfjs-backend-webgpu registers itself on import only where navigator.gpu exists.
  exposeGpu(gpu);
  const reps = Number(process.env['BENCH_REPS'] ?? 5);
  const load0 = loadavg();
  try {
    const choice = await initBackend({ candidates: ['webgpu'] });
    const loaded = await defaultWeights();
    const net = createResNet(loaded.weights, loaded.spec);
    const weightsDescription = loaded.note.replace(/^weights: /, '');
    console.log(adapterLine);
    console.log(`backend ${choice.name}; weights ${weightsDescription}; ${reps} runs after 1 warm-up, median ms`);
    const figures = await engineFigures(net, reps);
    const best = Math.min(figures.medianMs['every map, batched'] as number, figures.medianMs['every map, one pass per method'] as number);
    const met = best < GOAL_MS;
    console.log(
      `goal: every map of one slice in under ${GOAL_MS} ms: ${met ? 'met' : 'not met'} (${best.toFixed(0)} ms, the faster of the two ways)` +
        (info.fallback ? ' (software adapter: CPU figures, not a GPU)' : ''),
    );
    const round = (v: number): number => Math.round(v * 100) / 100;
    console.log(
      JSON.stringify({
        bench: 'webgpu',
        backend: choice.name,
        adapter: info,
        weights: weightsDescription,
        runs: reps,
        ...figures,
        goal: { everyMapUnderMs: GOAL_MS, bestMs: Math.round(best), met },
        loadavg: { before: load0.map(round), after: loadavg().map(round) },
      }),
    );
    net.dispose();
    disposeWeights(loaded.weights);
  } finally {
    // Free the backend's buffers and the device, and drop every reference to Dawn so that node can exit.
    const backend = tf.findBackend('webgpu') as { device?: GPUDevice } | null;
    const device = backend?.device;
    if (tf.findBackend('webgpu') !== null) tf.removeBackend('webgpu');
    device?.destroy();
    exposeGpu(undefined);
  }
}
