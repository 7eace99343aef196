/**
 * Does each tfjs backend run this project's network, and does it agree with the cpu backend?
 * Runs a tiny seeded ResNet of the same operations (TINY_RESNET) on every backend: forward logits and
 * every explanation method on one fixed input (one pass per method, and all from one batched pass), the kernels each backend lacks, and the largest
 * difference from the cpu reference. Used by the diagnostics page and its end-to-end test. It lives above
 * the engine (src/model, src/explain), which it checks as a whole, and nothing in the engine imports it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { TINY_RESNET } from '../model/arch';
import { initBackend, type WasmPaths } from '../model/backend';
import { createResNet } from '../model/resnet34';
import { seededWeights } from '../model/weights-seeded';
import { METHOD_NAMES } from '../explain/method';
import { openSession } from '../explain/run';

const SIZE = 48;

/** One backend's outcome. Differences are max |x - x_cpu| / max |x_cpu| per output. */
export interface BackendCheck {
  readonly backend: string;
  readonly ok: boolean;
  readonly error?: string;
  /** Kernels the network used on cpu that this backend does not register. */
  readonly missingKernels: readonly string[];
  readonly relativeDiff: Readonly<Record<string, number>>;
  readonly ms: number;
}

interface Outputs {
  readonly kernels: readonly string[];
  readonly values: Record<string, Float32Array>;
}

const fixedInput = (): Float32Array =>
  Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.011));

/** Run the tiny network and every method on the current backend, listing the kernels it ran. */
async function runAll(): Promise<Outputs> {
  const weights = seededWeights(TINY_RESNET, 1);
  const net = createResNet(weights, TINY_RESNET);
  const values: Record<string, Float32Array> = {};
  const kernels = new Set<string>();
  try {
    const info = await tf.profile(async () => {
      const session = await openSession(net, fixedInput(), SIZE);
      values['logits'] = session.logits;
      for (const method of METHOD_NAMES) values[method] = (await session.explain({ method, label: 2, layer: 'layer3' })).data;
      session.dispose();
      // The same maps from one batched backward pass (the comparison grid's path).
      const batched = await openSession(net, fixedInput(), SIZE);
      const maps = await batched.explainMany(METHOD_NAMES.map((method) => ({ method, label: 2, layer: 'layer3' })));
      for (const m of maps) values[`${m.request.method} (batched)`] = m.data;
      batched.dispose();
    });
    for (const k of info.kernelNames) kernels.add(k);
  } finally {
    net.dispose();
    tf.dispose(Object.values(weights));
  }
  return { kernels: [...kernels].sort(), values };
}

function relativeDiff(a: Float32Array, ref: Float32Array): number {
  let d = 0;
  let m = 0;
  ref.forEach((v, i) => {
    d = Math.max(d, Math.abs(v - (a[i] as number)));
    m = Math.max(m, Math.abs(v));
  });
  return m > 0 ? d / m : d;
}

/**
 * Check `names` against cpu. Leaves the last checked backend active; the caller re-initialises.
 * @param tolerance the largest relative difference counted as agreement (default 1e-3)
 */
export async function checkBackends(
  names: readonly string[],
  opts: { wasmPaths?: WasmPaths; tolerance?: number; onProgress?: (step: string) => void } = {},
): Promise<{ kernels: readonly string[]; results: BackendCheck[] }> {
  const tolerance = opts.tolerance ?? 1e-3;
  opts.onProgress?.('cpu');
  await initBackend({ candidates: ['cpu'] });
  const ref = await runAll();
  const results: BackendCheck[] = [];
  for (const backend of names) {
    opts.onProgress?.(backend);
    const t0 = performance.now();
    try {
      await initBackend({ candidates: [backend], ...(opts.wasmPaths ? { wasmPaths: opts.wasmPaths } : {}) });
      const missingKernels = ref.kernels.filter((k) => tf.getKernel(k, backend) === undefined);
      const out = await runAll();
      const diffs: Record<string, number> = {};
      for (const [name, v] of Object.entries(ref.values)) diffs[name] = relativeDiff(out.values[name] ?? new Float32Array(v.length), v);
      const worst = Math.max(...Object.values(diffs));
      const ok = missingKernels.length === 0 && worst <= tolerance;
      results.push({
        backend,
        ok,
        ...(ok ? {} : { error: missingKernels.length ? `missing kernels: ${missingKernels.join(', ')}` : `differs from cpu by ${worst.toExponential(2)}` }),
        missingKernels,
        relativeDiff: diffs,
        ms: performance.now() - t0,
      });
    } catch (e) {
      results.push({ backend, ok: false, error: e instanceof Error ? e.message : String(e), missingKernels: [], relativeDiff: {}, ms: performance.now() - t0 });
    }
  }
  return { kernels: ref.kernels, results };
}
