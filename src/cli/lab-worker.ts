/**
 * One worker thread of `npm run evaluate -- --phantoms N --workers K` (lab-workers.ts): loads the model
 * on its own backend instance, builds the lab's randomised networks once, then answers each seed it is
 * sent with that phantom's record. wasm runs one thread per Node process, so K threads use K cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadNodeModel } from './node-model';
import { labRunner } from './lab-eval';
import type { LabWorkerData, LabWorkerReply } from './lab-workers';

const data = workerData as LabWorkerData;
const port = parentPort;
if (!port) throw new Error('lab-worker: run me as a worker thread');
const model = await loadNodeModel({ backend: data.backend, ...(data.weightsDir ? { weightsDir: data.weightsDir } : {}) });
const runner = labRunner(model.net, model.weights, model.spec, data.options);
port.on('message', (seed: number | null) => {
  if (seed === null) {
    runner.dispose();
    model.dispose();
    port.close();
    return;
  }
  runner.slice(seed).then(
    (record) => port.postMessage({ record } satisfies LabWorkerReply),
    (e: unknown) => port.postMessage({ error: `phantom ${seed}: ${e instanceof Error ? e.message : String(e)}` } satisfies LabWorkerReply),
  );
});
port.postMessage({ ready: true } satisfies LabWorkerReply);
