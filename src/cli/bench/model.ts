/**
 * Forward and per-method timings of the ResNet34 at 224x224 on the Node backends (wasm by default;
 * BENCH_BACKENDS=wasm,cpu for both), after one warm-up pass. "forward" keeps what explanations need
 * (activations, max-pool switches); "forward, scores only" is the lean pass (`net.predict`). Median of BENCH_REPS runs (default 5).
 *
 * Besides each method on its own, "every map of one slice" (the forward pass, the gradient, Guided
 * Backprop, DeconvNet, Grad-CAM and Guided Grad-CAM, one label) two ways: one backward pass per method
 * (`explain` in turn), and the batched pass (`explainMany`: the three ReLU rules in one batch, Grad-CAM
 * from the gradient's signal in it). Both in ms and in forward passes (divided by the forward median),
 * by the wall clock and by this process's CPU time (wasm runs one thread, so on a loaded machine the CPU
 * time is the steadier figure). A last line of JSON carries every median and the load average.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { MODEL_SIZE } from '../../ct/window';
import { METHOD_NAMES } from '../../explain/method';
import { openSession } from '../../explain/run';
import { loadNodeModel } from '../node-model';

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

export async function run(): Promise<void> {
  const reps = Number(process.env['BENCH_REPS'] ?? 5);
  const backends = (process.env['BENCH_BACKENDS'] ?? 'wasm').split(',') as ('wasm' | 'cpu')[];
  const x = input();
  const requests = METHOD_NAMES.map((method) => ({ method, label: 0 }));
  for (const backend of backends) {
    const load0 = loadavg();
    const model = await loadNodeModel({ backend });
    console.log(`backend ${model.backend}; weights ${model.weightsDescription}; ${reps} runs after 1 warm-up, median ms`);
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
      const session = await openSession(model.net, x, MODEL_SIZE);
      const forwardCpu = cpuMs(c0);
      // Each method timed on its own: a fresh session per method so Guided Grad-CAM pays for its parts.
      session.dispose();
      if (r > 0) times['forward']?.push(session.forwardMs);
      // The lean pass (net.predict): what deletion/insertion curves and occlusion pay per input.
      const xt = tf.tensor4d(x, [1, MODEL_SIZE, MODEL_SIZE, 3]);
      const t0p = performance.now();
      const logits = model.net.predict(xt);
      await logits.data();
      if (r > 0) times['forward, scores only']?.push(performance.now() - t0p);
      tf.dispose([xt, logits]);
      if (r > 0) cpu['forward']?.push(forwardCpu);
      for (const m of METHOD_NAMES) {
        const s = await openSession(model.net, x, MODEL_SIZE);
        const map = await s.explain({ method: m, label: 0 });
        s.dispose();
        if (r > 0) times[m]?.push(map.ms);
      }
      // Every map of one slice, forward pass included, wall clock to the last map read.
      for (const [name, batched] of [['every map, one pass per method', false], ['every map, batched', true]] as const) {
        const t0 = performance.now();
        const c1 = process.cpuUsage();
        const s = await openSession(model.net, x, MODEL_SIZE);
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
      ...(m['every map, batched'] !== undefined ? { batched: round(m['every map, batched'] / f) } : {}),
    });
    console.log(
      JSON.stringify({
        bench: 'model',
        backend: model.backend,
        weights: model.weightsDescription,
        runs: reps,
        medianMs: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, Math.round(v)])),
        medianCpuMs: Object.fromEntries(Object.entries(cpuMedians).map(([k, v]) => [k, Math.round(v)])),
        everyMapInForwardPasses: { wall: inForward(medians, fwd), cpu: inForward(cpuMedians, fwdCpu) },
        loadavg: { before: load0.map(round), after: loadavg().map(round) },
      }),
    );
    model.dispose();
  }
}
