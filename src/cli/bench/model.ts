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
import { loadNodeModel } from '../node-model';
import { engineFigures } from '../bench-engine';

export async function run(): Promise<void> {
  const reps = Number(process.env['BENCH_REPS'] ?? 5);
  const backends = (process.env['BENCH_BACKENDS'] ?? 'wasm').split(',') as ('wasm' | 'cpu')[];
  for (const backend of backends) {
    const load0 = loadavg();
    const model = await loadNodeModel({ backend });
    console.log(`backend ${model.backend}; weights ${model.weightsDescription}; ${reps} runs after 1 warm-up, median ms`);
    const figures = await engineFigures(model.net, reps);
    const round = (v: number): number => Math.round(v * 100) / 100;
    console.log(
      JSON.stringify({
        bench: 'model',
        backend: model.backend,
        weights: model.weightsDescription,
        runs: reps,
        ...figures,
        loadavg: { before: load0.map(round), after: loadavg().map(round) },
      }),
    );
    model.dispose();
  }
}
