/**
 * The engine's timings on whatever tfjs backend is current, shared by the `model` (Node wasm/cpu) and
 * `webgpu` (Dawn for Node) benchmarks: the forward pass, the lean scores-only pass, each method on its
 * own (a fresh session per method, so Guided Grad-CAM pays for its parts), and every map of one slice
 * (forward included) one backward pass per method and batched, by the wall clock and this process's CPU
 * time. Medians of `reps` runs after one warm-up. Beside src/cli/bench/, not in it: every file there is
 * a benchmark of its own.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MODEL_SIZE } from '../ct/window';
import { METHOD_NAMES } from '../explain/method';
import { openSession } from '../explain/run';
import type { ResNet } from '../model/resnet34';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** A deterministic, image-like input (smooth blobs), normalised like the model input. */
function input(): Float32Array {
  const n = MODEL_SIZE;
  return Float32Array.from({ length: n * n * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    const x = (p % n) / n;
    const y = Math.floor(p / n) / n;
    return Math.tanh(Math.sin(9 * x) * Math.cos(7 * y) + (i % 3) * 0.3);
  });
}

export interface EngineFigures {
  /** Median wall ms per step name (rounded). */
  readonly medianMs: Record<string, number>;
  /** Median CPU ms for the forward pass and the every-map steps (rounded). */
  readonly medianCpuMs: Record<string, number>;
  /** Every map of one slice in forward passes, by wall clock and by CPU time. */
  readonly everyMapInForwardPasses: { wall: Record<string, number>; cpu: Record<string, number> };
}

/** Time the engine on `net` (label 0) and print one line per step. */
export async function engineFigures(net: ResNet, reps: number): Promise<EngineFigures> {
  const x = input();
  const requests = METHOD_NAMES.map((method) => ({ method, label: 0 }));
  const times: Record<string, number[]> = { forward: [], 'forward, scores only': [] };
  const cpu: Record<string, number[]> = { forward: [], 'every map, one pass per method': [], 'every map, batched': [] };
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  for (const m of METHOD_NAMES) times[m] = [];
  times['every map, one pass per method'] = [];
  times['every map, batched'] = [];
  for (let r = 0; r <= reps; r++) {
    const c0 = process.cpuUsage();
    const session = await openSession(net, x, MODEL_SIZE);
    const forwardCpu = cpuMs(c0);
    session.dispose();
    if (r > 0) times['forward']?.push(session.forwardMs);
    if (r > 0) cpu['forward']?.push(forwardCpu);
    // The lean pass (net.predict): what deletion/insertion curves and occlusion pay per input.
    const xt = tf.tensor4d(x, [1, MODEL_SIZE, MODEL_SIZE, 3]);
    const t0p = performance.now();
    const logits = net.predict(xt);
    await logits.data();
    if (r > 0) times['forward, scores only']?.push(performance.now() - t0p);
    tf.dispose([xt, logits]);
    for (const m of METHOD_NAMES) {
      const s = await openSession(net, x, MODEL_SIZE);
      const map = await s.explain({ method: m, label: 0 });
      s.dispose();
      if (r > 0) times[m]?.push(map.ms);
    }
    // Every map of one slice, forward pass included, wall clock to the last map read.
    for (const [name, batched] of [['every map, one pass per method', false], ['every map, batched', true]] as const) {
      const t0 = performance.now();
      const c1 = process.cpuUsage();
      const s = await openSession(net, x, MODEL_SIZE);
      if (batched) await s.explainMany(requests);
      else for (const q of requests) await s.explain(q);
      const ms = performance.now() - t0;
      const msCpu = cpuMs(c1);
      s.dispose();
      if (r > 0) times[name]?.push(ms);
      if (r > 0) cpu[name]?.push(msCpu);
    }
  }
  const medians = Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
  const cpuMedians = Object.fromEntries(Object.entries(cpu).filter(([, xs]) => xs.length > 0).map(([name, xs]) => [name, median(xs)]));
  const fwd = medians['forward'] as number;
  const fwdCpu = cpuMedians['forward'] as number;
  for (const [name, ms] of Object.entries(medians)) {
    const c = cpuMedians[name];
    const passes = name.startsWith('every map') ? `  = ${(ms / fwd).toFixed(2)} forward passes` : '';
    const cpuText = c === undefined ? '' : `  (CPU ${c.toFixed(0)} ms${name.startsWith('every map') ? ` = ${(c / fwdCpu).toFixed(2)} forward passes` : ''})`;
    console.log(`  ${name.padEnd(31)} ${ms.toFixed(0).padStart(6)} ms${passes}${cpuText}`);
  }
  const round = (v: number): number => Math.round(v * 100) / 100;
  const inForward = (m: Record<string, number>, f: number): Record<string, number> => ({
    onePassPerMethod: round((m['every map, one pass per method'] as number) / f),
    batched: round((m['every map, batched'] as number) / f),
  });
  return {
    medianMs: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, Math.round(v)])),
    medianCpuMs: Object.fromEntries(Object.entries(cpuMedians).map(([k, v]) => [k, Math.round(v)])),
    everyMapInForwardPasses: { wall: inForward(medians, fwd), cpu: inForward(cpuMedians, fwdCpu) },
  };
}
