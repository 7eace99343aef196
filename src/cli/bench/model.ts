/**
 * Forward and per-method timings of the ResNet34 at 224x224 on the Node backends (wasm by default;
 * BENCH_BACKENDS=wasm,cpu for both), after one warm-up pass. Median of BENCH_REPS runs (default 5).
 */
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
  for (const backend of backends) {
    const model = await loadNodeModel({ backend });
    console.log(`backend ${model.backend}; weights ${model.weightsDescription}; ${reps} runs after 1 warm-up, median ms`);
    const times: Record<string, number[]> = { forward: [] };
    for (const m of METHOD_NAMES) times[m] = [];
    for (let r = 0; r <= reps; r++) {
      const session = await openSession(model.net, x, MODEL_SIZE);
      // Each method timed on its own: a fresh session per method so Guided Grad-CAM pays for its parts.
      session.dispose();
      if (r > 0) times['forward']?.push(session.forwardMs);
      for (const m of METHOD_NAMES) {
        const s = await openSession(model.net, x, MODEL_SIZE);
        const map = await s.explain({ method: m, label: 0 });
        s.dispose();
        if (r > 0) times[m]?.push(map.ms);
      }
    }
    for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(16)} ${median(xs).toFixed(0).padStart(6)} ms`);
    model.dispose();
  }
}
