/**
 * The evaluation lab over many phantoms on several cores: K worker threads (lab-worker.ts), each with its
 * own model, take seeds from one queue, so a slow phantom never holds the others back. The records come
 * back in completion order; `summariseLab` sorts them.
 */
import { Worker } from 'node:worker_threads';
import type { LabOptions, LabSliceRecord } from './lab-eval';

/** What each worker is started with (structured-cloneable: no callbacks). */
export interface LabWorkerData {
  readonly backend: 'wasm' | 'cpu';
  readonly weightsDir?: string;
  readonly options: Omit<LabOptions, 'onProgress'>;
}

export type LabWorkerReply = { readonly ready: true } | { readonly record: LabSliceRecord } | { readonly error: string };

/**
 * @param seeds phantom seeds to run (each exactly once)
 * @param workers threads, ≥ 1 (more than the seeds is wasted)
 * @param onRecord each phantom's record as it completes
 * @throws Error the first worker failure (the other workers are stopped)
 */
export async function runLabWorkers(seeds: readonly number[], workers: number, data: LabWorkerData, onRecord: (r: LabSliceRecord) => void | Promise<void>): Promise<void> {
  const queue = [...seeds];
  const pool: Worker[] = [];
  const retired = new Set<Worker>();
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = seeds.length;
      if (pending === 0) return resolve();
      const next = (w: Worker): void => {
        const seed = queue.shift();
        if (seed === undefined) retired.add(w); // told to stop: its exit is expected
        w.postMessage(seed ?? null);
      };
      for (let k = 0; k < Math.min(workers, seeds.length); k++) {
        // The parent's execArgv (tsx's loader) carries over, so the worker may be TypeScript.
        const w = new Worker(new URL('./lab-worker.ts', import.meta.url), { workerData: data });
        pool.push(w);
        w.on('error', reject);
        w.on('exit', (code) => {
          if (!retired.has(w)) reject(new Error(`a lab worker stopped (exit ${code}) with ${pending} phantoms left`));
        });
        w.on('message', (msg: LabWorkerReply) => {
          if ('error' in msg) return reject(new Error(msg.error));
          if ('record' in msg) {
            Promise.resolve(onRecord(msg.record)).then(() => {
              if (--pending === 0) resolve();
            }, reject);
          }
          next(w);
        });
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
