/**
 * `npm run bench -- phantom`: phantom generation speed (slices/s, one thread) at 224 and 512, as the
 * TypeScript sources run under tsx, and at 224 as the CLI's workers run it (the esbuild bundle).
 */
import { Worker } from 'node:worker_threads';
import { generatePhantom, type PhantomSize } from '../../phantom/index';
import type { ShardJob } from '../../phantom/shard';
import { workerScript } from '../phantom';

function measure(size: PhantomSize, count: number, seed0: number): number {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) generatePhantom(seed0 + i, { size });
  return count / ((performance.now() - t0) / 1000);
}

/** Slices/s of one CLI worker on `count` slices at 224, after a 64-slice warm-up run. */
async function measureWorker(count: number): Promise<number> {
  const w = new Worker(workerScript(), { eval: true, execArgv: [] });
  const run = (job: ShardJob): Promise<void> =>
    new Promise((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.postMessage(job);
    });
  try {
    await run({ seedStart: 999_000, first: 0, count: 64, size: 224 });
    const t0 = performance.now();
    await run({ seedStart: 1, first: 0, count, size: 224 });
    return count / ((performance.now() - t0) / 1000);
  } finally {
    await w.terminate();
  }
}

/** Print slices per second on one thread (after a short warm-up). */
export async function run(): Promise<void> {
  measure(224, 20, 999_000);
  const r224 = measure(224, 300, 1);
  const r512 = measure(512, 40, 1);
  const bundled = await measureWorker(600);
  console.log(`phantom 224x224: ${r224.toFixed(0)} slices/s (one thread, tsx, 300 slices)`);
  console.log(`phantom 512x512: ${r512.toFixed(1)} slices/s (one thread, tsx, 40 slices)`);
  console.log(`phantom 224x224: ${bundled.toFixed(0)} slices/s (one CLI worker, esbuild bundle, 600 slices after warm-up)`);
}
